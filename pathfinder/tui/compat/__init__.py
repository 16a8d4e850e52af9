"""The one door to Textual's and Rich's private internals.

Textual is pinned (``textual==8.2.8``), and a few things Pathfinder needs have no public API in it.
Every use of a private name of Textual or Rich lives in this package, and nowhere else in
``pathfinder`` (``tests/tui/test_compat.py`` checks both that, and that each name listed in
:mod:`pathfinder.tui.compat.private_names` still exists with the signature used here), so an upgrade
of Textual fails one test with a clear message instead of failing users at run time.

- this module: small helpers (the app's driver, a screen's CSS, the running app, a terminal's colour
  system) and the crash hooks of the App;
- :mod:`pathfinder.tui.compat.handover_driver`: the driver used for hosted hand-overs;
- :mod:`pathfinder.tui.compat.style_caches`: process-wide caches of parsed CSS and theme colours;
- :mod:`pathfinder.tui.compat.option_list`: the skills list and description panel (an OptionList that is
  cheap to refill, a panel that redraws without a layout), justified by the figures in docs/benchmarks.md.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from rich.console import Console, RenderableType
from textual.app import App

if TYPE_CHECKING:
    from textual.driver import Driver
    from textual.screen import Screen


def app_driver(app: App[Any]) -> Driver | None:
    """The running app's driver (None when it is not running)."""
    return app._driver


def load_screen_css(app: App[Any], screen: Screen[Any]) -> None:
    """Read ``screen``'s stylesheet now (Textual reads it when a screen is pushed, never for the default
    screen)."""
    app._load_screen_css(screen)


def running_app() -> App[Any] | None:
    """The app being run in this context, or None (e.g. a screen built before any app runs)."""
    from textual._context import active_app

    try:
        return active_app.get()
    except LookupError:
        return None


def color_system_for(env: Mapping[str, str]) -> str | None:
    """The colour system Rich (and so Textual) picks for a terminal with environment ``env``."""
    probe = Console(file=io.StringIO(), force_terminal=True, _environ=env)
    return probe.color_system


class CrashHooks(App[int]):
    """Two hooks for an unexpected error, which Textual 8.2.8 handles in private methods only.

    :meth:`unexpected_error` is called first (keep the user's work, log the details);
    :meth:`crash_message`, when it returns something, is shown on exit instead of Textual's traceback.
    """

    CRASH_RETURN_CODE = 1
    """The exit status after an unhandled error shown with :meth:`crash_message` (Textual's is 1)."""

    def unexpected_error(self, error: Exception) -> None:
        """An unhandled error is about to end the app."""

    def crash_message(self) -> RenderableType | None:
        """What to print on exit after an unhandled error; None for Textual's traceback."""
        return None

    def _handle_exception(self, error: Exception) -> None:
        self.unexpected_error(error)
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        message = self.crash_message()
        if message is None:
            super()._fatal_error()
            return
        self.bell()
        self._return_code = self.CRASH_RETURN_CODE
        self._exit_renderables.append(message)
        self._close_messages_no_wait()
