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


def read_plan_preview(path: Path) -> tuple[PlanPreview, str] | None:
    """A first look at the plan without validating it, and the text it was read from (validate that
    text, so that what was painted is what is validated); None: read the file properly first."""
    from pathfinder.plan.limits import MAX_FILE_BYTES
    from pathfinder.plan.preview import read_preview

    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1) if path.is_file() else b""
    except OSError:
        return None
    preview = read_preview(data)
    return (preview, data.decode("utf-8-sig")) if preview is not None else None


def validate_previewed(path: Path, text: str) -> Plan:
    """The full reading of a previewed plan's text (raises PathfinderError naming line and field)."""
    from pathfinder.plan.store import plan_from_toml

    return plan_from_toml(text, path)


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
