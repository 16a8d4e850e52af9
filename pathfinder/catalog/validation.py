"""Turn pydantic validation errors into ``Problem``s that name the file, line, key and what was expected."""

from __future__ import annotations

import difflib
import functools
import re
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pathfinder.catalog.patterns import EXPECTED
from pathfinder.catalog.toml_lines import KeyPath, LineMap, format_key_path
from pathfinder.errors import Problem

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError


@dataclass(frozen=True)
class Origin:
    """Where an entity was read: its file, the line map of that file and its own key path in it."""

    file: Path
    lines: LineMap
    base: KeyPath

    def problem(self, subpath: KeyPath, message: str, hint: str = "") -> Problem:
        """A problem at ``base + subpath`` with the nearest line that can be found."""
        path = (*self.base, *subpath)
        return Problem(
            file=self.file,
            message=message,
            key=format_key_path(path),
            line=self.lines.line_of(path),
            hint=hint,
        )

    def place(self) -> str:
        """``file:line`` of the entity itself, for hints such as "first defined in …"."""
        line = self.lines.line_of(self.base)
        return f"{self.file}:{line}" if line is not None else str(self.file)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A "did you mean …?" hint, or "" when nothing is close."""
    return _did_you_mean(word, tuple(choices))


@functools.lru_cache(maxsize=1024)
def _did_you_mean(word: str, choices: tuple[str, ...]) -> str:
    """Cached: half-written content repeats the same unknown id many times."""
    matches = difflib.get_close_matches(word, choices, n=3, cutoff=0.6)
    if not matches:
        return ""
    return "did you mean " + " or ".join(f"`{match}`" for match in matches) + "?"


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation such as ``list[PathSkill]`` or ``Renewal | None``."""
    from pydantic import BaseModel

    if (
        isinstance(annotation, type)
        and not isinstance(annotation, types.GenericAlias)
        and issubclass(annotation, BaseModel)
    ):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def model_at(model: type[BaseModel], loc: KeyPath) -> type[BaseModel] | None:
    """The model that holds the keys found at ``loc`` inside ``model`` (list indexes skipped)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _model_in(field.annotation)
    return current


def _describe_input(value: Any) -> str:
    if isinstance(value, dict | list):
        return "a table" if isinstance(value, dict) else "an array"
    return repr(value)


def _problem_for(error: Any, model: type[BaseModel], origin: Origin) -> Problem:
    loc: KeyPath = tuple(part for part in error["loc"] if isinstance(part, int | str))
    kind: str = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    value = error.get("input")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        holder = model_at(model, loc[:-1])
        allowed = sorted(holder.model_fields) if holder is not None else []
        hint = did_you_mean(key, allowed) or ("allowed keys: " + ", ".join(allowed) if allowed else "")
        return origin.problem(loc, f"unknown key `{key}`", hint)
    if kind == "missing":
        return origin.problem(loc, f"missing required key `{loc[-1]}`", f"add `{loc[-1]} = …`")
    if kind == "string_pattern_mismatch":
        expected = EXPECTED.get(str(ctx.get("pattern")), f"text matching {ctx.get('pattern')}")
        return origin.problem(loc, f"expected {expected}, got {_describe_input(value)}")
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = did_you_mean(str(value), choices) if isinstance(value, str) else ""
        return origin.problem(
            loc, f"expected one of {', '.join(choices)}; got {_describe_input(value)}", hint
        )
    if kind == "too_short" and loc and loc[-1] == "sources":
        return origin.problem(loc, "expected at least one source (a URL or a citation) for this fact")
    message = error["msg"][0].lower() + error["msg"][1:]
    if not isinstance(value, dict | list):
        message += f"; got {_describe_input(value)}"
    return origin.problem(loc, message)


def validation_problems(
    error: ValidationError,
    model: type[BaseModel],
    origin: Origin,
    limit: int | None = None,
    errors: list[Any] | None = None,
) -> list[Problem]:
    """Every error in a pydantic ``ValidationError`` as a located ``Problem`` (the first ``limit`` only).

    A missing key whose name is close to an unknown key in the same table (``importanse`` for
    ``importance``) is left out: the "unknown key … did you mean" problem already says what to fix.
    """
    if errors is None:  # the caller may have them already (thousands of errors take a while to list)
        errors = list(error.errors(include_url=False))
    unknown_by_table: dict[tuple[Any, ...], list[str]] = {}
    for item in errors:
        if item["type"] == "extra_forbidden":
            unknown_by_table.setdefault(tuple(item["loc"][:-1]), []).append(str(item["loc"][-1]))
    problems: list[Problem] = []
    for item in errors:
        if limit is not None and len(problems) >= limit:
            break
        if item["type"] == "missing":
            typos = unknown_by_table.get(tuple(item["loc"][:-1]), [])
            if difflib.get_close_matches(str(item["loc"][-1]), typos, n=1, cutoff=0.6):
                continue
        problems.append(_problem_for(item, model, origin))
    return problems
