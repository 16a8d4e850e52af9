"""Career rules that used to live in the UI: skill suggestions from backgrounds, merging regenerated
steps with the user's work, and ids for custom steps."""

from __future__ import annotations

import dataclasses
import re

from engine_fixtures import make_catalog, profile, role
from hypothesis import given, settings
from hypothesis import strategies as st

from pathfinder.catalog.catalog import Catalog
from pathfinder.catalog.models import TransferableSkill
from pathfinder.catalog.patterns import ID_PATTERN
from pathfinder.engine.plan_edits import custom_step_id
from pathfinder.engine.suggestions import suggested_skill_levels
from pathfinder.plan.models import Step


def catalog_with_transfers(**by_background: dict[str, int]) -> Catalog:
    catalog = make_catalog()
    backgrounds = dict(catalog.backgrounds)
    for background_id, levels in by_background.items():
        transfers = [TransferableSkill(skill=skill, level=level) for skill, level in levels.items()]
        backgrounds[background_id] = backgrounds[background_id].model_copy(update={"transferable": transfers})
    return dataclasses.replace(catalog, backgrounds=backgrounds)


# ----- suggestions --------------------------------------------------------------------------------


def test_each_unrated_skill_gets_the_highest_level_any_background_transfers() -> None:
    catalog = catalog_with_transfers(
        teacher={"scrum": 1, "stakeholder-management": 3},
        **{"software-engineer": {"scrum": 2, "roadmapping": 1}},
    )
    person = profile(roles=[role("2019-01", "2020-12", background="teacher"),
                            role("2021-01", background="software-engineer")])  # fmt: skip
    expected = {"scrum": 2, "stakeholder-management": 3, "roadmapping": 1}
    assert suggested_skill_levels(person, catalog) == expected


def test_rated_skills_and_unknown_or_missing_backgrounds_suggest_nothing() -> None:
    catalog = catalog_with_transfers(teacher={"scrum": 3, "roadmapping": 2})
    person = profile(
        skills={"scrum": 0},
        roles=[
            role("2019-01", background="teacher"),
            role("2018-01", background="astronaut"),
            role("2017-01"),
        ],
    )
    assert suggested_skill_levels(person, catalog) == {"roadmapping": 2}
    assert suggested_skill_levels(profile(), catalog) == {}


# ----- custom step ids ----------------------------------------------------------------------------


def test_custom_step_ids_are_slugs_of_the_title_numbered_when_taken() -> None:
    assert custom_step_id("Call my mentor!", set()) == "custom-call-my-mentor"
    taken = {"custom-call-my-mentor", "custom-call-my-mentor-2"}
    assert custom_step_id("Call my mentor", taken) == "custom-call-my-mentor-3"
    assert custom_step_id("¿¡!!", set()) == "custom-step"


def test_a_long_title_cut_at_a_word_break_still_gives_a_valid_id() -> None:
    """The slug is cut to 60 characters before its hyphens are trimmed, never after (an id ending in a
    hyphen is refused when the plan is opened again)."""
    step_id = custom_step_id("x" * 59 + " y", set())
    assert re.fullmatch(ID_PATTERN, step_id), step_id
    Step(id=step_id, title="t", kind="custom")


@settings(max_examples=200, deadline=None)
@given(title=st.text(max_size=200), taken=st.sets(st.sampled_from(["custom-step", "custom-a", "custom-a-2"])))
def test_any_title_gives_a_valid_new_id(title: str, taken: set[str]) -> None:
    step_id = custom_step_id(title, taken)
    assert step_id not in taken and re.fullmatch(ID_PATTERN, step_id) and len(step_id) <= 96
