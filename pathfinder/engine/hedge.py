"""A plan with two targets (a hedge): when each would be ready, and what switching later would cost.

A step serves a path when it raises that path's fit (a skill the path lists, below the level a plan aims
for; a certification it recommends; its experience or degree step), or when such a step waits for it.
The steps that serve only one path are the cost of dropping that path later: their study hours would
have gone elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pathfinder.catalog.catalog import Catalog
from pathfinder.catalog.models import CareerPath
from pathfinder.engine.schedule import ready_by
from pathfinder.plan.models import Step
from pathfinder.profile import Profile


@dataclass(frozen=True)
class HedgeSide:
    """One of the two targets in a hedged plan."""

    path: str
    name: str
    ready_by: date | None
    """When the steps that serve this path are due, the last of them."""
    only_steps: list[str]
    """Ids of the steps that serve this path and not the other."""
    only_hours: int
    """Their study hours: what they cost if you settle on the other path."""


@dataclass(frozen=True)
class Hedge:
    first: HedgeSide
    second: HedgeSide
    shared_steps: list[str]


def _serves_directly(step: Step, profile: Profile, path: CareerPath, catalog: Catalog) -> bool:
    """Whether the step itself raises this path's fit (a skill it lists, a certification it recommends,
    its own experience or degree step)."""
    if step.kind == "skill":
        wanted = {item.skill: item for item in path.skills}
        item = wanted.get(step.ref or "")
        return item is not None and profile.skills.get(item.skill, 0) < item.aim
    if step.kind == "certification":
        return any(item.certification == step.ref for item in path.certifications)
    if step.kind == "experience":
        return step.ref == path.id
    if step.kind == "education" and step.id.startswith("education-"):
        typical = catalog.degree_levels.get(path.degrees.typical_level)
        best = max((catalog.degree_level(degree.level) for degree in profile.degrees), default=0)
        return typical is not None and best < typical.rank
    return False


def serving_steps(profile: Profile, steps: Sequence[Step], path: CareerPath, catalog: Catalog) -> set[str]:
    """Ids of the steps that serve a path: those that raise its fit, and those they wait for (training,
    months of experience, a prerequisite), however deep."""
    served = {step.id for step in steps if _serves_directly(step, profile, path, catalog)}
    by_id = {step.id: step for step in steps}
    stack = list(served)
    while stack:
        for dep in by_id[stack.pop()].after:
            if dep in by_id and dep not in served:
                served.add(dep)
                stack.append(dep)
    return served


def hedge_summary(
    profile: Profile,
    steps: Sequence[Step],
    target: str,
    also: str,
    catalog: Catalog,
) -> Hedge | None:
    """Both targets' ready-by dates and the steps only one of them needs (None unless both are known)."""
    if target not in catalog.paths or also not in catalog.paths or target == also:
        return None
    serving = {
        path_id: serving_steps(profile, steps, catalog.paths[path_id], catalog) for path_id in (target, also)
    }
    in_plan = [step for step in steps if step.status not in ("done", "skipped")]

    def side(path_id: str, other: str) -> HedgeSide:
        mine = serving[path_id]
        only = [step for step in in_plan if step.id in mine and step.id not in serving[other]]
        return HedgeSide(
            path=path_id,
            name=catalog.paths[path_id].name,
            ready_by=ready_by(steps, mine),
            only_steps=[step.id for step in only],
            only_hours=sum(step.effort_hours or 0 for step in only),
        )

    shared = [step.id for step in in_plan if step.id in serving[target] and step.id in serving[also]]
    return Hedge(first=side(target, also), second=side(also, target), shared_steps=shared)


def switching_words(hedge: Hedge) -> list[str]:
    """One sentence per side: what settling on the other path would leave behind."""
    lines = []
    for mine, other in ((hedge.first, hedge.second), (hedge.second, hedge.first)):
        count = len(other.only_steps)
        if count:
            lines.append(
                f"Settling on {mine.name.lower()} later leaves {count} step{'s' if count != 1 else ''} "
                f"({other.only_hours} h) that serve only {other.name.lower()}."
            )
        else:
            lines.append(f"Settling on {mine.name.lower()} later leaves nothing behind.")
    return lines
