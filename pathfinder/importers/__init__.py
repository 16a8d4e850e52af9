"""Bring your history: read a LinkedIn data export or a JSON Resume and map it onto a Pathfinder profile.

The pieces, in the order they run:
    archive.py      read the input within limits (a ZIP, a folder, a JSON file, or uploaded bytes)
    detect.py       decide by content what was given, and hand it to the right reader
    linkedin.py     LinkedIn's CSV files → ``Found`` records
    json_resume.py  a JSON Resume (schema 1.0.0) → ``Found`` records, and a profile → JSON Resume
    matching.py     fuzzy matching (rapidfuzz) over catalog names and aliases, with scores
    mapping.py      ``Found`` records → a profile, every mapping explained, the rest listed or asked
    output.py       the result as a plan TOML (with the explanations as comments), JSON or text

Nothing here touches the clock, the terminal or Textual; ``today`` is always passed in.
"""

from __future__ import annotations

from pathfinder.importers.detect import read_found, read_found_bytes
from pathfinder.importers.mapping import map_found
from pathfinder.importers.records import Found, ImportResult

__all__ = ["Found", "ImportResult", "map_found", "read_found", "read_found_bytes"]
