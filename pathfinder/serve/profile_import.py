"""``ssh HOST import-profile < FILE``: a LinkedIn export or a JSON Resume, sent on stdin, becomes a plan.

The same limits as ``import``: a key is needed, the upload is at most ``MAX_IMPORT_BYTES`` and read within
30 seconds, and the visitor's plan count is capped. The upload is read from memory only: no member of an
archive is ever written out, and nothing on the server is read on the visitor's behalf (the bounded
readers of :mod:`pathfinder.importers` refuse ZIP bombs and climbing member names).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from pathfinder.errors import PathfinderError
from pathfinder.serve.visitors import (
    MAX_IMPORT_BYTES,
    CommandRefused,
    Owner,
    store_import,
)

USAGE = "usage: import-profile < EXPORT.zip (a LinkedIn data export) or < resume.json (a JSON Resume)"


def import_profile_upload(
    plan_dir: Path, data: bytes, owner: Owner, today: date | None = None
) -> tuple[str, str]:
    """Map an uploaded export onto a new plan and store it; returns (its name, the explanation)."""
    if len(data) > MAX_IMPORT_BYTES:
        raise CommandRefused(
            f"the file is too large (the limit is {MAX_IMPORT_BYTES // 1024} KiB); a LinkedIn export of "
            "Profile, Positions, Education, Certifications and Skills is a few KiB: zip just those"
        )
    if not data:
        raise CommandRefused(USAGE)
    try:
        from pathfinder.catalog.loader import load_catalog
        from pathfinder.importers import map_found, read_found_bytes
        from pathfinder.importers.output import plan_toml, summary_lines

        day = today or date.today()
        catalog = load_catalog(None)
        result = map_found(read_found_bytes(data, "the upload"), catalog, day)
        text = plan_toml(result, datetime.now(UTC), catalog.meta.version)
    except PathfinderError as error:
        raise CommandRefused(f"the profile was not imported:\n{error}") from error
    label = f"{result.found.name} imported" if result.found.name else "imported profile"
    candidate = store_import(plan_dir, label, text, owner)
    return candidate, "\n".join(summary_lines(result)) + "\n"
