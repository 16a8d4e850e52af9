"""The whole picture for one profile on one day: every path ranked and every certification's status."""

from __future__ import annotations

from datetime import date

from pathfinder.catalog.catalog import Catalog
from pathfinder.engine.eligibility import all_certification_statuses
from pathfinder.engine.fit import rank_paths
from pathfinder.engine.results import Report
from pathfinder.profile import Profile


def build_report(profile: Profile, catalog: Catalog, today: date, target: str | None = None) -> Report:
    """Rank the paths and judge every certification. An unknown ``target`` is dropped (reported elsewhere)."""
    return Report(
        today=today,
        content_version=catalog.meta.version,
        target=target if target in catalog.paths else None,
        paths=rank_paths(profile, catalog, today),
        certifications=all_certification_statuses(profile, catalog, today),
    )
