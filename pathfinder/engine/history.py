"""The plan's history of fit scores: one point per save, so progress over time is visible."""

from __future__ import annotations

from datetime import datetime

from pathfinder.engine.results import Report
from pathfinder.plan.models import HistoryPoint, Plan


def with_history_point(plan: Plan, report: Report, now: datetime) -> Plan:
    """A copy of ``plan`` with a history point for ``report`` appended and ``updated`` set to ``now``.

    Scores are by path id; ``target_score`` is the target path's score (None without a target, or when
    the report does not hold it); ``steps_done`` counts steps marked done.
    """
    scores = {fit.path: fit.score for fit in report.paths}
    target_score = scores.get(plan.target) if plan.target is not None else None
    steps_done = sum(1 for step in plan.steps if step.status == "done")
    point = HistoryPoint(at=now, target_score=target_score, scores=scores, steps_done=steps_done)
    return plan.model_copy(update={"history": [*plan.history, point], "updated": now})
