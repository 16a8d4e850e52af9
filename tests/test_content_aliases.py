"""`content check` keeps aliases unique: an alias leads to one skill, certification, background or path."""

from __future__ import annotations

from pathlib import Path

import pytest
from core_helpers import overlay

from pathfinder.catalog.alias_checks import alias_key
from pathfinder.catalog.loader import load_catalog
from pathfinder.errors import ContentError


def test_an_alias_shared_by_two_skills_or_naming_another_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        load_catalog(overlay(tmp_path, "duplicate-alias"))
    problems = [p for p in caught.value.problems if "alias" in p.message]
    messages = sorted(p.message for p in problems)
    assert messages == [
        "alias 'Roadmap' of skill `release-planning` also names skill `roadmapping`",
        "alias 'product vision' of skill `roadmapping` also names skill `product-vision`",
    ]
    roadmap = next(p for p in problems if "'Roadmap'" in p.message)
    assert roadmap.file is not None and roadmap.file.name == "more.toml"
    assert (roadmap.key, roadmap.line) == ("skill[1].aliases[0]", 16)


def test_the_shipped_content_has_unique_aliases_on_every_kind() -> None:
    catalog = load_catalog(None)
    for entities in (catalog.skills, catalog.certifications, catalog.backgrounds, catalog.paths):
        seen: dict[str, str] = {}
        for entity in entities.values():
            for alias in entity.aliases:
                assert seen.setdefault(alias_key(alias), entity.id) == entity.id, alias
    assert "ScrumMaster" in catalog.certifications["csm"].aliases


def test_alias_comparison_ignores_case_spacing_and_trademark_signs() -> None:
    assert alias_key("  Certified  ScrumMaster® ") == alias_key("certified scrummaster")
