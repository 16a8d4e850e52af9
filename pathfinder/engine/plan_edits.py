"""A plan's steps proposed anew (its profile changed, or another target), and ids for custom steps.

Fresh engine steps are merged with the user's plan: nothing the user did to a step that still applies is
lost.

The engine proposes steps (``plan_steps``); the user then works on them: statuses, due dates, notes, their
order, custom steps, removals. When the steps are proposed again (the profile changed, or another target was
chosen), :func:`merge_steps` keeps all of that:

- a proposed step the user already has keeps the user's status, due date, notes and the resource they
  marked as used, and its place;
- a proposed step the user removed is not proposed again;
- steps of a target the plan is leaving are *set aside* (status, notes, order and all), and come back as
  they were when the plan turns back to that target;
- custom steps always stay; when only the profile changed, started or annotated steps that no longer
  apply stay too (the user is working on them).

Pure: no I/O, no clock; steps are matched by their stable ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pathfinder.plan.models import Plan, SetAside, Step

CUSTOM_PREFIX = "custom-"
MAX_SLUG = 60


@dataclass(frozen=True)
class MergedSteps:
    """The steps for the target, and what the previous target's plan set aside."""

    steps: list[Step]
    set_aside: list[Step] = field(default_factory=list)
    """The previous target's steps that do not apply to the new one (empty when the target is unchanged)."""


def _user_started(step: Step) -> bool:
    return step.kind == "custom" or step.status != "todo" or bool(step.notes)


def merge_steps(
    generated: list[Step],
    current: list[Step],
    *,
    target_changed: bool = False,
    remembered: list[Step] | None = None,
    removed: frozenset[str] | set[str] = frozenset(),
) -> MergedSteps:
    """Merge freshly ``generated`` steps into the plan's ``current`` ones.

    ``remembered`` holds the steps the plan had when it last had the new target (set aside then): they
    come back in their order and with their statuses. The user's latest version of a step wins (a step
    in ``current`` over the same step in ``remembered``).
    """
    proposed = {step.id: step for step in generated if step.id not in removed}
    earlier = list(remembered or [])
    latest = {step.id: step for step in earlier} | {step.id: step for step in current}

    returning = {step.id for step in earlier}

    def applies(step: Step) -> bool:
        if step.id in proposed or step.kind == "custom" or step.id in returning:
            return True  # proposed now, the user's own, or part of the target's plan when it was left
        return not target_changed and _user_started(step) and step.id not in removed

    order: list[str] = []
    seen: set[str] = set()
    for step in [*earlier, *current]:
        if step.id not in seen and applies(latest[step.id]):
            order.append(step.id)
            seen.add(step.id)
    order.extend(step_id for step_id in proposed if step_id not in seen)

    steps: list[Step] = []
    for step_id in order:
        fresh, mine = proposed.get(step_id), latest.get(step_id)
        if fresh is None and mine is not None:
            steps.append(mine)
        elif fresh is not None and mine is None:
            steps.append(fresh)
        elif fresh is not None and mine is not None:
            steps.append(
                fresh.model_copy(
                    update={"status": mine.status, "due": mine.due, "notes": mine.notes, "used": mine.used}
                )
            )
    staying = set(order)
    set_aside = [step for step in current if step.id not in staying] if target_changed else []
    return MergedSteps(steps=steps, set_aside=set_aside)


@dataclass(frozen=True)
class Retargeted:
    """A plan's steps for a target (the same one, or another), and what it keeps set aside."""

    steps: list[Step]
    set_aside: list[SetAside]
    """The plan's ``set_aside`` after the change: the target left is added with all its steps."""
    dropped: list[Step]
    """The steps of the target left that do not apply to the new one (to tell the user)."""


def steps_for_target(plan: Plan, target: str, generated: list[Step]) -> Retargeted:
    """``plan``'s steps once ``generated`` is proposed for ``target``: see :func:`merge_steps`. A target
    chosen again brings back the steps it had when it was left."""
    leaving = plan.target if plan.target and plan.target != target else None
    remembered = next((kept.steps for kept in plan.set_aside if kept.target == target), None)
    merged = merge_steps(
        generated,
        plan.steps,
        target_changed=leaving is not None,
        remembered=remembered if leaving is not None else None,
        removed=set(plan.removed),
    )
    set_aside = [kept for kept in plan.set_aside if kept.target not in (target, leaving)]
    if leaving is not None and plan.steps:
        set_aside.append(SetAside(target=leaving, steps=plan.steps))
    return Retargeted(merged.steps, set_aside, merged.set_aside)


def custom_step_id(title: str, taken: set[str]) -> str:
    """``custom-<slug of title>``, numbered ``-2``, ``-3``… when already ``taken``."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower())[:MAX_SLUG].strip("-") or "step"
    candidate, number = f"{CUSTOM_PREFIX}{slug}", 2
    while candidate in taken:
        candidate, number = f"{CUSTOM_PREFIX}{slug}-{number}", number + 1
    return candidate
