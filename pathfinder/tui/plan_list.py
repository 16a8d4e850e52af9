"""The welcome screen's list of plans: the recent plans (wherever they were saved), then the other plans
in the plans folder, then recent plans whose file is gone; each summarised by name, target and
last-saved date.

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
    updated: str
    problem: str = ""
    missing: bool = False
    """A recent plan whose file is gone (choosing it takes it off the recent list)."""
    where: str = ""
    """Said after the name when two plans in the list have the same one: the file (and its folder)."""

    def lines(self) -> tuple[str, str]:
        """Two lines: the name (and, for plans of the same name, the file), then the target and the
        last-saved date (or why the plan cannot be opened)."""
        from pathfinder.safe_text import printable

        where = f" ({self.where})" if self.where else ""
        if self.missing:
            return printable(f"⚠ {self.name}{where}"), "file missing: enter removes it from the list"
        if self.problem:
            return printable(f"⚠ {self.path.name}"), printable(f"cannot be read: {self.problem}")
        # read without validation: any control character is shown escaped (``pathfinder.safe_text``)
        return printable(f"{self.name}{where}"), printable(f"{self.target} · saved {self.updated}")


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
            return SavedPlan(path, path.stem, "", "", problem=exceeded.message[:60])
        document = tomllib.loads(text)
    except (ValueError, RecursionError) as error:  # ValueError: TOMLDecodeError, or a 5,000-digit number
        return SavedPlan(path, path.stem, "", "", problem=str(error)[:60])
    except (OSError, UnicodeDecodeError) as error:
        return SavedPlan(path, path.stem, "", "", problem=str(error)[:60])
    target = document.get("target")
    updated = document.get("updated")
    when = f"{updated:%Y-%m-%d}" if isinstance(updated, datetime | date) else "?"
    return SavedPlan(
        path,
        str(document.get("name") or path.stem)[:120],
        path_label(target, names) if isinstance(target, str) else "no target",
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


def welcome_plans(
    plan_dir: Path, state_dir: Path, names: Mapping[str, str] | None = None, *, hosted: bool = False
) -> list[SavedPlan]:
    """The recent plans (newest first, a missing file marked as such), then the other plans in
    ``plan_dir``; plans of the same name are told apart by file (and folder, unless ``hosted``:
    a hosted visitor is never shown a server path)."""
    from pathfinder.recents import read_recents

    plans: list[SavedPlan] = []
    missing: list[SavedPlan] = []
    seen: set[Path] = set()
    for recent in read_recents(state_dir):
        if recent.path in seen:
            continue
        seen.add(recent.path)
        if recent.path.is_file():
            plans.append(summarise(recent.path, names))
        else:
            target = path_label(recent.target, names) if recent.target else "no target"
            missing.append(SavedPlan(recent.path, recent.name, target, "", missing=True))
    plans += [plan for plan in saved_plans(plan_dir, names) if _resolved(plan.path) not in seen]
    return _told_apart(plans + missing, hosted)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path


def _told_apart(plans: list[SavedPlan], hosted: bool) -> list[SavedPlan]:
    """Add the file name (then its folder) to plans whose name another plan in the list has too."""
    from collections import Counter
    from dataclasses import replace

    def folder(path: Path) -> str:
        return path.name if hosted else f"{path.parent.name}/{path.name}"

    names = Counter(plan.name for plan in plans)
    plans = [replace(plan, where=plan.path.name) if names[plan.name] > 1 else plan for plan in plans]
    places = Counter((plan.name, plan.where) for plan in plans)
    return [
        replace(plan, where=folder(plan.path)) if plan.where and places[plan.name, plan.where] > 1 else plan
        for plan in plans
    ]
