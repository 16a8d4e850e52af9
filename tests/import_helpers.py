"""Fixtures for the import tests: the stored LinkedIn export, as a folder and zipped like the download."""

from __future__ import annotations

import zipfile
from pathlib import Path

IMPORTS = Path(__file__).parent / "data" / "imports"
LINKEDIN_FOLDER = IMPORTS / "linkedin-export"
JSON_RESUME = IMPORTS / "resume.json"
TODAY_TEXT = "2026-12-05"


def zip_folder(folder: Path, target: Path, prefix: str = "") -> Path:
    """Zip every file under ``folder`` (subfolders too) as LinkedIn's download does."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, prefix + path.relative_to(folder).as_posix())
    return target
