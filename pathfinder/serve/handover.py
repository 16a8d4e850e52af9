"""Spares that have drawn the app ahead of their visitor, on a holding terminal of their own.

A spare whose app supports it (``pathfinder.tui.hosting``, the UI's one door for the host) builds the
app with an empty folder, runs it on a pseudo-terminal nobody looks at until the welcome screen is drawn,
tells the fork server it is ready, and waits for a visitor on its socket, all inside the app's own event loop.
When the visitor's request and PTY arrive, the app lets go of the holding terminal, the spare becomes
the visitor's session exactly as a fresh child does (``enter_session``: log, controlling terminal,
limits, directory, user, environment) and the app carries on, for the visitor, on their terminal.
A visitor the app cannot take (a terminal with other colours) gets a fresh app in the same process.

The browser door's spares (``web``) are the same, with Textual's web driver: it writes to the holding
terminal until the visitor's socket (to the web server) becomes fd 0/1, then starts afresh on it.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import json
import os
import socket
import struct
import termios
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pathfinder.collector import pause_for_startup
from pathfinder.serve.launch import _factory_arguments, enter_session

READY = b"ready"


class HoldingTerminal:
    """A pseudo-terminal for fd 0/1/2 until the visitor's arrives; what is drawn on it is read and
    dropped by a thread of its own, which ends when the terminal is given up."""

    def __init__(self, columns: int, lines: int) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        for fd in (0, 1, 2):
            os.dup2(slave, fd)
        os.close(slave)
        self.reader = threading.Thread(target=self._drop_output, name="holding-terminal", daemon=True)
        self.reader.start()

    def _drop_output(self) -> None:
        with contextlib.suppress(OSError):
            while os.read(self.master, 65536):
                pass

    def close(self, *, released: bool) -> None:
        """Give the holding terminal up: once fd 0/1/2 are the visitor's (``released``), or else onto
        /dev/null; either hangs it up, which ends the reader."""
        if not released:
            devnull = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(devnull, fd)
            os.close(devnull)
        self.reader.join(2.0)
        with contextlib.suppress(OSError):
            os.close(self.master)


class Handover:
    """One spare's app, drawn ahead, and the visitor it is handed to."""

    def __init__(
        self,
        sock: socket.socket,
        factory: Callable[..., Any],
        catalog: object,
        size: tuple[int, int],
        scratch: str,
        *,
        web: bool = False,
    ) -> None:
        self.sock = sock
        self.web = web
        """For the browser door: the app runs on Textual's web driver, the visitor's socket is its stdio."""
        self.size = size
        """The holding terminal's (columns, lines): a visitor's window of another size is laid out anew."""
        self.factory = factory
        self.catalog = catalog
        self.scratch = scratch
        """An empty folder, shared by the spares, for the app's plans and data until its visitor comes
        (the app only looks into it: no plans, no draft)."""
        self.server_stderr: int | None = os.dup(2)
        """Where the spare's own failure is told until a visitor is taken (fd 2 becomes the holding
        terminal, then the visitor's)."""
        self.request: dict[str, Any] | None = None
        self.slave_fd: int | None = None
        self.holding: HoldingTerminal | None = None

    def build(self) -> Any:
        """The app, with the empty folder for plans and data; None when it cannot be handed over."""
        request = {"plan_dir": self.scratch, "data_dir": self.scratch, "keyless": False}
        from pathfinder.tui.hosting import can_run_ahead, use_web_driver, when_started

        if self.web:  # as a browser visitor's app is built (``web_apps``): their colours, the web driver
            from pathfinder.serve.web_child import WEB_DRIVER_ENV

            use_web_driver(WEB_DRIVER_ENV)

        resume_collector = pause_for_startup()  # this process is the spare's: off until the first frame
        app = self.factory(**_factory_arguments(self.factory, request, self.catalog))
        when_started(app, resume_collector)
        return app if can_run_ahead(app) else None

    def run(self, app: Any) -> int | None:
        """Draw ``app`` on the holding terminal, wait for the visitor, run it for them. The app's return
        code; None when no visitor was taken (then ``request`` says whether one came)."""
        from pathfinder.tui.hosting import run_ahead

        self.holding = HoldingTerminal(*self.size)
        try:
            return asyncio.run(run_ahead(app, self._ready, self._arrival(app), web=self.web))
        finally:
            if self.holding is not None:  # nobody was taken
                self.holding.close(released=False)
                self.holding = None

    def _ready(self) -> None:
        self.sock.sendall(READY)

    async def _arrival(self, app: Any) -> Any:
        """The visitor, from the fork server's message on the spare's socket; None at end of file. A browser
        visitor's ``app`` gains its "Download plan" command here."""
        from pathfinder.serve.spares import receive
        from pathfinder.tui.hosting import Visitor

        loop = asyncio.get_running_loop()
        readable: asyncio.Future[None] = loop.create_future()

        def wake() -> None:
            if not readable.done():
                readable.set_result(None)

        loop.add_reader(self.sock, wake)
        try:
            await readable
        finally:
            loop.remove_reader(self.sock)
        data, fds = receive(self.sock)
        if not data or len(fds) != 1:
            for fd in fds:
                os.close(fd)
            return None
        self.request = request = json.loads(data)
        self.slave_fd = fds[0]
        env = dict(request["env"])
        size = None
        if self.web:
            from pathfinder.serve.web_child import add_download_command, browser_size

            add_download_command(app, Path(request["plan_dir"]))
            size = browser_size(env)
        return Visitor(
            plan_dir=Path(request["plan_dir"]),
            data_dir=Path(request["data_dir"]),
            keyless=bool(request["keyless"]),
            env=env,
            enter=self._enter,
            size=size,
        )

    def _enter(self) -> None:
        """Become the visitor's session (the app's driver has let go of the holding terminal)."""
        assert self.request is not None and self.slave_fd is not None
        enter_session(self.request, self.slave_fd, self._close_others)

    def _close_others(self, _log_fd: int) -> None:
        """The holding terminal and the spare's socket; the app's own descriptors stay open (the fork
        server's were closed when the spare started)."""
        if self.holding is not None:
            self.holding.close(released=True)
            self.holding = None
        self._forget_server_stderr()
        self.sock.close()

    def _forget_server_stderr(self) -> None:
        if self.server_stderr is not None:
            with contextlib.suppress(OSError):
                os.close(self.server_stderr)
            self.server_stderr = None

    def tell_server(self, text: str) -> None:
        """Before a visitor is taken, the spare's own problems go to the server's stderr."""
        if self.server_stderr is not None:
            with contextlib.suppress(OSError):
                os.write(self.server_stderr, text.encode("utf-8", "replace"))
