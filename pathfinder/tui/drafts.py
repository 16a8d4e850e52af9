"""The autosaved draft: the plan in progress, written to ``data_dir/drafts`` so nothing is lost.

A crash or a dropped SSH connection leaves the draft behind; the next start offers it back.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathfinder.plan.models import Plan
    from pathfinder.tui.session import Session

DRAFT_NAME = "draft.toml"
SOURCE_NAME = "draft.source"


def drafts_dir(data_dir: Path) -> Path:
    return data_dir / "drafts"


@dataclass(frozen=True)
class Draft:
    plan: Plan
    source: Path | None
    saved: datetime


def _source(data_dir: Path) -> Path | None:
    source_file = drafts_dir(data_dir) / SOURCE_NAME
    source_text = source_file.read_text(encoding="utf-8").strip() if source_file.is_file() else ""
    return Path(source_text) if source_text else None


def draft_summary(data_dir: Path) -> str | None:
    """One sentence for the recovery prompt, read without validating (cheap at start-up); None if none."""
    path = drafts_dir(data_dir) / DRAFT_NAME
    if not path.is_file():
        return None
    from pathfinder.plan.limits import MAX_FILE_BYTES, check_limits

    try:
        with path.open("rb") as handle:
            text = handle.read(MAX_FILE_BYTES + 1).decode("utf-8")
        if check_limits(text) is not None:
            return None
        document = tomllib.loads(text)
        saved = datetime.fromtimestamp(path.stat().st_mtime)
    except (OSError, ValueError, RecursionError):  # ValueError: not UTF-8, not TOML, a 5,000-digit number
        return None
    profile = document.get("profile", {})
    roles = len(profile.get("roles", [])) if isinstance(profile, dict) else 0
    raw_steps = document.get("steps", [])
    steps = [step for step in raw_steps if isinstance(step, dict)] if isinstance(raw_steps, list) else []
    done = sum(1 for step in steps if step.get("status") in ("done", "skipped"))
    source = _source(data_dir)
    where = f"of {source.name}" if source else "of a plan never saved"
    target = document.get("target") or "no target yet"
    from pathfinder.safe_text import printable

    return printable(  # read without validation: any control character is shown escaped
        f"Unsaved changes {where}, autosaved {saved:%Y-%m-%d %H:%M}: "
        f"{roles} role(s), target {target}, {done}/{len(steps)} steps done."
    )


def draft_is_newer_for(data_dir: Path, plan_path: Path) -> bool:
    """Whether the draft left behind belongs to ``plan_path`` and was written after the file was saved
    (a crash or a dropped connection after later edits)."""
    draft = drafts_dir(data_dir) / DRAFT_NAME
    source = _source(data_dir)
    try:
        if source is None or not draft.is_file() or source.resolve() != plan_path.resolve():
            return False
        return draft.stat().st_mtime > plan_path.stat().st_mtime
    except OSError:
        return False


def save_draft(session: Session, data_dir: Path) -> None:
    """Write the session's plan (and where it came from) as the draft."""
    from pathfinder.plan.store import save_plan

    directory = drafts_dir(data_dir)
    directory.mkdir(parents=True, exist_ok=True)
    save_plan(session.plan, directory / DRAFT_NAME)
    (directory / SOURCE_NAME).write_text(str(session.path) if session.path else "", encoding="utf-8")


def read_draft(data_dir: Path) -> Draft | None:
    """The draft left by an earlier run, or None (an unreadable draft is ignored)."""
    from pathfinder.plan.store import load_plan

    path = drafts_dir(data_dir) / DRAFT_NAME
    if not path.is_file():
        return None
    try:
        plan = load_plan(path).plan
    except Exception:
        return None
    saved = datetime.fromtimestamp(path.stat().st_mtime)
    return Draft(plan=plan, source=_source(data_dir), saved=saved)


def discard_draft(data_dir: Path) -> None:
    """Remove the draft (after a save, or when the user declines to recover it)."""
    directory = drafts_dir(data_dir)
    for name in (DRAFT_NAME, DRAFT_NAME + ".bak", SOURCE_NAME):
        (directory / name).unlink(missing_ok=True)
