"""Where Pathfinder keeps the user's files: plans, drafts, preferences, recent plans and other data.

By default these follow the platform's conventions (platformdirs, app name ``pathfinder``): for example
``~/.local/share/pathfinder`` on Linux. Setting ``PATHFINDER_HOME`` puts every directory under that one
folder instead, which tests and the SSH host use to keep each run or visitor apart. Directories are created
on first use.
"""

from __future__ import annotations

import os
from pathlib import Path

from pathfinder.errors import PathfinderError

APP_NAME = "pathfinder"
HOME_VARIABLE = "PATHFINDER_HOME"


def _ensure(directory: Path) -> Path:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PathfinderError(
            f"Cannot create the folder {directory} ({error.strerror or error}). "
            f"Set {HOME_VARIABLE} to a writable folder.",
            title="Folder not available",
        ) from None
    return directory


def _home() -> Path | None:
    value = os.environ.get(HOME_VARIABLE, "").strip()
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """Pathfinder's data folder (``$PATHFINDER_HOME/data``, or the platform's user data folder)."""
    home = _home()
    if home is not None:
        return _ensure(home / "data")
    from platformdirs import user_data_path

    return _ensure(user_data_path(APP_NAME, appauthor=False))


def plan_dir() -> Path:
    """Where plans are saved by default (``$PATHFINDER_HOME/plans``, or ``plans`` in the data folder)."""
    home = _home()
    return _ensure(home / "plans" if home is not None else data_dir() / "plans")


def drafts_dir() -> Path:
    """Where the autosaved draft lives: ``drafts`` in the data folder (the app uses the same place)."""
    return _ensure(data_dir() / "drafts")


def config_dir() -> Path:
    """Where preferences are kept (``$PATHFINDER_HOME/config``, or the platform's user config folder).

    Not created here: the app only reads it at start, and creates it when it first writes a preference.
    """
    home = _home()
    if home is not None:
        return home / "config"
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def state_dir() -> Path:
    """Where the list of recent plans is kept (``$PATHFINDER_HOME/state``, or the platform's user state
    folder). Not created here: it is created when the list is first written."""
    home = _home()
    if home is not None:
        return home / "state"
    from platformdirs import user_state_path

    return user_state_path(APP_NAME, appauthor=False)
