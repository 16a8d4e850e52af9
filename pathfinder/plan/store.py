"""Read and write plan files: readable TOML, validated on load, saved atomically with a backup.

The plan file is the user's document, so this module never loses it:
- loading reports every problem at once (line and column for syntax, field path and line for values) and
  raises only ``PlanFileError`` (or its subclass ``NewerSchemaError``), whatever bytes it is given;
- saving writes a temporary file in the same directory, fsyncs it, keeps the previous version as
  ``NAME.toml.bak`` and renames the new file into place, so a crash leaves either the old or the new file,
  never half of one; a file written by a newer Pathfinder is never overwritten.
See docs/plan-format.md for the format and the two shapes a file may have (a plan, or a profile only).
The TOML text itself is written by ``toml_format.py`` and the load errors are worded in ``problems.py``;
this module does the reading, validating and file handling.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from glob import escape as glob_escape
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, Field, ValidationError

from pathfinder.catalog.patterns import ID_PATTERN
from pathfinder.catalog.toml_lines import LineMap
from pathfinder.errors import NewerSchemaError, PlanFileError, Problem
from pathfinder.plan import migrations
from pathfinder.plan.limits import MAX_FILE_BYTES, check_limits, limits_error
from pathfinder.plan.models import Plan, PlanKind
from pathfinder.plan.problems import TITLE, problems_error, source_name, syntax_error, validation_error
from pathfinder.plan.toml_format import plan_to_toml
from pathfinder.profile import Profile, ProfileModel

__all__ = [
    "PLAN_ONLY_KEYS",
    "LoadedPlan",
    "backup_path",
    "load_plan",
    "plan_from_toml",
    "plan_to_toml",
    "save_plan",
    "sweep_temporaries",
]

SAVE_TITLE = "Plan not saved"
Model = TypeVar("Model", bound=BaseModel)
PLAN_ONLY_KEYS = frozenset({"created", "updated", "steps", "history"})
"""A document holding any of these keys is a full plan; otherwise it is a profile-only file."""


@dataclass(frozen=True)
class LoadedPlan:
    """A plan read from a file, with what kind of file it was and the schema it was migrated from."""

    plan: Plan
    kind: PlanKind
    migrated_from: int | None
    """The file's older schema version when it was migrated on load (saving writes the current one)."""
    source: Path
    text: str | None = None
    """The text that was read, so that later warnings (``check_references``) can name lines."""


class _ProfileFile(ProfileModel):
    """A profile-only file, first shape: a ``[profile]`` table, optionally with a plan name and target."""

    schema_version: int = migrations.FIRST_VERSION
    name: str = Field(default="My plan", min_length=1, max_length=120)
    content_version: str = ""
    target: str | None = Field(default=None, pattern=ID_PATTERN, max_length=64)
    profile: Profile


class _TopLevelProfile(Profile):
    """A profile-only file, second shape: the profile's keys at the top level (plus a target)."""

    schema_version: int = migrations.FIRST_VERSION
    target: str | None = Field(default=None, pattern=ID_PATTERN, max_length=64)


# -- reading -------------------------------------------------------------------------------------------------
def _parse(text: str, source: Path | None) -> dict[str, Any]:
    exceeded = check_limits(text)  # before the parser: no input may make reading it slow or large
    if exceeded is not None:
        raise limits_error(exceeded, source)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise syntax_error(error, text, source) from None
    except (ValueError, RecursionError) as error:
        problem = Problem(file=source, message=f"TOML cannot be read: {error or 'nested too deeply'}")
        raise problems_error(source, [problem]) from None


def _schema_version(document: dict[str, Any], text: str, source: Path | None) -> int:
    """The file's schema version (1 when absent); a newer one raises ``NewerSchemaError``."""
    if "schema_version" not in document:
        return migrations.FIRST_VERSION
    version = document["schema_version"]
    current = migrations.current_version()
    valid = not isinstance(version, bool) and isinstance(version, int) and version >= 1
    if valid and version <= current:
        return int(version)
    line = LineMap(text).line_of(("schema_version",))  # only for the message: scanning the text costs
    if not valid:
        problem = Problem(
            source, f"expected a whole number (1 or more), got {version!r}", "schema_version", line
        )
        raise problems_error(source, [problem])
    if version > current:
        raise NewerSchemaError(
            f"{source_name(source)} was written by a newer Pathfinder (schema {version}); this version reads "
            f"up to schema {current}; the file was not changed. Update Pathfinder to open it.",
            title="Newer plan file",
            problems=[Problem(source, f"schema {version} is newer than {current}", "schema_version", line)],
        )
    return int(version)


def _fallback_now(source: Path | None) -> datetime:
    """When a profile-only file becomes a plan: its modification time (the caller may pass ``now``)."""
    if source is not None:
        try:
            return datetime.fromtimestamp(source.stat().st_mtime, tz=UTC)
        except (OSError, OverflowError, ValueError):
            pass
    return datetime.now(UTC)


def _validated(model: type[Model], document: dict[str, Any], text: str, source: Path | None) -> Model:
    """``document`` validated as ``model``; every problem raises one ``PlanFileError``."""
    try:
        return model.model_validate(document)
    except ValidationError as error:
        raise validation_error(error, model, text, source) from None


def _plan_of_profile_file(document: dict[str, Any], text: str, source: Path | None, now: datetime) -> Plan:
    """A new plan around a profile-only file, in either shape: ``[profile]`` or the profile's keys on top."""
    if "profile" in document:
        wrapped = _validated(_ProfileFile, document, text, source)
        fields = wrapped.model_dump(exclude={"profile", "schema_version"})
        plan = Plan(created=now, updated=now, profile=wrapped.profile, **fields)
    else:
        top_level = _validated(_TopLevelProfile, document, text, source)
        profile = Profile.model_validate(top_level.model_dump(exclude={"schema_version", "target"}))
        plan = Plan(created=now, updated=now, target=top_level.target, profile=profile)
    return plan.model_copy(update={"schema_version": migrations.current_version()})


def _build(
    document: dict[str, Any], text: str, source: Path | None, now: datetime | None
) -> tuple[Plan, PlanKind]:
    """Validate a (migrated) document as a plan or as one of the two profile-only shapes."""
    if not document:
        problem = Problem(source, "the file holds no plan and no profile", hint="see docs/plan-format.md")
        raise problems_error(source, [problem])
    if not PLAN_ONLY_KEYS & document.keys():
        return _plan_of_profile_file(document, text, source, now or _fallback_now(source)), "profile"
    if "created" not in document or "updated" not in document:  # hand-written: fill the timestamps
        document = dict(document)
        stamp = now or _fallback_now(source)
        document.setdefault("created", stamp)
        document.setdefault(
            "updated", document["created"] if isinstance(document["created"], datetime) else stamp
        )
    return _validated(Plan, document, text, source), "plan"


def _read_text(text: str, source: Path | None, now: datetime | None) -> LoadedPlan:
    document = _parse(text, source)
    version = _schema_version(document, text, source)
    migrated_from = None
    if version < migrations.current_version():
        try:
            document = migrations.migrate(document, version)
        except migrations.MigrationError as error:
            problem = Problem(source, str(error), "schema_version")
            raise problems_error(source, [problem]) from None
        migrated_from = version
    plan, kind = _build(document, text, source, now)
    return LoadedPlan(plan, kind, migrated_from, source=source or Path("<text>"), text=text)


def plan_from_toml(text: str, source: Path | None = None, *, now: datetime | None = None) -> Plan:
    """Parse, migrate and validate plan text; raises ``PlanFileError`` listing every problem.

    ``now`` stamps ``created``/``updated`` when the text is a profile-only file (default: the source's
    modification time).
    """
    return _read_text(text, source, now).plan


def _decode(data: bytes, source: Path) -> str:
    try:
        return data.decode("utf-8-sig")  # tolerate a byte-order mark left by some editors
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problem = Problem(source, f"not UTF-8 text (byte {error.start})", line=line, hint="save it as UTF-8")
        message = f"{source} is not a text file Pathfinder can read."
        raise PlanFileError(message, TITLE, [problem]) from None


def load_plan(path: Path, *, now: datetime | None = None) -> LoadedPlan:
    """Read a plan or a profile-only file; raises only ``PlanFileError`` (or ``NewerSchemaError``)."""
    path = Path(path)
    if path.is_dir():
        raise PlanFileError(f"{path} is a folder, not a plan file.", TITLE)
    if path.exists() and not path.is_file():  # a pipe or a device: reading could block or never end
        raise PlanFileError(f"{path} is not a regular file.", TITLE)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise PlanFileError(f"There is no file {path}.", TITLE) from None
    except OSError as error:
        raise PlanFileError(f"Cannot read {path}: {error.strerror or error}.", TITLE) from None
    if len(data) > MAX_FILE_BYTES:
        raise PlanFileError(
            f"{path} is larger than {MAX_FILE_BYTES // 1024} KiB: too large for a plan file "
            "(see Limits in docs/plan-format.md).",
            TITLE,
        )
    return _read_text(_decode(data, path), path, now)


# -- saving --------------------------------------------------------------------------------------------------
def _advice(error: OSError) -> str:
    if error.errno == errno.ENOSPC or error.errno == errno.EDQUOT:
        return "the disk is full: free some space and save again"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the folder is not writable: save to another folder or fix its permissions"
    return "check the folder exists and is writable, then save again"


def _save_error(path: Path, error: OSError) -> PlanFileError:
    reason = error.strerror or str(error) or type(error).__name__
    return PlanFileError(
        f"Could not save {path} ({reason}); {_advice(error)}. The file on disk was not changed.",
        title=SAVE_TITLE,
    )


def _refuse_newer(existing: bytes, path: Path) -> None:
    """Raise ``NewerSchemaError`` if the file about to be replaced was written by a newer Pathfinder."""
    try:
        text = existing.decode("utf-8-sig")
        if check_limits(text) is not None:
            return  # not a plan Pathfinder could have written: the .bak keeps it, saving is allowed
        version = tomllib.loads(text).get("schema_version")
    except (ValueError, RecursionError):  # not TOML (or not text): the .bak keeps it, saving is allowed
        return
    current = migrations.current_version()
    if isinstance(version, int) and not isinstance(version, bool) and version > current:
        raise NewerSchemaError(
            f"{path} was written by a newer Pathfinder (schema {version}); this version writes schema "
            f"{current}; the file was not changed. Save under another name or update Pathfinder.",
            title="Newer plan file",
        )


def _schema_directive(existing: bytes) -> bytes:
    """An editor's ``#:schema …`` first line, kept across saves (Taplo reads it from the top only)."""
    first = existing.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0].rstrip(b"\r")
    return first + b"\n" if first.startswith(b"#:schema") else b""


def _write_new(path: Path, data: bytes, mode: int | None) -> None:
    """Create ``path`` (which must not exist), write, flush and fsync it; remove it on failure."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 if mode is None else 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            if mode is not None:
                os.chmod(path, mode)
            os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable; best effort (not possible on every platform or file system)."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _read_existing(path: Path) -> bytes | None:
    """The bytes of the file about to be replaced, or None when there is none yet."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


STALE_SECONDS = 60.0
"""A save's temporary file older than this was left by a save that was killed (a save takes milliseconds)."""


def sweep_temporaries(folder: Path, name: str = "*", *, now: float | None = None) -> int:
    """Remove the temporary files that killed saves left in ``folder`` (``.NAME.TOKEN.tmp``,
    ``.NAME.TOKEN.bak.tmp``, the hosted import's ``.NAME.PID.tmp``) older than ``STALE_SECONDS``; returns
    how many.

    ``name`` limits the sweep to one plan's temporaries. Best effort: what cannot be listed or removed stays.
    """
    import time

    limit = (time.time() if now is None else now) - STALE_SECONDS
    removed = 0
    try:
        candidates = list(folder.glob(f".{name}.*.tmp"))
    except OSError:
        return 0
    for candidate in candidates:
        with contextlib.suppress(OSError):
            info = candidate.lstat()
            if stat.S_ISREG(info.st_mode) and info.st_mtime < limit:
                candidate.unlink()
                removed += 1
    return removed


def backup_path(path: Path) -> Path:
    """Where the previous version of ``path`` is kept: ``NAME.toml.bak``."""
    return path.with_name(path.name + ".bak")


def save_plan(plan: Plan, path: Path) -> None:
    """Write ``plan`` to ``path`` atomically, keeping the previous version as ``NAME.toml.bak``.

    Raises ``NewerSchemaError`` (file untouched) if ``path`` holds a newer schema, and ``PlanFileError``
    naming the file if anything cannot be written; in every failure the old file stays complete.
    """
    path = Path(os.path.realpath(path))
    try:
        data = plan_to_toml(plan).encode("utf-8")
    except (UnicodeEncodeError, TypeError, ValueError) as error:
        raise PlanFileError(
            f"Could not save {path}: the plan holds text TOML cannot store ({error}).", title=SAVE_TITLE
        ) from None
    if path.is_dir():
        raise PlanFileError(f"Could not save {path}: it is a folder.", title=SAVE_TITLE)
    sweep_temporaries(path.parent, glob_escape(path.name))
    token = secrets.token_hex(4)
    temporary = path.with_name(f".{path.name}.{token}.tmp")
    backup_temporary = path.with_name(f".{path.name}.{token}.bak.tmp")
    try:
        existing = _read_existing(path)
        mode = path.stat().st_mode & 0o7777 if existing is not None else None
        if existing is not None:
            _refuse_newer(existing, path)
            data = _schema_directive(existing) + data
        _write_new(temporary, data, mode)
        if existing is not None:
            _write_new(backup_temporary, existing, mode)
            os.replace(backup_temporary, backup_path(path))
        os.replace(temporary, path)
    except OSError as error:
        raise _save_error(path, error) from None
    finally:
        for leftover in (temporary, backup_temporary):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
    _fsync_directory(path.parent)
