"""The one door between the SSH host (``pathfinder.serve``) and the UI.

The host imports nothing else from ``pathfinder.tui`` (an import-linter contract in ``pyproject.toml``
holds it to that), and the App knows nothing of the host: an app is built by the factory the host is
given (``pathfinder.tui:make_app`` by default), and everything about handing a running app to a visitor
lives here and in :mod:`pathfinder.tui.ahead`.

- :func:`prepare_fork_server` — in the fork server, before it warms up: import what every visitor's
  app would import itself, and install the per-process style caches, so forked children inherit them.
- :func:`when_started` — call a function once an app built by the factory has drawn its first screen.
- :func:`can_run_ahead` — whether an app built by the factory can be drawn ahead and handed over.
- :func:`run_ahead` and :class:`Visitor` — draw the app on a holding terminal, then hand it over.
- :func:`use_web_driver` and :func:`add_palette_command` — for a browser visitor's app (``serve web``):
  Textual's web driver, and a command of the host's own in the app's command palette.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pathfinder.tui.ahead import Visitor, run_ahead

__all__ = [
    "Visitor",
    "add_palette_command",
    "can_run_ahead",
    "prepare_fork_server",
    "run_ahead",
    "use_web_driver",
    "when_started",
]


def prepare_fork_server(app_spec: str, *, share_style_caches: bool) -> None:
    """Import Textual (and, for Pathfinder's own app, its screens); with ``share_style_caches``, install
    the process-wide CSS parse and theme colour caches (the warm-up then fills them)."""
    import textual.app
    import textual.drivers.linux_driver
    import textual.drivers.web_driver
    import textual.widgets  # noqa: F401

    from pathfinder.tui.compat.style_caches import share_css_parse_cache, share_theme_colors

    if app_spec.startswith("pathfinder.tui"):
        import pathfinder.tui.app  # noqa: F401  (make_app imports it lazily; the fork server pays once)
    if share_style_caches:
        share_css_parse_cache()
        share_theme_colors()


def when_started(app: Any, callback: Callable[[], None]) -> None:
    """Call ``callback`` once Pathfinder's ``app`` is started (its first screen drawn); for another
    app, which cannot say so, now."""
    from pathfinder.tui.core import PathfinderCore

    if isinstance(app, PathfinderCore):
        app.when_started(callback)
    else:
        callback()


def can_run_ahead(app: Any) -> bool:
    """Whether ``app`` (built by the host's factory) is Pathfinder's, which can be handed over."""
    from pathfinder.tui.core import PathfinderCore

    return isinstance(app, PathfinderCore)


def use_web_driver(env: Mapping[str, str]) -> None:
    """Textual's web driver and colours, as ``env`` names them, for the app built next. Textual reads its
    environment when it is imported, which in a child of the fork server was long before this visitor's
    environment was set."""
    import textual.constants

    textual.constants.DRIVER = env.get("TEXTUAL_DRIVER")  # type: ignore[misc]
    textual.constants.COLOR_SYSTEM = env.get("TEXTUAL_COLOR_SYSTEM", "auto")  # type: ignore[misc]


def add_palette_command(app: Any, title: str, help_text: str, callback: Callable[[], None]) -> None:
    """Add a command to ``app``'s command palette (the app's own commands stay as they are)."""
    from textual.app import SystemCommand

    original: Callable[[Any], Iterable[Any]] = app.get_system_commands

    def commands(screen: Any) -> Iterable[Any]:
        yield from original(screen)
        yield SystemCommand(title, help_text, callback)

    app.get_system_commands = commands
