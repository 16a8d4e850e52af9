"""Regenerate the README's screenshot of the compare screen from the example plan.

Run from the repository root: ``.venv/bin/python docs/images/screenshot.py``. The date is fixed so the
picture only changes when the app or the content does.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from datetime import date
from pathlib import Path

from pathfinder.tui import make_app

EXAMPLE = Path("docs/examples/alex-career-switch.toml")
OUTPUT = Path("docs/images/compare.svg")


async def take_screenshot() -> None:
    """Open the example plan at 120×40, go to the compare step and save an SVG of the screen."""
    home = Path(tempfile.mkdtemp())
    plan = home / EXAMPLE.name
    shutil.copy(EXAMPLE, plan)
    app = make_app(
        plan_dir=home / "plans", data_dir=home / "data", today=lambda: date(2026, 11, 25), open_path=plan
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(2.0)
        await pilot.press("f6")
        await pilot.pause(1.5)
        OUTPUT.write_text(app.export_screenshot(title="Pathfinder — compare"), encoding="utf-8")
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(take_screenshot())
