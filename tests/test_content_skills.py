"""The shipped skills catalog: the fixed 61 skills in 10 categories, each usable in a plan.

A user compares their levels against these skills and follows their learning resources, so every skill
must describe all four levels, point at resources that exist, and say where it comes from. The files are
read with tomllib and the content models directly, so a failure names the file; one test also checks the
loader's view of the whole shipped content.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from core_helpers import SHIPPED_CONTENT, SKILLS_BY_CATEGORY, read_toml, shipped_problems_in

from pathfinder.catalog.catalog import Catalog
from pathfinder.catalog.models import Resource, Skill, SkillCategory

SKILLS_DIR = SHIPPED_CONTENT / "skills"
RESOURCES_DIR = SHIPPED_CONTENT / "resources"


def _skill_files() -> list[Path]:
    return sorted(SKILLS_DIR.glob("*.toml"))


def _own_resource_files() -> list[Path]:
    return sorted(RESOURCES_DIR.glob("skills*.toml"))


def _load_skills() -> list[tuple[Skill, Path]]:
    return [
        (Skill.model_validate(raw), file)
        for file in _skill_files()
        for raw in read_toml(file).get("skill", [])
    ]


def _load_categories() -> list[tuple[SkillCategory, Path]]:
    return [
        (SkillCategory.model_validate(raw), file)
        for file in _skill_files()
        for raw in read_toml(file).get("category", [])
    ]


def _load_resources(files: list[Path]) -> list[Resource]:
    return [Resource.model_validate(raw) for file in files for raw in read_toml(file).get("resource", [])]


@pytest.fixture(scope="module")
def skills() -> list[tuple[Skill, Path]]:
    return _load_skills()


@pytest.fixture(scope="module")
def categories() -> list[tuple[SkillCategory, Path]]:
    return _load_categories()


@pytest.fixture(scope="module")
def all_resources() -> dict[str, Resource]:
    """Every resource in the content, whoever wrote it (skills may share certification prep resources)."""
    return {resource.id: resource for resource in _load_resources(sorted(RESOURCES_DIR.rglob("*.toml")))}


def test_skill_files_hold_only_categories_and_skills() -> None:
    """A skills file with another top-level table would be a misplaced or misspelt entry."""
    assert _skill_files(), f"no skill files under {SKILLS_DIR}"
    for file in _skill_files():
        assert set(read_toml(file)) <= {"category", "skill"}, file


def test_exactly_the_briefed_skill_ids(skills: list[tuple[Skill, Path]]) -> None:
    ids = [skill.id for skill, _ in skills]
    expected = {skill_id for group in SKILLS_BY_CATEGORY.values() for skill_id in group}
    assert len(ids) == len(set(ids)), [skill_id for skill_id, n in Counter(ids).items() if n > 1]
    assert set(ids) == expected, {"missing": expected - set(ids), "unexpected": set(ids) - expected}
    assert len(ids) == 61


def test_ten_categories_one_file_each(categories: list[tuple[SkillCategory, Path]]) -> None:
    """Each category is defined once, in content/skills/<category id>.toml, with a name and description."""
    ids = [category.id for category, _ in categories]
    assert sorted(ids) == sorted(SKILLS_BY_CATEGORY)
    for category, file in categories:
        assert file.stem == category.id
        assert category.name and category.description


def test_each_skill_sits_in_its_briefed_category_and_file(skills: list[tuple[Skill, Path]]) -> None:
    expected_category = {skill_id: cat for cat, group in SKILLS_BY_CATEGORY.items() for skill_id in group}
    for skill, file in skills:
        assert skill.category == expected_category[skill.id], skill.id
        assert file.stem == skill.category, f"{skill.id} is in {file.name}"


def test_each_skill_describes_four_distinct_levels(skills: list[tuple[Skill, Path]]) -> None:
    """Levels 1 aware … 4 expert must each say something different and concrete."""
    for skill, _ in skills:
        assert len(skill.levels) == 4, skill.id
        assert all(len(level.strip()) >= 30 for level in skill.levels), skill.id
        assert len(set(skill.levels)) == 4, f"{skill.id} repeats a level description"


def test_each_skill_is_sourced_and_dated(skills: list[tuple[Skill, Path]]) -> None:
    for skill, _ in skills:
        assert skill.description.strip(), skill.id
        assert skill.sources and all(source.strip() for source in skill.sources), skill.id
        assert skill.as_of.startswith("20"), skill.id


def test_each_skill_links_to_existing_resources(
    skills: list[tuple[Skill, Path]], all_resources: dict[str, Resource]
) -> None:
    for skill, _ in skills:
        assert skill.resources, skill.id
        unknown = [resource_id for resource_id in skill.resources if resource_id not in all_resources]
        assert not unknown, f"{skill.id} links to unknown resources {unknown}"


def test_skill_resources_are_complete_unique_and_used(skills: list[tuple[Skill, Path]]) -> None:
    """Our resource files: http(s) links, a cost, no duplicate ids or URLs, none left unused."""
    resources = _load_resources(_own_resource_files())
    assert len(resources) >= 45
    ids = [resource.id for resource in resources]
    urls = [resource.url for resource in resources]
    assert len(ids) == len(set(ids)), [rid for rid, n in Counter(ids).items() if n > 1]
    assert len(urls) == len(set(urls)), [url for url, n in Counter(urls).items() if n > 1]
    for resource in resources:
        assert resource.url.startswith(("https://", "http://")), resource.id
        assert resource.cost in {"free", "paid", "freemium"}, resource.id
        assert resource.sources and resource.as_of, resource.id
    used = {resource_id for skill, _ in skills for resource_id in skill.resources}
    assert set(ids) <= used, f"unused resources: {sorted(set(ids) - used)}"


def test_resource_ids_are_unique_across_all_resource_files() -> None:
    """Skills resources must not collide with resources other content files define."""
    ids = [resource.id for resource in _load_resources(sorted(RESOURCES_DIR.rglob("*.toml")))]
    assert len(ids) == len(set(ids)), [rid for rid, n in Counter(ids).items() if n > 1]


def test_loader_sees_the_same_skill_catalog(shipped_catalog: Catalog) -> None:
    """The whole shipped content loads, and the catalog holds exactly these skills and categories."""
    assert shipped_problems_in([*_skill_files(), *_own_resource_files()]) == []
    catalog = shipped_catalog
    assert set(catalog.skills) == {skill_id for group in SKILLS_BY_CATEGORY.values() for skill_id in group}
    assert set(catalog.categories) == set(SKILLS_BY_CATEGORY)
    for skill in catalog.skills.values():
        assert all(resource_id in catalog.resources for resource_id in skill.resources)
