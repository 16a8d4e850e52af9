"""Read and write plan files: readable TOML, validated on load, saved atomically with a backup.

The plan file is the user's document, so this module never loses it:
- loading reports every problem at once (line and column for syntax, field path and line for values) and
  raises only ``PlanFileError`` (or its subclass ``NewerSchemaError``), whatever bytes it is given;
- saving writes a temporary file in the same directory, fsyncs it, keeps the previous version as
  ``NAME.toml.bak`` and renames the new file into place, so a crash leaves either the old or the new file,
  never half of one; a file written by a newer Pathfinder is never overwritten.
See docs/plan-format.md for the format and the two shapes a file may have (a plan, or a profile only).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from pathfinder.catalog.toml_lines import LineMap
from pathfinder.errors import NewerSchemaError, PlanFileError, Problem
from pathfinder.plan import migrations
from pathfinder.plan.models import Plan, PlanKind
from pathfinder.profile import Profile, ProfileModel

PLAN_ONLY_KEYS = frozenset({"created", "updated", "steps", "history"})
"""A document holding any of these keys is a full plan; otherwise it is a profile-only file."""

_SYNTAX_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_AT_END = re.compile(r"\s*\(at end of document\)$")
_HEADER = (
    "# Pathfinder plan file. You may edit it by hand; `pathfinder plan check FILE` validates it.\n"
    "# When Pathfinder saves, the previous version is kept next to it as FILE.bak.\n\n"
)


@dataclass(frozen=True)
class LoadedPlan:
    """A plan read from a file, with what kind of file it was and the schema it was migrated from."""

    plan: Plan
    kind: PlanKind
    migrated_from: int | None
    """The file's older schema version when it was migrated on load (saving writes the current one)."""
    source: Path


class _ProfileFile(ProfileModel):
    """A profile-only file, first shape: a ``[profile]`` table, optionally with a plan name and target."""

    schema_version: int = migrations.FIRST_VERSION
    name: str = Field(default="My plan", min_length=1, max_length=120)
    content_version: str = ""
    target: str | None = None
    profile: Profile


class _TopLevelProfile(Profile):
    """A profile-only file, second shape: the profile's keys at the top level (plus a target)."""

    schema_version: int = migrations.FIRST_VERSION
    target: str | None = None


# -- writing -------------------------------------------------------------------------------------------------
def _omitted(value: Any, default: Any) -> bool:
    """Leave out values TOML cannot hold (None) and empty defaults; loading restores both exactly."""
    if value is None:
        return True
    empty = isinstance(value, str | list | dict) and not value
    return empty and type(value) is type(default) and value == default


def _toml_datetime(value: datetime) -> datetime:
    """TOML offsets are whole minutes: a zone with a seconds offset (old LMT zones) is written in UTC."""
    offset = value.utcoffset()
    if offset is not None and offset % timedelta(minutes=1):
        return value.astimezone(UTC)
    return value


def _plain(value: Any) -> Any:
    """A model value as plain TOML-ready data, fields in model order, omitted values dropped."""
    if isinstance(value, BaseModel):
        table: dict[str, Any] = {}
        for name, field in type(value).model_fields.items():
            item = getattr(value, name)
            if not _omitted(item, field.default):
                table[name] = _plain(item)
        return table
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, datetime):
        return _toml_datetime(value)
    return value


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)


def _literal_line(key: str, value: Any) -> str:
    """``key = value`` via tomli-w; text with line breaks (and no CR) is written as a multi-line string."""
    import tomli_w

    multiline = isinstance(value, str) and "\n" in value and "\r" not in value
    return str(tomli_w.dumps({key: value}, multiline_strings=multiline))


def _emit(chunks: list[str], header: str, table: dict[str, Any], array_item: bool) -> None:
    """Write one table: its header, its ``key = value`` lines, then sub-tables and arrays of tables."""
    if header:
        chunks.append(f"\n[[{header}]]\n" if array_item else f"\n[{header}]\n")
    nested: list[tuple[str, Any]] = []
    for key, value in table.items():
        if isinstance(value, dict) or _is_table_array(value):
            nested.append((key, value))
        else:
            chunks.append(_literal_line(key, value))
    for key, value in nested:
        name = f"{header}.{key}" if header else key
        if isinstance(value, dict):
            _emit(chunks, name, value, array_item=False)
        else:
            for item in value:
                _emit(chunks, name, item, array_item=True)


def plan_to_toml(plan: Plan) -> str:
    """The plan as readable TOML: the plan's own keys, then [profile], [[steps]] and [[history]]."""
    chunks: list[str] = [_HEADER]
    _emit(chunks, "", _plain(plan), array_item=False)
    return "".join(chunks)


# -- reading -------------------------------------------------------------------------------------------------
def _syntax_error(error: tomllib.TOMLDecodeError, text: str, source: Path | None) -> PlanFileError:
    message = str(error)
    line = column = None
    if match := _SYNTAX_POSITION.search(message):
        line, column = int(match.group(1)), int(match.group(2))
        message = message[: match.start()]
    elif match := _AT_END.search(message):
        line = text.count("\n") + 1
        message = message[: match.start()] + " (at the end of the file)"
    problem = Problem(
        file=source,
        message=f"TOML syntax error: {message}",
        line=line,
        column=column,
        hint="check quotes, brackets, dates and `key = value` on that line",
    )
    return PlanFileError(f"{_name(source)} is not valid TOML.", title="Plan file error", problems=[problem])


def _name(source: Path | None) -> str:
    return str(source) if source is not None else "The plan text"


def _problems_error(source: Path | None, problems: list[Problem]) -> PlanFileError:
    count = len(problems)
    return PlanFileError(
        f"{_name(source)} has {count} problem{'s' if count != 1 else ''}; nothing was changed.",
        title="Plan file error",
        problems=problems,
    )


def _parse(text: str, source: Path | None) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _syntax_error(error, text, source) from None
    except (ValueError, RecursionError) as error:
        problem = Problem(file=source, message=f"TOML cannot be read: {error or 'nested too deeply'}")
        raise _problems_error(source, [problem]) from None


def _schema_version(document: dict[str, Any], text: str, source: Path | None) -> int:
    """The file's schema version (1 when absent); a newer one raises ``NewerSchemaError``."""
    if "schema_version" not in document:
        return migrations.FIRST_VERSION
    version = document["schema_version"]
    current = migrations.current_version()
    line = LineMap(text).line_of(("schema_version",))
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        problem = Problem(
            source, f"expected a whole number (1 or more), got {version!r}", "schema_version", line
        )
        raise _problems_error(source, [problem])
    if version > current:
        raise NewerSchemaError(
            f"{_name(source)} was written by a newer Pathfinder (schema {version}); this version reads up "
            f"to schema {current}; the file was not changed. Update Pathfinder to open it.",
            title="Newer plan file",
            problems=[Problem(source, f"schema {version} is newer than {current}", "schema_version", line)],
        )
    return version


_DATE_MESSAGES = {
    "date_type": "expected a date such as 2026-12-01 (a TOML date, no quotes needed)",
    "date_parsing": "expected a date such as 2026-12-01 (year-month-day)",
    "date_from_datetime_parsing": "expected a date such as 2026-12-01 (year-month-day)",
    "date_from_datetime_inexact": "expected a date such as 2026-12-01, without a time",
    "datetime_type": "expected a date and time with an offset, such as 2026-11-25T09:30:00Z",
    "datetime_parsing": "expected a date and time with an offset, such as 2026-11-25T09:30:00Z",
    "datetime_from_date_parsing": "expected a date and time with an offset, such as 2026-11-25T09:30:00Z",
    "timezone_aware": "expected a date and time with an offset (Z for UTC, or +01:00), "
    "such as 2026-11-25T09:30:00Z",
}
"""Friendlier words for pydantic's date and datetime errors, by error type."""


def _friendly(error: Any) -> str | None:
    """Plain words for the errors hand edits cause most: dates, datetimes and ``YYYY-MM`` months."""
    if error["type"] == "string_pattern_mismatch" and "(0[1-9]|1[0-2])$" in str(error.get("ctx")):
        return f"expected a month as YYYY-MM (such as 2021-03), got {error.get('input')!r}"
    return _DATE_MESSAGES.get(error["type"])


def _key(loc: tuple[int | str, ...]) -> str:
    from pathfinder.catalog.toml_lines import format_key_path

    return format_key_path(tuple(part for part in loc if isinstance(part, int | str)))


def _validation_error(
    error: ValidationError, model: type[BaseModel], text: str, source: Path | None
) -> PlanFileError:
    from pathfinder.catalog.validation import Origin, validation_problems

    origin = Origin(source or Path("<text>"), LineMap(text), ())
    try:
        problems = validation_problems(error, model, origin)
    except (IndexError, KeyError, ValueError, TypeError, RecursionError):  # locating is best effort
        problems = [Problem(source, item["msg"], ".".join(map(str, item["loc"]))) for item in error.errors()]
    friendly = {_key(item["loc"]): _friendly(item) for item in error.errors()}
    problems = [
        Problem(source, friendly.get(p.key) or p.message, p.key, p.line, p.column, p.hint) for p in problems
    ]
    problems.sort(key=lambda problem: problem.line or 0)
    return _problems_error(source, problems)


def _fallback_now(source: Path | None) -> datetime:
    """When a profile-only file becomes a plan: its modification time (the caller may pass ``now``)."""
    if source is not None:
        try:
            return datetime.fromtimestamp(source.stat().st_mtime, tz=UTC)
        except (OSError, OverflowError, ValueError):
            pass
    return datetime.now(UTC)


def _build(
    document: dict[str, Any], text: str, source: Path | None, now: datetime | None
) -> tuple[Plan, PlanKind]:
    """Validate a (migrated) document as a plan or as one of the two profile-only shapes."""
    kind: PlanKind = "plan"
    model: type[BaseModel] = Plan
    if not document:
        problem = Problem(source, "the file holds no plan and no profile", hint="see docs/plan-format.md")
        raise _problems_error(source, [problem])
    if not PLAN_ONLY_KEYS & document.keys():
        kind = "profile"
        model = _ProfileFile if "profile" in document else _TopLevelProfile
    elif "created" not in document or "updated" not in document:  # hand-written: fill the timestamps
        document = dict(document)
        stamp = now or _fallback_now(source)
        document.setdefault("created", stamp)
        document.setdefault(
            "updated", document["created"] if isinstance(document["created"], datetime) else stamp
        )
    try:
        validated = model.model_validate(document)
    except ValidationError as error:
        raise _validation_error(error, model, text, source) from None
    if isinstance(validated, Plan):
        return validated, kind
    stamp = now or _fallback_now(source)
    if isinstance(validated, _ProfileFile):
        fields = validated.model_dump(exclude={"profile", "schema_version"})
        plan = Plan(created=stamp, updated=stamp, profile=validated.profile, **fields)
    else:
        assert isinstance(validated, _TopLevelProfile)
        profile = Profile.model_validate(validated.model_dump(exclude={"schema_version", "target"}))
        plan = Plan(created=stamp, updated=stamp, target=validated.target, profile=profile)
    return plan.model_copy(update={"schema_version": migrations.current_version()}), kind


def _read_text(text: str, source: Path | None, now: datetime | None) -> LoadedPlan:
    document = _parse(text, source)
    version = _schema_version(document, text, source)
    migrated_from = None
    if version < migrations.current_version():
        try:
            document = migrations.migrate(document, version)
        except migrations.MigrationError as error:
            problem = Problem(source, str(error), "schema_version")
            raise _problems_error(source, [problem]) from None
        migrated_from = version
    plan, kind = _build(document, text, source, now)
    return LoadedPlan(plan=plan, kind=kind, migrated_from=migrated_from, source=source or Path("<text>"))


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
        raise PlanFileError(message, "Plan file error", [problem]) from None


def load_plan(path: Path, *, now: datetime | None = None) -> LoadedPlan:
    """Read a plan or a profile-only file; raises only ``PlanFileError`` (or ``NewerSchemaError``)."""
    path = Path(path)
    if path.is_dir():
        raise PlanFileError(f"{path} is a folder, not a plan file.", "Plan file error")
    if path.exists() and not path.is_file():  # a pipe or a device: reading could block or never end
        raise PlanFileError(f"{path} is not a regular file.", "Plan file error")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise PlanFileError(f"There is no file {path}.", "Plan file error") from None
    except OSError as error:
        raise PlanFileError(f"Cannot read {path}: {error.strerror or error}.", "Plan file error") from None
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
        title="Plan not saved",
    )


def _refuse_newer(existing: bytes, path: Path) -> None:
    """Raise ``NewerSchemaError`` if the file about to be replaced was written by a newer Pathfinder."""
    try:
        version = tomllib.loads(existing.decode("utf-8-sig")).get("schema_version")
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
            f"Could not save {path}: the plan holds text TOML cannot store ({error})."
        ) from None
    if path.is_dir():
        raise PlanFileError(f"Could not save {path}: it is a folder.", title="Plan not saved")
    token = secrets.token_hex(4)
    temporary = path.with_name(f".{path.name}.{token}.tmp")
    backup_temporary = path.with_name(f".{path.name}.{token}.bak.tmp")
    try:
        existing: bytes | None = path.read_bytes() if path.exists() else None
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
