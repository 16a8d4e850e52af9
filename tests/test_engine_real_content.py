"""The engine on the real content in content/: rankings that make sense, PMI's rules and steps.

Speed is measured in bench/bench_core.py, not here.
"""

from __future__ import annotations

from datetime import date

import pytest

from pathfinder.catalog.catalog import Catalog
from pathfinder.engine import all_certification_statuses, build_report, certification_status, plan_steps
from pathfinder.engine.results import PathFit
from pathfinder.engine.wording import round_half_up
from pathfinder.profile import Degree, HeldCertification, Profile, Role

TODAY = date(2026, 11, 15)


@pytest.fixture
def catalog(shipped_catalog: Catalog) -> Catalog:
    """The shipped content (a content problem fails these tests with the loader's list)."""
    return shipped_catalog


STRATEGY_HEAVY = Profile(
    skills={
        "product-vision": 3,
        "product-strategy": 3,
        "roadmapping": 3,
        "prioritisation": 3,
        "customer-interviews": 3,
        "market-research": 3,
        "problem-framing": 3,
        "product-metrics": 3,
        "experimentation": 2,
        "go-to-market": 2,
        "data-analysis": 3,
        "business-case": 2,
    },
    roles=[
        Role(title="Developer", background="software-engineer", start="2018-01", end="2022-06"),
        Role(title="Business analyst", background="business-analyst", start="2022-07"),
    ],
    degrees=[Degree(level="bachelor", field="computer-science")],
)
DELIVERY_HEAVY = Profile(
    skills={
        "project-planning": 3,
        "scheduling": 3,
        "scope-management": 3,
        "risk-management": 3,
        "stakeholder-management": 3,
        "status-reporting": 3,
        "resource-management": 3,
        "estimation": 3,
        "issue-management": 3,
        "budgeting": 2,
        "change-control": 2,
    },
    roles=[
        Role(
            title="Project coordinator",
            background="project-coordinator",
            start="2019-03",
            led_projects=True,
            led_from="2021-01",
        )
    ],
    degrees=[Degree(level="bachelor", field="business")],
    pm_training_hours=35,
)


def rank_of(fits: list[PathFit], path_id: str) -> int:
    return next(fit.rank for fit in fits if fit.path == path_id)


def test_strategy_heavy_ranks_product_manager_above_project_manager(catalog: Catalog) -> None:
    fits = build_report(STRATEGY_HEAVY, catalog, TODAY).paths
    assert rank_of(fits, "product-manager") < rank_of(fits, "project-manager")


def test_delivery_heavy_ranks_project_manager_above_product_manager(catalog: Catalog) -> None:
    fits = build_report(DELIVERY_HEAVY, catalog, TODAY).paths
    assert rank_of(fits, "project-manager") < rank_of(fits, "product-manager")


def test_report_covers_every_path_and_certification_and_adds_up(catalog: Catalog) -> None:
    report = build_report(DELIVERY_HEAVY, catalog, TODAY, target="project-manager")
    assert sorted(fit.path for fit in report.paths) == sorted(catalog.paths)
    assert [fit.rank for fit in report.paths] == list(range(1, len(catalog.paths) + 1))
    assert [s.certification for s in report.certifications] == list(catalog.certifications)
    for fit in report.paths:
        assert fit.score == round_half_up(sum(c.contribution for c in fit.components), 1)
        assert 0 <= fit.score <= 100
    assert report == build_report(DELIVERY_HEAVY, catalog, TODAY, target="project-manager")


def test_pmp_on_the_real_rules(catalog: Catalog) -> None:
    def pmp(
        start: str, hours: int = 35, certs: list[HeldCertification] | None = None
    ) -> tuple[bool, list[str]]:
        person = Profile(
            roles=[Role(title="Lead", start=start, led_projects=True)],
            degrees=[Degree(level="bachelor")],
            pm_training_hours=hours,
            certifications=certs or [],
        )
        result = certification_status(person, "pmp", catalog, TODAY)
        return result.eligible, result.missing

    assert pmp("2023-11") == (True, [])
    assert pmp("2023-12") == (
        False,
        ["1 more month leading projects within the last 8 years (have 35 of 36)"],
    )
    assert pmp("2023-11", hours=34)[0] is False
    assert pmp("2023-11", hours=0, certs=[HeldCertification(id="capm", earned=date(2024, 1, 1))])[0]


def test_pmi_acp_waiver_csm_course_and_prince2_prerequisite(catalog: Catalog) -> None:
    with_pmp = Profile(
        degrees=[Degree(level="secondary")],
        agile_training_hours=28,
        certifications=[HeldCertification(id="pmp", earned=date(2024, 1, 1))],
    )
    statuses = {s.certification: s for s in all_certification_statuses(with_pmp, catalog, TODAY)}
    assert statuses["pmi-acp"].eligible
    assert statuses["csm"].eligible and statuses["csm"].course_required
    assert statuses["prince2-practitioner"].eligible
    newcomer = {s.certification: s for s in all_certification_statuses(Profile(), catalog, TODAY)}
    assert not newcomer["prince2-practitioner"].eligible
    assert newcomer["prince2-practitioner"].earliest_date is None
    assert newcomer["psm-1"].eligible


def test_plan_steps_on_real_content(catalog: Catalog) -> None:
    steps = plan_steps(STRATEGY_HEAVY, "product-manager", catalog, TODAY)
    ids = [step.id for step in steps]
    assert len(ids) == len(set(ids))
    skill_steps = [step for step in steps if step.kind == "skill"]
    assert 1 <= len(skill_steps) <= 8
    assert all(step.resources and step.ref in catalog.skills for step in skill_steps)
    assert any(step.kind == "certification" for step in steps)
    assert steps == plan_steps(STRATEGY_HEAVY, "product-manager", catalog, TODAY)
    for path_id in catalog.paths:
        assert plan_steps(Profile(), path_id, catalog, TODAY)
