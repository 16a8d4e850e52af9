"""Skill levels suggested from a person's backgrounds (their transferable skills)."""

from __future__ import annotations

from pathfinder.catalog.catalog import Catalog
from pathfinder.profile import Profile


def suggested_skill_levels(profile: Profile, catalog: Catalog) -> dict[str, int]:
    """For each skill the person has not rated, the highest level any of their roles' backgrounds
    transfers to it (a background the catalog does not know suggests nothing)."""
    suggested: dict[str, int] = {}
    for role in profile.roles:
        background = catalog.backgrounds.get(role.background or "")
        if background is None:
            continue
        for item in background.transferable:
            suggested[item.skill] = max(suggested.get(item.skill, 0), item.level)
    return {skill: level for skill, level in suggested.items() if skill not in profile.skills}
