"""The SSH listener: authentication, per-IP admission, and the lifecycle of the whole host."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import functools
import hmac
import logging
import os
import shutil
import signal
import sys
from pathlib import Path

import asyncssh

from pathfinder.errors import PathfinderError
from pathfinder.serve.config import ServeConfig
from pathfinder.serve.forkserver import ForkServer, ForkServerError
from pathfinder.serve.host import Host, Visitor, log_session, logger
from pathfinder.serve.keys import host_key_fingerprint, load_or_create_host_key, visitor_fingerprint
from pathfinder.serve.metrics import Health, MetricsServer, door_health, serve_metrics, watch_forkserver
from pathfinder.serve.proxy import ProxyListener
from pathfinder.serve.session import handle_session
from pathfinder.serve.visitors import Owner, prune_logs, secure_dir, sweep_sessions

SHUTDOWN_GRACE = 10.0


REFUSALS = {
    "connection rate": "Too many connections from your address: please wait a minute.",
    "connections per IP": "Too many connections from your address at once: close one and try again.",
    "connections in total": "The demo is full right now. Please try again in a few minutes.",
    "shutting down": "The demo server is shutting down.",
}
"""What a refused connection is told, by reason (sent as the SSH disconnect message)."""


class VisitorServer(asyncssh.SSHServer):
    """One connection: rate and per-IP limits on arrival; any key (recorded) or none to log in."""

    def __init__(self, host: Host) -> None:
        self.host = host
        self.ip = "?"
        self.connection: asyncssh.SSHServerConnection | None = None
        self.verified_fingerprint: str | None = None
        self.counted = False
        self.active_sessions = 0
        self.refusal = ""
        """Why this connection is refused ("" when it is not): said once the client asks to log in."""

    def close_when_idle(self, delay: float) -> None:
        """Close the connection after ``delay`` unless a session is running on it by then (a client
        multiplexing several sessions keeps its connection; one that holds it without any is dropped)."""

        def close_if_idle() -> None:
            if self.active_sessions == 0 and self.connection is not None:
                self.connection.close()

        with contextlib.suppress(RuntimeError):
            asyncio.get_running_loop().call_later(delay, close_if_idle)

    def auth_completed(self) -> None:
        self.close_when_idle(self.host.config.login_timeout)

    def visitor(self) -> Visitor:
        client = ""
        if self.connection is not None:
            client = str(self.connection.get_extra_info("client_version") or "")[:80]
        return Visitor(self.ip, self.verified_fingerprint, client)

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self.connection = conn
        peer = conn.get_extra_info("peername")
        self.ip = str(peer[0]) if peer else "?"
        host = self.host
        refusal = reason = None
        if not host.rate.allow(self.ip):
            refusal, reason = "connection rate", "rate"
        elif host.connections_by_ip.get(self.ip, 0) >= host.config.max_per_ip + 2:
            refusal, reason = "connections per IP", "per_ip"
        elif sum(host.connections_by_ip.values()) >= host.config.max_sessions + 16:
            refusal, reason = "connections in total", "capacity"
        elif host.shutting_down.is_set():
            refusal, reason = "shutting down", "shutting_down"
        if refusal and reason:
            log_session({"event": "refused", "ip": self.ip, "why": refusal})
            # After this method asyncssh sends its version line: a disconnect sent now would reach the
            # client before it, as "banner line contains invalid characters". The refusal is sent when the
            # client first asks to log in (key exchange done), with its reason; nothing else is served.
            self.refusal = REFUSALS.get(refusal, "The demo is busy. Please try again in a minute.")
            host.metrics.refused("ssh", reason)
            return
        host.connections_by_ip[self.ip] = host.connections_by_ip.get(self.ip, 0) + 1
        self.counted = True

    def connection_lost(self, exc: Exception | None) -> None:
        if self.counted:
            self.counted = False
            left = self.host.connections_by_ip.get(self.ip, 1) - 1
            if left <= 0:
                self.host.connections_by_ip.pop(self.ip, None)
            else:
                self.host.connections_by_ip[self.ip] = left

    def begin_auth(self, username: str) -> bool:
        if self.refusal and self.connection is not None:
            self.connection.disconnect(asyncssh.DISC_TOO_MANY_CONNECTIONS, self.refusal)
            return True
        return True  # ask, so that clients offer their keys; keyboard-interactive lets the keyless in

    # -- public keys: any key, but it counts only once its signature has been verified -------------------
    def public_key_auth_supported(self) -> bool:
        return self.host.password is None

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        original_verify = key.verify

        def verify_and_record(data: bytes, sig: bytes) -> bool:
            verified = bool(original_verify(data, sig))
            if verified:
                self.verified_fingerprint = visitor_fingerprint(key)
            return verified

        key.verify = verify_and_record  # type: ignore[method-assign]
        return True

    # -- no key: keyboard-interactive with no questions (or the demo password) ---------------------------
    def kbdint_auth_supported(self) -> bool:
        return True if self.host.password is None else NotImplemented

    def get_kbdint_challenge(self, username: str, lang: str, submethods: str) -> bool:
        self.verified_fingerprint = None
        return True

    def password_auth_supported(self) -> bool:
        return self.host.password is not None

    def validate_password(self, username: str, password: str) -> bool:
        self.verified_fingerprint = None
        expected = self.host.password or ""
        accepted = bool(expected) and hmac.compare_digest(password.encode(), expected.encode())
        if not accepted:
            self.host.metrics.refused("ssh", "auth")
        return accepted


def read_password(path: Path | None) -> str | None:
    """The demo password: the first line of the file (which should be readable by the server only)."""
    if path is None:
        return None
    try:
        password = path.read_text(encoding="utf-8").splitlines()[0].strip() if path.stat().st_size else ""
    except (OSError, IndexError, UnicodeDecodeError) as error:
        raise PathfinderError(f"Cannot read the password file {path}: {error}", "Bad option") from error
    if not password:
        raise PathfinderError(f"The password file {path} is empty.", "Bad option")
    return password


def lock_data_dir(data_dir: Path) -> int:
    """One server per data directory (two would sweep each other's sessions)."""
    fd = os.open(data_dir / "server.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as error:
        os.close(fd)
        raise PathfinderError(
            f"Another server is already using {data_dir}.", "Data directory in use"
        ) from error
    return fd


def setup_logging(config: ServeConfig) -> None:
    """Server messages and the JSON session lines to stderr, or to the configured log file."""
    handler: logging.Handler
    if config.log_file is not None:
        handler = logging.FileHandler(config.log_file, encoding="utf-8")
    else:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    root = logging.getLogger("pathfinder.serve")
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    root.propagate = False


def prepare_folders(
    config: ServeConfig, owner: Owner, sessions_root: Path, spares_root: Path, *more: Path
) -> int:
    """A door's folders at start: made, and tightened where looser (refused if not the server's); the
    sessions a killed server left behind removed (returns how many), the spares' folder emptied, old logs
    pruned. The app user may pass through (not list) the data and sessions folders (and ``more``, the
    visitors' plans) to reach its own; the host key and the logs stay the server's alone."""
    for directory in (sessions_root, config.logs_root, *more):
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    passable = 0o711 if owner.uid is not None else 0o700
    modes = [(config.data_dir, passable), (sessions_root, passable), *((each, passable) for each in more)]
    for directory, mode in [*modes, (config.logs_root, 0o700)]:
        if secure_dir(directory, mode):
            logger.info(f"tightened {directory} to mode {mode:o}")
    swept = sweep_sessions(sessions_root)
    shutil.rmtree(spares_root, ignore_errors=True)
    spares_root.mkdir(mode=0o700)
    prune_logs(config.logs_root)
    return swept


async def serve(config: ServeConfig, *, ready: asyncio.Event | None = None) -> int:
    """Run the host until SIGTERM/SIGINT; every session is ended cleanly before returning."""
    config.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    lock_fd = lock_data_dir(config.data_dir)
    try:
        owner = Owner.for_user(config.user)
        password = read_password(config.password_file)
        swept = prepare_folders(config, owner, config.sessions_root, config.spares_root, config.plans_root)
        host_key = load_or_create_host_key(config.host_key_path)
        forkserver = ForkServer(
            config.app,
            config.app_path,
            warm_up=config.warm_up,
            spares=config.spares,
            max_apps=config.max_sessions,
            truecolor=config.truecolor,
            scratch=config.spares_root,
        )
        try:
            await forkserver.start()
        except ForkServerError as error:
            raise PathfinderError(str(error), "Cannot start the demo app") from error
        host = Host(config, forkserver, owner, password)
        metrics_server = await _start_metrics(host)
        try:
            listener = await asyncssh.listen(
                config.host,
                config.port,
                tunnel=ProxyListener(config.proxy_protocol_from, functools.partial(_refuse_early, host)),
                server_factory=functools.partial(VisitorServer, host),
                server_host_keys=[host_key],
                process_factory=functools.partial(handle_session, host),
                encoding=None,
                line_editor=False,
                agent_forwarding=False,
                x11_forwarding=False,
                allow_scp=False,
                sftp_factory=None,
                login_timeout=config.login_timeout,
                keepalive_interval=config.keepalive_interval,
                keepalive_count_max=3,
            )
        except OSError as error:
            await forkserver.stop()
            if metrics_server is not None:
                await metrics_server.stop()
            raise PathfinderError(
                f"Cannot listen on {config.host}:{config.port}: {error.strerror}", "Cannot start"
            ) from error
        port = listener.sockets[0].getsockname()[1] if listener.sockets else config.port
        _announce(config, host_key_fingerprint(host_key), port, swept)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop.set)
        if ready is not None:
            ready.set()
        await stop.wait()
        await _shut_down(host, listener)
        if metrics_server is not None:
            await metrics_server.stop()
        return 0
    finally:
        os.close(lock_fd)


def _refuse_early(host: Host, ip: str, why: str, reason: str) -> None:
    """A connection refused before SSH started (PROXY protocol): logged and counted like the others."""
    log_session({"event": "refused", "ip": ip, "why": why})
    host.metrics.refused("ssh", reason)


async def _start_metrics(host: Host) -> MetricsServer | None:
    """Count the fork server into the metrics, and serve them if ``--metrics`` was given."""
    watch_forkserver(host.metrics, host.forkserver)
    try:
        return await serve_metrics(host.config, host.metrics, functools.partial(_health, host))
    except PathfinderError:
        await host.forkserver.stop()
        raise


def _health(host: Host) -> Health:
    return door_health(
        host.forkserver,
        host.slots.total,
        host.config.max_sessions,
        host.shutting_down.is_set(),
        host.background,
    )


def _announce(config: ServeConfig, fingerprint: str, port: int, swept: int) -> None:
    shown_host = config.host if config.host not in ("0.0.0.0", "::", "") else "HOST"
    port_part = f"-p {port} " if port != 22 else ""
    print(f"Pathfinder demo listening on {config.host}:{port}", flush=True)
    print(f"Host key fingerprint: {fingerprint}", flush=True)
    print(f"Visitors connect with: ssh {port_part}{shown_host}", flush=True)
    if swept:
        logger.info(f"removed {swept} session directories left by a previous run")


async def _shut_down(host: Host, listener: asyncssh.SSHAcceptor) -> None:
    """Stop accepting, end every session (goodbye + restore), then stop the fork server."""
    logger.info("shutting down: ending %d sessions", len(host.sessions))
    host.shutting_down.set()
    listener.close()
    sessions = list(host.sessions)
    if sessions:
        await asyncio.wait(sessions, timeout=SHUTDOWN_GRACE)
    with contextlib.suppress(Exception):
        await asyncio.wait_for(listener.wait_closed(), 2.0)
    await host.forkserver.stop()
