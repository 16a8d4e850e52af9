"""Inside a freshly forked app process: become a session on the visitor's PTY, shed privileges, run the app.

Runs in the child of the fork server, which is single-threaded, so nothing here races with other threads.
Order matters: the PTY becomes the controlling terminal (else no SIGWINCH on resize), then the limits,
the directory, the user and the environment are set from the server's request only, then the app is
built through the configured factory and run. A crash's traceback goes to the session's log on the
server, never to the visitor's screen. This function never returns: the process ends with ``os._exit``.
"""

from __future__ import annotations

import contextlib
import fcntl
import inspect
import os
import pwd
import resource
import signal
import sys
import termios
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pathfinder.collector import pause_for_startup

MiB = 1024 * 1024
EXIT_CRASHED = 70


def _set_limits(request: dict[str, Any]) -> None:
    """Per-session rlimits: address space, file size, open files, no core dumps."""
    limits = {
        resource.RLIMIT_AS: int(request["memory_limit_mb"]) * MiB,
        resource.RLIMIT_FSIZE: int(request["file_size_limit_mb"]) * MiB,
        resource.RLIMIT_NOFILE: int(request["open_files_limit"]),
        resource.RLIMIT_CORE: 0,
    }
    for which, value in limits.items():
        resource.setrlimit(which, (value, value))


def _drop_privileges(user: str | None) -> None:
    """Become ``user`` (no supplementary groups); nothing to do when the server runs unprivileged."""
    if not user:
        return
    record = pwd.getpwnam(user)
    os.setgroups([])
    os.setgid(record.pw_gid)
    os.setuid(record.pw_uid)
    if os.getuid() == 0 or os.geteuid() == 0:
        raise PermissionError("privilege drop failed")


def _become_terminal_session(slave_fd: int, log_fd: int, *, web: bool) -> None:
    """New session whose controlling terminal is the PTY slave, which becomes stdin/stdout/stderr. A
    browser visitor's app (``web``) has a socket to the web server instead, for stdin/stdout (Textual's
    web driver), and its log as stderr (nothing stray may reach the socket)."""
    os.setsid()
    if web:
        os.dup2(slave_fd, 0)
        os.dup2(slave_fd, 1)
        os.dup2(log_fd, 2)
    else:
        fcntl.ioctl(slave_fd, termios.TIOCSCTTY, 0)
        for target in (0, 1, 2):
            os.dup2(slave_fd, target)
    if slave_fd > 2:
        os.close(slave_fd)


def _factory_arguments(
    factory: Callable[..., Any], request: dict[str, Any], catalog: object
) -> dict[str, Any]:
    """Keyword arguments for ``make_app``; ``catalog`` only if preloaded and accepted."""
    arguments: dict[str, Any] = {
        "plan_dir": Path(request["plan_dir"]),
        "data_dir": Path(request["data_dir"]),
        "hosted": True,
        "hosted_keyless": bool(request["keyless"]),
    }
    if catalog is not None:
        try:
            parameters = inspect.signature(factory).parameters
        except (TypeError, ValueError):
            parameters = {}  # type: ignore[assignment]
        if "catalog" in parameters:
            arguments["catalog"] = catalog
    return arguments


def _no_browser() -> None:
    """A visitor's "open link" must never start a browser on the server (defence in depth: the hosted
    app already overrides ``open_url``)."""
    import webbrowser

    def refuse(*_args: Any, **_kwargs: Any) -> bool:
        return False

    webbrowser.open = webbrowser.open_new = webbrowser.open_new_tab = refuse


def leave_fork_server(close_inherited: Callable[[], None]) -> None:
    """First thing in a child of the fork server: the default signal handling back (the fork server
    ignores SIGTERM and wakes on SIGCHLD), and the fork server's descriptors closed."""
    signal.set_wakeup_fd(-1)
    for signum in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGPIPE):
        signal.signal(signum, signal.SIG_DFL)
    close_inherited()


def enter_session(request: dict[str, Any], slave_fd: int, close_others: Callable[[int], None]) -> None:
    """Become the visitor's session, in this order: the log (from here on a traceback can only reach the
    server's log, never the visitor), the PTY as controlling terminal and fd 0/1/2, every other
    descriptor but the log's closed (``close_others(log_fd)``), the limits, the session directory, the
    app user, the allow-listed environment."""
    log_fd = os.open(request["log_path"], os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o600)
    log = os.fdopen(log_fd, "w", buffering=1, encoding="utf-8", errors="replace")
    sys.stderr = log  # tracebacks and warnings; the screen is drawn on sys.__stderr__ (the PTY)
    sys.stdout = log
    _become_terminal_session(slave_fd, log_fd, web=bool(request.get("web")))
    close_others(log_fd)
    _set_limits(request)
    os.chdir(request["home"])
    _no_browser()  # before the privilege drop: the app user may not be able to read the stdlib
    _drop_privileges(request.get("user"))
    os.environ.clear()
    os.environ.update(request["env"])
    os.umask(0o077)


def close_all_but(log_fd: int) -> None:
    """Close every descriptor above 2 except the log's (a fresh child has nothing else to keep)."""
    os.closerange(3, log_fd)
    os.closerange(log_fd + 1, 65536)


def log_crash() -> None:
    """The traceback of what is being handled, to the session's log (never to the visitor's screen)."""
    if sys.stderr is not sys.__stderr__:
        with contextlib.suppress(BaseException):
            traceback.print_exc(file=sys.stderr)


def exit_now(code: int) -> None:
    with contextlib.suppress(BaseException):
        sys.stderr.flush()
        sys.__stderr__.flush()  # type: ignore[union-attr]
    os._exit(code)


def run_child(
    request: dict[str, Any],
    slave_fd: int,
    factory: Callable[..., Any],
    catalog: object,
    close_inherited: Callable[[], None],
) -> None:
    """Turn this forked process into one visitor's app and exit with the app's return code."""
    code = EXIT_CRASHED
    try:
        leave_fork_server(close_inherited)
        from pathfinder.tui.hosting import when_started  # (loaded by the fork server already)

        web = bool(request.get("web"))
        enter_session(request, slave_fd, close_all_but)
        if web:
            from pathfinder.tui.hosting import use_web_driver

            use_web_driver(os.environ)  # the visitor's, set by enter_session
        resume_collector = pause_for_startup()  # this process is the visitor's: off until the first frame
        app = factory(**_factory_arguments(factory, request, catalog))
        if web:
            from pathfinder.serve.web_child import add_download_command

            add_download_command(app, Path(request["plan_dir"]))
        when_started(app, resume_collector)
        app.run()
        code = int(app.return_code or 0)
    except BaseException:
        code = EXIT_CRASHED
        log_crash()
    finally:
        exit_now(code)
