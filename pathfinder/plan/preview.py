"""A first look at a saved plan without the models: what the plan screen shows before validation.

Reading a plan properly means validating it with the models (pydantic), which takes longer than painting
the screen. An opened plan file is painted from this preview and validated right after. A preview is made
only for a full plan in the current schema whose shown fields (target, steps) have exactly the types the
models require, so a file that fails validation nearly always fails here first and is then validated, and
explained, before anything is painted.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pathfinder.plan.constants import DEFAULT_HOURS_PER_WEEK, SCHEMA_VERSION, STEP_STATUSES
from pathfinder.plan.limits import MAX_FILE_BYTES, check_limits


@dataclass(frozen=True)
class StepPreview:
    """A step as the step table shows it."""

    id: str
    title: str
    status: str
    due: date | None
    notes: str


@dataclass(frozen=True)
class PlanPreview:
    """What the plan step shows first; ``profile`` is None (not read) so nothing is regenerated from it."""

    target: str | None
    steps: tuple[StepPreview, ...]
    has_answers: bool
    """The profile has roles or skills, or a target is set: every wizard step counts as visited."""
    profile: None = None
    hours_per_week: int = DEFAULT_HOURS_PER_WEEK
    also: str | None = None

    def progress(self) -> tuple[int, int]:
        """(steps done or skipped, steps in all), as ``Plan.progress``."""
        finished = sum(1 for step in self.steps if step.status in ("done", "skipped"))
        return finished, len(self.steps)

    def status_counts(self) -> tuple[int, int, int]:
        """(steps done, steps skipped, steps in all), as ``Plan.status_counts``."""
        done = sum(1 for step in self.steps if step.status == "done")
        skipped = sum(1 for step in self.steps if step.status == "skipped")
        return done, skipped, len(self.steps)


def _step(raw: Any) -> StepPreview | None:
    if not isinstance(raw, dict):
        return None
    status = raw.get("status", "todo")
    due = raw.get("due")
    notes = raw.get("notes", "")
    step_id, title = raw.get("id"), raw.get("title")
    if not (isinstance(step_id, str) and step_id and isinstance(title, str) and title):
        return None
    if status not in STEP_STATUSES or not isinstance(notes, str) or not isinstance(raw.get("kind"), str):
        return None
    if due is not None and (not isinstance(due, date) or isinstance(due, datetime)):
        return None
    return StepPreview(step_id, title, status, due, notes)


def read_preview(data: bytes) -> PlanPreview | None:
    """The preview of a plan file's bytes; None whenever the file needs the full reading first."""
    if len(data) > MAX_FILE_BYTES:
        return None
    try:
        text = data.decode("utf-8-sig")
        if check_limits(text) is not None:
            return None  # the full reading refuses it, with the reason
        document = tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError, RecursionError):
        return None
    version = document.get("schema_version", 1)
    if isinstance(version, bool) or version != SCHEMA_VERSION:
        return None  # an older schema is migrated (and reported) by the full reading
    if not {"created", "updated"} <= document.keys():
        return None  # a profile-only or hand-written file is completed by the full reading
    target = document.get("target")
    raw_steps = document.get("steps", [])
    profile = document.get("profile", {})
    if (target is not None and not isinstance(target, str)) or not isinstance(raw_steps, list):
        return None
    if target is not None and not (target.isascii() and target.replace("-", "").isalnum()):
        return None  # not an id (a path, say): the full reading refuses it, with the reason
    if not isinstance(profile, dict):
        return None
    hours, also = document.get("hours_per_week", DEFAULT_HOURS_PER_WEEK), document.get("also")
    if isinstance(hours, bool) or not isinstance(hours, int) or not 1 <= hours <= 80:
        return None
    if also is not None and not isinstance(also, str):
        return None
    steps = tuple(_step(raw) for raw in raw_steps)
    if any(step is None for step in steps):
        return None
    has_answers = bool(target or profile.get("roles") or profile.get("skills"))
    shown = tuple(step for step in steps if step is not None)
    return PlanPreview(target, shown, has_answers, hours_per_week=hours, also=also)
