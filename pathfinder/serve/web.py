"""``pathfinder serve web``: the app in a browser (``textual-serve``), under the SSH host's limits.

Each browser tab that opens the page gets one app process (``web_child.py``: limits, session directory,
app user, allow-listed environment, Textual's web driver on stdin/stdout). Admission is the SSH host's:
sessions in total and per address, a per-address connection rate, an idle timeout and a time limit. An
optional password (HTTP basic authentication: use it behind TLS). Behind a reverse proxy listed in
``forwarded_from`` the visitor's address, the scheme and the host come from ``X-Forwarded-For`` /
``-Proto`` / ``-Host`` (then the page's websocket is ``wss://`` when the proxy speaks https).
Browser visitors have no key: a scratch folder for the visit, "Download plan (TOML)" in the palette
(Textual's file delivery) and an "Upload plan" button on the page.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import ipaddress
import json
import re
import secrets
import shutil
import signal
import time
from base64 import b64decode
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from pathfinder.serve.config import ServeConfig
from pathfinder.serve.forkserver import ForkServer, ForkServerError
from pathfinder.serve.host import log_session, logger
from pathfinder.serve.limits import ConnectionRate, SessionSlots
from pathfinder.serve.metrics import Metrics
from pathfinder.serve.proxy import parse_networks, trusted
from pathfinder.serve.terminal import clamp_size
from pathfinder.serve.visitors import MAX_IMPORT_BYTES, CommandRefused, Owner, import_upload
from pathfinder.serve.web_apps import SessionAppService, WebSession

TEMPLATES = Path(__file__).parent / "web_templates"
TOKEN_LIFETIME = 60.0
"""A page's websocket must connect within this long of the page being served."""
SPAWN_WAIT = 20.0
FIRST_FRAME_WAIT = 3.0
_HOST_HEADER = re.compile(r"^[A-Za-z0-9.\-]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?$")


@dataclass
class WebVisitor:
    """Where a request comes from, as far as this server may believe it."""

    ip: str
    scheme: str
    host: str

    @property
    def base_url(self) -> str:
        return f"{self.scheme}://{self.host}"


class WebDoor(Server):
    """textual-serve's server with the host's admission, sessions of its own, uploads and metrics."""

    def __init__(
        self,
        config: ServeConfig,
        metrics: Metrics,
        owner: Owner,
        password: str | None,
        forkserver: ForkServer,
    ) -> None:
        super().__init__("pathfinder", host=config.host, port=config.web_port, title="Pathfinder")
        self.config = config
        self.forkserver = forkserver
        self.metrics = metrics
        self.owner = owner
        self.password = password
        self.forwarders = parse_networks(config.forwarded_from)
        self.rate = ConnectionRate(config.connections_per_minute)
        self.slots = SessionSlots(config.max_sessions, config.max_per_ip)
        self.tokens: dict[str, tuple[str, float]] = {}
        """Page tokens not yet used by a websocket: token → (visitor address, when issued)."""
        self.sessions: dict[str, WebSession] = {}
        self.spawns = asyncio.Semaphore(config.max_spawns)
        """Apps starting at once (start-up is CPU-bound): a slot frees at the app's first frame."""
        self.shutting_down = False
        self.background: set[asyncio.Task[None]] = set()
        """Tasks of the door's own (a fork server being started again), kept until they are done."""

    # -- who is asking ----------------------------------------------------------------------------------
    def visitor(self, request: web.Request) -> WebVisitor:
        peer = request.transport.get_extra_info("peername") if request.transport else None
        ip = str(peer[0]) if peer else "?"
        host = request.headers.get("Host", "")
        scheme = "http"
        if trusted(ip, self.forwarders):
            forwarded = request.headers.get("X-Forwarded-For", "").split(",")[-1].strip()
            with contextlib.suppress(ValueError):
                ip = str(ipaddress.ip_address(forwarded))
            if request.headers.get("X-Forwarded-Proto", "").strip().lower() == "https":
                scheme = "https"
            host = request.headers.get("X-Forwarded-Host", host).split(",")[-1].strip()
        if not _HOST_HEADER.match(host):
            host = f"{self.config.host}:{self.config.web_port}"
        return WebVisitor(ip, scheme, host)

    def refusal(self, ip: str) -> tuple[str, str] | None:
        """(reason, message) when a session from ``ip`` cannot start now."""
        if self.shutting_down:
            return "shutting_down", "The demo server is shutting down."
        reason = self.slots.refusal_reason(ip)
        message = self.slots.refusal(ip)
        return (reason, message) if reason and message else None

    # -- the web application ----------------------------------------------------------------------------
    async def _make_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_IMPORT_BYTES + 4096, middlewares=[self._guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.post("/upload/{token}", self.handle_upload, name="upload"),
            web.static("/static", self.statics_path, name="static"),
        ])  # fmt: skip
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """The password (if any), and headers that keep the page out of frames and caches."""
        if self.password is not None and not self._authorized(request):
            if "Authorization" in request.headers:
                self.metrics.refused("web", "auth")
            return web.Response(
                status=401,
                text="A password is needed.",
                headers={"WWW-Authenticate": 'Basic realm="Pathfinder"'},
            )
        response: web.StreamResponse = await handler(request)
        if not response.prepared:
            response.headers.setdefault("X-Frame-Options", "DENY")
            response.headers.setdefault("Cache-Control", "no-store")
            response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    def _authorized(self, request: web.Request) -> bool:
        kind, _, encoded = request.headers.get("Authorization", "").partition(" ")
        if kind.lower() != "basic" or len(encoded) > 1024:
            return False
        try:
            _user, _, given = b64decode(encoded, validate=True).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            return False
        return hmac.compare_digest(given.encode(), (self.password or "").encode())

    async def handle_index(self, request: web.Request) -> web.Response:
        visitor = self.visitor(request)
        refused = self.refusal(visitor.ip)
        if refused is not None:
            self.metrics.refused("web", refused[0])
            log_session({"event": "refused", "door": "web", "ip": visitor.ip, "why": refused[0]})
            return self._page(
                "refused.html",
                request,
                {"message": refused[1]},
                status=503 if refused[0] != "per_ip" else 429,
            )
        now = time.monotonic()
        for token, (_ip, issued) in list(self.tokens.items()):
            if now - issued > TOKEN_LIFETIME:
                del self.tokens[token]
        token = secrets.token_urlsafe(18)
        self.tokens[token] = (visitor.ip, now)
        columns, rows = 80, 24
        ws_scheme = "wss" if visitor.scheme == "https" else "ws"
        context = {
            "font_size": max(8, min(32, _to_int(request.query.get("fontsize", "16"), 16))),
            "app_websocket_url": f"{ws_scheme}://{visitor.host}/ws?token={token}&width={columns}&height={rows}",
            "upload_url": f"/upload/{token}",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": "Pathfinder"},
        }
        return self._page("app_index.html", request, context)

    def _page(
        self, name: str, request: web.Request, context: dict[str, Any], status: int = 200
    ) -> web.Response:
        context.setdefault("application", {"name": "Pathfinder"})
        response = aiohttp_jinja2.render_template(name, request, context, status=status)
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        visitor = self.visitor(request)
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=64 * 1024)
        token = request.query.get("token", "")
        issued = self.tokens.pop(token, None)
        refused = self.refusal(visitor.ip)
        if not self.rate.allow(visitor.ip):
            refused = ("rate", "Too many connections from your address. Please wait a minute.")
        if issued is None or issued[0] != visitor.ip:
            refused = ("expired", "This page has expired: reload it.") if refused is None else refused
        await websocket.prepare(request)
        if refused is not None:
            self.metrics.refused("web", refused[0])
            log_session({"event": "refused", "door": "web", "ip": visitor.ip, "why": refused[0]})
            await websocket.close(code=1013, message=refused[1][:120].encode())
            return websocket
        await self._run_session(request, websocket, visitor, token)
        return websocket

    async def _run_session(
        self, request: web.Request, websocket: web.WebSocketResponse, visitor: WebVisitor, token: str
    ) -> None:
        config = self.config
        self.slots.take(visitor.ip)
        self.metrics.session_started("web")
        name = secrets.token_hex(8)
        home = self.owner.make_dir(config.web_sessions_root / name)
        session = WebSession(token, name, visitor.ip, home, self.owner.make_dir(home / "plans"),
                             config.logs_root / f"web-{name}.log")  # fmt: skip
        self.owner.make_dir(home / "data")
        self.sessions[token] = session
        record: dict[str, Any] = {"event": "session", "door": "web", "ip": visitor.ip, "visitor": "anonymous"}
        end = "disconnected"
        columns, rows = clamp_size(
            _to_int(request.query.get("width", "80"), 80), _to_int(request.query.get("height", "24"), 24)
        )
        service = SessionAppService(
            self, session, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
            close=websocket.close, download_manager=self.download_manager,
        )  # fmt: skip
        session.service = service
        try:
            try:
                await asyncio.wait_for(self.spawns.acquire(), SPAWN_WAIT)
            except TimeoutError:
                end = "busy"
                self.metrics.refused("web", "busy")
                await websocket.close(code=1013, message=b"The demo is busy starting other sessions.")
                return
            service.spawn_held = True
            asyncio.get_running_loop().call_later(FIRST_FRAME_WAIT, service.release_spawn)
            await service.start(columns, rows)
            watchdog = asyncio.ensure_future(self._watchdog(session, websocket))
            try:
                await self._pump(websocket, service, session)
            finally:
                watchdog.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await watchdog
            app_task = service._task
            if session.ended_by is not None:
                end = session.ended_by
            elif app_task is not None and app_task.done():
                end = "quit"  # the app ended (it closed the page's websocket)
        except Exception:
            logger.exception("web session failed")
            end = "server error"
        finally:
            service.release_spawn()
            await service.stop()
            self.sessions.pop(token, None)
            shutil.rmtree(home, ignore_errors=True)
            with contextlib.suppress(OSError):
                if session.log_path.stat().st_size == 0:
                    session.log_path.unlink()
            self.slots.release(visitor.ip)
            duration = time.monotonic() - session.started
            self.metrics.session_ended("web", end, duration)
            record.update(end=end, duration=round(duration, 3))
            log_session(record)

    async def _pump(self, websocket: web.WebSocketResponse, service: AppService, session: WebSession) -> None:
        """The browser's messages to the app (keys, resizes, focus), as textual-serve does, noting input."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
                kind, data = envelope[0], envelope[1]
            except (ValueError, TypeError, IndexError, KeyError):
                continue
            if kind == "stdin" and isinstance(data, str):
                session.last_input = time.monotonic()
                await service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                columns, rows = clamp_size(
                    _to_int(str(data.get("width")), 80), _to_int(str(data.get("height")), 24)
                )
                await service.set_terminal_size(columns, rows)
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

    async def _watchdog(self, session: WebSession, websocket: web.WebSocketResponse) -> str:
        """Close the page's websocket on the idle timeout or the time limit; returns which."""
        config = self.config
        tick = max(0.05, min(1.0, config.idle_timeout / 10))
        while True:
            await asyncio.sleep(tick)
            now = time.monotonic()
            why = None
            if self.shutting_down:
                why = "server shutdown"
            elif now - session.last_input >= config.idle_timeout:
                why = "idle timeout"
            elif now - session.started >= config.max_duration:
                why = "time limit"
            if why is not None:
                session.ended_by = why
                await websocket.close(code=1000, message=why.encode())
                return why

    async def handle_upload(self, request: web.Request) -> web.Response:
        """A plan file from the visitor's computer into this visit's plans (validated like ``import``)."""
        visitor = self.visitor(request)
        session = self.sessions.get(request.match_info["token"])
        if session is None or session.ip != visitor.ip:
            return web.Response(status=404, text="This page's session has ended: reload the page.")
        data = await request.content.read(MAX_IMPORT_BYTES + 1)
        try:
            name = await import_upload(session.plan_dir, data, self.config.user, self.owner)
        except CommandRefused as refusal:
            return web.Response(status=400, text=f"Not uploaded: {refusal}")
        log_session({"event": "upload", "door": "web", "ip": visitor.ip, "plan": name})
        return web.Response(text=f"Uploaded as {name!r}: open it in the app with ctrl+o.")

    async def shut_down(self) -> None:
        """End every session (their apps quit or are hung up)."""
        self.shutting_down = True
        services = [session.service for session in self.sessions.values() if session.service is not None]
        await asyncio.gather(*(service.stop() for service in services), return_exceptions=True)


def _to_int(text: str, default: int) -> int:
    try:
        return int(text)
    except ValueError:
        return default


async def serve_web(config: ServeConfig, *, ready: asyncio.Event | None = None) -> int:
    """Run the browser door until SIGTERM/SIGINT; every session is ended before returning."""
    from pathfinder.serve.metrics import Health, door_health, serve_metrics, watch_forkserver
    from pathfinder.serve.server import lock_data_dir, prepare_folders, read_password

    config.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    lock_fd = lock_data_dir(config.data_dir)
    try:
        owner = Owner.for_user(config.user)
        password = read_password(config.password_file)
        prepare_folders(config, owner, config.web_sessions_root, config.web_spares_root)
        metrics = Metrics()
        forkserver = ForkServer(
            config.app,
            config.app_path,
            warm_up=config.warm_up,
            spares=config.spares,
            max_apps=config.max_sessions,
            truecolor=True,
            scratch=config.web_spares_root,
            web=True,
        )
        try:
            await forkserver.start()
        except ForkServerError as error:
            from pathfinder.errors import PathfinderError

            raise PathfinderError(str(error), "Cannot start the demo app") from error
        watch_forkserver(metrics, forkserver)
        door = WebDoor(config, metrics, owner, password, forkserver)
        runner = web.AppRunner(await door._make_app(), access_log=None, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, config.host, config.web_port)
        try:
            await site.start()
        except OSError as error:
            await runner.cleanup()
            await forkserver.stop()
            from pathfinder.errors import PathfinderError

            raise PathfinderError(
                f"Cannot listen on {config.host}:{config.web_port}: {error.strerror}", "Cannot start"
            ) from error
        port = int(runner.addresses[0][1]) if runner.addresses else config.web_port
        shown = config.host if config.host not in ("0.0.0.0", "::", "") else "HOST"
        print(f"Pathfinder web demo listening on {config.host}:{port}", flush=True)
        print(f"Visitors open: http://{shown}:{port}/", flush=True)

        def health() -> Health:
            sessions, shutting_down = door.slots.total, door.shutting_down
            return door_health(forkserver, sessions, config.max_sessions, shutting_down, door.background)

        metrics_server = await serve_metrics(config, metrics, health)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop.set)
        if ready is not None:
            ready.set()
        await stop.wait()
        logger.info("shutting down: ending %d browser sessions", len(door.sessions))
        await door.shut_down()
        await runner.cleanup()
        await forkserver.stop()
        if metrics_server is not None:
            await metrics_server.stop()
        return 0
    finally:
        import os

        os.close(lock_fd)
