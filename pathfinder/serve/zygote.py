"""The fork server ("zygote"): a single-threaded process with the app already imported, forking a warm
child per visitor.

Started by the SSH server as ``python -I -X utf8 -m pathfinder.serve.zygote --app module:function
--control FD`` with an environment the server built, so neither PYTHON* variables nor the user site can
reach it. It talks to the server over a SOCK_SEQPACKET socket of JSON messages:

- server → zygote: ``{"op": "spawn", "id": ..., ...}`` with the PTY slave fd attached (SCM_RIGHTS);
  ``{"op": "signal", "id": ..., "signal": N}`` (the zygote signals only children it has not yet reaped,
  so a reused pid is never hit).
- zygote → server: ``{"ev": "ready"}``, ``{"ev": "spawned", "id", "pid"}``, ``{"ev": "failed", "id",
  "error"}``, ``{"ev": "exited", "id", "status"}``.

When the server goes away (EOF), the zygote hangs up every child and exits.
"""

from __future__ import annotations

import argparse
import array
import contextlib
import gc
import importlib
import json
import os
import selectors
import signal
import socket
import sys
import time
from collections.abc import Callable
from typing import Any

from pathfinder.serve.launch import run_child

MAX_MESSAGE = 65536


def import_factory(spec: str, extra_path: str | None) -> Callable[..., Any]:
    """``module:function`` → the function (importing the module, and with it Textual and the app)."""
    if extra_path:
        sys.path.insert(0, extra_path)
    module_name, _, attribute = spec.partition(":")
    module = importlib.import_module(module_name)
    factory: Callable[..., Any] = getattr(module, attribute)
    return factory


def preload(spec: str) -> object:
    """Warm what every session would otherwise load itself: the catalog and the app's screens."""
    catalog: object = None
    if spec.startswith("pathfinder."):
        try:
            from pathfinder.catalog.loader import load_catalog

            catalog = load_catalog()
        except Exception as error:  # the app will report content problems itself
            first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
            print(f"zygote: catalog not preloaded: {first_line}", file=sys.stderr)
    import webbrowser  # noqa: F401  (disabled in every child before it drops privileges)

    import textual.app
    import textual.drivers.linux_driver
    import textual.widgets  # noqa: F401

    if spec.startswith("pathfinder.tui"):
        import pathfinder.tui.app  # noqa: F401  (make_app imports it lazily; the zygote pays once)

    return catalog


class Zygote:
    """The fork loop: spawn requests in, exit statuses out."""

    def __init__(self, control: socket.socket, factory: Callable[..., Any], catalog: object) -> None:
        self.control = control
        self.factory = factory
        self.catalog = catalog
        self.children: dict[int, str] = {}
        """pid → session id, for children not yet reaped."""
        self.selector = selectors.DefaultSelector()
        self.wakeup_read, self.wakeup_write = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)

    def send(self, message: dict[str, Any]) -> None:
        with contextlib.suppress(OSError):
            self.control.send(json.dumps(message).encode("utf-8"))

    def close_inherited(self) -> None:
        """In a child: release the zygote's own descriptors before the app starts."""
        self.selector.close()
        self.control.close()
        os.close(self.wakeup_read)
        os.close(self.wakeup_write)

    def spawn(self, request: dict[str, Any], fds: list[int]) -> None:
        session = str(request.get("id", ""))
        if len(fds) != 1:
            for fd in fds:
                os.close(fd)
            self.send({"ev": "failed", "id": session, "error": "expected one PTY descriptor"})
            return
        slave_fd = fds[0]
        try:
            pid = os.fork()
        except OSError as error:
            os.close(slave_fd)
            self.send({"ev": "failed", "id": session, "error": str(error)})
            return
        if pid == 0:
            run_child(request, slave_fd, self.factory, self.catalog, self.close_inherited)
        os.close(slave_fd)
        self.children[pid] = session
        self.send({"ev": "spawned", "id": session, "pid": pid})

    def signal_child(self, request: dict[str, Any]) -> None:
        session = str(request.get("id", ""))
        signum = int(request.get("signal", signal.SIGTERM))
        for pid, owner in self.children.items():
            if owner == session:
                for each in (signum, signal.SIGCONT):
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(pid, each)

    def renice_child(self, request: dict[str, Any]) -> None:
        """Lower a running app's priority (all its threads: the whole process group)."""
        session = str(request.get("id", ""))
        nice = max(0, min(19, int(request.get("nice", 0))))
        for pid, owner in self.children.items():
            if owner == session:
                with contextlib.suppress(OSError):
                    os.setpriority(os.PRIO_PGRP, pid, nice)

    def reap(self) -> None:
        while self.children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            session = self.children.pop(pid, None)
            if session is not None:
                self.send({"ev": "exited", "id": session, "status": os.waitstatus_to_exitcode(status)})

    def read_control(self) -> bool:
        """Handle one message; False when the server has gone."""
        try:
            data, ancillary, _flags, _address = self.control.recvmsg(MAX_MESSAGE, socket.CMSG_SPACE(16))
        except InterruptedError:
            return True
        if not data:
            return False
        fds: list[int] = []
        for level, kind, payload in ancillary:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                received = array.array("i")
                received.frombytes(payload[: len(payload) - len(payload) % received.itemsize])
                fds.extend(received)
        request = json.loads(data)
        if request.get("op") == "spawn":
            self.spawn(request, fds)
        else:
            for fd in fds:
                os.close(fd)
            if request.get("op") == "signal":
                self.signal_child(request)
            elif request.get("op") == "nice":
                self.renice_child(request)
        return True

    def hang_up_all(self) -> None:
        """The server is gone: hang up every child, then make sure, then reap."""
        for signum in (signal.SIGHUP, signal.SIGTERM):
            for pid in list(self.children):
                for each in (signum, signal.SIGCONT):
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(pid, each)
            deadline = time.monotonic() + 1.0
            while self.children and time.monotonic() < deadline:
                self.reap()
                time.sleep(0.02)
        for pid in list(self.children):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
        while self.children:
            pid, _status = os.waitpid(-1, 0)
            self.children.pop(pid, None)

    def serve(self) -> None:
        signal.set_wakeup_fd(self.wakeup_write)
        signal.signal(signal.SIGCHLD, lambda *_: None)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # the server decides when the zygote ends
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        self.selector.register(self.control, selectors.EVENT_READ, "control")
        self.selector.register(self.wakeup_read, selectors.EVENT_READ, "wakeup")
        self.send({"ev": "ready", "pid": os.getpid()})
        running = True
        while running:
            for key, _events in self.selector.select(timeout=5.0):
                if key.data == "wakeup":
                    with contextlib.suppress(BlockingIOError):
                        os.read(self.wakeup_read, 4096)
                elif not self.read_control():
                    running = False
            self.reap()
        self.hang_up_all()


def warm_up(factory: Callable[..., Any], catalog: object) -> None:
    """Run one throwaway app headlessly to its first screen, so that lazy imports, parsed CSS and other
    caches live in the zygote (shared by every child) instead of being rebuilt by each visitor."""
    import asyncio
    import tempfile
    import threading

    from pathfinder.serve.launch import _factory_arguments

    with tempfile.TemporaryDirectory(prefix="pathfinder-warmup-") as scratch:
        request = {"plan_dir": scratch, "data_dir": scratch, "keyless": True}
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
            print(f"zygote: warm-up skipped: {type(error).__name__}: {error}", file=sys.stderr)
    deadline = time.monotonic() + 2.0
    while threading.active_count() > 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    if threading.active_count() > 1:
        print(f"zygote: {threading.active_count() - 1} threads still running after warm-up", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(prog="pathfinder-zygote")
    parser.add_argument("--app", required=True)
    parser.add_argument("--app-path", default=None)
    parser.add_argument("--control", type=int, required=True)
    parser.add_argument("--no-warm-up", action="store_true")
    args = parser.parse_args()
    control = socket.socket(fileno=args.control)
    factory = import_factory(args.app, args.app_path)
    catalog = preload(args.app)
    if not args.no_warm_up:
        from pathfinder.tui.style_caches import share_css_parse_cache, share_theme_colors

        share_css_parse_cache()
        share_theme_colors()
        warm_up(factory, catalog)
    gc.collect()
    gc.freeze()  # keep the collector from touching (and un-sharing) the warm objects in every child
    Zygote(control, factory, catalog).serve()


if __name__ == "__main__":
    main()
