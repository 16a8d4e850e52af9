"""What a hosted demo's visitor may read: the server's folders never, only "your plans folder" and names.

Messages are written once for both modes (``Saved to /home/me/plans/x.toml`` is right on one's own
machine); in a hosted demo every message, error and notification goes through ``visitor_text`` first,
which turns a file in one of the visitor's folders into its name and any other mention of a folder into
its label. File names visitors type are checked here too, before any path is built from them.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Sequence
from pathlib import Path

from pathfinder.errors import PathfinderError, Problem

Folders = Sequence[tuple[Path, str]]
"""(folder, what a visitor calls it), e.g. ``(plan_dir, "your plans folder")``."""
MAX_NAME_BYTES = 255
"""The longest file name most file systems take (longer ends in "File name too long")."""


def visitor_text(text: str, folders: Folders) -> str:
    """``text`` with every path under one of ``folders`` cut to what lies inside it, and the folders named
    by their labels (the longest folder first, so that a folder inside another is cut by its own)."""
    for folder, label in sorted(folders, key=lambda pair: len(str(pair[0])), reverse=True):
        root = str(folder).rstrip(os.sep)
        if not root:
            continue
        text = re.sub(re.escape(root + os.sep) + r"([^\s'\"]+)", r"\1", text)  # a file in it: its name
        text = text.replace(root, label)
    return text


def visitor_error(error: PathfinderError, folders: Folders) -> PathfinderError:
    """The same error with every message and file shown as ``visitor_text`` shows it."""

    def problem(item: Problem) -> Problem:
        shown_file = Path(visitor_text(str(item.file), folders)) if item.file is not None else None
        return dataclasses.replace(
            item,
            file=shown_file,
            message=visitor_text(item.message, folders),
            hint=visitor_text(item.hint, folders),
        )

    return type(error)(
        visitor_text(error.message, folders), title=error.title, problems=[problem(p) for p in error.problems]
    )


def name_problem(text: str) -> str:
    """Why ``text`` cannot be a file name here ("" when it can): each part at most 255 bytes."""
    for part in Path(text).parts:
        if len(part.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES:
            return f"That file name is too long (at most {MAX_NAME_BYTES} characters)."
    if "\0" in text:
        return "A file name cannot hold a NUL character."
    return ""
