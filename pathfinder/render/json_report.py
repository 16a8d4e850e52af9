"""The report as stable JSON for scripts (documented field by field in docs/report-json.md).

It is ``Report.model_dump(mode="json")`` reshaped for readers: each path's ``path`` becomes ``id`` and
its ``components`` become ``breakdown``; each certification's ``certification`` becomes ``id``; and, with
a catalog, every path and certification carries the ``sources``, ``as_of`` and ``confidence`` behind it.
"""

from __future__ import annotations

import json
from typing import Any

from pathfinder import __version__
from pathfinder.catalog.catalog import Catalog
from pathfinder.engine.results import Report
from pathfinder.render.common import source_notes

REPORT_FORMAT = 1
"""Bumped only when a field is removed or changes meaning; new fields may appear without a bump."""


def report_json(report: Report, catalog: Catalog | None = None) -> dict[str, Any]:
    """The report as a JSON-ready dict (see docs/report-json.md)."""
    dumped = report.model_dump(mode="json")
    notes = {(note.kind, note.id): note for note in source_notes(report, catalog)} if catalog else {}

    def sourced(kind: str, item_id: str) -> dict[str, Any]:
        note = notes.get((kind, item_id))
        if note is None:
            return {}
        return {"sources": list(note.sources), "as_of": note.as_of, "confidence": note.confidence}

    paths = []
    for fit in dumped["paths"]:
        path_id = fit.pop("path")
        breakdown = fit.pop("components")
        paths.append(
            {
                "id": path_id,
                "name": fit.pop("name"),
                "score": fit.pop("score"),
                "rank": fit.pop("rank"),
                "is_target": path_id == report.target,
                "breakdown": breakdown,
                **fit,
                **sourced("path", path_id),
            }
        )
    certifications = []
    for status in dumped["certifications"]:
        cert_id = status.pop("certification")
        certifications.append({"id": cert_id, **status, **sourced("certification", cert_id)})
    return {
        "report_format": REPORT_FORMAT,
        "pathfinder_version": __version__,
        "content_version": report.content_version,
        "today": dumped["today"],
        "target": report.target,
        "paths": paths,
        "certifications": certifications,
    }


def render_json(report: Report, catalog: Catalog | None = None) -> str:
    """The JSON text (indented, UTF-8 characters kept, ends with a newline)."""
    return json.dumps(report_json(report, catalog), indent=2, ensure_ascii=False) + "\n"
