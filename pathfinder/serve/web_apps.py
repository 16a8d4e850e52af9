"""A browser visitor's session and its app: textual-serve's app service over a child of the fork server."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual_serve.app_service import AppService

from pathfinder.serve.web_child import WEB_DRIVER_ENV

if TYPE_CHECKING:
    from pathfinder.serve.web import WebDoor

STOP_GRACE = 2.0


@dataclass
class WebSession:
    """One browser tab's app: its folders, its app service, and when it was last used."""

    token: str
    name: str
    ip: str
    home: Path
    plan_dir: Path
    log_path: Path
    started: float = field(default_factory=time.monotonic)
    last_input: float = field(default_factory=time.monotonic)
    first_frame: bool = False
    service: AppService | None = None
    ended_by: str | None = None
    """Why the server ended the session (idle timeout, time limit, server shutdown), if it did."""


class ForkedApp:
    """What textual-serve's app service uses of a subprocess, for an app forked by the fork server: its
    socket as stdin/stdout, an empty stderr (the app's goes to its log), its exit status."""

    def __init__(
        self, stdin: asyncio.StreamWriter, stdout: asyncio.StreamReader, exit_status: asyncio.Future[int]
    ) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = asyncio.StreamReader()
        self.stderr.feed_eof()
        self.exit_status = exit_status

    @property
    def returncode(self) -> int | None:
        return self.exit_status.result() if self.exit_status.done() else None


class SessionAppService(AppService):
    """textual-serve's app service, but the app is a child of the fork server (warm: Textual and the app
    are imported already), given a socket for Textual's web driver and the session's request: limits,
    directory, app user, allow-listed environment, exactly as an SSH visitor's app."""

    def __init__(self, door: WebDoor, session: WebSession, **options: Any) -> None:
        super().__init__("pathfinder", **options)
        self.door = door
        self.session = session
        self.forked: ForkedApp | None = None

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        config, session = self.door.config, self.session
        env = {
            "HOME": str(session.home),
            "TMPDIR": str(session.home),
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "PATHFINDER_HOSTED": "1",
            "TEXTUAL_FPS": "60",
            **WEB_DRIVER_ENV,
            "COLUMNS": str(width),
            "ROWS": str(height),
        }
        request = {
            "web": True,
            "env": env,
            "home": str(session.home),
            "plan_dir": str(session.plan_dir),
            "data_dir": str(session.home / "data"),
            "keyless": True,
            "log_path": str(session.log_path),
            "user": config.user,
            "memory_limit_mb": config.memory_limit_mb,
            "file_size_limit_mb": config.file_size_limit_mb,
            "open_files_limit": config.open_files_limit,
        }
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            exit_status = await self.door.forkserver.spawn(session.name, request, theirs.fileno())
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        reader, writer = await asyncio.open_unix_connection(sock=ours, limit=2**20)
        self.forked = ForkedApp(writer, reader, exit_status)
        self._process = self.forked  # type: ignore[assignment]
        self._stdin = writer
        return self.forked

    async def on_data(self, payload: bytes) -> None:
        if not self.session.first_frame:
            self.session.first_frame = True
            self.door.metrics.rendered("web", time.monotonic() - self.session.started)
            self.release_spawn()
        await super().on_data(payload)

    spawn_held = False

    def release_spawn(self) -> None:
        """Let the next app start (this one has drawn, or has had its time to)."""
        if self.spawn_held:
            self.spawn_held = False
            self.door.spawns.release()

    async def stop(self) -> None:
        """Ask the app to quit; then hang up its process group (HUP, TERM, then KILL) if it does not."""
        with contextlib.suppress(TimeoutError, Exception):
            await asyncio.wait_for(super().stop(), STOP_GRACE)
        forked, forkserver, name = self.forked, self.door.forkserver, self.session.name
        if forked is not None:
            for signum in (signal.SIGHUP, signal.SIGTERM, signal.SIGKILL):
                if forked.exit_status.done():
                    break
                await forkserver.signal(name, signum)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(asyncio.shield(forked.exit_status), STOP_GRACE)
            with contextlib.suppress(Exception):
                forked.stdin.close()
        forkserver.forget(name)
