"""A plan's steps when its target is chosen again or its profile changed, and ids for custom steps.

Generated steps have stable ids (see ``steps.py``), so fresh ones can be merged with the user's work:
a step the user started, annotated or added is never lost by regenerating.
"""

from __future__ import annotations

import re

from pathfinder.plan.models import Step

CUSTOM_PREFIX = "custom-"
MAX_SLUG = 60


def merge_steps(generated: list[Step], existing: list[Step]) -> list[Step]:
    """``generated`` in order, each keeping the status, due date and notes of the ``existing`` step with
    its id; then the existing steps no longer generated that hold the user's work (custom, started,
    done or skipped, or with notes). Untouched steps that are no longer generated are dropped."""
    by_id = {step.id: step for step in existing}
    merged: list[Step] = []
    for step in generated:
        old = by_id.pop(step.id, None)
        if old is not None:
            step = step.model_copy(update={"status": old.status, "due": old.due, "notes": old.notes})
        merged.append(step)
    merged.extend(
        step
        for step in existing
        if step.id in by_id and (step.kind == "custom" or step.status != "todo" or step.notes)
    )
    return merged


def steps_for_target(generated: list[Step], steps: list[Step], *, same_target: bool) -> list[Step]:
    """The plan's steps after generating ``generated`` for its target: merged with all of ``steps`` when
    the target is the same, and with only the custom ones when the person chose another target."""
    kept = steps if same_target else [step for step in steps if step.kind == "custom"]
    return merge_steps(generated, kept)


def custom_step_id(title: str, taken: set[str]) -> str:
    """``custom-<slug of title>``, numbered ``-2``, ``-3``… when already ``taken``."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower())[:MAX_SLUG].strip("-") or "step"
    candidate, number = f"{CUSTOM_PREFIX}{slug}", 2
    while candidate in taken:
        candidate, number = f"{CUSTOM_PREFIX}{slug}-{number}", number + 1
    return candidate
