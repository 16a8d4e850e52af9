"""The plan file's model: the user's document, saved as TOML (see docs/plan-format.md)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import AwareDatetime, Field

from pathfinder.catalog.patterns import ID_PATTERN
from pathfinder.plan.constants import SCHEMA_VERSION as SCHEMA_VERSION
from pathfinder.plan.constants import STEP_STATUSES as STEP_STATUSES
from pathfinder.plan.constants import StepStatus as StepStatus
from pathfinder.profile import Profile, ProfileModel

StepKind = Literal["skill", "certification", "experience", "education", "custom"]


class Step(ProfileModel):
    """One thing to do on the way to the target path."""

    id: str = Field(pattern=ID_PATTERN, max_length=96)
    title: str = Field(min_length=1, max_length=200)
    kind: StepKind
    status: StepStatus = "todo"
    due: date | None = None
    notes: str = Field(default="", max_length=5000)
    effort_hours: int | None = Field(default=None, ge=0, le=5000)
    ref: str | None = None
    """The catalog id the step is about (a skill, a certification), if any."""
    resources: list[str] = []
    """Catalog resource ids that serve this step."""


class HistoryPoint(ProfileModel):
    """Fit scores at one save, so that progress over time is visible."""

    at: AwareDatetime
    target_score: float | None = Field(default=None, ge=0, le=100)
    scores: dict[str, float] = {}
    """Fit score (0–100) by path id."""
    steps_done: int = Field(default=0, ge=0)


class Plan(ProfileModel):
    """A saved plan: the profile, the chosen target path, dated steps and a history of scores."""

    schema_version: int = SCHEMA_VERSION
    name: str = Field(default="My plan", min_length=1, max_length=120)
    created: AwareDatetime
    updated: AwareDatetime
    content_version: str = ""
    """The content version the steps and scores were computed with."""
    target: str | None = Field(default=None, pattern=ID_PATTERN, max_length=64)
    """The target career path id (an id: it names files such as ``<target>-plan.toml``, so never a path)."""
    profile: Profile = Profile()
    steps: list[Step] = []
    history: list[HistoryPoint] = []

    def progress(self) -> tuple[int, int]:
        """(steps done or skipped, steps in all)."""
        finished = sum(1 for step in self.steps if step.status in ("done", "skipped"))
        return finished, len(self.steps)


def new_plan(now: datetime, content_version: str = "", profile: Profile | None = None) -> Plan:
    """A fresh, empty plan stamped with ``now`` (an aware datetime: the caller owns the clock)."""
    return Plan(created=now, updated=now, content_version=content_version, profile=profile or Profile())


PlanKind = Literal["plan", "profile"]
