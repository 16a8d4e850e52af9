"""The person's answers: background, education, certifications, training and skill self-ratings.

Months are ``YYYY-MM`` strings (easy to read and edit in a plan file); dates are TOML dates.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from pathfinder.safe_text import printable

YearMonth = Annotated[str, StringConstraints(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")]
"""A calendar month, ``YYYY-MM``."""

Rating = Annotated[int, Field(ge=0, le=4)]
"""Skill self-rating: 0 none · 1 aware · 2 working · 3 proficient · 4 expert."""


class ProfileModel(BaseModel):
    """Base for the user's documents: unknown keys are reported, values are validated on assignment, and
    a control character in any text is read as its visible escape (ESC becomes the four characters
    ``\x1b``), so that it can never reach a terminal raw (see ``pathfinder.safe_text``)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    @field_validator("*", mode="before")
    @classmethod
    def _control_characters_made_visible(cls, value: Any) -> Any:
        if isinstance(value, str):
            return printable(value)
        if isinstance(value, list):
            return [printable(item) if isinstance(item, str) else item for item in value]
        if isinstance(value, dict):
            return {printable(key) if isinstance(key, str) else key: item for key, item in value.items()}
        return value


class Role(ProfileModel):
    """A job held, and whether (and when) the person led projects in it."""

    title: str = Field(min_length=1, max_length=120)
    background: str | None = None
    """A catalog background id this role is closest to (e.g. ``software-engineer``); None for other."""
    industry: str = Field(default="", max_length=80)
    start: YearMonth
    end: YearMonth | None = None
    """None: the person still holds this role."""
    led_projects: bool = False
    """The person led and directed projects in this role (PMI's test, whatever the job title)."""
    led_from: YearMonth | None = None
    """When leading began (defaults to ``start``)."""
    led_to: YearMonth | None = None
    """When leading ended (defaults to ``end``)."""
    agile: bool = False
    """Worked on agile (Scrum, Kanban) projects in this role."""
    managed_programs: bool = False
    """Led a program of related projects in this role."""

    @model_validator(mode="after")
    def _months_in_order(self) -> Role:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        if self.led_from is not None and self.led_from < self.start:
            raise ValueError(f"led_from ({self.led_from}) is before the role's start ({self.start})")
        if self.led_to is not None and self.end is not None and self.led_to > self.end:
            raise ValueError(f"led_to ({self.led_to}) is after the role's end ({self.end})")
        if self.led_from is not None and self.led_to is not None and self.led_to < self.led_from:
            raise ValueError(f"led_to ({self.led_to}) is before led_from ({self.led_from})")
        return self


class Degree(ProfileModel):
    level: str
    """A catalog degree level id: ``secondary``, ``associate``, ``bachelor``, ``master``, ``mba``, …"""
    field: str = ""
    """A catalog degree field id, or free text."""
    gac_accredited: bool = False
    """From a programme accredited by PMI's Global Accreditation Center (GAC)."""
    completed: YearMonth | None = None


Year = Annotated[int, Field(ge=1950, le=2100)]
"""A calendar year, for a date known only to the year."""


class HeldCertification(ProfileModel):
    """A credential the person holds or held. Whether it is active on a day is computed by the engine
    (``pathfinder.engine.credentials``) from ``earned``, ``renewed`` and the credential's renewal cycle."""

    id: str
    """A catalog certification id (``pmp``, ``csm``, …)."""
    earned: date | Year | None = None
    """When it was earned: a date, a year only (``2021``), or unknown (omitted)."""
    status: Literal["active", "lapsed"] = "active"
    """The person's own word: ``lapsed`` always counts as lapsed; ``active`` is checked against the dates."""
    renewed: date | None = None
    """When the person last renewed it: the renewal renews the cycle whose end is nearest to this day."""


class Profile(ProfileModel):
    """Everything Pathfinder knows about the person. The engine compares it against each path."""

    name: str = Field(default="", max_length=80)
    roles: list[Role] = []
    degrees: list[Degree] = []
    certifications: list[HeldCertification] = []
    pm_training_hours: int = Field(default=0, ge=0, le=5000)
    """Contact hours of project-management education (PMI counts these for PMP and CAPM)."""
    agile_training_hours: int = Field(default=0, ge=0, le=5000)
    """Contact hours of agile training (PMI-ACP)."""
    skills: dict[str, Rating] = {}
    """Self-ratings by catalog skill id; a skill not listed counts as 0."""

    def holds(self, certification_id: str) -> bool:
        """Whether the person lists this certification and has not marked it lapsed.

        Not whether it is active on a given day: that depends on the renewal cycle, so ask
        ``pathfinder.engine.credentials.active_certifications``.
        """
        return any(c.id == certification_id and c.status == "active" for c in self.certifications)
