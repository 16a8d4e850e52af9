"""The line finder that lets content problems point at a line: every key of a TOML file gets its line."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from core_helpers import CONTENT_FIXTURES, SHIPPED_CONTENT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathfinder.catalog.toml_lines import KeyPath, format_key_path, key_lines, line_of

TRICKY = '''\
# a comment with [brackets] and "quotes"
[meta]
version = "1"  # trailing [comment]

[[path]]
id = "a"
summary = """multi
line with "quotes" and [brackets] and a # hash
ends with two quotes"" """
note = \'\'\'literal
[not.a.header]
\'\'\'
traits = [
  "x,y",   # comma inside a string
  "z]",
]
skills = [ { skill = "s1", importance = 3 },
  {skill="s2", "importance" = 2} ]
[path.weights]
skills = 0.5

[[path]]
id = "b"
[[path.certifications]]
certification = "q"
[[path.certifications]]
"certification" = 'r'
dotted.key = 1
'''


def test_tricky_document_lines() -> None:
    tomllib.loads(TRICKY)  # the scanner only ever sees valid TOML
    lines = key_lines(TRICKY)
    assert lines[("meta", "version")] == 3
    assert lines[("path", 0)] == 5
    assert lines[("path", 0, "note")] == 10
    assert lines[("path", 0, "traits", 1)] == 15
    assert lines[("path", 0, "skills", 1, "importance")] == 18
    assert lines[("path", 0, "weights", "skills")] == 20
    assert lines[("path", 1, "certifications", 1, "certification")] == 27
    assert lines[("path", 1, "certifications", 1, "dotted", "key")] == 28
    assert ("not", "a", "header") not in lines


def test_missing_key_points_at_its_table() -> None:
    lines = key_lines(TRICKY)
    assert line_of(lines, ("path", 1, "certifications", 0, "importance")) == 24
    assert line_of(lines, ("nothing",)) is None


def test_format_key_path() -> None:
    assert format_key_path(("path", 0, "skills", 3, "skill")) == "path[0].skills[3].skill"
    assert format_key_path(("meta",)) == "meta"


def leaf_paths(value: Any, prefix: KeyPath = ()) -> list[KeyPath]:
    """Every key path in parsed TOML data (tables, array elements and their keys)."""
    paths: list[KeyPath] = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            paths += leaf_paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            paths += leaf_paths(item, (*prefix, index))
    return paths


def parses(file: Path) -> bool:
    try:
        tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError:
        return False
    return True


def all_content_files() -> list[Path]:
    """The shipped content and the fixtures, except the fixture that is broken on purpose."""
    roots = [CONTENT_FIXTURES, SHIPPED_CONTENT]
    return sorted(file for root in roots if root.is_dir() for file in root.rglob("*.toml") if parses(file))


@pytest.mark.parametrize("file", all_content_files(), ids=lambda file: f"{file.parent.name}/{file.name}")
def test_every_key_of_every_content_file_has_its_line(file: Path) -> None:
    """Each key path tomllib finds is located, on a line that names the key (or holds the element)."""
    text = file.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    lines = key_lines(text)
    source_lines = text.splitlines()
    for path in leaf_paths(data):
        assert path in lines, format_key_path(path)
        last = path[-1]
        if isinstance(last, str):
            assert last in source_lines[lines[path] - 1], (format_key_path(path), lines[path])


KEYS = st.sampled_from(["id", "name", "skills", "a-b", "with space", "x_1", "path"])
TEXT = st.text(alphabet=st.sampled_from(list("ab \"'#[]{},=\\\n.é")), max_size=12)
SCALARS = st.one_of(TEXT, st.integers(-5, 5), st.booleans())
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(KEYS, inner, max_size=3),
        st.lists(st.dictionaries(KEYS, inner, min_size=1, max_size=3), min_size=1, max_size=3),
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=st.dictionaries(KEYS, VALUES, max_size=4), multiline=st.booleans())
def test_any_document_written_by_tomli_w_has_every_key_located(
    document: dict[str, Any], multiline: bool
) -> None:
    """Whatever the shape (tables, arrays of tables, inline values, odd strings), every key is found."""
    text = tomli_w.dumps(document, multiline_strings=multiline)
    data = tomllib.loads(text)
    lines = key_lines(text)
    source_lines = text.splitlines()
    for path in leaf_paths(data):
        assert path in lines, (format_key_path(path), text)
        last = path[-1]
        if isinstance(last, str):
            assert last in source_lines[lines[path] - 1], (format_key_path(path), text)


def test_windows_line_endings_keep_line_numbers() -> None:
    text = TRICKY.replace("\n", "\r\n")
    tomllib.loads(text)
    assert key_lines(text)[("path", 1, "certifications", 1, "dotted", "key")] == 28
