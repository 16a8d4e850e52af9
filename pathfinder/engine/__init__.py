"""The pure engine: fit, eligibility and plan steps. Deterministic; ``today`` is always passed in.

Public API (implemented in fit.py, eligibility.py, steps.py, report.py):
    fit_path(profile, path_id, catalog) -> PathFit
    rank_paths(profile, catalog) -> list[PathFit]
    certification_status(profile, certification_id, catalog, today) -> CertificationStatus
    all_certification_statuses(profile, catalog, today) -> list[CertificationStatus]
    plan_steps(profile, target_path_id, catalog, today) -> list[Step]
    build_report(profile, catalog, today, target=None) -> Report
"""
