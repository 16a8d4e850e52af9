"""Load the content directory into a ``Catalog``: read every TOML file, validate, cross-check.

All problems are collected and reported at once (a ``ContentError`` listing each file, line, key, what was
expected and a "did you mean"), so an author fixes a whole batch per run. A successful load is cached by the
resolved directory and the files' modification times, so asking twice in one process is cheap. Pydantic
and the models are imported on first use, keeping this module cheap to import.
"""

from __future__ import annotations

import copy
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pathfinder.catalog.checks import ARRAY_KINDS, SINGLE_KINDS, Loaded, cross_problems
from pathfinder.catalog.files import content_files, toml_entries
from pathfinder.catalog.toml_lines import LineMap, syntax_problem
from pathfinder.catalog.validation import Origin, did_you_mean, validation_problems
from pathfinder.errors import ContentError, Problem

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

    from pathfinder.catalog.catalog import Catalog

_HEADER_OR_ID = re.compile(r'^\s*\[\[?\s*([a-z]+)\s*\]\]?\s*(?:#.*)?$|^\s*id\s*=\s*"([^"]*)"', re.MULTILINE)
FileSignature = tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class _Parsed:
    file: Path
    data: dict[str, Any]
    lines: LineMap


def _models() -> dict[str, type[BaseModel]]:
    from pathfinder.catalog import models

    return {
        "path": models.CareerPath,
        "skill": models.Skill,
        "category": models.SkillCategory,
        "certification": models.Certification,
        "background": models.Background,
        "resource": models.Resource,
        "overlap": models.CertificationOverlap,
        "issuer": models.Issuer,
        "denied_source": models.DeniedSource,
        "meta": models.ContentMeta,
        "degrees": models.Degrees,
        "comparison": models.Comparison,
    }


def _parse(file: Path, problems: list[Problem]) -> _Parsed | None:
    """Read and parse one file; a syntax error becomes a problem with its line and column."""
    try:
        text = file.read_text(encoding="utf-8-sig")  # tolerate a byte-order mark
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(file=file, message=f"cannot read the file: {error}"))
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        problems.append(syntax_problem(error, text, file))
        return None
    return _Parsed(file=file, data=data, lines=LineMap(text))


def _known_tables_hint(key: str) -> str:
    """A "did you mean" for a misspelt top-level table, or else the list of tables a file may hold."""
    return did_you_mean(key, [*ARRAY_KINDS, *SINGLE_KINDS]) or "known tables: " + ", ".join(
        [*(f"[[{kind}]]" for kind in ARRAY_KINDS), *(f"[{kind}]" for kind in SINGLE_KINDS)]
    )


def _entries(key: str, value: Any, parsed: _Parsed, problems: list[Problem]) -> list[tuple[Any, Origin]]:
    """The tables written under one top-level key, each with its origin; none (and a problem) if misshapen."""
    origin = Origin(parsed.file, parsed.lines, (key,))
    if key in ARRAY_KINDS:
        if isinstance(value, list) and all(isinstance(item, dict) for item in value):
            return [
                (item, Origin(parsed.file, parsed.lines, (key, index))) for index, item in enumerate(value)
            ]
        problems.append(origin.problem((), f"`{key}` must be an array of tables", f"write [[{key}]]"))
    elif key in SINGLE_KINDS:
        if isinstance(value, dict):
            return [(value, origin)]
        problems.append(origin.problem((), f"`{key}` must be a single table", f"write [{key}]"))
    else:
        problems.append(origin.problem((), f"unknown top-level key `{key}`", _known_tables_hint(key)))
    return []


def _collect(parsed: _Parsed, loaded: Loaded, problems: list[Problem]) -> set[str]:
    """Validate each top-level entry of one file and file it under its kind; return the single tables seen."""
    for key, value in parsed.data.items():
        entries = _entries(key, value, parsed, problems)
        if entries:
            _validate_entries(key, entries, loaded, problems)
    return parsed.data.keys() & SINGLE_KINDS.keys()


def _validate_entries(
    kind: str, entries: list[tuple[Any, Origin]], loaded: Loaded, problems: list[Problem]
) -> None:
    """Validate tables of one kind into ``loaded``; an invalid one is kept for cross-checks if it can be."""
    from pydantic import ValidationError

    model = _models()[kind]
    target: list[Any] = getattr(loaded, ARRAY_KINDS.get(kind, kind))
    for item, origin in entries:
        try:
            target.append((model.model_validate(item), origin))
        except ValidationError as error:
            problems.extend(validation_problems(error, model, origin))
            salvaged = _salvage(model, item, error)
            if salvaged is not None:  # still cross-checked, so its other problems show in this run
                target.append((salvaged, origin))
            else:
                loaded.mark_broken(kind, item.get("id"))


def _salvage(model: type[BaseModel], item: dict[str, Any], error: ValidationError) -> BaseModel | None:
    """The entity with its unknown or invalid optional keys dropped, if that makes it valid; else None.

    Used only for cross-checks (a catalog is never built while problems remain), so that one typo in a
    path does not hide the unknown skill ids further down in the same path.
    """
    from pydantic import ValidationError

    pruned = copy.deepcopy(item)
    for details in error.errors(include_url=False):
        *parents, last = details["loc"]
        if details["type"] == "missing" or not isinstance(last, str):
            return None
        container: Any = pruned
        for part in parents:
            try:
                container = container[part]
            except (KeyError, IndexError, TypeError):
                return None
        if isinstance(container, dict):
            container.pop(last, None)
    try:
        return model.model_validate(pruned)
    except ValidationError:
        return None


def _mark_unparsable(file: Path, loaded: Loaded) -> set[str]:
    """Guess what a file with a syntax error defines, so its ids and tables cause no further errors."""
    try:
        text = file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    singles: set[str] = set()
    kind = ""
    for match in _HEADER_OR_ID.finditer(text):
        header, entity_id = match.group(1), match.group(2)
        if header is not None:
            kind = header if header in ARRAY_KINDS else ""
            singles.update({header} & SINGLE_KINDS.keys())
        elif kind:
            loaded.mark_broken(kind, entity_id)
            kind = ""
    return singles


def _single_table_problems(directory: Path, loaded: Loaded, seen: set[str]) -> list[Problem]:
    """``[meta]``, ``[degrees]`` and ``[comparison]`` must each appear exactly once."""
    problems: list[Problem] = []
    for key, file_name in SINGLE_KINDS.items():
        found = getattr(loaded, key)
        if key not in seen:
            problems.append(
                Problem(
                    file=directory,
                    message=f"no [{key}] table in any content file",
                    hint=f"add {directory / file_name} with a [{key}] table; see docs/content.md",
                )
            )
        for _, origin in found[1:]:
            first = found[0][1].place()
            problems.append(
                origin.problem((), f"a second [{key}] table", f"keep exactly one; the first is at {first}")
            )
    return problems


def _missing_directory(directory: Path) -> Problem:
    return Problem(file=directory, message="content directory not found", hint="pass an existing directory")


def _validate(directory: Path) -> tuple[Loaded, list[Problem]]:
    """Read, validate and cross-check everything under ``directory``; never raises for bad content."""
    loaded = Loaded()
    if not directory.is_dir():
        return loaded, [_missing_directory(directory)]
    problems: list[Problem] = []
    singles_seen: set[str] = set()
    for file in content_files(directory):
        parsed = _parse(file, problems)
        if parsed is not None:
            singles_seen |= _collect(parsed, loaded, problems)
        else:
            singles_seen |= _mark_unparsable(file, loaded)
    problems.extend(_single_table_problems(directory, loaded, singles_seen))
    problems.extend(cross_problems(loaded))
    problems.sort(key=lambda problem: (str(problem.file), problem.line or 0))
    return loaded, problems


def check_content(directory: Path | None = None) -> list[Problem]:
    """Every problem in a content directory (empty when it is valid); ``None`` checks the shipped content."""
    from pathfinder.catalog.catalog import default_content_dir

    return _validate(default_content_dir() if directory is None else Path(directory))[1]


def _signature(directory: Path) -> FileSignature:
    """What a cached catalog depends on: each file's relative path, modification time and size."""
    signature = []
    for relative, entry in toml_entries(directory):
        stat = entry.stat()
        signature.append((relative, stat.st_mtime_ns, stat.st_size))
    return tuple(signature)


_CACHE: dict[tuple[Path, FileSignature], Catalog] = {}
_CACHE_SIZE = 8


def _build(loaded: Loaded, directory: Path) -> Catalog:
    """The catalog of validated entities; mappings are read-only because loads are shared via the cache."""
    from types import MappingProxyType

    from pathfinder.catalog.catalog import Catalog

    def by_id(attribute: str) -> MappingProxyType[str, Any]:
        return MappingProxyType({entity.id: entity for entity, _ in getattr(loaded, attribute)})

    return Catalog(
        meta=loaded.meta[0][0],
        paths=by_id("paths"),
        skills=by_id("skills"),
        categories=by_id("categories"),
        certifications=by_id("certifications"),
        backgrounds=by_id("backgrounds"),
        resources=by_id("resources"),
        overlaps=by_id("overlaps"),
        degrees=loaded.degrees[0][0],
        comparison=loaded.comparison[0][0],
        directory=directory,
        issuers=tuple(issuer for issuer, _ in loaded.issuers),
        denied_sources=tuple(denied for denied, _ in loaded.denied_sources),
    )


def load_catalog(directory: Path | None = None) -> Catalog:
    """The validated catalog of ``directory`` (``None``: the shipped content).

    Raises ``ContentError`` listing every problem found. A success is cached until a file changes.
    """
    from pathfinder.catalog.catalog import default_content_dir

    given = default_content_dir() if directory is None else Path(directory)
    if not given.is_dir():
        raise ContentError(
            f"Content directory not found: {given}",
            title="Content error",
            problems=[_missing_directory(given)],
        )
    resolved = given.resolve()
    cache_key = (resolved, _signature(resolved))
    cached = _CACHE.get(cache_key)
    if cached is not None:
        return cached
    loaded, problems = _validate(given)
    if problems:
        count = len(problems)
        raise ContentError(
            f"The content in {given} has {count} problem{'s' if count != 1 else ''}.",
            title="Content error",
            problems=problems,
        )
    catalog = _build(loaded, resolved)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.clear()
    _CACHE[cache_key] = catalog
    return catalog
