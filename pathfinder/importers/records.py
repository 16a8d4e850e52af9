"""What an import found in a file, and what it made of it: plain dataclasses, no parsing here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from pathfinder.importers.dates import PartialDate

if TYPE_CHECKING:
    from pathfinder.profile import Profile

SourceFormat = Literal["linkedin", "json-resume"]


@dataclass(frozen=True)
class FoundRole:
    title: str
    company: str
    description: str
    start: PartialDate | None
    end: PartialDate | None
    where: str
    """Where it was read, e.g. ``Positions.csv row 3`` or ``work[0]``."""


@dataclass(frozen=True)
class FoundDegree:
    school: str
    degree: str
    """The degree as written ("Bachelor of Science - BS, Computer Science")."""
    field: str
    """The field of study when the file keeps it apart (JSON Resume's ``area``), else ""."""
    end: PartialDate | None
    where: str


@dataclass(frozen=True)
class FoundCertificate:
    name: str
    issuer: str
    started: PartialDate | None
    finished: PartialDate | None
    """When it expires or expired (LinkedIn's "Finished On"); None: no end given."""
    where: str


@dataclass(frozen=True)
class FoundSkill:
    name: str
    level: str
    """The level as written ("Advanced"), or "" when the file gives none (LinkedIn never does)."""
    where: str


@dataclass
class Found:
    """Everything read from one file, before any mapping."""

    format: SourceFormat
    name: str = ""
    headline: str = ""
    roles: list[FoundRole] = field(default_factory=list)
    degrees: list[FoundDegree] = field(default_factory=list)
    certificates: list[FoundCertificate] = field(default_factory=list)
    skills: list[FoundSkill] = field(default_factory=list)
    files_read: list[str] = field(default_factory=list)
    files_missing: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Mapped:
    """One item of the file mapped onto the catalog: what it became, how sure, and from what text."""

    kind: Literal["role", "degree", "certification", "skill"]
    text: str
    """The text it came from, as written in the file."""
    where: str
    target: str
    """The catalog id (a background, degree level, certification or skill)."""
    target_name: str
    score: float
    """0–100: rapidfuzz's similarity for fuzzy matches, 100 for a rule (such as a degree pattern)."""
    via: str
    """The name, alias or rule that matched."""
    detail: str = ""


@dataclass(frozen=True)
class Unmapped:
    kind: str
    text: str
    where: str
    reason: str


@dataclass(frozen=True)
class Question:
    text: str
    about: str
    """What it is about, e.g. ``Positions.csv row 3``."""


@dataclass(frozen=True)
class SkillSuggestion:
    skill: str
    skill_name: str
    level: int
    """1–4: the file's level (Beginner 1 … Expert 4), or 1 (aware) when the file gives none."""
    level_text: str
    text: str
    where: str
    score: float


@dataclass
class ImportResult:
    found: Found
    profile: Profile
    mappings: list[Mapped] = field(default_factory=list)
    suggestions: list[SkillSuggestion] = field(default_factory=list)
    unmapped: list[Unmapped] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
