"""The SSH server's side of the fork server: start it, ask it for app processes, hear when they end."""

from __future__ import annotations

import array
import asyncio
import contextlib
import json
import logging
import os
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

logger = logging.getLogger("pathfinder.serve")

READY_TIMEOUT = 60.0
SPAWN_TIMEOUT = 10.0
CRASHED_STATUS = -1


class ForkServerError(Exception):
    """The fork server could not start or could not start an app process."""


class ForkServer:
    """A running ``pathfinder.serve.zygote`` and the bookkeeping of its children by session id."""

    def __init__(
        self,
        app: str,
        app_path: Path | None = None,
        *,
        warm_up: bool = True,
        spares: int = 0,
        max_apps: int = 50,
        truecolor: bool = False,
        scratch: Path | None = None,
        web: bool = False,
    ) -> None:
        self.app = app
        self.warm_up = warm_up
        self.spares = spares
        self.max_apps = max_apps
        self.truecolor = truecolor
        """Whether visitors' apps are told of 24-bit colour: spares are built for the same colours."""
        self.web = web
        """The browser door's: visitors' apps and spares run on Textual's web driver."""
        self.scratch = scratch
        """An empty folder the spares start their apps with (they only look into it)."""
        self.app_path = app_path
        self.process: asyncio.subprocess.Process | None = None
        self.control: socket.socket | None = None
        self.ready: asyncio.Future[int] | None = None
        self.pending: dict[str, asyncio.Future[int]] = {}
        self.exits: dict[str, asyncio.Future[int]] = {}
        self._start_lock = asyncio.Lock()
        self.spares_ready = 0
        """Spares ready for a visitor, as the fork server last said."""
        self.on_start: Callable[[], None] | None = None
        """Called each time the fork server has started (the first time, and after each restart)."""

    @property
    def alive(self) -> bool:
        return self.control is not None and self.process is not None and self.process.returncode is None

    @property
    def serving(self) -> bool:
        """Running and done loading the app (a fork server still starting is not serving yet)."""
        ready = self.ready
        return (
            self.alive
            and ready is not None
            and ready.done()
            and not ready.cancelled()
            and ready.exception() is None
        )

    def zygote_pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    async def start(self) -> None:
        """Start the zygote (a clean ``python -I``) and wait until it has imported the app."""
        async with self._start_lock:
            if self.alive:
                return
            ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
            command = [sys.executable, "-I", "-X", "utf8", "-m", "pathfinder.serve.zygote"]
            command += ["--app", self.app, "--control", str(theirs.fileno())]
            command += ["--spares", str(self.spares), "--max-apps", str(self.max_apps)]
            if self.scratch is not None:
                command += ["--scratch", str(self.scratch)]
            if not self.warm_up:
                command.append("--no-warm-up")
            if self.web:
                command.append("--web")
            if self.app_path is not None:
                command += ["--app-path", str(self.app_path)]
            env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "xterm-256color"}
            if self.truecolor:
                env["COLORTERM"] = "truecolor"
            env["MALLOC_ARENA_MAX"] = "1"  # one malloc arena: the app's threads would each dirty their own
            self.process = await asyncio.create_subprocess_exec(
                *command,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=sys.stderr,
                stderr=sys.stderr,
                env=env,
                pass_fds=(theirs.fileno(),),
                cwd="/",
            )
            theirs.close()
            ours.setblocking(False)
            self.control = ours
            loop = asyncio.get_running_loop()
            self.ready = loop.create_future()
            loop.add_reader(ours.fileno(), self._on_readable)
            try:
                await asyncio.wait_for(asyncio.shield(self.ready), READY_TIMEOUT)
            except (TimeoutError, ForkServerError) as error:
                await self.stop()
                raise ForkServerError(f"the app could not be loaded ({self.app}): {error}") from error
            if self.on_start is not None:
                self.on_start()

    def _on_readable(self) -> None:
        assert self.control is not None
        while True:
            try:
                data = self.control.recv(65536)
            except BlockingIOError:
                return
            except OSError:
                data = b""
            if not data:
                self._lost()
                return
            self._dispatch(json.loads(data))

    def _dispatch(self, message: dict[str, Any]) -> None:
        event = message.get("ev")
        session = str(message.get("id", ""))
        if event == "ready" and self.ready is not None and not self.ready.done():
            self.ready.set_result(int(message["pid"]))
        elif event in ("spawned", "failed"):
            future = self.pending.pop(session, None)
            if future is not None and not future.done():
                if event == "spawned":
                    future.set_result(int(message["pid"]))
                else:
                    future.set_exception(ForkServerError(str(message.get("error"))))
        elif event == "spares":
            self.spares_ready = int(message.get("ready", 0))
        elif event == "exited":
            exit_future = self.exits.get(session)
            if exit_future is not None and not exit_future.done():
                exit_future.set_result(int(message["status"]))

    def _lost(self) -> None:
        """The zygote died: every app it had is gone with it (it hangs them up on EOF)."""
        if self.control is not None:
            asyncio.get_running_loop().remove_reader(self.control.fileno())
            self.control.close()
            self.control = None
        self.spares_ready = 0
        logger.warning("fork server exited; it will be restarted for the next visitor")
        error = ForkServerError("the fork server stopped")
        if self.ready is not None and not self.ready.done():
            self.ready.set_exception(error)
        for future in self.pending.values():
            if not future.done():
                future.set_exception(error)
        self.pending.clear()
        for exit_future in self.exits.values():
            if not exit_future.done():
                exit_future.set_result(CRASHED_STATUS)

    async def spawn(self, session: str, request: dict[str, Any], slave_fd: int) -> asyncio.Future[int]:
        """Fork an app for ``session`` on ``slave_fd``; returns a future of its exit status."""
        if not self.alive:
            await self.start()
        assert self.control is not None
        loop = asyncio.get_running_loop()
        started: asyncio.Future[int] = loop.create_future()
        self.pending[session] = started
        self.exits[session] = loop.create_future()
        payload = json.dumps({"op": "spawn", "id": session, **request}).encode("utf-8")
        ancillary = [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [slave_fd]).tobytes())]
        await self._send(payload, ancillary)
        try:
            await asyncio.wait_for(started, SPAWN_TIMEOUT)
        except BaseException:
            self.pending.pop(session, None)
            self.exits.pop(session, None)
            raise
        return self.exits[session]

    async def _send(self, payload: bytes, ancillary: list[tuple[int, int, bytes]] | None = None) -> None:
        for _attempt in range(200):
            if self.control is None:
                raise ForkServerError("the fork server stopped")
            try:
                self.control.sendmsg([payload], ancillary or [])
                return
            except BlockingIOError:
                await asyncio.sleep(0.005)
        raise ForkServerError("the fork server is not accepting requests")

    async def signal(self, session: str, signum: int) -> None:
        """Signal a session's process group (the zygote skips children it has already reaped)."""
        if self.control is None:
            return
        with contextlib.suppress(ForkServerError, OSError):
            await self._send(json.dumps({"op": "signal", "id": session, "signal": int(signum)}).encode())

    async def renice(self, session: str, nice: int) -> None:
        """Lower a session's CPU priority (the zygote skips children it has already reaped)."""
        if self.control is None:
            return
        with contextlib.suppress(ForkServerError, OSError):
            await self._send(json.dumps({"op": "nice", "id": session, "nice": int(nice)}).encode())

    def forget(self, session: str) -> None:
        self.exits.pop(session, None)

    async def stop(self) -> None:
        """Close the control socket (the zygote hangs up its children and exits), then reap it."""
        if self.control is not None:
            asyncio.get_running_loop().remove_reader(self.control.fileno())
            self.control.close()
            self.control = None
        if self.process is not None and self.process.returncode is None:
            try:
                await asyncio.wait_for(self.process.wait(), 5.0)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        for exit_future in self.exits.values():
            if not exit_future.done():
                exit_future.set_result(CRASHED_STATUS)


def close_quietly(fd: int) -> None:
    with contextlib.suppress(OSError):
        os.close(fd)
