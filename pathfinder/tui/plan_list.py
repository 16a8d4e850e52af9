"""Summaries of the plans saved in the plan directory, for the welcome screen's list."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pathfinder.catalog.catalog import Catalog


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
        """One line: name, target, progress and last-saved date (or why it cannot be read)."""
        if self.problem:
            return f"⚠ {self.path.name} — cannot be read: {self.problem}"
        return f"{self.name} → {self.target} · {self.done}/{self.total} steps · saved {self.updated}"


def saved_plans(plan_dir: Path, catalog: Catalog | None) -> list[SavedPlan]:
    """Every ``*.toml`` in ``plan_dir``, newest first; unreadable files are listed with the reason."""
    from pathfinder.errors import PathfinderError
    from pathfinder.plan.store import load_plan

    if not plan_dir.is_dir():
        return []
    files = sorted(plan_dir.glob("*.toml"), key=lambda p: p.stat().st_mtime, reverse=True)
    found: list[SavedPlan] = []
    for path in files[:50]:
        try:
            plan = load_plan(path).plan
        except PathfinderError as error:
            found.append(SavedPlan(path, path.stem, "", 0, 0, "", problem=error.message[:60]))
            continue
        except Exception as error:
            found.append(SavedPlan(path, path.stem, "", 0, 0, "", problem=str(error)[:60]))
            continue
        target = "no target"
        if plan.target:
            career = catalog.paths.get(plan.target) if catalog else None
            target = career.name if career else plan.target
        done, total = plan.progress()
        found.append(SavedPlan(path, plan.name, target, done, total, f"{plan.updated:%Y-%m-%d}"))
    return found
