"""One browser visitor's app process, started by ``pathfinder serve web`` as
``python -I -X utf8 -m pathfinder.serve.web_child REQUEST`` with an environment the server built.

It becomes the visitor's session the way an SSH visitor's app does (``launch.py``): its log first (a
traceback never reaches the browser), then the limits, the session directory, the app user and the
allow-listed environment; then it builds the app through the configured factory and runs it with
Textual's web driver, which talks to the server over stdin/stdout. Browser visitors have no key: their
plans last for the visit, and the command palette gains "Download plan (TOML)", which hands their latest
saved plan to the browser through Textual's file delivery.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pathfinder.serve.launch import (
    EXIT_CRASHED,
    _drop_privileges,
    _factory_arguments,
    _no_browser,
    _set_limits,
    exit_now,
    log_crash,
)
from pathfinder.serve.visitors import CommandRefused, export_plan

DOWNLOAD_TITLE = "Download plan (TOML)"


def enter_web_session(request: dict[str, Any]) -> None:
    """The log (fd 2 too), the limits, the session directory, the app user, the environment."""
    log_fd = os.open(request["log_path"], os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o600)
    os.dup2(log_fd, 2)
    sys.stderr = os.fdopen(log_fd, "w", buffering=1, encoding="utf-8", errors="replace")
    os.closerange(3, log_fd)
    os.closerange(log_fd + 1, 65536)
    _set_limits(request)
    os.chdir(request["home"])
    _no_browser()
    _drop_privileges(request.get("user"))
    os.environ.clear()
    os.environ.update(request["env"])
    os.umask(0o077)


def deliver_latest_plan(app: Any, plan_dir: Path) -> None:
    """Hand the visitor's most recently saved plan to their browser (a download), or say how to get one."""
    try:
        text, _note = export_plan(plan_dir, None)
    except CommandRefused as refusal:
        app.notify(f"{refusal}. Save it with ctrl+s first.", title="Download plan", severity="warning")
        return
    names = [path.name for path in sorted(plan_dir.glob("*.toml"), key=lambda path: -path.stat().st_mtime)]
    app.deliver_text(
        io.StringIO(text), save_filename=names[0] if names else "plan.toml", mime_type="text/plain"
    )
    app.notify("Your latest saved plan is on its way to your browser's downloads.", title="Download plan")


def add_download_command(app: Any, plan_dir: Path) -> None:
    """Add "Download plan (TOML)" to the app's command palette (its own commands stay as they are)."""
    from textual.app import SystemCommand

    original: Callable[[Any], Iterable[Any]] = app.get_system_commands

    def commands(screen: Any) -> Iterable[Any]:
        yield from original(screen)
        yield SystemCommand(
            DOWNLOAD_TITLE,
            "Save your latest saved plan to your computer (plans here last for this visit)",
            lambda: deliver_latest_plan(app, plan_dir),
        )

    app.get_system_commands = commands


def main() -> None:
    code = EXIT_CRASHED
    try:
        request = json.loads(sys.argv[1])
        enter_web_session(request)
        from pathfinder.serve.zygote import import_factory

        factory = import_factory(request["app"], request.get("app_path"))
        app = factory(**_factory_arguments(factory, request, None))
        add_download_command(app, Path(request["plan_dir"]))
        app.run()
        code = int(app.return_code or 0)
    except BaseException:
        log_crash()
    finally:
        exit_now(code)


if __name__ == "__main__":
    main()
