"""The plan file's model: the user's document, saved as TOML (see docs/plan-format.md)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import AwareDatetime, Field

from pathfinder.catalog.patterns import ID_PATTERN
from pathfinder.plan.constants import DEFAULT_HOURS_PER_WEEK
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
    after: list[str] = []
    """Ids of steps that must be done first (training before its exam); a step is never due before them."""
    earliest: date | None = None
    """The earliest day the step can be done (a certification's eligibility date, months of experience)."""
    effort_source: str = ""
    """Where ``effort_hours`` comes from; empty: Pathfinder's own estimate."""
    used: list[str] = []
    """Ids of the step's resources the person marked as the ones they used."""


class SetAside(ProfileModel):
    """The steps a plan had for a target it left: restored, with their status, notes and order, when
    the plan turns back to that target."""

    target: str = Field(pattern=ID_PATTERN, max_length=96)
    steps: list[Step] = Field(default=[], max_length=500)


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
    also: str | None = None
    """A second career path id kept open (a hedge): steps are ordered to raise both fits."""
    hours_per_week: int = Field(default=DEFAULT_HOURS_PER_WEEK, ge=1, le=80)
    """Study hours a week: every due date follows from it."""
    profile: Profile = Profile()
    steps: list[Step] = []
    history: list[HistoryPoint] = []
    removed: list[str] = Field(default=[], max_length=500)
    """Ids of suggested steps the user removed: they are not suggested again."""
    set_aside: list[SetAside] = Field(default=[], max_length=20)
    """Steps kept from other targets the plan had (see :class:`SetAside`)."""

    def progress(self) -> tuple[int, int]:
        """(steps done or skipped, steps in all)."""
        finished = sum(1 for step in self.steps if step.status in ("done", "skipped"))
        return finished, len(self.steps)

    def status_counts(self) -> tuple[int, int, int]:
        """(steps done, steps skipped, steps in all): progress counts the two apart."""
        done = sum(1 for step in self.steps if step.status == "done")
        skipped = sum(1 for step in self.steps if step.status == "skipped")
        return done, skipped, len(self.steps)


def new_plan(now: datetime, content_version: str = "", profile: Profile | None = None) -> Plan:
    """A fresh, empty plan stamped with ``now`` (an aware datetime: the caller owns the clock)."""
    return Plan(created=now, updated=now, content_version=content_version, profile=profile or Profile())


PlanKind = Literal["plan", "profile"]
