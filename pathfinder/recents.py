"""The recent plans: every plan opened or saved, wherever its file lives, newest first (at most 20).

Kept as ``recent-plans.json`` in the user's state folder (machine-written state, not a preference). A
damaged or unreadable list is read as what can be used (possibly nothing) and replaced at the next update:
the welcome screen never fails because of it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pathfinder.preferences import write_atomically

RECENTS_FILE = "recent-plans.json"
LIMIT = 20
MAX_RECENTS_BYTES = 256 * 1024


@dataclass(frozen=True)
class RecentPlan:
    path: Path
    name: str
    target: str | None
    used: str
    """When it was last opened or saved (ISO 8601)."""


def read_recents(state_dir: Path) -> list[RecentPlan]:
    """The recent plans, newest first; an empty list when there is none or the file is unusable."""
    try:
        with (state_dir / RECENTS_FILE).open("rb") as handle:
            data = handle.read(MAX_RECENTS_BYTES + 1)
        document = json.loads(data) if len(data) <= MAX_RECENTS_BYTES else None
    except (OSError, ValueError):
        return []
    entries = document.get("plans") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        return []
    recents = [recent for entry in entries[:LIMIT] if (recent := _entry(entry)) is not None]
    return recents


def _entry(entry: Any) -> RecentPlan | None:
    if not isinstance(entry, dict):
        return None
    path, name, target, used = (entry.get(key) for key in ("path", "name", "target", "used"))
    if not (isinstance(path, str) and path and isinstance(name, str) and isinstance(used, str)):
        return None
    return RecentPlan(Path(path), name[:120], target if isinstance(target, str) else None, used)


def remember(state_dir: Path, path: Path, name: str, target: str | None, when: datetime) -> None:
    """Put the plan at ``path`` first in the list (once), keeping at most :data:`LIMIT` entries.
    Raises ``OSError`` when the list cannot be written."""
    path = path.resolve()
    recents = [RecentPlan(path, name, target, when.isoformat())]
    recents += [recent for recent in read_recents(state_dir) if recent.path != path]
    _write(state_dir, recents[:LIMIT])


def forget(state_dir: Path, path: Path) -> None:
    """Take ``path`` off the list (raises ``OSError`` when the list cannot be written)."""
    recents = read_recents(state_dir)
    kept = [recent for recent in recents if recent.path != path]
    if len(kept) != len(recents):
        _write(state_dir, kept)


def _write(state_dir: Path, recents: list[RecentPlan]) -> None:
    entries = [
        {"path": str(recent.path), "name": recent.name, "target": recent.target, "used": recent.used}
        for recent in recents
    ]
    state_dir.mkdir(parents=True, exist_ok=True)
    write_atomically(state_dir / RECENTS_FILE, json.dumps({"plans": entries}, indent=1) + "\n")
