"""Reading a plan file for the app: the plan, or the error the error view shows; notes about what was read."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathfinder.catalog.catalog import Catalog
    from pathfinder.errors import PathfinderError
    from pathfinder.plan.models import Plan
    from pathfinder.plan.preview import PlanPreview
    from pathfinder.plan.store import LoadedPlan


def read_plan(path: Path) -> LoadedPlan:
    """The plan in ``path`` (raises PathfinderError with the file, line and field when it is broken)."""
    from pathfinder.plan.store import load_plan

    return load_plan(path)


def read_plan_preview(path: Path) -> PlanPreview | None:
    """A first look at the plan without validating it (None: read it properly first)."""
    from pathfinder.plan.preview import read_preview

    try:
        return read_preview(path.read_bytes()) if path.is_file() else None
    except OSError:
        return None


def as_plan_error(path: Path, error: Exception) -> PathfinderError:
    """A plan file's problem as the error view shows it (an unexpected one explained, not raised)."""
    from pathfinder.errors import PathfinderError, PlanFileError

    if isinstance(error, PathfinderError):
        return error
    return PlanFileError(f"{path} could not be opened: {error}", title="Cannot open plan")


def unknown_references_note(plan: Plan, catalog: Catalog) -> str | None:
    """A warning listing ids in the plan that the content does not know (None when all are known)."""
    from pathfinder.plan.references import check_references

    problems = check_references(plan, catalog)
    if not problems:
        return None
    shown = "\n".join(f"• {problem.message}" for problem in problems[:4])
    return f"Some ids in this plan are unknown to the content:\n{shown}"
