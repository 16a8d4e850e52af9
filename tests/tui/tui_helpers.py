"""Shared helpers of the app's tests: fixture paths, the fixed clock and ``settle``.

Imported by name (``from tui_helpers import ...``): pytest puts this folder on ``sys.path``, and the
tests must also run against a non-editable install, where ``tests`` is not a package on the path.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pathfinder.tui.app import PathfinderApp

DATA = Path(__file__).resolve().parent.parent / "data" / "tui"
CONTENT = DATA / "content"
TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)

AppFactory = Callable[..., PathfinderApp]


async def settle(pilot: Any, until: Callable[[], bool], timeout: float = 10.0) -> None:
    """Let the app run (workers, timers, screen changes) until ``until()`` holds; fail after ``timeout``.

    Polls the condition between idle points, so a fast machine moves on at once and a loaded one waits.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not until():
        if loop.time() > deadline:
            raise AssertionError("the app never reached the expected state")
        await pilot.pause()
        if not until():
            await asyncio.sleep(0.002)
