"""Reading the input within limits: a ZIP archive (never extracted), a folder, or one file.

Every read is bounded before it starts: the archive's member count is read from its end record before
Python's ``zipfile`` parses the directory, the declared sizes must add up to less than a cap, and each
member is read streaming with a cap of its own (declared sizes can lie: a ZIP bomb is stopped by the
read, not by the header). Member names are only compared, never used as paths; a name that climbs out
of the archive (``../``, an absolute path, a drive letter) is refused all the same, as a sign of a
crafted file.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import Path, PurePosixPath
from typing import IO, BinaryIO

from pathfinder.errors import PathfinderError

MAX_MEMBERS = 5000
"""A complete LinkedIn archive holds about a hundred files."""
MAX_DECLARED_TOTAL = 1024 * 1024 * 1024
"""What all members may claim to unpack to together (1 GiB)."""
MAX_MEMBER_BYTES = 8 * 1024 * 1024
"""One CSV or JSON file, uncompressed (8 MiB; a long career's Positions.csv is a few KiB)."""
MAX_TOTAL_READ = 24 * 1024 * 1024
"""Everything read from one archive or folder together."""
MAX_INPUT_BYTES = 256 * 1024 * 1024
"""The file given, as it is on disk (an archive is not read whole, only its directory and members)."""

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_END_RECORD = b"PK\x05\x06"
_END_RECORD_SIZE = 22
_DRIVE = re.compile(r"^[A-Za-z]:")


class ImportFileError(PathfinderError):
    """A file that cannot be imported: what is wrong and what to do, never a traceback."""

    def __init__(self, message: str) -> None:
        super().__init__(message, title="Cannot import")


def _budget(total_read: int, label: str) -> tuple[int, str]:
    """How much more may be read from one export, and what to say when a file needs more."""
    remaining = MAX_TOTAL_READ - total_read
    if remaining >= MAX_MEMBER_BYTES:
        return MAX_MEMBER_BYTES, ""
    return max(remaining, 0), (
        f"{label}: the export's files together are larger than {kib(MAX_TOTAL_READ)}, more than any "
        "profile export needs. Nothing was imported."
    )


def kib(size: int) -> str:
    return f"{size / (1024 * 1024):g} MiB" if size >= 1024 * 1024 else f"{size // 1024} KiB"


def read_capped(handle: IO[bytes], limit: int, label: str, too_big: str = "") -> bytes:
    """At most ``limit`` bytes from ``handle``, read in chunks; more than that is an error (``too_big``
    says why, if given)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = handle.read(min(65536, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise ImportFileError(
                too_big
                or f"{label} is larger than {kib(limit)}, more than any profile export needs; "
                "nothing was imported. Export again, or remove what is not your profile."
            )
    return b"".join(chunks)


def _member_count(handle: BinaryIO, label: str) -> int:
    """The number of entries the archive's end record announces, read before ``zipfile`` parses it."""
    handle.seek(0, io.SEEK_END)
    size = handle.tell()
    tail_size = min(size, _END_RECORD_SIZE + 65535)
    handle.seek(size - tail_size)
    tail = handle.read(tail_size)
    position = tail.rfind(_END_RECORD)
    if position < 0 or len(tail) - position < _END_RECORD_SIZE:
        raise ImportFileError(f"{label} starts like a ZIP archive but is damaged (no end record).")
    (entries,) = struct.unpack_from("<H", tail, position + 10)
    handle.seek(0)
    return int(entries)


def _unsafe_name(name: str) -> bool:
    if name.startswith(("/", "\\")) or _DRIVE.match(name) or "\x00" in name:
        return True
    return ".." in PurePosixPath(name.replace("\\", "/")).parts


class Archive:
    """A ZIP archive opened for reading some of its members by base name."""

    def __init__(self, handle: BinaryIO, label: str) -> None:
        self.label = label
        count = _member_count(handle, label)
        if count >= min(MAX_MEMBERS, 0xFFFF):
            raise ImportFileError(
                f"{label} holds {count if count < 0xFFFF else 'too many'} files "
                f"(the limit is {MAX_MEMBERS}); "
                "a LinkedIn export holds about a hundred. Nothing was imported."
            )
        try:
            self.zip = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            raise ImportFileError(f"{label} is not a readable ZIP archive: {error}.") from None
        members = self.zip.infolist()
        if len(members) > MAX_MEMBERS:
            raise ImportFileError(f"{label} holds more than {MAX_MEMBERS} files. Nothing was imported.")
        declared = 0
        self.by_name: dict[str, zipfile.ZipInfo] = {}
        for member in members:
            if _unsafe_name(member.filename):
                raise ImportFileError(
                    f"{label} has a member named {member.filename[:120]!r}, "
                    "which points outside the archive. "
                    "A real export never does; this file was refused and nothing was imported or written."
                )
            declared += member.file_size
            if member.is_dir():
                continue
            base = PurePosixPath(member.filename.replace("\\", "/")).name.casefold()
            depth = len(PurePosixPath(member.filename).parts)
            if depth <= 2 and (base not in self.by_name or depth == 1):
                self.by_name[base] = member
        if declared > MAX_DECLARED_TOTAL:
            raise ImportFileError(
                f"{label} claims to unpack to {kib(declared)}, more than the {kib(MAX_DECLARED_TOTAL)} "
                "allowed. Nothing was imported."
            )
        self.total_read = 0

    def names(self) -> list[str]:
        return list(self.by_name)

    def read(self, base_name: str) -> bytes | None:
        """A member by base name (case-insensitive, at the top or one folder down), or None if absent."""
        member = self.by_name.get(base_name.casefold())
        if member is None:
            return None
        label = f"{member.filename} in {self.label}"
        try:
            with self.zip.open(member) as handle:
                limit, too_big = _budget(self.total_read, self.label)
                data = read_capped(handle, limit, label, too_big)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
            raise ImportFileError(f"{label} cannot be read: {error}.") from None
        except RuntimeError as error:  # an encrypted member
            raise ImportFileError(
                f"{label} cannot be read: {error}. Export it again without a password."
            ) from None
        self.total_read += len(data)
        return data


class Folder:
    """An unpacked export: files read by name from the folder itself (never below it)."""

    def __init__(self, path: Path) -> None:
        self.label = str(path)
        try:
            self.by_name = {entry.name.casefold(): entry for entry in path.iterdir() if entry.is_file()}
        except OSError as error:
            raise ImportFileError(f"{path}: the folder cannot be read ({error.strerror or error}).") from None
        self.total_read = 0

    def names(self) -> list[str]:
        return list(self.by_name)

    def read(self, base_name: str) -> bytes | None:
        entry = self.by_name.get(base_name.casefold())
        if entry is None:
            return None
        try:
            with entry.open("rb") as handle:
                limit, too_big = _budget(self.total_read, self.label)
                data = read_capped(handle, limit, str(entry), too_big)
        except OSError as error:
            raise ImportFileError(f"{entry}: cannot be read ({error.strerror or error}).") from None
        self.total_read += len(data)
        return data
