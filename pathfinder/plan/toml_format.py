"""A plan as readable TOML: the plan's own keys first, then ``[profile]``, ``[[steps]]`` and ``[[history]]``.

Fields keep their model order, empty defaults and ``None`` are left out (loading restores both), and text
with line breaks is written as a multi-line string, so a hand edit of a saved plan stays easy.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import BaseModel

from pathfinder.plan.models import Plan

HEADER = (
    "# Pathfinder plan file. You may edit it by hand; `pathfinder plan check FILE` validates it.\n"
    "# When Pathfinder saves, the previous version is kept next to it as FILE.bak.\n\n"
)


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
    chunks: list[str] = [HEADER]
    _emit(chunks, "", _plain(plan), array_item=False)
    return "".join(chunks)
