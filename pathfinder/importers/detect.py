"""What was given, decided by its content (never its name): a LinkedIn export or a JSON Resume.

A folder is an unpacked LinkedIn export; bytes starting with a ZIP signature are the archive as
downloaded; text starting with ``{`` is JSON, accepted when it is a resume. Anything else is refused
with a message that says what Pathfinder can read.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import BinaryIO

from pathfinder.importers.archive import (
    MAX_INPUT_BYTES,
    MAX_MEMBER_BYTES,
    ZIP_MAGIC,
    Archive,
    Folder,
    ImportFileError,
    kib,
    read_capped,
)
from pathfinder.importers.json_resume import SECTIONS, is_resume, read_json_resume
from pathfinder.importers.linkedin import FILES, Members, read_linkedin
from pathfinder.importers.records import Found

WHAT_WE_READ = (
    "Pathfinder imports a LinkedIn data export (the ZIP as downloaded, or its unpacked folder) "
    "or a JSON Resume (a .json file with work, education, certificates or skills)."
)


def _from_members(members: Members, names: list[str]) -> Found:
    known = {name.casefold() for name in FILES}
    if not known.intersection(names):
        raise ImportFileError(
            f"{members.label} holds none of LinkedIn's {', '.join(FILES)}, so it is not a LinkedIn export. "
            + WHAT_WE_READ
        )
    return read_linkedin(members)


def _from_json(data: bytes, label: str) -> Found:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFileError(f"{label} is not UTF-8 text. " + WHAT_WE_READ) from None
    except RecursionError:
        raise ImportFileError(f"{label}: the JSON is nested too deeply to be a resume.") from None
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"{label}, line {error.lineno}, column {error.colno}: not valid JSON ({error.msg})."
        ) from None
    if not is_resume(document):
        raise ImportFileError(
            f"{label} is JSON but not a JSON Resume: it has no {', '.join(SECTIONS)} or basics. "
            + WHAT_WE_READ
        )
    return read_json_resume(document, label)


def _from_stream(handle: BinaryIO, label: str) -> Found:
    start = handle.read(4)
    handle.seek(0)
    if start in ZIP_MAGIC:
        archive = Archive(handle, label)
        return _from_members(archive, archive.names())
    data = read_capped(handle, MAX_MEMBER_BYTES, label)
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return _from_json(data, label)
    raise ImportFileError(f"{label} is neither a ZIP archive nor JSON. " + WHAT_WE_READ)


def read_found(path: Path) -> Found:
    """Read a file or folder given on the command line."""
    if path.is_dir():
        folder = Folder(path)
        return _from_members(folder, folder.names())
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise ImportFileError(f"{path} is {kib(size)}, larger than the {kib(MAX_INPUT_BYTES)} accepted.")
        with path.open("rb") as handle:
            return _from_stream(handle, str(path))
    except FileNotFoundError:
        raise ImportFileError(f"{path}: no such file or folder.") from None
    except OSError as error:
        raise ImportFileError(f"{path}: cannot be read ({error.strerror or error}).") from None


def read_found_bytes(data: bytes, label: str = "the upload") -> Found:
    """Read an uploaded file (the SSH ``import-profile`` command): the same rules, from memory."""
    return _from_stream(io.BytesIO(data), label)
