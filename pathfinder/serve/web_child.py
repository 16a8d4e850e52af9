"""What a browser visitor's app has that an SSH visitor's has not: "Download plan (TOML)".

A browser visitor's app is a child of the fork server like an SSH visitor's (``launch.run_child``, with
``"web": true`` in its request: a socket to the web server as stdin/stdout for Textual's web driver,
instead of a terminal). Browser visitors have no key: their plans last for the visit, and the command
palette gains "Download plan (TOML)", which hands their latest saved plan to the browser through
Textual's file delivery.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from pathfinder.serve.visitors import CommandRefused, export_plan

DOWNLOAD_TITLE = "Download plan (TOML)"
WEB_DRIVER_ENV = {
    "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
    "TEXTUAL_COLOR_SYSTEM": "truecolor",
}
"""What tells Textual to draw for a browser (textual-serve's terminal): its web driver, 24-bit colour."""


def browser_size(env: object) -> tuple[int, int] | None:
    """(columns, lines) from a browser visitor's environment (``COLUMNS``, ``ROWS``), if it says."""
    if not isinstance(env, dict):
        return None
    try:
        return int(env["COLUMNS"]), int(env["ROWS"])
    except (KeyError, ValueError, TypeError):
        return None


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
    from pathfinder.tui.hosting import add_palette_command

    add_palette_command(
        app,
        DOWNLOAD_TITLE,
        "Save your latest saved plan to your computer (plans here last for this visit)",
        lambda: deliver_latest_plan(app, plan_dir),
    )
