"""Your gap to a posting: the skills it names below the level its path expects, the certifications it
asks for that you lack, the years and degree it requires, and the plan steps that would close them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from pathfinder.engine.experience import last_complete_month, role_months

if TYPE_CHECKING:
    from pathfinder.catalog.catalog import Catalog
    from pathfinder.engine.posting import PostingXray
    from pathfinder.plan.models import Step
    from pathfinder.profile import Profile

GapKind = Literal["skill", "certification", "experience", "degree"]


@dataclass(frozen=True)
class PostingGap:
    kind: GapKind
    id: str
    """The skill or certification id, ``experience`` or the degree level asked for."""
    have: str
    need: str
    evidence: str
    """The posting's line that asks for it."""


@dataclass(frozen=True)
class PostingGaps:
    path: str
    """The path the gaps are measured against (the posting's top path)."""
    gaps: list[PostingGap]
    steps: list[Step]
    """The plan steps toward that path that would close these gaps."""


def years_of_experience(profile: Profile, today: date) -> float:
    """All months in the person's roles (overlaps counted once), in years."""
    last = last_complete_month(today)
    months: set[int] = set()
    for role in profile.roles:
        months.update(role_months(role, last))
    return len(months) / 12


def _highest_degree_rank(profile: Profile, catalog: Catalog) -> int:
    return max((catalog.degree_level(degree.level) for degree in profile.degrees), default=0)


def posting_gaps(xray: PostingXray, profile: Profile, catalog: Catalog, today: date) -> PostingGaps:
    """What stands between the profile and the posting's top path, and the steps that close it."""
    from pathfinder.engine.steps import plan_steps

    path_id = xray.paths[0].id
    path = catalog.paths[path_id]
    targets = {item.skill: item.target for item in path.skills}
    gaps: list[PostingGap] = []
    for mention in xray.skills:
        need = targets.get(mention.id)
        have = profile.skills.get(mention.id, 0)
        if need is not None and have < need:
            gaps.append(PostingGap("skill", mention.id, str(have), str(need), mention.evidence))
    for mention in xray.certifications:
        if mention.required and not profile.holds(mention.id):
            gaps.append(PostingGap("certification", mention.id, "not held", "held", mention.evidence))
    if xray.years is not None:
        years = years_of_experience(profile, today)
        if years < int(xray.years.value):
            gaps.append(
                PostingGap(
                    "experience",
                    "experience",
                    f"{years:.1f} years",
                    f"{xray.years.value} years",
                    xray.years.evidence,
                )
            )
    if xray.degree is not None:
        level = str(xray.degree.value)
        if _highest_degree_rank(profile, catalog) < catalog.degree_level(level):
            name = catalog.degree_levels[level].name if level in catalog.degree_levels else level
            gaps.append(PostingGap("degree", level, "no such degree", name, xray.degree.evidence))
    wanted = {gap.id for gap in gaps if gap.kind in ("skill", "certification")}
    kinds = {gap.kind for gap in gaps}
    steps = [
        step
        for step in plan_steps(profile, path_id, catalog, today, focus=frozenset(wanted))
        if step.ref in wanted
        or (step.kind == "experience" and "experience" in kinds)
        or (step.kind == "education" and "degree" in kinds)
    ]
    return PostingGaps(path_id, gaps, steps)
