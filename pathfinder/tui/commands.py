"""The command palette's Pathfinder commands: jump to a step, save, open, export, switch theme.

Textual's own themes are unregistered by the app, so its theme picker lists Pathfinder's three only.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from pathfinder.tui.app import PathfinderApp

STEP_NAMES: tuple[tuple[str, str], ...] = (
    ("background", "Background"),
    ("education", "Education"),
    ("certifications", "Certifications"),
    ("skills", "Skills"),
    ("compare", "Compare"),
    ("plan", "Plan"),
)


class PathfinderCommands(Provider):
    """Offers Pathfinder's actions by name, next to Textual's built-in commands."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app: PathfinderApp = self.app  # type: ignore[assignment]
        commands: list[tuple[str, str, Callable[[], object]]] = [
            ("New profile", "Start a new profile from scratch", app.action_new_profile),
            ("Open plan…", "Open a saved plan file", app.action_open),
            ("Save plan", "Save the plan as TOML (ctrl+s)", app.action_save),
            ("Save plan as…", "Save the plan under a new name or in a new file", app.action_save_as),
            ("Export markdown", "Write the plan as a Markdown file", app.action_export_markdown),
            ("Export calendar", "Write the plan's dates as an .ics file", app.action_export_calendar),
            ("View plan as TOML", "Show the plan file's text so you can copy it", app.action_view_toml),
            ("Progress over time", "Fit scores at each save", app.action_progress),
            ("Product vs project at a glance", "The two roles side by side", app.action_glance),
            ("Resume the open plan", "Back to the plan you were editing", app.action_resume),
            (
                "Import from LinkedIn or JSON Resume",
                "Start a profile from a LinkedIn export or a JSON Resume",
                app.action_import_profile,
            ),
            (
                "X-ray a job posting",
                "Which path a posting really describes, and your gap",
                app.action_xray_posting,
            ),
            ("Help", "Keys and how Pathfinder works", app.action_help),
        ]
        for step_id, label in STEP_NAMES:
            commands.append(
                (f"Go to step: {label}", f"Jump to the {label} step", partial(app.action_go_step, step_id))
            )
        for theme_name in ("pathfinder-dark", "pathfinder-light", "pathfinder-high-contrast"):
            pretty = theme_name.removeprefix("pathfinder-").replace("-", " ")
            commands.append(
                (f"Theme: {pretty}", f"Switch to the {pretty} theme", partial(app.set_theme, theme_name))
            )
        return commands

    async def discover(self) -> Hits:
        """Show every Pathfinder command when the palette opens empty."""
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """Fuzzy-match Pathfinder's commands against what the user typed."""
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
