"""The career-path content: six paths at equal depth, valid ids, honest proxies, a real comparison.

These tests read the TOML files directly and validate them with the pydantic models, so a failure names the
file; the last two check the real loader's view of these files and of the whole shipped content.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from core_helpers import (
    CERTIFICATION_IDS,
    DEGREE_LEVEL_IDS,
    PATH_IDS,
    SHIPPED_CONTENT,
    SKILL_IDS,
    SKILLS_BY_CATEGORY,
    one_per_file,
    read_toml,
    shipped_problems_in,
)

from pathfinder.catalog.catalog import Catalog
from pathfinder.catalog.models import CareerPath, Comparison, ContentMeta, Degrees

STRATEGY_SIDE = {*SKILLS_BY_CATEGORY["strategy-and-vision"], *SKILLS_BY_CATEGORY["discovery-and-research"]}
STRATEGY_SIDE |= {"product-metrics", "data-analysis"}
DELIVERY_SIDE = {*SKILLS_BY_CATEGORY["planning-and-delivery"], *SKILLS_BY_CATEGORY["risk-and-quality"]}
DELIVERY_SIDE |= {"status-reporting", "budgeting", "earned-value"}
REQUIRED_ASPECTS = {
    "responsibility", "main-goal", "focus", "horizon", "typical-week", "success-measures", "key-artefacts",
    "how-to-become", "traits", "certifications",
}  # fmt: skip


def _read(relative: str) -> dict[str, Any]:
    return read_toml(SHIPPED_CONTENT / relative)


@pytest.fixture(scope="module")
def paths() -> dict[str, CareerPath]:
    """Every path file, validated, by id (one ``[[path]]`` per file, nothing else, named after its id)."""
    return one_per_file(SHIPPED_CONTENT / "paths", "path", CareerPath)


@pytest.fixture(scope="module")
def degrees() -> Degrees:
    return Degrees.model_validate(_read("degrees.toml")["degrees"])


def _skill_fit(path: CareerPath, ratings: dict[str, int]) -> float:
    """Importance-weighted share of each target reached: a simple stand-in for the engine's skill score."""
    total = sum(entry.importance for entry in path.skills)
    reached = sum(
        entry.importance
        * (min(ratings.get(entry.skill, 0), entry.target) / entry.target if entry.target else 1)
        for entry in path.skills
    )
    return reached / total


def test_exactly_the_six_paths_exist_one_per_file_named_by_id(paths: dict[str, CareerPath]) -> None:
    files = sorted(file.stem for file in (SHIPPED_CONTENT / "paths").glob("*.toml"))
    assert files == sorted(PATH_IDS)
    for path_id in PATH_IDS:
        assert paths[path_id].id == path_id


@pytest.mark.parametrize("path_id", PATH_IDS)
def test_every_path_has_the_same_full_depth(paths: dict[str, CareerPath], path_id: str) -> None:
    """No path is a stub: each one has every section a person deciding needs, filled in."""
    path = paths[path_id]
    assert 6 <= len(path.responsibilities) <= 10
    assert 6 <= len(path.typical_week) <= 9
    assert 18 <= len(path.skills) <= 30
    assert len(path.traits) >= 4
    assert path.certifications and path.neighbours and path.occupations
    assert len(path.facts) >= 4
    assert path.degrees.fields and path.degrees.note
    assert len(path.summary) >= 150 and path.goal and path.focus
    assert path.sources and path.as_of
    for sourced in [*path.occupations, *path.facts]:
        assert sourced.sources and all(source.strip() for source in sourced.sources)
        assert sourced.as_of


def test_typical_weeks_follow_the_article(paths: dict[str, CareerPath]) -> None:
    """The article lists nine product-manager activities and seven project-manager activities."""
    assert len(paths["product-manager"].typical_week) == 9
    assert len(paths["project-manager"].typical_week) == 7


@pytest.mark.parametrize("path_id", PATH_IDS)
def test_skills_use_only_the_fixed_ids_once_each(paths: dict[str, CareerPath], path_id: str) -> None:
    skill_ids = [entry.skill for entry in paths[path_id].skills]
    assert set(skill_ids) <= SKILL_IDS, set(skill_ids) - SKILL_IDS
    assert len(skill_ids) == len(set(skill_ids))


def test_the_brief_lists_61_skills() -> None:
    assert len(SKILL_IDS) == 61


@pytest.mark.parametrize("path_id", PATH_IDS)
def test_references_point_at_known_ids(paths: dict[str, CareerPath], degrees: Degrees, path_id: str) -> None:
    path = paths[path_id]
    assert {cert.certification for cert in path.certifications} <= CERTIFICATION_IDS
    assert all(cert.reason for cert in path.certifications)
    assert set(path.neighbours) <= set(PATH_IDS) - {path_id}
    assert path.degrees.typical_level in DEGREE_LEVEL_IDS
    assert set(path.degrees.preferred_levels) <= set(DEGREE_LEVEL_IDS)
    assert set(path.degrees.fields) <= {field.id for field in degrees.fields}


@pytest.mark.parametrize("path_id", PATH_IDS)
def test_weights_add_up_to_one(paths: dict[str, CareerPath], path_id: str) -> None:
    weights = paths[path_id].weights
    total = math.fsum([weights.skills, weights.experience, weights.education, weights.certifications])
    assert math.isclose(total, 1.0, abs_tol=1e-9)


def test_certifications_and_led_projects_count_most_where_employers_ask_for_them(
    paths: dict[str, CareerPath],
) -> None:
    product = paths["product-manager"]
    for path_id in ("project-manager", "program-manager"):
        assert paths[path_id].weights.certifications > product.weights.certifications
        assert paths[path_id].led_projects_relevance == 1.0
    assert product.led_projects_relevance < paths["scrum-master"].led_projects_relevance < 1.0
    assert paths["program-manager"].experience_months_for_full_credit > (
        paths["project-manager"].experience_months_for_full_credit
    )
    recommended = {cert.certification for cert in paths["project-manager"].certifications}
    assert {"pmp", "capm", "prince2-foundation", "comptia-project-plus", "google-pm"} <= recommended
    assert "pmp" not in {cert.certification for cert in product.certifications}


def test_product_side_weighs_the_what_and_project_side_the_how(paths: dict[str, CareerPath]) -> None:
    """The most important skills of each path sit on its side of the "what vs how" line."""
    product_top = {entry.skill for entry in paths["product-manager"].skills if entry.importance == 5}
    project_top = {entry.skill for entry in paths["project-manager"].skills if entry.importance == 5}
    assert len(product_top & STRATEGY_SIDE) >= 6 and not product_top & DELIVERY_SIDE
    assert len(project_top & DELIVERY_SIDE) >= 6 and not project_top & STRATEGY_SIDE


def test_a_strategist_fits_product_and_a_deliverer_fits_project(paths: dict[str, CareerPath]) -> None:
    """Two opposite people rank the two paths in opposite order, by a clear margin."""
    shared = {skill: 2 for skill in SKILLS_BY_CATEGORY["stakeholders-and-communication"]}
    strategist = shared | {skill: 4 for skill in STRATEGY_SIDE}
    deliverer = shared | {skill: 4 for skill in DELIVERY_SIDE}
    product, project = paths["product-manager"], paths["project-manager"]
    assert _skill_fit(product, strategist) - _skill_fit(project, strategist) > 0.25
    assert _skill_fit(project, deliverer) - _skill_fit(product, deliverer) > 0.25


def test_product_manager_data_is_labelled_a_proxy(paths: dict[str, CareerPath]) -> None:
    """There is no O*NET product-manager occupation; the content must say so, not pretend."""
    occupations = paths["product-manager"].occupations
    assert all(occupation.proxy and occupation.note for occupation in occupations)
    marketing = [occupation for occupation in occupations if occupation.code == "11-2021.00"]
    assert marketing and "no o*net" in marketing[0].note.lower()


def test_project_manager_has_its_own_occupation(paths: dict[str, CareerPath]) -> None:
    own = {(o.system, o.code) for o in paths["project-manager"].occupations if not o.proxy}
    assert {("O*NET", "13-1082.00"), ("BLS SOC", "13-1082")} <= own
    labels = " ".join(fact.label for fact in paths["project-manager"].facts)
    assert "Median pay" in labels and "outlook" in labels.lower()


@pytest.mark.parametrize("path_id", PATH_IDS)
def test_proxies_and_unconfirmed_facts_explain_themselves(paths: dict[str, CareerPath], path_id: str) -> None:
    path = paths[path_id]
    assert all(occupation.note for occupation in path.occupations if occupation.proxy)
    assert all(fact.note for fact in path.facts if fact.confidence == "unconfirmed")


def test_unconfirmed_figures_are_marked_as_such(paths: dict[str, CareerPath]) -> None:
    """The research could not confirm these; they must never be shown as certain."""
    project_facts = {fact.label: fact for fact in paths["project-manager"].facts}
    newest = next(fact for label, fact in project_facts.items() if "2024–34" in label)
    assert newest.confidence == "secondary" and "not on bls.gov itself" in newest.note
    later_claim = project_facts["Demand for project professionals (later claim)"]
    assert later_claim.confidence == "unconfirmed"


def test_comparison_covers_every_aspect_and_how_the_roles_work_together() -> None:
    comparison = Comparison.model_validate(_read("comparison.toml")["comparison"])
    assert (comparison.left, comparison.right) == ("product-manager", "project-manager")
    aspect_ids = [aspect.id for aspect in comparison.aspects]
    assert set(aspect_ids) >= REQUIRED_ASPECTS and len(aspect_ids) == len(set(aspect_ids))
    focus = next(aspect for aspect in comparison.aspects if aspect.id == "focus")
    assert '"what"' in focus.product and '"how"' in focus.project
    assert len(comparison.together) >= 4
    assert "product" in comparison.intro and "project" in comparison.intro
    for harm in ("inefficien", "confusion", "late", "budget", "customers needed"):
        assert harm in comparison.blurring_risk


def test_degrees_define_the_fixed_levels_in_pmi_tiers(degrees: Degrees) -> None:
    levels = {level.id: level for level in degrees.levels}
    assert tuple(levels) == DEGREE_LEVEL_IDS
    assert [levels[i].rank for i in DEGREE_LEVEL_IDS] == [1, 2, 3, 4, 4, 5]
    assert [levels[i].tier for i in DEGREE_LEVEL_IDS] == ["secondary"] * 2 + ["bachelor"] * 4
    assert len(degrees.fields) >= 14
    assert "24 months" in degrees.gac_explanation and "contact hours" in degrees.gac_explanation


def test_meta_names_the_content_version() -> None:
    meta = ContentMeta.model_validate(_read("meta.toml")["meta"])
    assert meta.version == "2026.12.1" and meta.as_of == "2026-12"


OUR_FILES = (
    "meta.toml",
    "degrees.toml",
    "comparison.toml",
    *(f"paths/{path_id}.toml" for path_id in PATH_IDS),
)


def test_the_loader_finds_no_problem_in_the_path_files() -> None:
    """The real loader's checks (ids, references, weights) pass for these files."""
    assert shipped_problems_in(SHIPPED_CONTENT / name for name in OUR_FILES) == []


def test_the_real_loader_accepts_the_whole_content(shipped_catalog: Catalog) -> None:
    """The whole shipped content loads and holds exactly our six paths."""
    assert set(shipped_catalog.paths) == set(PATH_IDS)
    assert shipped_catalog.comparison.left == "product-manager"
