"""A small, hand-checkable catalog and profile builders for the engine tests.

Built in Python (not loaded from content/) so the engine tests stand on their own: three paths, eight
skills, three backgrounds and the certifications whose eligibility rules the tests exercise, shaped like
the real content (PMP, CAPM, PMI-ACP, PgMP, PRINCE2, CSM, PSM I, CSPO).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from pathfinder.catalog.catalog import Catalog
from pathfinder.catalog.models import (
    Background,
    CareerPath,
    Certification,
    Comparison,
    ContentMeta,
    Degrees,
    Eligibility,
    EligibilityRoute,
    Resource,
    Skill,
    SkillCategory,
)
from pathfinder.profile import Degree, HeldCertification, Profile, Role

TODAY = date(2026, 11, 15)
"""The tests' today: the last complete month is 2026-10, so an 8-year window starts at 2018-11."""

SOURCED: dict[str, Any] = {"sources": ["engine test fixture"], "as_of": "2026-09"}

SKILLS = (
    ("product-vision", "Product vision", "strategy", "res-vision"),
    ("roadmapping", "Roadmapping", "strategy", "res-roadmaps"),
    ("customer-interviews", "Customer interviews", "strategy", "res-interviews"),
    ("project-planning", "Project planning", "delivery", "res-planning"),
    ("risk-management", "Risk management", "delivery", "res-risk"),
    ("stakeholder-management", "Stakeholder management", "delivery", "res-stakeholders"),
    ("scrum", "Scrum", "delivery", "res-scrum"),
    ("budgeting", "Budgeting", "delivery", "res-budget"),
)
RESOURCE_HOURS: dict[str, int | None] = {
    "res-vision": 10,
    "res-roadmaps": 6,
    "res-interviews": None,
    "res-planning": 60,
    "res-risk": None,
    "res-stakeholders": 8,
    "res-scrum": 4,
    "res-budget": None,
}


def _skill(skill_id: str, name: str, category: str, resource: str) -> Skill:
    levels = [f"{name}: level {n}" for n in range(1, 5)]
    return Skill(
        id=skill_id,
        name=name,
        category=category,
        description=f"{name}.",
        levels=levels,
        resources=[resource],
        **SOURCED,
    )


def _resource(resource_id: str, hours: int | None) -> Resource:
    return Resource(
        id=resource_id,
        title=resource_id.replace("-", " ").title(),
        kind="guide",
        url=f"https://example.org/{resource_id}",
        cost="free",
        hours=hours,
        **SOURCED,
    )


def _path(
    path_id: str,
    name: str,
    skills: list[tuple[str, int, int]],
    weights: tuple[float, float, float, float],
    certifications: list[tuple[str, int]],
    led_relevance: float,
    degree_fields: list[str],
    typical_level: str = "bachelor",
) -> CareerPath:
    return CareerPath.model_validate(
        {
            "id": path_id,
            "name": name,
            "short_name": name,
            "summary": f"{name}.",
            "responsibilities": ["Work."],
            "typical_week": ["Meetings."],
            "goal": "A goal.",
            "focus": "A focus.",
            "skills": [{"skill": s, "importance": i, "target": t} for s, i, t in skills],
            "degrees": {"typical_level": typical_level, "preferred_levels": ["mba"], "fields": degree_fields},
            "certifications": [
                {"certification": c, "importance": i, "reason": f"Why {c}."} for c, i in certifications
            ],
            "weights": dict(
                zip(("skills", "experience", "education", "certifications"), weights, strict=True)
            ),
            "experience_months_for_full_credit": 60,
            "led_projects_relevance": led_relevance,
            **SOURCED,
        }
    )


PATHS = (
    _path(
        "product-manager",
        "Product manager",
        [
            ("product-vision", 5, 4),
            ("roadmapping", 4, 3),
            ("customer-interviews", 5, 3),
            ("stakeholder-management", 3, 3),
            ("project-planning", 2, 2),
            ("budgeting", 1, 0),
        ],
        (0.55, 0.25, 0.1, 0.1),
        [("cspo", 3), ("psm-1", 2)],
        0.4,
        ["business", "computer-science"],
    ),
    _path(
        "project-manager",
        "Project manager",
        [
            ("project-planning", 5, 4),
            ("risk-management", 5, 3),
            ("stakeholder-management", 4, 3),
            ("budgeting", 3, 2),
            ("scrum", 2, 2),
            ("roadmapping", 1, 2),
        ],
        (0.45, 0.35, 0.1, 0.1),
        [("pmp", 5), ("capm", 3), ("prince2-practitioner", 3), ("prince2-foundation", 2)],
        1.0,
        ["business", "project-management"],
    ),
    _path(
        "scrum-master",
        "Scrum master",
        [("scrum", 5, 4), ("stakeholder-management", 3, 3), ("project-planning", 2, 2)],
        (0.5, 0.3, 0.1, 0.1),
        [("csm", 5), ("psm-1", 4), ("pmi-acp", 3), ("pgmp", 1)],
        0.6,
        [],
        typical_level="secondary",
    ),
)


def _background(background_id: str, name: str, affinities: dict[str, int]) -> Background:
    return Background(
        id=background_id,
        name=name,
        description=f"{name}.",
        transferable=[{"skill": "scrum", "level": 1}],
        affinities=[{"path": p, "score": s, "reason": "Because."} for p, s in affinities.items()],
        **SOURCED,
    )


BACKGROUNDS = (
    _background(
        "software-engineer",
        "Software engineer",
        {"product-manager": 4, "project-manager": 2, "scrum-master": 3},
    ),
    _background(
        "project-coordinator",
        "Project coordinator",
        {"product-manager": 2, "project-manager": 5, "scrum-master": 3},
    ),
    _background("teacher", "Teacher", {"product-manager": 1, "project-manager": 2, "scrum-master": 2}),
)


def _route(label: str, **rules: Any) -> EligibilityRoute:
    return EligibilityRoute(label=label, **rules)


def _certification(
    cert_id: str,
    short_name: str,
    routes: list[EligibilityRoute],
    effort_hours: int = 40,
    confidence: str = "secondary",
) -> Certification:
    return Certification(
        id=cert_id,
        name=f"{short_name} certification",
        short_name=short_name,
        issuer="Issuer",
        summary=f"{short_name}.",
        url=f"https://example.org/{cert_id}",
        eligibility=Eligibility(
            statement="Rules.",
            routes=routes,
            sources=["engine test fixture"],
            as_of="2026-09",
            confidence=confidence,
        ),
        effort_hours=effort_hours,
        resources=[],
        **SOURCED,
    )


PMP_TRAINING: dict[str, Any] = {"training_hours": 35, "training_kind": "pm", "training_waived_by": ["capm"]}
CERTIFICATIONS = (
    _certification(
        "pmp",
        "PMP",
        [
            _route(
                "Secondary: 60 months",
                education="secondary",
                months_leading_projects=60,
                window_years=8,
                **PMP_TRAINING,
            ),
            _route(
                "Four-year degree: 36 months",
                education="bachelor",
                months_leading_projects=36,
                window_years=8,
                **PMP_TRAINING,
            ),
            _route(
                "GAC degree: 24 months",
                education="gac",
                months_leading_projects=24,
                window_years=8,
                **PMP_TRAINING,
            ),
        ],
        effort_hours=120,
    ),
    _certification(
        "capm", "CAPM", [_route("Secondary and 23 hours", education="secondary", training_hours=23)], 60
    ),
    _certification(
        "pmi-acp",
        "PMI-ACP",
        [
            _route(
                "Agile: 24 months",
                education="secondary",
                months_agile=24,
                window_years=5,
                experience_waived_by=["pmp"],
                training_hours=28,
                training_kind="agile",
            )
        ],
        80,
    ),
    _certification(
        "pgmp",
        "PgMP",
        [
            _route(
                "Secondary: 48 + 84",
                education="secondary",
                months_leading_projects=48,
                months_programs=84,
                window_years=15,
            ),
            _route(
                "Four-year: 48 + 48",
                education="bachelor",
                months_leading_projects=48,
                months_programs=48,
                window_years=15,
            ),
            _route(
                "GAC: 36 + 36",
                education="gac",
                months_leading_projects=36,
                months_programs=36,
                window_years=15,
            ),
        ],
        120,
    ),
    _certification("prince2-foundation", "PRINCE2 Foundation", [], 25),
    _certification(
        "prince2-practitioner",
        "PRINCE2 Practitioner",
        [_route("Hold a prerequisite", requires_any=["prince2-foundation", "pmp", "capm"])],
        30,
        confidence="unconfirmed",
    ),
    _certification("csm", "CSM", [_route("Attend a course", course="a 16-hour live course")], 24),
    _certification("psm-1", "PSM I", [], 30),
    _certification("cspo", "CSPO", [_route("Attend a course", course="a 16-hour CSPO course")], 20),
)

DEGREES = Degrees.model_validate(
    {
        "gac_explanation": "GAC accredits programmes.",
        "levels": [
            {"id": "secondary", "name": "Secondary school", "rank": 1, "tier": "secondary"},
            {"id": "associate", "name": "Associate degree", "rank": 2, "tier": "secondary"},
            {"id": "bachelor", "name": "Bachelor's degree", "rank": 3, "tier": "bachelor"},
            {"id": "master", "name": "Master's degree", "rank": 4, "tier": "bachelor"},
            {"id": "mba", "name": "MBA", "rank": 4, "tier": "bachelor"},
            {"id": "doctorate", "name": "Doctorate", "rank": 5, "tier": "bachelor"},
        ],
        "fields": [
            {"id": "business", "name": "Business"},
            {"id": "computer-science", "name": "Computer science"},
            {"id": "project-management", "name": "Project management"},
            {"id": "education", "name": "Education"},
        ],
        **SOURCED,
    }
)

COMPARISON = Comparison.model_validate(
    {
        "title": "Product vs project",
        "intro": "Two roles.",
        "aspects": [{"id": "goal", "title": "Goal", "product": "Value.", "project": "Delivery."}],
        "together": ["They work together."],
        "blurring_risk": "Confusion.",
        **SOURCED,
    }
)


def make_catalog() -> Catalog:
    """The fixture catalog (a fresh object each call; contents are identical)."""
    return Catalog(
        meta=ContentMeta(version="test-1", as_of="2026-09"),
        paths={path.id: path for path in PATHS},
        skills={skill_id: _skill(skill_id, name, cat, res) for skill_id, name, cat, res in SKILLS},
        categories={
            "strategy": SkillCategory(id="strategy", name="Strategy"),
            "delivery": SkillCategory(id="delivery", name="Delivery"),
        },
        certifications={cert.id: cert for cert in CERTIFICATIONS},
        backgrounds={background.id: background for background in BACKGROUNDS},
        resources={rid: _resource(rid, hours) for rid, hours in RESOURCE_HOURS.items()},
        degrees=DEGREES,
        comparison=COMPARISON,
        directory=Path("engine-fixture"),
    )


DELIVERY_SKILLS: dict[str, int] = {
    "project-planning": 4,
    "risk-management": 3,
    "stakeholder-management": 3,
    "budgeting": 2,
    "scrum": 2,
}
"""Self-ratings of someone strong on the project side: delivery skills high, roadmapping untouched."""


def role(
    start: str,
    end: str | None = None,
    *,
    led: bool = True,
    background: str | None = None,
    agile: bool = False,
    programs: bool = False,
    led_from: str | None = None,
    led_to: str | None = None,
) -> Role:
    """A role that (by default) led projects for its whole span."""
    return Role(
        title="Role",
        background=background,
        start=start,
        end=end,
        led_projects=led,
        led_from=led_from,
        led_to=led_to,
        agile=agile,
        managed_programs=programs,
    )


def degree(level: str = "bachelor", field: str = "business", gac: bool = False) -> Degree:
    return Degree(level=level, field=field, gac_accredited=gac)


def held(cert_id: str, status: str = "active") -> HeldCertification:
    return HeldCertification(id=cert_id, earned=date(2020, 1, 1), status=status)


def profile(**fields: Any) -> Profile:
    """A profile with PMP's 35 training hours unless told otherwise."""
    fields.setdefault("pm_training_hours", 35)
    return Profile(**fields)
