"""What the engine answers: plain, serialisable results that explain themselves.

These are the contract between the engine and every door (TUI, CLI report, SSH host). The JSON report
(``pathfinder report --format json``) is ``Report.model_dump(mode="json")``; keep it stable.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict


class Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class FitComponent(Result):
    """One part of a fit score: ``contribution = weight × score × 100`` (points of the 0–100 total)."""

    id: Literal["skills", "experience", "education", "certifications"]
    label: str
    weight: float
    score: float
    """0–1: how much of this component the person has."""
    contribution: float
    """Points this component adds to the total (rounded to 0.1)."""
    explanation: str
    """How the component's score was computed, in a sentence a person can check by hand."""


class SkillStrength(Result):
    skill: str
    name: str
    importance: int
    target: int
    level: int


class SkillGap(Result):
    skill: str
    name: str
    importance: int
    target: int
    level: int
    shortfall: int
    """target − level (levels 0–4)."""
    cost: int
    """importance × shortfall: gaps are ranked by it, largest first."""


class PathFit(Result):
    path: str
    name: str
    score: float
    """0–100, the sum of the components' contributions (rounded to 0.1)."""
    rank: int
    components: list[FitComponent]
    strengths: list[SkillStrength]
    gaps: list[SkillGap]


class CertificationStatus(Result):
    certification: str
    name: str
    held: bool
    """Held and active on the report's day (a lapsed credential is not held: see ``held_state``)."""
    eligible: bool
    route: str | None
    """The label of the route that is met (or nearest to being met)."""
    missing: list[str]
    """What is still needed, in plain words ("12 more months leading projects (have 24 of 36)")."""
    earliest_date: date | None
    """When the person could be eligible if they keep doing the work; None if eligible now or if time
    alone cannot close the gap (training hours, a degree, a prerequisite credential)."""
    course_required: str = ""
    unconfirmed: bool = False
    """True when the rule itself is not confirmed by the issuer: say so, never present it as certain."""
    held_state: Literal["active", "renewal_due", "lapsed"] | None = None
    """For a credential the person lists: active, renewal due (still active) or lapsed; None if not listed."""
    active_until: date | None = None
    """When a listed credential runs out, from when it was earned and its renewal cycle (None: never, or
    unknown)."""
    held_note: str = ""
    """The held credential's standing in words ("PMP: active until 2027-04-15.")."""


class Report(Result):
    today: date
    content_version: str
    target: str | None = None
    paths: list[PathFit]
    """Ranked, best fit first."""
    certifications: list[CertificationStatus]
