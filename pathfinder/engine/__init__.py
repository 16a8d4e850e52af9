"""The pure engine: fit, eligibility and plan steps. Deterministic; ``today`` is always passed in.

Public API (implemented in fit.py, eligibility.py, steps.py, report.py, history.py):
    fit_path(profile, path_id, catalog, today) -> PathFit
    rank_paths(profile, catalog, today) -> list[PathFit]
    certification_status(profile, certification_id, catalog, today) -> CertificationStatus
    all_certification_statuses(profile, catalog, today) -> list[CertificationStatus]
    plan_steps(profile, target_path_id, catalog, today) -> list[Step]
    build_report(profile, catalog, today, target=None) -> Report
    with_history_point(plan, report, now) -> Plan   (a fit-score point for a save)

Ids the catalog lacks in a profile (skills, certifications, backgrounds, degree levels) are ignored;
``fit_path`` and ``certification_status`` raise KeyError for an unknown path or certification id.
"""

from __future__ import annotations

from pathfinder.engine.eligibility import all_certification_statuses, certification_status
from pathfinder.engine.fit import fit_path, rank_paths
from pathfinder.engine.report import build_report
from pathfinder.engine.steps import plan_steps

__all__ = [
    "all_certification_statuses",
    "build_report",
    "certification_status",
    "fit_path",
    "plan_steps",
    "rank_paths",
]
