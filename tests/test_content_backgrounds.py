"""The shipped backgrounds: all sixteen, known skills only, one affinity per path, grounded in the dossier.

Each file is read with tomllib and validated with the pydantic models directly, so a failure names the
file; one test also checks the loader's view of the whole shipped content.
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from core_helpers import (
    BACKGROUND_IDS,
    PATH_IDS,
    SHIPPED_CONTENT,
    SKILL_IDS,
    one_per_file,
    shipped_problems_in,
)

from pathfinder.catalog.catalog import Catalog
from pathfinder.catalog.models import Background

BACKGROUND_DIR = SHIPPED_CONTENT / "backgrounds"


@cache
def backgrounds() -> dict[str, Background]:
    """Every background file, validated, by id (each file holds exactly one, named after its id)."""
    return one_per_file(BACKGROUND_DIR, "background", Background)


def scores(background_id: str) -> dict[str, int]:
    return {affinity.path: affinity.score for affinity in backgrounds()[background_id].affinities}


def levels(background_id: str) -> dict[str, int]:
    return {item.skill: item.level for item in backgrounds()[background_id].transferable}


def test_the_sixteen_backgrounds_are_present() -> None:
    assert len(SKILL_IDS) == 61
    assert set(backgrounds()) == BACKGROUND_IDS


@pytest.mark.parametrize("background_id", sorted(BACKGROUND_IDS))
def test_background_brings_six_to_twelve_known_skills(background_id: str) -> None:
    background = backgrounds()[background_id]
    skills = [item.skill for item in background.transferable]
    assert 6 <= len(skills) <= 12
    assert len(skills) == len(set(skills)), "a skill is listed twice"
    assert set(skills) <= SKILL_IDS, f"unknown skill ids: {set(skills) - SKILL_IDS}"
    assert max(levels(background_id).values()) >= 2, "a background should bring at least one working skill"


@pytest.mark.parametrize("background_id", sorted(BACKGROUND_IDS))
def test_background_has_one_reasoned_affinity_per_path(background_id: str) -> None:
    background = backgrounds()[background_id]
    paths = [affinity.path for affinity in background.affinities]
    assert sorted(paths) == sorted(PATH_IDS)
    for affinity in background.affinities:
        assert "\n" not in affinity.reason and 20 <= len(affinity.reason) <= 160, affinity.reason


@pytest.mark.parametrize("background_id", sorted(BACKGROUND_IDS))
def test_background_is_sourced_dated_and_honest_when_no_source_names_it(background_id: str) -> None:
    background = backgrounds()[background_id]
    assert background.sources and all(source.strip() for source in background.sources)
    assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", background.as_of)
    if "do not name" in background.description:
        assert background.confidence == "unconfirmed", "an estimate no source backs must say so"


def test_classic_routes_from_the_dossier_score_highest() -> None:
    assert scores("software-engineer")["technical-program-manager"] == 5
    assert max(scores("software-engineer").values()) == 5
    assert scores("business-analyst")["product-owner"] == 5
    assert scores("project-coordinator")["project-manager"] == 5
    assert scores("team-lead")["project-manager"] >= 4 and scores("team-lead")["scrum-master"] >= 4


def test_named_product_manager_feeders_score_at_least_three() -> None:
    feeders = (
        "software-engineer",
        "qa-engineer",
        "ux-designer",
        "data-analyst",
        "business-analyst",
        "marketing",
        "sales",
        "consultant",
    )
    for feeder in feeders:
        assert scores(feeder)["product-manager"] >= 3, feeder


def test_nobody_starts_as_a_program_manager_or_straight_from_college_as_a_product_manager() -> None:
    for background_id in BACKGROUND_IDS:
        path_scores = scores(background_id)
        assert path_scores["program-manager"] <= path_scores["project-manager"], background_id
    assert scores("new-graduate")["product-manager"] <= 1
    assert scores("new-graduate")["program-manager"] == 0


def test_typical_skill_levels_match_the_role() -> None:
    engineer = levels("software-engineer")
    assert (engineer["software-lifecycle"], engineer["system-architecture"], engineer["estimation"]) == (
        4,
        3,
        2,
    )
    coordinator = levels("project-coordinator")
    assert (coordinator["scheduling"], coordinator["status-reporting"]) == (3, 3)
    assert levels("finance")["budgeting"] == 4
    assert levels("business-analyst")["requirements-writing"] == 4


def test_loader_accepts_the_background_files_and_loads_complete_content(shipped_catalog: Catalog) -> None:
    """The whole shipped content loads (every cross-check passes) with all sixteen backgrounds."""
    assert shipped_problems_in(BACKGROUND_DIR.glob("*.toml")) == []
    assert set(shipped_catalog.backgrounds) == BACKGROUND_IDS
    assert set(shipped_catalog.paths) == set(PATH_IDS)
