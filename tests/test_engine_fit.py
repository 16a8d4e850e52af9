"""Fit scores: hand-computed arithmetic, explanations with their numbers, gap ranking and path ranking."""

from __future__ import annotations

import pytest
from engine_fixtures import DELIVERY_SKILLS, TODAY, degree, held, make_catalog, profile, role

from pathfinder.engine import build_report, fit_path, rank_paths
from pathfinder.engine.results import PathFit
from pathfinder.engine.wording import round_half_up
from pathfinder.profile import Degree, HeldCertification, Profile, Role

CATALOG = make_catalog()


def ana() -> Profile:
    """A profile whose product-manager fit is computed by hand in test_product_manager_fit_by_hand."""
    return profile(
        skills={
            "product-vision": 2,
            "roadmapping": 3,
            "customer-interviews": 1,
            "stakeholder-management": 4,
            "project-planning": 0,
        },
        roles=[
            role("2024-01", "2025-12", led=False, background="software-engineer"),
            role("2025-07", None, background="teacher"),
        ],
        degrees=[degree("bachelor", "computer-science")],
        certifications=[held("psm-1")],
    )


def component(fit: PathFit, component_id: str) -> tuple[float, float, str]:
    """(score, contribution, explanation) of one component."""
    found = next(c for c in fit.components if c.id == component_id)
    return found.score, found.contribution, found.explanation


def test_product_manager_fit_by_hand() -> None:
    """Every component and the total match the arithmetic written out in docs/scoring.md's style.

    Skills (target > 0): vision 5×2/4=2.5, roadmapping 4×3/3=4, interviews 5×1/3=1.667, stakeholders
    3×min(4,3)/3=3, planning 2×0/2=0 → 11.167 of 19 = 0.5877 → 0.55×58.77 = 32.3.
    Experience: 24 months software engineer at 4/5=0.8 → 19.2; teacher leading 2026-01..2026-10 (its
    earlier months overlap the engineer role, which counts more) at max(1/5, 0.4)=0.4 → 4; 23.2/60 → 9.7.
    Education: bachelor (3 of 3) in computer science → 1 → 10.0. Certifications: PSM I (2) → 2/5 → 4.0.
    """
    fit = fit_path(ana(), "product-manager", CATALOG, TODAY)
    assert component(fit, "skills")[:2] == (0.5877, 32.3)
    assert component(fit, "experience")[:2] == (0.3867, 9.7)
    assert component(fit, "education")[:2] == (1.0, 10.0)
    assert component(fit, "certifications")[:2] == (0.4, 4.0)
    assert fit.score == 56.0


def test_explanations_carry_the_numbers() -> None:
    fit = fit_path(ana(), "product-manager", CATALOG, TODAY)
    assert component(fit, "skills")[2].startswith("11.2 of 19 weighted skill points (59 %)")
    assert component(fit, "experience")[2].startswith("23.2 relevant months of 60 needed (39 %)")
    assert "0.8 × 1 + 0.2 × 1 = 1" in component(fit, "education")[2]
    assert "PSM I" in component(fit, "certifications")[2]


@pytest.mark.parametrize(
    "skills",
    [{}, {"product-vision": 4}, {"project-planning": 3, "risk-management": 1, "scrum": 4}, ana().skills],
)
def test_components_add_up_to_the_total(skills: dict[str, int]) -> None:
    person = ana().model_copy(update={"skills": skills})
    for fit in rank_paths(person, CATALOG, TODAY):
        contributions = [c.contribution for c in fit.components]
        assert fit.score == round_half_up(sum(contributions), 1)
        for c in fit.components:
            assert abs(c.contribution - c.weight * c.score * 100) <= 0.05 + 1e-6
        assert {c.id for c in fit.components} == {"skills", "experience", "education", "certifications"}
        assert sum(c.weight for c in fit.components) == pytest.approx(1.0)


def test_gaps_are_ranked_by_importance_times_shortfall() -> None:
    """Cost = importance × shortfall, largest first; planning and risk tie at 15 and keep catalog order."""
    person = profile(skills={"project-planning": 1, "risk-management": 0, "budgeting": 1, "roadmapping": 0})
    gaps = fit_path(person, "project-manager", CATALOG, TODAY).gaps
    assert [(g.skill, g.cost) for g in gaps] == [
        ("project-planning", 15),
        ("risk-management", 15),
        ("stakeholder-management", 12),
        ("scrum", 4),
        ("budgeting", 3),
        ("roadmapping", 2),
    ]
    assert all(g.shortfall == g.target - g.level and g.cost == g.importance * g.shortfall for g in gaps)


def test_strengths_are_skills_at_or_above_target_by_importance_then_level() -> None:
    person = profile(skills={"roadmapping": 4, "stakeholder-management": 3, "project-planning": 4})
    strengths = fit_path(person, "product-manager", CATALOG, TODAY).strengths
    assert [s.skill for s in strengths] == ["roadmapping", "stakeholder-management", "project-planning"]


def test_a_skill_with_target_zero_does_not_count() -> None:
    """Budgeting has target 0 on the product-manager path: rating it changes nothing."""
    without = fit_path(profile(), "product-manager", CATALOG, TODAY)
    with_budgeting = fit_path(profile(skills={"budgeting": 4}), "product-manager", CATALOG, TODAY)
    assert without.score == with_budgeting.score
    assert "budgeting" not in {s.skill for s in with_budgeting.strengths}


def test_overlapping_roles_count_each_month_once_at_the_best_relevance() -> None:
    """Two engineer roles over the same 12 months: 12 × 0.8, not 24 × 0.8."""
    once = profile(roles=[role("2025-01", "2025-12", led=False, background="software-engineer")])
    twice = profile(
        roles=[*once.roles, role("2025-01", "2025-12", led=False, background="software-engineer")]
    )
    for person in (once, twice):
        assert component(fit_path(person, "product-manager", CATALOG, TODAY), "experience")[2].startswith(
            "9.6 relevant months"
        )


def test_leading_projects_counts_at_the_paths_led_relevance() -> None:
    """A teacher (affinity 2 → 0.4) who led projects counts 1.0 a month toward project manager."""
    person = profile(roles=[role("2025-11", "2026-10", background="teacher")])
    score, _, text = component(fit_path(person, "project-manager", CATALOG, TODAY), "experience")
    assert text.startswith("12 relevant months of 60")
    assert score == 0.2
    not_leading = profile(roles=[role("2025-11", "2026-10", led=False, background="teacher")])
    assert component(fit_path(not_leading, "project-manager", CATALOG, TODAY), "experience")[2].startswith(
        "4.8 relevant months"
    )


def test_unknown_background_counts_a_fifth() -> None:
    person = profile(roles=[role("2021-11", "2026-10", led=False, background=None)])
    assert component(fit_path(person, "product-manager", CATALOG, TODAY), "experience")[2].startswith(
        "12 relevant months of 60"
    )


def test_experience_is_capped_at_full_credit() -> None:
    person = profile(roles=[role("2000-01", None, background="project-coordinator")])
    score, contribution, _ = component(fit_path(person, "project-manager", CATALOG, TODAY), "experience")
    assert (score, contribution) == (1.0, 35.0)


@pytest.mark.parametrize(
    ("degrees", "expected"),
    [
        ([], 0.0),
        ([degree("secondary", "business")], round(0.8 * 1 / 3 + 0.2, 4)),
        ([degree("associate", "history")], round(0.8 * 2 / 3, 4)),
        ([degree("bachelor", "history")], 0.8),
        ([degree("doctorate", "business")], 1.0),
        ([degree("mba", "history")], 0.8),
        ([degree("secondary", "history"), degree("bachelor", "business")], 1.0),
    ],
)
def test_education_score(degrees: list[Degree], expected: float) -> None:
    fit = fit_path(profile(degrees=degrees), "project-manager", CATALOG, TODAY)
    assert component(fit, "education")[0] == expected


def test_a_preferred_level_gives_the_whole_level_part() -> None:
    """An MBA is a preferred level (level part 1) even in an uncommon field; ratios above 1 are capped."""
    fit = fit_path(profile(degrees=[degree("mba", "history")]), "product-manager", CATALOG, TODAY)
    assert component(fit, "education")[0] == 0.8
    scrum = fit_path(profile(degrees=[degree("secondary", "history")]), "scrum-master", CATALOG, TODAY)
    assert component(scrum, "education")[0] == 1.0  # no fields listed: the field part is always met


def test_certifications_count_only_when_active_and_cap_at_five_points() -> None:
    def cert_score(certs: list[HeldCertification]) -> float:
        return component(
            fit_path(profile(certifications=certs), "project-manager", CATALOG, TODAY), "certifications"
        )[0]

    assert cert_score([held("capm")]) == 0.6
    assert cert_score([held("capm", "lapsed")]) == 0.0
    assert cert_score([held("pmp"), held("capm")]) == 1.0
    assert cert_score([held("csm")]) == 0.0  # not recommended for this path


def test_unknown_ids_in_the_profile_are_ignored() -> None:
    person = Profile(
        skills={"telepathy": 4, "product-vision": 3},
        roles=[Role(title="Astronaut", background="astronaut", start="2020-01", led_projects=True)],
        degrees=[Degree(level="honorary", field="stars")],
        certifications=[HeldCertification(id="jedi", earned=TODAY)],
    )
    report = build_report(person, CATALOG, TODAY)
    assert len(report.paths) == 3
    fit = fit_path(person, "product-manager", CATALOG, TODAY)
    assert component(fit, "education")[0] == 0.0
    assert "telepathy" not in {g.skill for g in fit.gaps} | {s.skill for s in fit.strengths}


def test_unknown_path_id_raises_key_error() -> None:
    with pytest.raises(KeyError):
        fit_path(profile(), "astronaut", CATALOG, TODAY)


STRATEGY_HEAVY = profile(
    skills={"product-vision": 4, "roadmapping": 3, "customer-interviews": 3, "stakeholder-management": 2},
    roles=[role("2019-01", None, led=False, background="software-engineer")],
    degrees=[degree("bachelor", "computer-science")],
)
DELIVERY_HEAVY = profile(
    skills=DELIVERY_SKILLS,
    roles=[role("2019-01", None, background="project-coordinator")],
    degrees=[degree("bachelor", "business")],
)


def rank_of(fits: list[PathFit], path_id: str) -> int:
    return next(fit.rank for fit in fits if fit.path == path_id)


def test_strategy_heavy_profile_ranks_product_above_project() -> None:
    fits = rank_paths(STRATEGY_HEAVY, CATALOG, TODAY)
    assert rank_of(fits, "product-manager") < rank_of(fits, "project-manager")


def test_delivery_heavy_profile_ranks_project_above_product() -> None:
    fits = rank_paths(DELIVERY_HEAVY, CATALOG, TODAY)
    assert rank_of(fits, "project-manager") < rank_of(fits, "product-manager")


def test_ranking_is_best_first_with_ties_in_path_order() -> None:
    fits = rank_paths(Profile(), CATALOG, TODAY)
    assert [fit.rank for fit in fits] == [1, 2, 3]
    assert [fit.score for fit in fits] == [0.0, 0.0, 0.0]
    assert [fit.path for fit in fits] == list(CATALOG.paths)
    scores = [fit.score for fit in rank_paths(DELIVERY_HEAVY, CATALOG, TODAY)]
    assert scores == sorted(scores, reverse=True)


def test_fit_path_reports_the_same_rank_as_rank_paths() -> None:
    for fit in rank_paths(DELIVERY_HEAVY, CATALOG, TODAY):
        assert fit_path(DELIVERY_HEAVY, fit.path, CATALOG, TODAY) == fit


def test_same_input_gives_the_same_report() -> None:
    first = build_report(ana(), make_catalog(), TODAY, target="product-manager")
    second = build_report(ana(), make_catalog(), TODAY, target="product-manager")
    assert first == second
    assert first.model_dump_json() == second.model_dump_json()


def test_report_drops_an_unknown_target_and_keeps_content_version() -> None:
    report = build_report(ana(), CATALOG, TODAY, target="astronaut")
    assert report.target is None
    assert report.content_version == "test-1"
    assert [c.certification for c in report.certifications] == list(CATALOG.certifications)
