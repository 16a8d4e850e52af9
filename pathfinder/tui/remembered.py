"""What the app remembers between runs: the preferences (theme) and the recent plans.

Both live in folders the app is given (``config_dir``, ``state_dir``); a hosted app uses folders inside its
visitor's data folder, so that nothing is shared between visitors. Reading the preferences before the
first frame costs one ``stat`` when there is no config file; the recent plans are read with the welcome
screen's list, after the first frame.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathfinder.errors import PathfinderError
    from pathfinder.preferences import Preferences
    from pathfinder.tui.app import PathfinderApp

THEME_PREFIX = "pathfinder-"
CONFIG_FILE = "config.toml"  # pathfinder.preferences.CONFIG_FILE, without importing it at start-up
RECENTS_FILE = "recent-plans.json"  # pathfinder.recents.RECENTS_FILE, likewise
DEFAULT_THEME = "dark"


class Remembered:
    """The preferences the app started with, and whether the config file may be written."""

    def __init__(self, app: PathfinderApp) -> None:
        self.app = app
        self.preferences: Preferences | None = None
        """None: the defaults (no config file)."""
        self.problem: PathfinderError | None = None

    def load(self) -> None:
        """Read the preferences in the app's config folder and apply them (before the first frame, or
        when a hosted app is handed to its visitor)."""
        self.preferences, self.problem = None, None
        if os.path.exists(self.app.config_dir / CONFIG_FILE):
            from pathfinder.preferences import read_preferences

            self.preferences, self.problem = read_preferences(self.app.config_dir)
        theme = THEME_PREFIX + self.theme
        if self.app.theme != theme:
            self.app.theme = theme

    @property
    def theme(self) -> str:
        return self.preferences.theme if self.preferences is not None else DEFAULT_THEME

    def tell_problem(self) -> None:
        """Explain a config file that could not be used (after the first frame)."""
        if self.problem is not None:
            from rich.markup import escape

            note = str(self.problem)
            if self.app.hosted:  # a visitor is never shown a server path
                note = note.replace(str(self.app.config_dir / CONFIG_FILE), "your config.toml")
            note = escape(note)
            self.app.notify(note, title=self.problem.title, severity="warning", timeout=20)

    def theme_changed(self, theme: str) -> None:
        """Keep a theme the user chose (never overwriting a config file that could not be read)."""
        short = theme.removeprefix(THEME_PREFIX)
        if short == self.theme or self.problem is not None or theme == short:
            return
        from dataclasses import replace

        from pathfinder.preferences import Preferences, write_preferences

        preferences = replace(self.preferences or Preferences(), theme=short)
        try:
            write_preferences(self.app.config_dir, preferences)
        except OSError as error:
            self.app.notify(
                f"Could not keep the theme for next time: {error.strerror or error}", severity="warning"
            )
            return
        self.preferences = preferences

    def plan_used(self) -> None:
        """Put the session's plan file first in the recent plans (after an open or a save)."""
        session = self.app.shown_session
        if session is None or session.path is None:
            return
        from pathfinder.recents import remember

        try:
            remember(self.app.state_dir, session.path, session.plan.name, session.plan.target, self.app.now())
        except OSError as error:
            self.app.notify(
                f"Could not update the recent plans: {error.strerror or error}", severity="warning"
            )
