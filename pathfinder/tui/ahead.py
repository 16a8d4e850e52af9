"""A hosted app started before its visitor arrives, then handed to them.

The SSH host (``pathfinder.serve.spares``, through ``pathfinder.tui.hosting``) builds the app with
folders of its own, runs it on a holding terminal until its welcome screen is drawn, and waits. When a
visitor arrives, :func:`run_ahead` hands the app over (:func:`hand_over`; the App itself knows nothing
of visitors): the driver lets go of the holding terminal (as for ``App.suspend``), the host makes the
visitor's PTY this process's terminal and applies the session's limits, user and environment, the
driver starts again on the visitor's terminal, and the app takes the visitor's folders (their saved
plans, their draft, the note for visitors without a key). What is left for the visitor's time is
drawing the screen on their terminal. A visitor whose terminal gets other colours than the app was
built for is not taken: the app ends unseen and the host builds a fresh one.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pathfinder.tui.compat import app_driver, color_system_for
from pathfinder.tui.compat.handover_driver import HandoverDriver, HandoverWebDriver

if TYPE_CHECKING:
    from textual.pilot import Pilot
    from textual.screen import Screen

    from pathfinder.tui.core import PathfinderCore


@dataclass(frozen=True)
class Visitor:
    """Who the app is handed to."""

    plan_dir: Path
    data_dir: Path
    keyless: bool
    env: dict[str, str]
    """The environment the session will have (its ``TERM`` and ``COLORTERM`` decide the colours)."""
    enter: Callable[[], None]
    """Make the visitor's PTY (or, in a browser, socket) this process's terminal and apply the session's
    limits, user and environment; called while the driver has let go of the holding terminal."""
    size: tuple[int, int] | None = None
    """The visitor's window (columns, lines) when fd 0 cannot tell it (a browser visitor's socket)."""


def colours_fit(app: PathfinderCore, env: dict[str, str]) -> bool:
    """Whether a terminal with environment ``env`` gets the colours ``app`` was built with (Textual's
    ``TEXTUAL_COLOR_SYSTEM`` first, as Textual reads it: a browser visitor's is always set)."""
    named = env.get("TEXTUAL_COLOR_SYSTEM", "auto")
    return (color_system_for(env) if named == "auto" else named) == app.console.color_system


async def run_ahead(
    app: PathfinderCore,
    ready: Callable[[], None],
    arrival: Awaitable[Visitor | None],
    *,
    web: bool = False,
) -> int | None:
    """Run ``app`` (on the holding terminal) until its first screen is drawn, call ``ready``, wait for
    ``arrival``, then go on for that visitor until the app ends. Returns the app's return code, or None
    when nobody was taken (``arrival`` gave None, or a visitor needing other colours): the app has then
    ended without being seen. ``web``: for a browser visitor (Textual's web driver, on their socket)."""
    taken = False

    async def wait_for_visitor(pilot: Pilot[Any]) -> None:
        nonlocal taken
        await pilot.pause()
        await pilot.pause()
        ready()
        visitor = await arrival
        if visitor is None or not colours_fit(app, visitor.env):
            app.exit()
            return
        taken = True
        hand_over(app, visitor)

    app.driver_class = HandoverWebDriver if web else HandoverDriver
    await app.run_async(auto_pilot=wait_for_visitor)
    return int(app.return_code or 0) if taken else None


def hand_over(app: PathfinderCore, visitor: Visitor) -> None:
    """Hand ``app``, started ahead on a holding terminal with folders of its own, to ``visitor``: their
    terminal, then their folders, their saved plans and their draft."""
    from pathfinder.tui.draft_offer import offer_draft
    from pathfinder.tui.screens.welcome import WelcomeScreen

    driver = app_driver(app)
    if driver is None:
        raise RuntimeError("the app is not running")
    shown = (app.size.width, app.size.height)
    driver.suspend_application_mode()
    visitor.enter()
    app.plan_dir = visitor.plan_dir
    app.data_dir = visitor.data_dir
    app.hosted_keyless = visitor.keyless
    app.folders_changed()
    if isinstance(driver, HandoverDriver):
        driver.holding = False  # the visitor types: a keyboard reader from now on
    driver.resume_application_mode()  # reports the visitor's size: another size lays out anew
    from pathfinder.tui.resize_guard import guard_resize_signal

    guard_resize_signal()  # resuming installed the driver's resize handler again
    size = visitor.size or terminal_size()
    if size is None or size == shown:
        app.screen.refresh()  # all of it, once, on the visitor's (blank) terminal
    else:
        _repaint_when_laid_out(app, size)
    if isinstance(app.screen, WelcomeScreen):
        app.screen.visitor_arrived()
    app.call_after_refresh(offer_draft, app)
    app.call_after_refresh(app.sweep_leftovers)


def _repaint_when_laid_out(app: PathfinderCore, size: tuple[int, int]) -> None:
    """Paint the whole screen again once it has been laid out at ``size``: a new layout repaints only
    what moved, and the visitor's terminal starts blank."""
    screen = app.screen

    def laid_out(_screen: Screen[Any]) -> None:
        if (screen.outer_size.width, screen.outer_size.height) == size:
            screen.screen_layout_refresh_signal.unsubscribe(app)
            screen.refresh()

    screen.screen_layout_refresh_signal.subscribe(app, laid_out)


def terminal_size() -> tuple[int, int] | None:
    """The size of the terminal on fd 0 (None when it is not one)."""
    try:
        size = os.get_terminal_size(0)
    except OSError:
        return None
    return size.columns, size.lines
