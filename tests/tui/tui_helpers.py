"""Shared helpers of the app's tests: fixture paths, the fixed clock and ``settle``.

Imported by name (``from tui_helpers import ...``): pytest puts this folder on ``sys.path``, and the
tests must also run against a non-editable install, where ``tests`` is not a package on the path.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.pilot import Pilot

from pathfinder.tui.app import PathfinderApp
from pathfinder.tui.screens.wizard import WizardScreen

if TYPE_CHECKING:
    from pathfinder.tui.session import Session

DATA = Path(__file__).resolve().parent.parent / "data" / "tui"
CONTENT = DATA / "content"
TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)

AppFactory = Callable[..., PathfinderApp]
AppPilot = Pilot[int]
"""The Pilot of a :class:`PathfinderApp` (Textual types a Pilot by its app's return type, ``int``)."""


def session_of(app: PathfinderApp) -> Session:
    """The app's session, which a test expects to exist by then."""
    session = app.session
    assert session is not None, "no session: start a profile or open a plan first"
    return session


def wizard_screen(app: PathfinderApp) -> WizardScreen:
    """The wizard, which a test expects on screen by then."""
    screen = app.screen
    assert isinstance(screen, WizardScreen), f"expected the wizard, found {type(screen).__name__}"
    return screen


def current_step(app: PathfinderApp) -> str | None:
    """The wizard's step on screen (None when the wizard is not the screen shown)."""
    screen = app.screen
    return screen.current if isinstance(screen, WizardScreen) else None


async def settle(pilot: AppPilot, until: Callable[[], object], timeout: float = 10.0) -> None:
    """Let the app work until ``until()`` holds; fail after ``timeout``.

    Waits for events, not for a fixed time: ``pilot.pause()`` returns once the screen's widgets have
    handled the messages queued so far and the process has gone idle (Textual's own wait), which covers
    workers running in threads and timers that fired. It does not wait for every worker to finish: a
    worker may be waiting for the user (a yes/no dialog); a test that needs one finished awaits
    ``app.workers.wait_for_complete()`` itself.
    """
    try:
        async with asyncio.timeout(timeout):
            while not until():
                await pilot.pause()
    except TimeoutError:
        raise AssertionError("the app never reached the expected state") from None
