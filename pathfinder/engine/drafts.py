"""A plan step before it is ordered and dated, and the book that keeps one draft per step id."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pathfinder.plan.models import StepKind


@dataclass
class Draft:
    """A step before scheduling, with what the scheduler and the fit gain need to know."""

    id: str
    title: str
    kind: StepKind
    effort_hours: int | None = None
    effort_source: str = ""
    ref: str | None = None
    resources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    earliest: date | None = None
    """Not before this day: a certification's earliest eligibility, the end of months of experience."""
    after: list[str] = field(default_factory=list)
    """Ids of drafts that must come first."""
    unlocks: list[str] = field(default_factory=list)
    """Certification step ids this draft exists for (training, a prerequisite): dropped with them."""
    gains: dict[str, float] = field(default_factory=dict)
    """Fit points this step adds, by path id (a certification's depends on the others: see gains.py)."""
    points: dict[str, int] = field(default_factory=dict)
    """A certification's importance points, by path id."""
    aim: int | None = None
    """The level a skill step raises its skill to."""


class StepBook:
    """Drafts in generation order, with one draft per id (a later one merges into the first)."""

    def __init__(self) -> None:
        self.drafts: list[Draft] = []
        self.by_id: dict[str, Draft] = {}

    def add(self, draft: Draft) -> Draft:
        """Add a draft, or merge it into the draft with the same id."""
        existing = self.by_id.get(draft.id)
        if existing is None:
            self.drafts.append(draft)
            self.by_id[draft.id] = draft
            return draft
        existing.notes.extend(note for note in draft.notes if note not in existing.notes)
        existing.after.extend(dep for dep in draft.after if dep not in existing.after)
        existing.unlocks.extend(cert for cert in draft.unlocks if cert not in existing.unlocks)
        for path_id, gain in draft.gains.items():
            existing.gains[path_id] = max(existing.gains.get(path_id, 0.0), gain)
        existing.points.update(draft.points)
        if draft.effort_hours is not None and (existing.effort_hours or 0) < draft.effort_hours:
            existing.effort_hours = draft.effort_hours
            existing.effort_source = draft.effort_source
            existing.title = draft.title
            existing.aim = draft.aim
        if draft.earliest is not None and (existing.earliest is None or draft.earliest > existing.earliest):
            existing.earliest = draft.earliest
        return existing

    def remove(self, ids: set[str]) -> None:
        """Drop drafts by id, and the dependencies on them."""
        self.drafts = [draft for draft in self.drafts if draft.id not in ids]
        for draft_id in ids:
            self.by_id.pop(draft_id, None)
        for draft in self.drafts:
            draft.after = [dep for dep in draft.after if dep not in ids]
