"""The fork server ("zygote"): a single-threaded process with the app already imported, which gives each
visitor a warm child: a spare started ahead of time when one is ready (``spares.py``), else a fresh fork.

Started by the SSH server as ``python -I -X utf8 -m pathfinder.serve.zygote --app module:function
--control FD`` with an environment the server built, so neither PYTHON* variables nor the user site can
reach it. It talks to the server over a SOCK_SEQPACKET socket of JSON messages:

- server → zygote: ``{"op": "spawn", "id": ..., ...}`` with the PTY slave fd attached (SCM_RIGHTS);
  ``{"op": "signal", "id": ..., "signal": N}`` (the zygote signals only children it has not yet reaped,
  so a reused pid is never hit).
- zygote → server: ``{"ev": "ready"}``, ``{"ev": "spawned", "id", "pid"}``, ``{"ev": "failed", "id",
  "error"}``, ``{"ev": "exited", "id", "status"}``, ``{"ev": "spares", "ready": N}`` (when N changes).

When the server goes away (EOF), the zygote ends its spares, hangs up every visitor's app and exits.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import json
import os
import selectors
import signal
import socket
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

from pathfinder.serve.launch import run_child
from pathfinder.serve.spares import SparePool, receive, run_spare, send_with_fd, warm_up
from pathfinder.serve.web_child import browser_size  # (browser visitors: also their palette command)


def import_factory(spec: str, extra_path: str | None) -> Callable[..., Any]:
    """``module:function`` → the function (importing the module, and with it Textual and the app)."""
    if extra_path:
        sys.path.insert(0, extra_path)
    module_name, _, attribute = spec.partition(":")
    module = importlib.import_module(module_name)
    factory: Callable[..., Any] = getattr(module, attribute)
    return factory


def window_size(fd: int) -> tuple[int, int] | None:
    """A terminal's (columns, lines), or None."""
    try:
        size = os.get_terminal_size(fd)
    except OSError:
        return None
    return (size.columns, size.lines) if size.columns and size.lines else None


def preload(spec: str, *, share_style_caches: bool) -> object:
    """Warm what every session would otherwise load itself: the catalog and the app's screens (and,
    with ``share_style_caches``, install the UI's process-wide style caches for the warm-up to fill)."""
    catalog: object = None
    if spec.startswith("pathfinder."):
        try:
            from pathfinder.catalog.loader import load_catalog

            catalog = load_catalog()
        except Exception as error:  # the app will report content problems itself
            first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
            print(f"zygote: catalog not preloaded: {first_line}", file=sys.stderr)
    import mimetypes  # noqa: F401  (a browser visitor's download names its type; see web_child)
    import webbrowser  # noqa: F401  (disabled in every child before it drops privileges)

    from pathfinder.tui.hosting import prepare_fork_server

    prepare_fork_server(spec, share_style_caches=share_style_caches)
    return catalog


class Zygote:
    """The fork loop: spawn requests in, exit statuses out."""

    def __init__(
        self,
        control: socket.socket,
        factory: Callable[..., Any],
        catalog: object,
        spares: SparePool,
        *,
        scratch: str,
        warm: bool = True,
        web: bool = False,
    ) -> None:
        self.control = control
        self.web = web
        """The browser door's fork server: every visitor's app (and spare) runs on Textual's web driver."""
        self.factory = factory
        self.catalog = catalog
        self.spares = spares
        self.warm = warm
        self.scratch = scratch
        """The empty folder spares start their apps with."""
        self.children: dict[int, str] = {}
        """pid → session id, for visitors' apps not yet reaped."""
        self.last_size = (80, 24)
        """The last visitor's window (columns, lines): the size new spares draw the app at."""
        self.selector = selectors.DefaultSelector()
        self.told_ready = -1
        """How many ready spares the server was last told of."""
        self.was_full = False
        """Whether every spare there was room for was ready, when last looked at."""
        self.wakeup_read, self.wakeup_write = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)

    def send(self, message: dict[str, Any]) -> None:
        with contextlib.suppress(OSError):
            self.control.send(json.dumps(message).encode("utf-8"))

    def close_inherited(self) -> None:
        """In a child: release the zygote's descriptors (the spares' sockets too) before the app starts."""
        self.selector.close()
        self.control.close()
        os.close(self.wakeup_read)
        os.close(self.wakeup_write)
        for sock in self.spares.sockets():
            sock.close()

    def spawn(self, request: dict[str, Any], fds: list[int]) -> None:
        session = str(request.get("id", ""))
        if len(fds) != 1:
            for fd in fds:
                os.close(fd)
            self.send({"ev": "failed", "id": session, "error": "expected one PTY descriptor"})
            return
        slave_fd = fds[0]
        web = bool(request.get("web"))  # a browser visitor: a socket, not a terminal
        if web:
            self.last_size = browser_size(request.get("env")) or self.last_size
        else:
            self.last_size = window_size(slave_fd) or self.last_size
        pid = self.hand_to_spare(request, slave_fd) if web == self.web else None
        if pid is None:
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

    def hand_to_spare(self, request: dict[str, Any], slave_fd: int) -> int | None:
        """Give the visitor to a ready spare; its pid, or None when there is none (or it has just died)."""
        spare = self.spares.take_ready()
        if spare is None:
            return None
        with contextlib.suppress(KeyError, ValueError):
            self.selector.unregister(spare.sock)
        try:
            send_with_fd(spare.sock, json.dumps(request).encode("utf-8"), slave_fd)
        except OSError:
            with contextlib.suppress(ProcessLookupError):
                os.kill(spare.pid, signal.SIGKILL)
            return None
        finally:
            spare.sock.close()
        return spare.pid

    def start_spare(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            pid = os.fork()
        except OSError as error:
            ours.close()
            theirs.close()
            print(f"zygote: no spare started: {error}", file=sys.stderr)
            self.spares.last_demand = time.monotonic()  # try again after a quiet spell
            return
        if pid == 0:
            ours.close()
            run_spare(
                theirs,
                self.factory,
                self.catalog,
                self.warm,
                self.close_inherited,
                size=self.last_size,
                scratch=self.scratch,
                web=self.web,
            )
        theirs.close()
        ours.setblocking(False)
        self.spares.add(pid, ours)
        self.selector.register(ours, selectors.EVENT_READ, pid)

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
        """Collect every child that has ended: a visitor's app is reported, a spare is forgotten."""
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            session = self.children.pop(pid, None)
            if session is not None:
                self.send({"ev": "exited", "id": session, "status": os.waitstatus_to_exitcode(status)})
            elif pid in self.spares.spares:
                self.forget_spare(pid)

    def forget_spare(self, pid: int) -> None:
        spare = self.spares.spares.get(pid)
        if spare is not None:
            with contextlib.suppress(KeyError, ValueError):
                self.selector.unregister(spare.sock)
            self.spares.drop(pid)

    def read_control(self) -> bool:
        """Handle one message; False when the server has gone."""
        try:
            data, fds = receive(self.control)
        except InterruptedError:
            return True
        if not data:
            return False
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
        """The server is gone: end the spares, hang up every visitor's app, then make sure, then reap."""
        for pid in list(self.spares.spares):
            self.forget_spare(pid)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
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
        while True:
            try:
                pid, _status = os.waitpid(-1, 0)
            except ChildProcessError:
                return
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
            wait = self.spares.seconds_until_wanted(len(self.children))
            timeout = 5.0 if wait is None else max(0.01, wait)
            for key, _events in self.selector.select(timeout=timeout):
                if key.data == "wakeup":
                    with contextlib.suppress(BlockingIOError):
                        os.read(self.wakeup_read, 4096)
                elif key.data == "control":
                    running = self.read_control() and running
                elif not self.spares.hear(key.data):
                    self.forget_spare(key.data)
            self.reap()
            if running and self.spares.wanted(len(self.children)):
                self.start_spare()
            self.tell_spares_ready()
        self.hang_up_all()

    def tell_spares_ready(self) -> None:
        """Tell the server how many spares are ready whenever that changes (for its metrics), and say on
        stderr when every spare there is room for is ready (also when there is room for none)."""
        ready = sum(1 for spare in self.spares.spares.values() if spare.ready)
        if ready != self.told_ready:
            self.told_ready = ready
            self.send({"ev": "spares", "ready": ready})
        full = self.spares.size > 0 and self.spares.full(len(self.children))
        if full and not self.was_full:
            print(f"zygote: {ready} apps started ahead of visitors are ready", file=sys.stderr)
        self.was_full = full


def main() -> None:
    parser = argparse.ArgumentParser(prog="pathfinder-zygote")
    parser.add_argument("--app", required=True)
    parser.add_argument("--app-path", default=None)
    parser.add_argument("--control", type=int, required=True)
    parser.add_argument("--no-warm-up", action="store_true")
    parser.add_argument("--spares", type=int, default=0, help="apps to keep started ahead of visitors")
    parser.add_argument("--max-apps", type=int, default=50, help="visitors' apps and spares together")
    parser.add_argument("--scratch", default=None, help="an empty folder for the spares' apps")
    parser.add_argument("--web", action="store_true", help="spares for the browser door (web driver)")
    args = parser.parse_args()
    control = socket.socket(fileno=args.control)
    factory = import_factory(args.app, args.app_path)
    catalog = preload(args.app, share_style_caches=not args.no_warm_up)
    with contextlib.ExitStack() as cleanup:
        scratch = args.scratch or cleanup.enter_context(tempfile.TemporaryDirectory(prefix="pathfinder-"))
        if not args.no_warm_up:
            warm_up(factory, catalog, scratch)
        gc.collect()
        gc.freeze()  # keep the collector from touching (and un-sharing) the warm objects in every child
        spares = SparePool(args.spares, args.max_apps)
        Zygote(
            control, factory, catalog, spares, warm=not args.no_warm_up, scratch=scratch, web=args.web
        ).serve()


if __name__ == "__main__":
    main()
