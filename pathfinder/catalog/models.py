"""Validated models of the career content (``content/*.toml``).

Every entity carries ``sources``, ``as_of`` and ``confidence`` so that the app can show how fresh and how
firm each fact is. Ids are stable: plan files, the CLI and the JSON output use them.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from pathfinder.catalog.patterns import (
    AS_OF_PATTERN,
    DENIED_ADDRESS_PATTERN,
    DOMAIN_PATTERN,
    ID_PATTERN,
    WEB_ADDRESS_PATTERN,
)

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]
"""A stable, kebab-case identifier such as ``product-manager``."""

AsOf = Annotated[str, StringConstraints(pattern=AS_OF_PATTERN)]
"""When a fact was last checked: ``YYYY-MM`` or ``YYYY-MM-DD``."""

Confidence = Literal["official", "secondary", "unconfirmed"]
"""official: from the issuer or an official data file; secondary: a secondary page only;
unconfirmed: not confirmed or sources conflict (shown as such, never as certain)."""

EducationTier = Literal["none", "secondary", "bachelor", "gac"]
"""PMI-style education tiers: none; secondary (high school, associate); four-year degree or higher;
a bachelor's or postgraduate degree from a GAC-accredited programme."""

Importance = Annotated[int, Field(ge=1, le=5)]
SkillLevel = Annotated[int, Field(ge=0, le=4)]
"""0 none · 1 aware · 2 working · 3 proficient · 4 expert."""

SKILL_LEVEL_NAMES: tuple[str, ...] = ("none", "aware", "working", "proficient", "expert")


class Strict(BaseModel):
    """Base for content models: unknown keys are errors (a typo must not pass silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Sourced(Strict):
    """Where a fact comes from, when it was checked and how firm it is."""

    sources: list[str] = Field(min_length=1)
    as_of: AsOf
    confidence: Confidence = "secondary"


class Fact(Sourced):
    """One dated number or statement (a fee, a median pay, a growth rate) with its sources."""

    label: str = Field(min_length=1)
    value: str = Field(min_length=1)
    note: str = ""


class SkillCategory(Strict):
    id: Id
    name: str = Field(min_length=1)
    description: str = ""


class Resource(Sourced):
    """A way to learn: a course, book, guide, article, video or exam-prep offer."""

    id: Id
    title: str = Field(min_length=1)
    kind: Literal["course", "book", "guide", "article", "video", "practice", "community"]
    url: str = Field(pattern=WEB_ADDRESS_PATTERN)
    cost: Literal["free", "paid", "freemium"]
    hours: int | None = Field(default=None, ge=0, le=2000)


Aliases = list[Annotated[str, StringConstraints(min_length=1, max_length=80)]]
"""Other names for an entity, as people write them in CVs and job postings (import and posting X-ray)."""


class Skill(Sourced):
    id: Id
    name: str = Field(min_length=1)
    aliases: Aliases = []
    category: Id
    description: str = Field(min_length=1)
    levels: list[str] = Field(min_length=4, max_length=4)
    """What levels 1 (aware) to 4 (expert) look like, in that order."""
    resources: list[Id] = Field(min_length=1)


class PathSkill(Strict):
    skill: Id
    importance: Importance
    target: SkillLevel
    """The level an experienced practitioner has: what the fit score measures against."""
    plan_target: SkillLevel | None = None
    """The level a plan aims for on the way into the path (a first role asks for less than mastery);
    None: the same as ``target``."""

    @property
    def aim(self) -> int:
        """The level a plan step raises this skill to."""
        return self.target if self.plan_target is None else min(self.plan_target, self.target)


class PathCertification(Strict):
    certification: Id
    importance: Importance
    reason: str = ""


class Occupation(Sourced):
    """An O*NET or BLS occupation used for this path, said plainly when it is only a proxy."""

    system: Literal["O*NET", "BLS SOC"]
    code: str = Field(min_length=1)
    title: str = Field(min_length=1)
    vintage: str = Field(min_length=1)
    proxy: bool = False
    note: str = ""


class DegreeExpectation(Strict):
    """The degrees a path typically asks for."""

    typical_level: Id
    """The degree level most postings expect (a ``degree_level`` id)."""
    preferred_levels: list[Id] = []
    """Levels that some employers prefer (e.g. ``mba``)."""
    fields: list[Id] = []
    """Degree fields that are common on this path (``degree_field`` ids)."""
    note: str = ""


class Weights(Strict):
    """How much each fit component counts for a path; they must add up to 1."""

    skills: float = Field(ge=0, le=1)
    experience: float = Field(ge=0, le=1)
    education: float = Field(ge=0, le=1)
    certifications: float = Field(ge=0, le=1)


class CareerPath(Sourced):
    id: Id
    name: str = Field(min_length=1)
    short_name: str = Field(min_length=1, max_length=24)
    aliases: Aliases = []
    summary: str = Field(min_length=1)
    responsibilities: list[str] = Field(min_length=1)
    typical_week: list[str] = Field(min_length=1)
    goal: str = Field(min_length=1)
    focus: str = Field(min_length=1)
    """The path's focus in a line, e.g. the "what" (strategy) vs the "how" (delivery)."""
    traits: list[str] = []
    skills: list[PathSkill] = Field(min_length=1)
    degrees: DegreeExpectation
    certifications: list[PathCertification] = []
    neighbours: list[Id] = []
    occupations: list[Occupation] = []
    facts: list[Fact] = []
    weights: Weights
    experience_months_for_full_credit: int = Field(default=60, ge=1, le=600)
    """Months of fully relevant experience that earn the whole experience component."""
    led_projects_relevance: float = Field(default=0.5, ge=0, le=1)
    """How much months spent leading projects count as relevant experience for this path (0–1)."""


class ExamFormat(Sourced):
    """One version of an exam, valid between two dates (PMP changes on 9 July 2026)."""

    valid_from: date | None = None
    valid_until: date | None = None
    questions: str = ""
    minutes: int | None = Field(default=None, ge=1)
    passing: str = ""
    delivery: str = ""
    notes: str = ""


class Renewal(Sourced):
    cycle_years: int | None = Field(default=None, ge=1)
    """None means the credential does not expire."""
    requirement: str = Field(min_length=1)
    fee: str = ""


class EligibilityRoute(Strict):
    """One way to become eligible: every requirement in a route must hold; any route suffices."""

    label: str = Field(min_length=1)
    education: EducationTier = "none"
    months_leading_projects: int = Field(default=0, ge=0, le=600)
    months_agile: int = Field(default=0, ge=0, le=600)
    months_programs: int = Field(default=0, ge=0, le=600)
    window_years: int | None = Field(default=None, ge=1, le=50)
    """Experience counts only inside this many years before today (None: no window)."""
    experience_waived_by: list[Id] = []
    """Active certifications that stand in for every experience requirement of the route."""
    leading_months_waived_by: list[Id] = []
    """Active certifications that stand in for the months leading projects only (PMP for PgMP)."""
    agile_months_waived_by: list[Id] = []
    """Active certifications that stand in for the months of agile experience only."""
    program_months_waived_by: list[Id] = []
    """Active certifications that stand in for the months managing programs only."""
    training_hours: int = Field(default=0, ge=0, le=1000)
    training_kind: Literal["pm", "agile"] = "pm"
    training_waived_by: list[Id] = []
    """Active certifications that stand in for the training hours (an active CAPM for PMP)."""
    requires_any: list[Id] = []
    """A prerequisite credential: one of these must be held (PRINCE2 Practitioner)."""
    course: str = ""
    """A course you must attend as part of certifying (CSM, CSPO); not a barrier to starting."""


class Eligibility(Sourced):
    statement: str = Field(min_length=1)
    """The rule in plain words, even when it is "no prerequisites"."""
    routes: list[EligibilityRoute] = []
    """Empty: no prerequisites at all."""


class Certification(Sourced):
    id: Id
    name: str = Field(min_length=1)
    short_name: str = Field(min_length=1, max_length=24)
    aliases: Aliases = []
    issuer: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    url: str = Field(pattern=WEB_ADDRESS_PATTERN)
    eligibility: Eligibility
    exams: list[ExamFormat] = []
    fees: list[Fact] = []
    renewal: Renewal | None = None
    effort_hours: int = Field(default=40, ge=0, le=2000)
    """A typical preparation effort, used to size plan steps."""
    effort_source: str = ""
    """Where the effort figure comes from (a prep provider's page); empty: our own estimate."""
    effort_confidence: Confidence = "unconfirmed"
    """How firm the effort figure is; an estimate without a source is ``unconfirmed``."""
    resources: list[Id] = []


class CertificationOverlap(Sourced):
    """Certifications that cover the same ground: a plan proposes at most one of them.

    ``superseded_by`` names credentials that make the whole set pointless for someone who holds or plans
    them (the PMP over the entry-level project credentials).
    """

    id: Id
    certifications: list[Id] = Field(min_length=2)
    superseded_by: list[Id] = []
    reason: str = Field(min_length=1)
    """Why only one is worth earning, in a sentence the plan shows."""


class PathAffinity(Strict):
    path: Id
    score: Annotated[int, Field(ge=0, le=5)]
    """0 unrelated … 5 a classic route into the path."""
    reason: str = Field(min_length=1)


class TransferableSkill(Strict):
    skill: Id
    level: SkillLevel


class Background(Sourced):
    id: Id
    name: str = Field(min_length=1)
    aliases: Aliases = []
    description: str = Field(min_length=1)
    transferable: list[TransferableSkill] = Field(min_length=1)
    affinities: list[PathAffinity] = Field(min_length=1)


class DegreeLevel(Strict):
    id: Id
    name: str = Field(min_length=1)
    rank: int = Field(ge=0, le=10)
    """Ordering: secondary 1, associate 2, bachelor 3, master/MBA 4, doctorate 5."""
    tier: Literal["secondary", "bachelor"]
    """The PMI education tier this level reaches (GAC accreditation lifts bachelor to ``gac``)."""


class DegreeField(Strict):
    id: Id
    name: str = Field(min_length=1)


class Degrees(Sourced):
    gac_explanation: str = Field(min_length=1)
    levels: list[DegreeLevel] = Field(min_length=1)
    fields: list[DegreeField] = Field(min_length=1)


class ComparisonAspect(Strict):
    """One row of the product-vs-project comparison: the two sides in our own words."""

    id: Id
    title: str = Field(min_length=1)
    product: str = Field(min_length=1)
    project: str = Field(min_length=1)


class Comparison(Sourced):
    title: str = Field(min_length=1)
    intro: str = Field(min_length=1)
    left: Id = "product-manager"
    right: Id = "project-manager"
    aspects: list[ComparisonAspect] = Field(min_length=1)
    together: list[str] = Field(min_length=1)
    """How the two roles work together."""
    blurring_risk: str = Field(min_length=1)
    """What goes wrong when one person holds both roles in a small company."""


class Issuer(Strict):
    """Who issues certifications or publishes official data, and the web domains that are its own.

    ``confidence = "official"`` needs a source on one of these domains: a certification's facts on its own
    issuer's domains (matched by ``name`` against ``certification.issuer``), any other fact on any issuer's.
    """

    id: Id
    name: str = Field(min_length=1)
    """Exactly as certifications write it in ``issuer`` (e.g. ``Project Management Institute (PMI)``)."""
    domains: list[Annotated[str, StringConstraints(pattern=DOMAIN_PATTERN)]] = Field(min_length=1)
    """Domains such as ``pmi.org``; each covers its subdomains (``certification.scrumalliance.org``)."""


class DeniedSource(Strict):
    """A web address no fact may cite, and why (AI-written pages, closed sites, pages that are gone)."""

    address: Annotated[str, StringConstraints(pattern=DENIED_ADDRESS_PATTERN)]
    """A domain (``visualfoodie.com``, subdomains included), ``*.pages.dev`` (any subdomain), or a domain
    with a path prefix (``pmi.org.hk/pmp-exam-taking``)."""
    reason: str = Field(min_length=1)


class ContentMeta(Strict):
    version: str = Field(min_length=1)
    as_of: AsOf
    title: str = "Pathfinder career content"
