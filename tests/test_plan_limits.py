"""Hostile plan files are refused before parsing, at once and in little memory; real plans are not."""

from __future__ import annotations

import time
import tomllib
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from core_helpers import CONTENT_FIXTURES, SHIPPED_CONTENT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathfinder.catalog.toml_lines import key_lines
from pathfinder.errors import PlanFileError
from pathfinder.plan import limits
from pathfinder.plan.limits import check_limits, counts_to_end
from pathfinder.plan.store import load_plan, plan_from_toml

REPO = Path(__file__).resolve().parents[1]
DOTTED_BOMB = "[" + ".".join(["a"] * 40000) + "]\nx=1\n"
"""The file from the report: 80 KB, one table name of 40,000 parts (it grew the server to 6.3 GB)."""


def _measured(action: Any) -> tuple[float, int]:
    """(seconds, peak bytes allocated) of ``action()``."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        action()
    finally:
        elapsed = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return elapsed, peak


def test_the_dotted_key_bomb_is_refused_at_once_in_little_memory(tmp_path: Path) -> None:
    file = tmp_path / "d.toml"
    file.write_text(DOTTED_BOMB)
    assert len(DOTTED_BOMB) > 80_000
    errors: list[PlanFileError] = []

    def load() -> None:
        try:
            load_plan(file)
        except PlanFileError as error:
            errors.append(error)

    elapsed, peak = _measured(load)
    assert errors, "the file was accepted"
    assert "more than 8 parts" in str(errors[0])
    assert errors[0].problems[0].line == 1
    assert elapsed < 1.0
    assert peak < 10 * 1024 * 1024


def test_the_key_line_scanner_is_linear_on_a_long_dotted_key() -> None:
    """The line finder kept every prefix of a key path: 40,000 parts took gigabytes. Now one node each."""
    started = time.perf_counter()
    lines = key_lines(DOTTED_BOMB)
    assert time.perf_counter() - started < 2.0  # was minutes (and gigabytes)
    assert lines.nearest(("a",) * 40000 + ("x",)) == 2
    _elapsed, peak = _measured(lambda: key_lines(DOTTED_BOMB))  # tracing slows it: memory only
    assert peak < 40 * 1024 * 1024


HOSTILE = {
    "a table name of 9 parts": ("[" + ".".join("abcdefghi") + "]\n", "more than 8 parts"),
    "a dotted key of 9 parts": (".".join("abcdefghi") + " = 1\n", "more than 8 parts"),
    "a dotted key in an inline table": ("a = {" + ".".join("abcdefghi") + " = 1}\n", "more than 8 parts"),
    "arrays nested 13 deep": ("a = " + "[" * 13 + "]" * 13 + "\n", "nested more than 12"),
    "arrays nested 100,000 deep": ("a = " + "[" * 100_000 + "\n", "nested more than 12"),
    "inline tables nested 13 deep": ("a = " + "{b = " * 13 + "1" + "}" * 13 + "\n", "nested more than 12"),
    "tables and keys 13 deep": ("[a.b.c.d.e.f.g]\nh.i.j.k.l.m = 1\n", "nested more than 12"),
    "an array of 10,001 elements": ("a = [" + "1," * 10_001 + "]\n", "more than 10,000 elements"),
    "10,001 blocks of an array of tables": ("[[steps]]\n" * 10_001, "more than 10,000 blocks"),
    "50,001 keys": ("".join(f"k{i} = 1\n" for i in range(50_001)), "more than 50,000 keys"),
    "a string of 20,001 characters": ('name = "' + "x" * 20_001 + '"\n', "longer than 20,000 characters"),
    "a multi-line string of 20,001 characters": ('notes = """\n' + "x\n" * 10_001 + '"""\n', "20,000"),
    "a key of 129 characters": ("k" * 129 + " = 1\n", "longer than 128 characters"),
    "a quoted key of 129 characters": ('"' + "k" * 129 + '" = 1\n', "longer than 128 characters"),
    "a file of more than 1 MiB": ("# " + "x" * (1024 * 1024) + "\n", "larger than 1024 KiB"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_each_limit_refuses_with_a_clear_message(name: str) -> None:
    text, expected = HOSTILE[name]
    started = time.perf_counter()
    with pytest.raises(PlanFileError) as caught:
        plan_from_toml(text, Path("hostile.toml"))
    assert time.perf_counter() - started < 1.0
    message = str(caught.value)
    assert expected in message, message
    assert "hostile.toml" in message and "docs/plan-format.md" in message


def test_the_refusal_names_the_line() -> None:
    text = "name = 'x'\n\n[profile]\na = " + "[" * 20 + "\n"
    exceeded = check_limits(text)
    assert exceeded is not None and exceeded.line == 4


def test_the_limits_are_generous_for_real_plans() -> None:
    """Just inside every limit: nothing is refused by the limits (the parser and the models decide)."""
    within = [
        "[" + ".".join("abcdefgh") + "]\n",
        "a = " + "[" * 11 + "]" * 11 + "\n",  # with the key: 12 levels
        "a = [" + "1," * 9_999 + "]\n",
        "[[steps]]\n" * 10_000,
        'name = "' + "x" * 19_998 + '"\n',
        "k" * 128 + " = 1\n",
        'a = """' + "x" * 5000 + '"""\nb = 1.5\nc = 2026-01-01T10:00:00Z\n',
    ]
    for text in within:
        assert check_limits(text) is None, text[:40]
        assert counts_to_end(text), text[:40]


def _plan_and_content_files() -> list[Path]:
    roots = [REPO / "docs" / "examples", REPO / "tests" / "data", CONTENT_FIXTURES, SHIPPED_CONTENT]
    return sorted({file for root in roots if root.is_dir() for file in root.rglob("*.toml")})


def test_every_example_plan_and_content_file_is_within_the_limits() -> None:
    for file in _plan_and_content_files():
        text = file.read_text(encoding="utf-8")
        try:
            tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            continue  # broken on purpose
        assert check_limits(text) is None, file
        assert counts_to_end(text), file


KEYS = st.one_of(
    st.sampled_from(["id", "name", "a-b", "with space", "x_1", "path", "1", "true", "a.b", ""]),
    st.text(max_size=6),
)
TEXT = st.text(alphabet=st.sampled_from(list("ab \"'#[]{},=\\\n.é\t\r\x7f")), max_size=12)
SCALARS = st.one_of(
    TEXT,
    st.integers(),
    st.booleans(),
    st.floats(),
    st.datetimes(),
    st.dates(),
    st.times(),
)
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
@given(document=st.dictionaries(KEYS, VALUES, max_size=4), multiline=st.booleans(), indent=st.booleans())
def test_the_count_reads_every_valid_document_to_its_end(
    document: dict[str, Any], multiline: bool, indent: bool
) -> None:
    """Were the pass to stop early on valid TOML, the rest would go unchecked into the parser."""
    text = tomli_w.dumps(document, multiline_strings=multiline, indent=4 if indent else 0)
    tomllib.loads(text)
    assert counts_to_end(text), text


def test_limits_are_the_documented_ones() -> None:
    docs = (REPO / "docs" / "plan-format.md").read_text(encoding="utf-8")
    for figure in (
        f"{limits.MAX_FILE_BYTES // 1024} KiB",
        f"{limits.MAX_DEPTH} levels",
        f"{limits.MAX_KEY_PARTS} parts",
        f"{limits.MAX_KEY_LENGTH} characters",
        f"{limits.MAX_KEYS:,} keys",
        f"{limits.MAX_ARRAY_ITEMS:,} elements",
        f"{limits.MAX_STRING_CHARS:,} characters",
    ):
        assert figure in docs, figure


def test_thousands_of_problems_are_listed_up_to_a_hundred() -> None:
    """10,000 bad steps: the first 100 problems, then how many more (printing them all took seconds)."""
    with pytest.raises(PlanFileError) as caught:
        plan_from_toml("steps = [" + ",".join(["1"] * 9999) + "]\n", Path("many.toml"))
    problems = caught.value.problems
    assert len(problems) == 101
    assert "9,899 more problems" in problems[-1].message
    assert "9999 problems" in caught.value.message
