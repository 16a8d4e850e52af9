"""Summaries of the plans saved in the plan directory, for the welcome screen's list.

Read with tomllib only (no validation, no content), so the welcome screen stays light; a file is
fully checked when it is opened.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path


@dataclass(frozen=True)
class SavedPlan:
    path: Path
    name: str
    target: str
    done: int
    total: int
    updated: str
    problem: str = ""

    def label(self) -> str:
        """One line: name, target, progress and last-saved date (or why it cannot be read). Read without
        validation, so any control character in it is shown escaped (see ``pathfinder.safe_text``)."""
        from pathfinder.safe_text import printable

        if self.problem:
            return printable(f"⚠ {self.path.name} — cannot be read: {self.problem}")
        return printable(
            f"{self.name} → {self.target} · {self.done}/{self.total} steps · saved {self.updated}"
        )


def path_label(path_id: str, names: Mapping[str, str] | None = None) -> str:
    """A path's display name: from the content when loaded, else its id in words."""
    if names and path_id in names:
        return names[path_id]
    return path_id.replace("-", " ").capitalize()


def summarise(path: Path, names: Mapping[str, str] | None = None) -> SavedPlan:
    """The welcome-list summary of one plan file."""
    import tomllib  # after the first frame: the welcome imports this module to look at the folder

    from pathfinder.plan.limits import MAX_FILE_BYTES, check_limits

    try:
        with path.open("rb") as handle:
            text = handle.read(MAX_FILE_BYTES + 1).decode("utf-8")
        exceeded = check_limits(text)
        if exceeded is not None:
            return SavedPlan(path, path.stem, "", 0, 0, "", problem=exceeded.message[:60])
        document = tomllib.loads(text)
    except (ValueError, RecursionError) as error:  # ValueError: TOMLDecodeError, or a 5,000-digit number
        return SavedPlan(path, path.stem, "", 0, 0, "", problem=str(error)[:60])
    except (OSError, UnicodeDecodeError) as error:
        return SavedPlan(path, path.stem, "", 0, 0, "", problem=str(error)[:60])
    raw_steps = document.get("steps", [])
    steps = [step for step in raw_steps if isinstance(step, dict)] if isinstance(raw_steps, list) else []
    done = sum(1 for step in steps if step.get("status") in ("done", "skipped"))
    target = document.get("target")
    updated = document.get("updated")
    when = f"{updated:%Y-%m-%d}" if isinstance(updated, datetime | date) else "?"
    return SavedPlan(
        path,
        str(document.get("name") or path.stem),
        path_label(target, names) if isinstance(target, str) else "no target",
        done,
        len(steps),
        when,
    )


def has_plan_files(plan_dir: Path) -> bool:
    """Whether ``plan_dir`` holds any ``*.toml`` (a quick look: no file is read). True when unsure."""
    try:
        with os.scandir(plan_dir) as entries:
            return any(entry.name.endswith(".toml") for entry in entries)
    except FileNotFoundError:
        return False
    except OSError:
        return True  # let the full listing report the problem


def saved_plans(plan_dir: Path, names: Mapping[str, str] | None = None) -> list[SavedPlan]:
    """Every ``*.toml`` in ``plan_dir``, newest first."""
    if not plan_dir.is_dir():
        return []
    files = sorted(plan_dir.glob("*.toml"), key=lambda p: p.stat().st_mtime, reverse=True)
    return [summarise(path, names) for path in files[:50]]
