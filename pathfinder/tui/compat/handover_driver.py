"""The drivers of a hosted app drawn ahead of its visitor (see ``pathfinder.tui.ahead``)."""

from __future__ import annotations

import asyncio
import os
from threading import Event, Thread

from textual.drivers._input_reader import InputReader
from textual.drivers.linux_driver import LinuxDriver
from textual.drivers.web_driver import WebDriver


class HandoverDriver(LinuxDriver):
    """Textual's Linux driver, with no keyboard reader while on a holding terminal (nobody types there):
    letting go of it is then immediate, where stopping the reader takes 0.1–0.2 s."""

    holding = True

    def _run_input_thread(self) -> None:
        if not self.holding:
            super()._run_input_thread()


class HandoverWebDriver(WebDriver):
    """Textual's web driver for an app drawn ahead of a browser visitor (``serve web``): it writes its
    packets to fd 1 (the holding terminal, then the visitor's socket once it has been made fd 0/1) and
    starts afresh on the visitor's socket: textual-serve's prelude, the terminal modes, the size.

    Textual 8.2.8's web driver starts its input thread and reader once (``start_application_mode``) and
    has no suspend; these are made again on resuming, reading the socket now at fd 0."""

    holding = True
    _started: Event | None = None

    def run_input_thread(self) -> None:
        if self.holding:  # nobody types on the holding terminal: no reader to stop later
            return
        if self._started is not None:  # the browser's own size (read here) must come after ours
            self._started.wait(2.0)
        super().run_input_thread()

    def suspend_application_mode(self) -> None:
        self._input_reader.close()
        if self._key_thread.is_alive():
            self._key_thread.join(1.0)

    def resume_application_mode(self) -> None:
        """Start again on fd 0/1, at the size the visitor's environment gives (``COLUMNS``, ``ROWS``)."""
        self.holding = False
        try:
            self._size = (int(os.environ.get("COLUMNS", "80")), int(os.environ.get("ROWS", "24")))
        except ValueError:
            self._size = (80, 24)
        self._input_reader = InputReader()
        self._key_thread = Thread(target=self.run_input_thread, name="textual-input")
        self._started = started = Event()
        self.start_application_mode()  # its Resize reaches the app through a task of the event loop

        async def after_resize() -> None:  # a later task: the reader starts once that Resize is queued
            started.set()

        asyncio.run_coroutine_threadsafe(after_resize(), asyncio.get_running_loop())
