"""When a plan is ready: the day its last step still to do is due (no pydantic, so the app can paint it
for an opened plan before the models load)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Protocol

FINISHED = ("done", "skipped")


class Dated(Protocol):
    """What ``ready_by`` reads of a step (a ``Step`` or the app's first-paint preview of one)."""

    @property
    def id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def due(self) -> date | None: ...


def ready_by(steps: Sequence[Dated], ids: Iterable[str] | None = None) -> date | None:
    """The day the last dated step (of ``ids``, if given) still to do is due; None when none is left."""
    wanted = None if ids is None else set(ids)
    days = [
        step.due
        for step in steps
        if step.due is not None and step.status not in FINISHED and (wanted is None or step.id in wanted)
    ]
    return max(days) if days else None
