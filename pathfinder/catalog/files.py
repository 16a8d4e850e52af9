"""Which files make up a content directory (cheap to import: the app checks them on every start)."""

from __future__ import annotations

import os
from pathlib import Path


def toml_entries(directory: Path) -> list[tuple[str, os.DirEntry[str]]]:
    """``(relative posix path, entry)`` of every ``*.toml`` file below ``directory``, sorted by path.

    ``os.scandir`` rather than ``Path.rglob``: the cache check runs on every load and this is ~20× faster.
    Symlinked directories are not followed (no loops).
    """
    found: list[tuple[str, os.DirEntry[str]]] = []

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, f"{prefix}{entry.name}/")
                elif entry.name.endswith(".toml") and entry.is_file():
                    found.append((prefix + entry.name, entry))

    walk(str(directory), "")
    found.sort(key=lambda pair: pair[0])
    return found


def content_files(directory: Path) -> list[Path]:
    """Every ``*.toml`` under ``directory``, recursively, in a stable (path-sorted) order."""
    return [directory / relative for relative, _ in toml_entries(directory)]
