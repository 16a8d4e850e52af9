"""Apps started ahead of visitors ("spares"): the fork server's pool of them, and a spare's own life.

A spare is a child of the fork server that gets an app ready while nobody waits for it, then waits for
a visitor on a socket of its own. The Pathfinder app is drawn ahead: it runs on a holding terminal
until its welcome screen is drawn and is then handed to the visitor (``handover.py``). Any other app
factory is run once headlessly (``warm_up``: copying the fork server's memory pages it writes to,
growing the allocator, filling per-process caches) and built anew for the visitor (``run_child``).
Either way the spare becomes the visitor's session exactly as a fresh fork would (controlling
terminal, limits, privilege drop, environment).

The fork server keeps up to ``size`` spares, never more than the free session slots (so the processes
never exceed ``max_sessions``), and starts them one at a time and only when no visitor has arrived for
``QUIET_SECONDS``: a burst of visitors is never slowed down by spares being made for later ones.
"""

from __future__ import annotations

import array
import gc
import json
import os
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pathfinder.serve.launch import (
    EXIT_CRASHED,
    _factory_arguments,
    exit_now,
    leave_fork_server,
    log_crash,
    run_child,
)

QUIET_SECONDS = 0.5
"""Start a spare only after this long without a visitor arriving."""
READY = b"ready"
MAX_MESSAGE = 65536


def warm_up(factory: Callable[..., Any], catalog: object, folder: str) -> None:
    """Run one throwaway app headlessly to its first screen, so that lazy imports, parsed CSS, other
    caches and the pages they live in are ready in this process before a visitor needs them. ``folder``
    is an empty folder for its plans and data (it only looks into it)."""
    import asyncio
    import threading

    request = {"plan_dir": folder, "data_dir": folder, "keyless": True}
    try:
        app = factory(**_factory_arguments(factory, request, catalog))

        async def first_screen(pilot: Any) -> None:
            await pilot.pause()
            await pilot.pause()
            pilot.app.exit()

        asyncio.run(
            asyncio.wait_for(app.run_async(headless=True, size=(100, 30), auto_pilot=first_screen), 30)
        )
    except Exception as error:  # warming is an optimisation; the visitors' apps report real problems
        print(f"pathfinder: warm-up skipped: {type(error).__name__}: {error}", file=sys.stderr)
    deadline = time.monotonic() + 2.0
    while threading.active_count() > 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    if threading.active_count() > 1:
        running = threading.active_count() - 1
        print(f"pathfinder: {running} threads still running after warm-up", file=sys.stderr)


def receive(sock: socket.socket) -> tuple[bytes, list[int]]:
    """One message and the descriptors sent with it (SCM_RIGHTS)."""
    data, ancillary, _flags, _address = sock.recvmsg(MAX_MESSAGE, socket.CMSG_SPACE(16))
    fds: list[int] = []
    for level, kind, payload in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            received = array.array("i")
            received.frombytes(payload[: len(payload) - len(payload) % received.itemsize])
            fds.extend(received)
    return data, fds


def send_with_fd(sock: socket.socket, payload: bytes, fd: int) -> None:
    sock.sendmsg([payload], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [fd]).tobytes())])


def run_spare(
    sock: socket.socket,
    factory: Callable[..., Any],
    catalog: object,
    warm: bool,
    close_inherited: Callable[[], None],
    *,
    size: tuple[int, int],
    scratch: str,
    web: bool = False,
) -> None:
    """In the freshly forked spare: get ready, say so, wait for a visitor, become their app. Never
    returns; a spare whose fork server goes away (end of file on its socket) just exits.

    An app that can be handed over (``handover.py``) is drawn ahead and then taken by the visitor;
    any other app is run once headlessly (``warm_up``) and built anew for the visitor."""
    code = EXIT_CRASHED
    try:
        leave_fork_server(close_inherited)
        os.closerange(3, sock.fileno())
        os.closerange(sock.fileno() + 1, 65536)
        if warm:
            handed_over = _draw_ahead(sock, factory, catalog, size, scratch, web=web)
            if handed_over is not None:
                code = handed_over
                return
            warm_up(factory, catalog, scratch)
            gc.collect()
            gc.freeze()  # the warm-up's survivors stay out of the visitor's app's collections
        sock.sendall(READY)
        data, fds = receive(sock)  # (an interrupted call is retried by Python itself)
        if not data:
            code = 0
            return
        if len(fds) != 1:
            for fd in fds:
                os.close(fd)
            return
        run_child(json.loads(data), fds[0], factory, catalog, sock.close)
    except BaseException:
        log_crash()
    finally:
        exit_now(code)


def _draw_ahead(
    sock: socket.socket,
    factory: Callable[..., Any],
    catalog: object,
    size: tuple[int, int],
    scratch: str,
    *,
    web: bool,
) -> int | None:
    """Run an app that can be handed over until a visitor takes it (its exit code), or give a visitor
    it cannot take a fresh app; None when the app is not of that kind."""
    from pathfinder.serve.handover import Handover

    handover = Handover(sock, factory, catalog, size, scratch, web=web)
    try:
        app = handover.build()
        if app is None:
            return None
        result = handover.run(app)
    except BaseException:
        if handover.request is None:  # before any visitor: the spare's own failure, for the server log
            import traceback

            handover.tell_server("pathfinder: a spare failed:\n" + traceback.format_exc())
        raise
    if result is not None:
        return result
    if handover.request is None or handover.slave_fd is None:
        return 0  # the fork server went away
    run_child(handover.request, handover.slave_fd, factory, catalog, sock.close)  # other colours
    return EXIT_CRASHED  # not reached: run_child exits


@dataclass
class Spare:
    """The fork server's view of one spare: its pid, its end of the spare's socket, and whether it is
    ready (has finished warming up)."""

    pid: int
    sock: socket.socket
    ready: bool = False


class SparePool:
    """The fork server's spares: which exist, which are ready, when to start another."""

    def __init__(self, size: int, max_apps: int) -> None:
        self.size = max(0, size)
        self.max_apps = max_apps
        self.spares: dict[int, Spare] = {}
        self.last_demand = time.monotonic()
        """When a visitor last arrived (or the pool was created): spares start only after a quiet spell."""
        self.failures = 0
        """Spares in a row that died before they were ready: each doubles the wait before the next."""

    def sockets(self) -> list[socket.socket]:
        return [spare.sock for spare in self.spares.values()]

    def wanted(self, sessions: int) -> bool:
        """Whether to start a spare now: none is warming, fewer than ``size`` exist, a session slot is
        free for it, and no visitor arrived in the last ``QUIET_SECONDS``."""
        return self.seconds_until_wanted(sessions) == 0.0

    def full(self, sessions: int) -> bool:
        """Whether every spare there is room for exists and is ready."""
        room = min(self.size, self.max_apps - sessions)
        return len(self.spares) >= room and all(spare.ready for spare in self.spares.values())

    def seconds_until_wanted(self, sessions: int) -> float | None:
        """How long until a spare may be started; None while none is needed or one is warming."""
        if self.full(sessions) or any(not spare.ready for spare in self.spares.values()):
            return None
        return max(0.0, QUIET_SECONDS - (time.monotonic() - self.last_demand))

    def add(self, pid: int, sock: socket.socket) -> None:
        self.spares[pid] = Spare(pid, sock)

    def take_ready(self) -> Spare | None:
        """A ready spare for the visitor who just arrived (removed from the pool), or None."""
        self.last_demand = time.monotonic()
        for pid, spare in self.spares.items():
            if spare.ready:
                del self.spares[pid]
                return spare
        return None

    def hear(self, pid: int) -> bool:
        """Read what the spare ``pid`` says; False when it has gone (to be forgotten)."""
        spare = self.spares.get(pid)
        if spare is None:
            return False
        try:
            data = spare.sock.recv(64)
        except (BlockingIOError, InterruptedError):
            return True
        except OSError:
            data = b""
        if data == READY:
            spare.ready = True
            self.failures = 0
            return True
        return False

    def drop(self, pid: int) -> None:
        """Forget a spare (its socket closed; it exits on end of file, or is reaped if already dead).
        One that never became ready counts as a failure: the next spare waits longer (at most a minute),
        so an app that cannot start does not make the fork server fork in a loop."""
        spare = self.spares.pop(pid, None)
        if spare is not None:
            spare.sock.close()
            if not spare.ready:
                self.failures += 1
                backoff = min(60.0, QUIET_SECONDS * 2**self.failures)
                self.last_demand = time.monotonic() + backoff - QUIET_SECONDS
