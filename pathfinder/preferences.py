"""The user's preferences: a small TOML file, ``config.toml`` in the user's config folder.

Today it holds the theme::

    theme = "light"   # dark, light or high-contrast

Read once at start (only when the file exists, so a first run reads nothing). A file that cannot be
used is never a traceback: what can be read is kept, the rest falls back to the defaults, and the error
names the file, the line and what to do. Pathfinder never overwrites a file it could not read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # read at start-up: the error classes are imported only when there is a problem
    from pathfinder.errors import PathfinderError, Problem

CONFIG_FILE = "config.toml"
THEME_NAMES: tuple[str, ...] = ("dark", "light", "high-contrast")
MAX_CONFIG_BYTES = 64 * 1024
HEADER = "# Pathfinder preferences (written by Pathfinder; you may edit it).\n"
FIX_HINT = "fix or delete the file, then start Pathfinder again"


@dataclass(frozen=True)
class Preferences:
    """What Pathfinder remembers between runs."""

    theme: str = "dark"
    """One of :data:`THEME_NAMES` (the app's theme is ``pathfinder-<theme>``)."""


def read_preferences(config_dir: Path) -> tuple[Preferences, PathfinderError | None]:
    """The preferences in ``config_dir`` (the defaults when there is no file), and the problem with the
    file if any (the preferences then hold the defaults for whatever could not be read)."""
    path = config_dir / CONFIG_FILE
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
    except FileNotFoundError:
        return Preferences(), None
    except OSError as error:
        return Preferences(), _error(path, [_problem(path, f"cannot be read: {error.strerror or error}")])
    if len(data) > MAX_CONFIG_BYTES:
        return Preferences(), _error(path, [_problem(path, f"is larger than {MAX_CONFIG_BYTES // 1024} KiB")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Preferences(), _error(path, [_problem(path, "is not UTF-8 text", hint=FIX_HINT)])
    return parse_preferences(text, path)


def parse_preferences(text: str, path: Path) -> tuple[Preferences, PathfinderError | None]:
    """Preferences from the text of ``path`` (see :func:`read_preferences`)."""
    import tomllib

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        from pathfinder.catalog.toml_lines import syntax_problem

        return Preferences(), _error(path, [syntax_problem(error, text, path)])
    preferences = Preferences()
    problems: list[tuple[str, str, str]] = []
    for key, value in document.items():
        if key == "theme":
            preferences, problem = _with_theme(preferences, value)
            if problem:
                problems.append((key, problem, f'write theme = "{THEME_NAMES[0]}", or delete the line'))
        else:
            known = ", ".join(field for field in Preferences.__dataclass_fields__)
            problems.append((key, f"unknown preference {key!r}", f"the preferences are: {known}"))
    if not problems:
        return preferences, None
    from pathfinder.catalog.toml_lines import key_lines
    from pathfinder.errors import Problem

    lines = key_lines(text)
    found = [
        Problem(path, message, key=key, line=lines.get((key,)), hint=hint) for key, message, hint in problems
    ]
    return preferences, _error(path, found)


def _with_theme(preferences: Preferences, value: Any) -> tuple[Preferences, str]:
    choices = ", ".join(THEME_NAMES)
    if not isinstance(value, str):
        return preferences, f"theme must be text, one of: {choices}"
    if value not in THEME_NAMES:
        return preferences, f"unknown theme {value[:40]!r}; choose one of: {choices}"
    return replace(preferences, theme=value), ""


def _problem(path: Path, message: str, hint: str = "") -> Problem:
    from pathfinder.errors import Problem

    return Problem(path, message, hint=hint)


def _error(path: Path, problems: list[Problem]) -> PathfinderError:
    from pathfinder.errors import PathfinderError

    return PathfinderError(
        "Pathfinder started with its defaults for what it could not read, and will not overwrite the "
        "file: correct it as said below, or delete it.",
        title="Preferences not read",
        problems=problems,
    )


def preferences_to_toml(preferences: Preferences) -> str:
    """The config file's text."""
    import json  # a JSON string of plain text is a valid TOML basic string

    return HEADER + f"theme = {json.dumps(preferences.theme)}  # {', '.join(THEME_NAMES)}\n"


def write_preferences(config_dir: Path, preferences: Preferences) -> None:
    """Write the preferences atomically (the folder is created if needed). Raises ``OSError``."""
    config_dir.mkdir(parents=True, exist_ok=True)
    write_atomically(config_dir / CONFIG_FILE, preferences_to_toml(preferences))


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step (a crash leaves the old file or the new one)."""
    import secrets

    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
