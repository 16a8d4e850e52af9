"""A plan with two targets (a hedge): when each would be ready, and what switching later would cost.

A step serves a path when that path's own plan has it (same stable id). The steps that serve only one
path are the cost of dropping that path later: their study hours would have gone elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pathfinder.catalog.catalog import Catalog
from pathfinder.engine.schedule import ready_by
from pathfinder.engine.steps import plan_steps
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


def hedge_summary(
    profile: Profile,
    steps: Sequence[Step],
    target: str,
    also: str,
    catalog: Catalog,
    today: date,
    hours_per_week: int,
) -> Hedge | None:
    """Both targets' ready-by dates and the steps only one of them needs (None unless both are known)."""
    if target not in catalog.paths or also not in catalog.paths or target == also:
        return None
    serving = {
        path_id: {step.id for step in plan_steps(profile, path_id, catalog, today, hours_per_week)}
        for path_id in (target, also)
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
