"""Moving bytes between a visitor's SSH channel and the app's PTY, with backpressure and resizes."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import fcntl
import os
import struct
import termios
import time
import tty
from typing import Any

import asyncssh

from pathfinder.serve.terminal import clamp_size

READ_CHUNK = 65536
FIRST_FRAME_BYTES = 2048
"""Output after which an app counts as drawn: its start-up sequences are far shorter, a frame longer."""
PTY_PIECE = 4095
"""The most one read of a PTY master returns (Linux's line-discipline buffer). A read this long means the
app is still writing: a frame of 30 KB arrives as eight such pieces."""
GATHER_WAIT = 0.003
GATHER_LIMIT = 65536
RESIZE_INTERVAL = 0.05
"""The shortest time between two window changes passed to the app (seconds): 20 a second at most."""
"""Pieces that follow each other within GATHER_WAIT go to the visitor as one write (a frame in one or two
SSH packets instead of one per piece: less encryption, fewer syscalls for the server, the client and its
terminal), up to GATHER_LIMIT bytes. Short writes such as a keystroke's echo are sent at once."""


def open_pty(columns: int, rows: int) -> tuple[int, int]:
    """A PTY pair sized for the visitor; the slave is raw so ^C during start-up reaches the app as a key."""
    master, slave = os.openpty()
    set_window_size(master, columns, rows)
    tty.setraw(slave)
    os.set_blocking(master, False)
    os.set_inheritable(master, False)
    return master, slave


def set_window_size(master: int, columns: int, rows: int) -> None:
    """TIOCSWINSZ on the master; the kernel then sends SIGWINCH to the app's foreground group."""
    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


class PtyBridge:
    """The two pumps of one session: PTY → client (drained) and client → PTY (with resizes)."""

    def __init__(self, master: int, process: asyncssh.SSHServerProcess[Any]) -> None:
        self.master = master
        self.process = process
        self.first_frame = asyncio.Event()
        self.output_bytes = 0
        self.last_input = time.monotonic()
        self.size: tuple[int, int] = (0, 0)
        self._last_resize = 0.0
        self._resize_pending = False
        self._resize_timer: asyncio.TimerHandle | None = None
        self.gather_wait = GATHER_WAIT
        self._loop = asyncio.get_running_loop()

    async def _wait(self, writable: bool) -> None:
        """Until the master is readable (or writable)."""
        ready = self._loop.create_future()

        def wake() -> None:
            if not ready.done():
                ready.set_result(None)

        if writable:
            self._loop.add_writer(self.master, wake)
        else:
            self._loop.add_reader(self.master, wake)
        try:
            await ready
        finally:
            if writable:
                self._loop.remove_writer(self.master)
            else:
                self._loop.remove_reader(self.master)

    def _read(self) -> bytes | None:
        """What the app has written so far (b"" if nothing yet); None once the app side has hung up."""
        try:
            return os.read(self.master, READ_CHUNK) or None
        except BlockingIOError:
            return b""
        except OSError as error:
            if error.errno in (errno.EIO, errno.EBADF):
                return None
            raise

    async def _gather(self, first: bytes) -> bytes:
        """``first`` plus the pieces of the same frame that follow within ``gather_wait`` of each other."""
        pieces, size, last = [first], len(first), first
        while len(last) >= PTY_PIECE and size < GATHER_LIMIT:
            last = self._read() or b""
            if not last:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wait(writable=False), self.gather_wait)
                last = self._read() or b""  # a hang-up is seen by the next read of pump_output
            pieces.append(last)
            size += len(last)
        return b"".join(pieces)

    async def pump_output(self) -> None:
        """App → visitor until the app side hangs up (EIO); drain() stalls only this app if slow."""
        while True:
            data = self._read()
            if data is None:
                return
            if not data:
                await self._wait(writable=False)
                continue
            data = await self._gather(data)
            self.output_bytes += len(data)
            if self.output_bytes >= FIRST_FRAME_BYTES:
                self.first_frame.set()
            self.process.stdout.write(data)
            await self.process.stdout.drain()

    async def drain_remaining(self, timeout: float) -> None:
        """After the app exited: forward what it wrote last (e.g. leaving the alternate screen)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                data = os.read(self.master, READ_CHUNK)
            except (BlockingIOError, OSError):
                return
            if not data:
                return
            self.process.stdout.write(data)

    async def pump_input(self) -> None:
        """Visitor → app until EOF; window changes become clamped TIOCSWINSZ, breaks/signals are dropped."""
        while True:
            try:
                data = await self.process.stdin.read(4096)
            except asyncssh.TerminalSizeChanged as change:
                self.resize(change.width, change.height)
                continue
            except (asyncssh.BreakReceived, asyncssh.SignalReceived):
                continue
            if not data:
                return
            self.last_input = time.monotonic()
            await self._write_all(data if isinstance(data, bytes) else data.encode("utf-8"))

    def resize(self, columns: int, rows: int) -> None:
        """The visitor's window changed: pass it on, at most one change per ``RESIZE_INTERVAL``.

        Each change is a SIGWINCH in the app; thousands a second (a hostile client's loop) made the app's
        resize handler re-enter itself until Python's recursion limit. Changes in between are merged:
        the last size wins, and it is passed on as soon as the interval is over.
        """
        self.size = clamp_size(columns, rows)
        if self._resize_pending:
            return
        wait = self._last_resize + RESIZE_INTERVAL - time.monotonic()
        if wait <= 0:
            self._apply_size()
        else:
            self._resize_pending = True
            self._resize_timer = self._loop.call_later(wait, self._apply_size)

    def stop_resizing(self) -> None:
        """Before the master is closed: a merged change still waiting is dropped (its fd may be reused)."""
        if self._resize_timer is not None:
            self._resize_timer.cancel()
        self._resize_pending = True  # and none is scheduled from now on

    def _apply_size(self) -> None:
        self._resize_pending = False
        self._last_resize = time.monotonic()
        with contextlib.suppress(OSError):
            set_window_size(self.master, *self.size)

    async def _write_all(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            try:
                written = os.write(self.master, view)
            except BlockingIOError:
                await self._wait(writable=True)
                continue
            except OSError:
                return  # the app is gone; the output pump reports it
            view = view[written:]
