"""Order and date plan steps: study hours at the plan's pace, dependencies and eligibility pins.

Two pure functions, no clock and no I/O:

- ``goal_first_order`` chooses the order of freshly generated steps: among the steps whose dependencies are
  placed, the one that raises the target's fit most per study hour comes first. A step that unlocks a
  valuable one (training before its exam) counts with it: the pair's fit gain over the pair's hours. A step
  pinned to a later date (a certification before its eligibility) waits until its study would end on or
  after that date, so that the study is not done years before the exam.
- ``redate`` dates steps in the order given (the generated order, or the user's): study hours accumulate
  at ``hours_per_week``; a step is due when its study ends, never before its ``earliest`` day and never
  before a step it comes ``after``. Done and skipped steps keep their dates and take no more study time;
  steps without effort or earliest day (a custom step, a degree) keep the date they have.

See docs/planning.md for a worked example.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from pathfinder.plan.readiness import FINISHED
from pathfinder.plan.readiness import ready_by as ready_by

if TYPE_CHECKING:  # no pydantic at import: the app paints an opened plan's ready-by date before it loads
    from pathfinder.plan.models import Step


@dataclass(frozen=True)
class Item:
    """What the scheduler needs to know of a step."""

    id: str
    hours: int | None = None
    earliest: date | None = None
    after: tuple[str, ...] = ()
    rank: int = 0
    """Breaks ties: lower first (kind, then generation order)."""


@dataclass
class _Chain:
    """A step with the not yet placed steps it depends on (itself included)."""

    members: list[str] = field(default_factory=list)
    hours: int = 0
    earliest: date | None = None


def study_end(today: date, hours: float, hours_per_week: int) -> date:
    """The day ``hours`` of study end at ``hours_per_week``, counting from ``today``."""
    return today + timedelta(days=math.ceil(round(hours * 7 / hours_per_week, 9)))


def _ancestors(item_id: str, by_id: dict[str, Item], placed: set[str]) -> list[str]:
    """``item_id``'s not yet placed dependencies, transitively, each once (cycles are cut)."""
    seen: list[str] = []
    stack = [dep for dep in by_id[item_id].after if dep in by_id]
    while stack:
        current = stack.pop()
        if current in placed or current in seen or current == item_id:
            continue
        seen.append(current)
        stack.extend(dep for dep in by_id[current].after if dep in by_id)
    return seen


def _chain(item_id: str, by_id: dict[str, Item], placed: set[str]) -> _Chain:
    members = [item_id, *_ancestors(item_id, by_id, placed)]
    chain = _Chain(members=members)
    for member in members:
        item = by_id[member]
        chain.hours += item.hours or 0
        if item.earliest is not None and (chain.earliest is None or item.earliest > chain.earliest):
            chain.earliest = item.earliest
    return chain


def _pin(item: Item, waiting: dict[str, date], today: date) -> date:
    """The day an item waits for: its own earliest day or the earliest of a chain it belongs to."""
    return waiting.get(item.id) or item.earliest or today


def goal_first_order(
    items: Sequence[Item],
    gain: Callable[[str, frozenset[str]], float],
    hours_per_week: int,
    today: date,
) -> list[str]:
    """Item ids, the most fit per study hour first, dependencies before dependants, pins respected.

    ``gain(id, placed)`` is the fit points a step adds once the steps in ``placed`` are done (so a second
    certification can be worth less than the first). Deterministic; quadratic in the number of steps.
    """
    by_id = {item.id: item for item in items}
    placed: list[str] = []
    placed_set: set[str] = set()
    hours_done = 0
    undated = [item.id for item in items if item.hours is None and item.earliest is None]
    remaining = [item.id for item in items if item.id not in undated]
    while remaining:
        frozen = frozenset(placed_set)
        chains = {item_id: _chain(item_id, by_id, placed_set) for item_id in remaining}
        best: dict[str, tuple[float, int]] = {}
        waiting: dict[str, date] = {}
        for item_id, chain in chains.items():
            if chain.hours == 0 and len(chain.members) == 1:
                continue  # time alone (months of experience): placed by its date, below
            ends = study_end(today, hours_done + chain.hours, hours_per_week)
            ready = chain.earliest is None or ends >= chain.earliest
            value = sum(gain(member, frozen) for member in chain.members)
            ratio = value / max(chain.hours, 1)
            for member in chain.members:
                if ready and (member not in best or ratio > best[member][0]):
                    best[member] = (ratio, by_id[item_id].rank)
                pin = chain.earliest or today
                if member not in waiting or pin < waiting[member]:
                    waiting[member] = pin
        available = [i for i in remaining if all(d in placed_set or d not in by_id for d in by_id[i].after)]
        if not available:  # a dependency cycle: place the rest in the given order
            available = remaining[:1]
        ready_now = [i for i in available if i in best]
        if ready_now:
            choice = max(ready_now, key=lambda i: (best[i][0], -by_id[i].rank, -remaining.index(i)))
            limit = study_end(today, hours_done + (by_id[choice].hours or 0), hours_per_week)
        else:
            choice = min(
                available, key=lambda i: (_pin(by_id[i], waiting, today), by_id[i].rank, remaining.index(i))
            )
            limit = _pin(by_id[choice], waiting, today)
        timed = [i for i in available if not by_id[i].hours and (by_id[i].earliest or date.max) <= limit]
        if timed and choice not in timed:
            choice = min(timed, key=lambda i: (_pin(by_id[i], waiting, today), by_id[i].rank))
        placed.append(choice)
        placed_set.add(choice)
        remaining.remove(choice)
        hours_done += by_id[choice].hours or 0
    return placed + undated


def due_dates(
    items: Sequence[Item], hours_per_week: int, today: date, finished: Iterable[str] = ()
) -> dict[str, date | None]:
    """Each unfinished item's due date in the given order (None: undated); finished items are left out."""
    done = set(finished)
    by_id = {item.id: item for item in items}
    own: dict[str, date | None] = {}
    hours = 0
    for item in items:
        if item.id in done:
            continue
        end: date | None = None
        if item.hours is not None:
            hours += item.hours
            end = study_end(today, hours, hours_per_week)
        dates = [day for day in (end, item.earliest) if day is not None]
        own[item.id] = max(dates) if dates else None
    resolved: dict[str, date | None] = {}

    def due(item_id: str, visiting: frozenset[str]) -> date | None:
        if item_id in resolved:
            return resolved[item_id]
        base = own[item_id]
        if base is None:
            resolved[item_id] = None
            return None
        later = [base]
        for dep in by_id[item_id].after:
            if dep in own and dep not in visiting:
                dep_due = due(dep, visiting | {item_id})
                if dep_due is not None:
                    later.append(dep_due)
        resolved[item_id] = max(later)
        return resolved[item_id]

    for item_id in own:
        due(item_id, frozenset())
    return resolved


def item_of(step: Step, rank: int = 0) -> Item:
    """The scheduler's view of a plan step."""
    return Item(step.id, step.effort_hours, step.earliest, tuple(step.after), rank)


def with_schedule_facts(steps: Sequence[Step], generated: Sequence[Step]) -> list[Step]:
    """``steps`` with the dependencies, earliest day and effort source of the freshly ``generated`` step
    of the same id wherever a step has none (a plan saved before steps carried them), so that re-dating
    it never puts a certification before its eligibility or an exam before its training."""
    fresh = {step.id: step for step in generated}
    completed: list[Step] = []
    for step in steps:
        source = fresh.get(step.id)
        if source is None or step.after or step.earliest is not None or step.kind == "custom":
            completed.append(step)
            continue
        known = {other.id for other in steps}
        update = {
            "after": [dep for dep in source.after if dep in known],
            "earliest": source.earliest,
            "effort_source": step.effort_source or source.effort_source,
        }
        completed.append(step.model_copy(update=update))
    return completed


def redate(steps: Sequence[Step], hours_per_week: int, today: date) -> list[Step]:
    """The steps in the same order with due dates at ``hours_per_week`` from ``today``.

    Done and skipped steps keep their dates; a step with neither effort nor earliest day keeps its date.
    """
    finished = [step.id for step in steps if step.status in FINISHED]
    dues = due_dates([item_of(step) for step in steps], hours_per_week, today, finished)
    dated: list[Step] = []
    for step in steps:
        if step.status in FINISHED or (step.effort_hours is None and step.earliest is None):
            dated.append(step)
        elif dues.get(step.id) != step.due:
            dated.append(step.model_copy(update={"due": dues.get(step.id)}))
        else:
            dated.append(step)
    return dated
