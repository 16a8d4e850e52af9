"""The errors a plan file can raise while loading, worded for the person who edits it by hand.

Every problem names the file, the line (and column, for syntax) and the field path, and the words for the
mistakes hand edits cause most (dates, datetimes, ``YYYY-MM`` months) are plainer than pydantic's.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from pathfinder.catalog.toml_lines import LineMap, format_key_path, syntax_problem
from pathfinder.errors import PlanFileError, Problem

TITLE = "Plan file error"
MAX_PROBLEMS = 100
"""Problems listed for one file; beyond, one more line says how many were left out (fix these first)."""

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


def source_name(source: Path | None) -> str:
    """How a message names the plan: its path, or "The plan text" when it came from no file."""
    return str(source) if source is not None else "The plan text"


def problems_error(source: Path | None, problems: list[Problem], count: int | None = None) -> PlanFileError:
    """The error for a plan that holds ``problems`` (``count`` in all): it is refused, nothing is changed."""
    count = len(problems) if count is None else count
    return PlanFileError(
        f"{source_name(source)} has {count} problem{'s' if count != 1 else ''}; nothing was changed.",
        title=TITLE,
        problems=problems,
    )


def syntax_error(error: tomllib.TOMLDecodeError, text: str, source: Path | None) -> PlanFileError:
    """The error for text that is not TOML, at the line and column ``tomllib`` names."""
    problem = syntax_problem(error, text, source)
    return PlanFileError(f"{source_name(source)} is not valid TOML.", title=TITLE, problems=[problem])


def _friendly(error: Any) -> str | None:
    """Plain words for the errors hand edits cause most: dates, datetimes and ``YYYY-MM`` months."""
    if error["type"] == "string_pattern_mismatch" and "(0[1-9]|1[0-2])$" in str(error.get("ctx")):
        return f"expected a month as YYYY-MM (such as 2021-03), got {error.get('input')!r}"
    return _DATE_MESSAGES.get(error["type"])


def _key(loc: tuple[int | str, ...]) -> str:
    return format_key_path(tuple(part for part in loc if isinstance(part, int | str)))


def validation_error(
    error: ValidationError, model: type[BaseModel], text: str, source: Path | None
) -> PlanFileError:
    """Every value pydantic rejected, located by field path and line, sorted by line."""
    from pathfinder.catalog.validation import Origin, validation_problems

    origin = Origin(source or Path("<text>"), LineMap(text), ())
    errors = error.errors(include_url=False)
    try:
        problems = validation_problems(error, model, origin, limit=MAX_PROBLEMS, errors=list(errors))
    except (IndexError, KeyError, ValueError, TypeError, RecursionError):  # locating is best effort
        problems = [Problem(source, item["msg"], _key(item["loc"])) for item in errors[:MAX_PROBLEMS]]
    friendly = {_key(item["loc"]): _friendly(item) for item in errors[:MAX_PROBLEMS]}
    problems = [
        Problem(source, friendly.get(p.key) or p.message, p.key, p.line, p.column, p.hint) for p in problems
    ]
    problems.sort(key=lambda problem: problem.line or 0)
    if len(errors) > len(problems) and len(problems) >= MAX_PROBLEMS:
        more = len(errors) - len(problems)
        problems.append(Problem(source, f"and {more:,} more problems not listed", hint="fix these first"))
    return problems_error(
        source, problems, count=len(problems) if len(errors) <= MAX_PROBLEMS else len(errors)
    )
