"""The fuzz suite: hostile plan files through every door, under a 512 MiB address-space limit.

Hypothesis builds files a fuzzer or a hostile visitor would send (deep tables, long dotted keys, huge
arrays, long strings, odd Unicode, control characters, extreme dates and numbers, valid plans with one
value made extreme, random bytes). Each goes to a worker process (tests/fuzz_worker.py) that runs `plan
check`, `report`, the plan store, the app's open path and the draft recovery. Any exception other than
Pathfinder's own error fails, and so does running out of memory or the worker dying.

Profiles: "ci" (the default: bounded, the file runs in well under a minute on a loaded 2-core machine);
``HYPOTHESIS_PROFILE=fuzz`` for a long run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

HERE = Path(__file__).resolve().parent
EXAMPLE_PLAN = (HERE.parent / "docs" / "examples" / "alex-career-switch.toml").read_text(encoding="utf-8")
IMPORT_LIMIT = 256 * 1024
SLOW = 10.0
"""Seconds one file may take through all five doors together: a guard against the pathological (files once
took minutes), generous for a loaded machine (the figures are in bench/bench_hostile.py)."""

settings.register_profile(
    "ci",
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
settings.register_profile("fuzz", settings.get_profile("ci"), max_examples=2000)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


class Worker:
    """The worker process, restarted if a file killed it (which fails that file's test)."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> subprocess.Popen[bytes]:
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen(
                [sys.executable, str(HERE / "fuzz_worker.py")],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                cwd=HERE.parent,
            )
        return self.process

    def check(self, data: bytes) -> dict[str, Any]:
        process = self.start()
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(len(data).to_bytes(8, "big") + data)
            process.stdin.flush()
            line = process.stdout.readline()
        except BrokenPipeError:
            line = b""
        if not line:
            process.kill()
            process.wait()
            return {"ok": False, "door": "?", "error": f"the worker died (status {process.returncode})"}
        result: dict[str, Any] = json.loads(line)
        return result

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait(10)


@pytest.fixture(scope="module")
def worker() -> Iterator[Worker]:
    running = Worker()
    yield running
    running.stop()


def assert_survives(worker: Worker, data: bytes | str) -> None:
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    result = worker.check(raw)
    assert result["ok"], f"{result['door']} failed on {raw[:200]!r}…:\n{result['error']}"
    assert result["seconds"] < SLOW, f"{result['seconds']:.1f} s on {raw[:200]!r}"


# -- hostile shapes -------------------------------------------------------------------------------------
NAMES = st.sampled_from(["a", "profile", "steps", "history", "roles", "skills", "x-y", '"q.k"', "'lit'", "1"])
deep_tables = st.integers(1, 40_000).map(lambda n: "[" + ".".join(["a"] * n) + "]\nx = 1\n")
nested_headers = st.integers(1, 250).map(
    lambda n: "".join("[" + ".".join(["t"] * (depth + 1)) + "]\nk = 1\n" for depth in range(n))
)
long_dotted = st.tuples(st.integers(1, 60_000), NAMES).map(lambda t: ".".join([t[1]] * t[0]) + " = 1\n")
huge_arrays = st.tuples(
    st.integers(0, 30_000), st.sampled_from(["1", '"s"', "{}", "[]", "1.5", "true", "2026-01-01", "{a=1}"])
).map(lambda t: "steps = [" + ",".join([t[1]] * t[0]) + "]\n")
many_tables = st.tuples(st.integers(0, 20_000), st.sampled_from(["[[steps]]", "[[history]]", "[[a.b]]"])).map(
    lambda t: "\n".join([t[1]] * t[0]) + "\n"
)
deep_arrays = st.integers(1, 100_000).map(lambda n: "a = " + "[" * n + "]" * n + "\n")
deep_inline = st.integers(1, 20_000).map(lambda n: "a = " + "{b = " * n + "1" + "}" * n + "\n")
long_strings = st.tuples(
    st.integers(0, 250_000),
    st.sampled_from(['"', "'", '"""', "'''"]),
    st.booleans(),
    st.sampled_from(["x", "é", "\\n"]),
).map(lambda t: "name = " + t[1] + t[3] * (t[0] // len(t[3])) + (t[1] if t[2] else "") + "\n")
many_keys = st.integers(0, 40_000).map(lambda n: "".join(f"k{i} = {i}\n" for i in range(n)))
odd_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=300)
control_text = st.text(st.characters(max_codepoint=0x9F, categories=["Cc"]), max_size=50)
EXTREME_SCALARS = [
    "9999-12-31T23:59:59.999999999+23:59", "0001-01-01T00:00:00-23:59", "0000-01-01", "9999-12-31",
    "1e400", "-1e400", "nan", "-inf", "0x" + "f" * 2000, "1" * 5000, "-" + "9" * 100, "1_000_000",
    "2026-02-30", "24:00:00", "1979-05-27T07:32:00", "07:32:00", '"\\u001b]0;PWNED\\u0007\\u001b[2J"',
    '"\\uD800"', '"\\U0010FFFF"', '"../../../../tmp/x/ESCAPED"', '"/tmp/x"', '"' + "a" * 300 + '"',
]  # fmt: skip
extreme_values = st.sampled_from(EXTREME_SCALARS)
KEYS_OF_A_PLAN = [
    "name", "target", "created", "updated", "schema_version", "content_version",
    "profile.name", "profile.pm_training_hours", "profile.skills.scrum",
]  # fmt: skip
extreme_assignments = st.lists(
    st.tuples(st.sampled_from(KEYS_OF_A_PLAN), extreme_values).map(lambda t: f"{t[0]} = {t[1]}\n"),
    min_size=1,
    max_size=6,
).map("".join)
fragments = st.one_of(
    deep_tables, nested_headers, long_dotted, huge_arrays, many_tables, deep_arrays, deep_inline,
    long_strings, many_keys, odd_text, control_text, extreme_assignments,
)  # fmt: skip


@settings(PROFILE)
@given(text=fragments)
@example(text="[" + ".".join(["a"] * 40000) + "]\nx=1\n")  # the report's 80 KB file
@example(text="a = " + "[" * 100_000)
@example(text="name = " + "1" * 5000)  # tomllib: ValueError (int digits), once uncaught by the welcome list
@example(text="".join("[" + ".".join(["t"] * (depth + 1)) + "]\n" for depth in range(300)))
def test_hostile_shapes(worker: Worker, text: str) -> None:
    assume(len(text.encode("utf-8", "surrogatepass")) <= IMPORT_LIMIT * 4)
    assert_survives(worker, text)


@settings(PROFILE)
@given(fragment=fragments, line=st.integers(0, 200), data=st.data())
def test_a_real_plan_with_a_hostile_fragment_inserted(
    worker: Worker, fragment: str, line: int, data: Any
) -> None:
    lines = EXAMPLE_PLAN.splitlines(keepends=True)
    at = min(line, len(lines))
    text = "".join(lines[:at]) + fragment + "".join(lines[at:])
    assume(len(text.encode("utf-8", "surrogatepass")) <= IMPORT_LIMIT * 4)
    assert_survives(worker, text)


# -- valid TOML, a plan's shape, extreme values -----------------------------------------------------------
ZONES = st.sampled_from(
    [None, UTC, timezone(timedelta(hours=23, minutes=59)), timezone(-timedelta(hours=23, minutes=59))]
)
EXTREME = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(),
    st.datetimes(min_value=datetime.min, max_value=datetime.max, timezones=ZONES),  # type: ignore[arg-type]
    st.dates(min_value=date.min, max_value=date.max),
    st.times(),
    st.text(max_size=40),
    st.booleans(),
    st.sampled_from(
        ["0000-01", "9999-12", "0001-01", "2026-13", "../../etc/passwd", "/tmp/x", "\x1b]0;PWNED\x07"]
    ),
    st.lists(st.integers(-3, 3), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(-3, 3), max_size=3),
)
PLAN_DOCUMENT = tomllib.loads(EXAMPLE_PLAN)
PLACES: list[tuple[str | int, ...]] = [
    ("name",), ("target",), ("created",), ("updated",), ("schema_version",),
    ("profile", "pm_training_hours"), ("profile", "agile_training_hours"), ("profile", "name"),
    ("profile", "roles", 0, "start"), ("profile", "roles", 0, "end"), ("profile", "roles", 1, "led_from"),
    ("profile", "roles", 0, "title"), ("profile", "roles", 0, "background"),
    ("profile", "degrees", 0, "completed"), ("profile", "degrees", 0, "level"),
    ("profile", "certifications", 0, "earned"), ("profile", "certifications", 0, "id"),
    ("profile", "skills", "scrum"), ("profile", "skills", "not-a-skill"),
    ("steps", 0, "due"), ("steps", 0, "status"), ("steps", 0, "notes"), ("steps", 0, "effort_hours"),
    ("steps", 0, "ref"), ("steps", 0, "id"),
    ("history", 0, "at"), ("history", 0, "target_score"), ("history", 0, "scores", "product-manager"),
]  # fmt: skip


def with_value(document: Any, place: tuple[str | int, ...], value: Any) -> Any:
    """A deep copy of ``document`` with ``value`` at ``place``."""
    if not place:
        return value
    head, rest = place[0], place[1:]
    if isinstance(document, list) and isinstance(head, int):
        copy = list(document)
        copy[head] = with_value(copy[head], rest, value)
        return copy
    table = dict(document)
    table[head] = with_value(table.get(head, {}), rest, value)
    return table


@settings(PROFILE)
@given(changes=st.lists(st.tuples(st.sampled_from(PLACES), EXTREME), min_size=1, max_size=4))
@example(changes=[(("created",), datetime(9999, 12, 31, 23, 59, tzinfo=timezone(-timedelta(hours=23))))])
@example(
    changes=[(("profile", "roles", 0, "start"), "0001-01"), (("profile", "roles", 1, "led_from"), "9999-12")]
)
@example(changes=[(("profile", "certifications", 0, "earned"), date.max), (("steps", 0, "due"), date.min)])
@example(changes=[(("history", 0, "at"), datetime.max.replace(tzinfo=UTC))])
@example(changes=[(("name",), "\x1b]0;PWNED\x07\x1b[2J")])
def test_a_real_plan_with_extreme_values(
    worker: Worker, changes: list[tuple[tuple[str | int, ...], Any]]
) -> None:
    document = PLAN_DOCUMENT
    for place, value in changes:
        document = with_value(document, place, value)
    try:
        text = tomli_w.dumps(document)
    except (TypeError, ValueError):
        assume(False)
        return
    assert_survives(worker, text)


@settings(PROFILE)
@given(data=st.binary(max_size=3000))
@example(data=b"\xef\xbb\xbf" + b"\x00" * 100)
@example(data=b"name = '\xff\xfe'\n")
def test_random_bytes(worker: Worker, data: bytes) -> None:
    assert_survives(worker, data)


def test_every_import_sized_shape_is_survived_at_the_import_limit(worker: Worker) -> None:
    """Each hostile shape at the size a hosted import accepts (256 KiB)."""
    side = IMPORT_LIMIT // 2
    for text in (
        "[" + ".".join(["a"] * side) + "]\n",
        ".".join(["a"] * side) + " = 1\n",
        "a = " + "[" * (IMPORT_LIMIT - 8) + "\n",
        "a = [" + "1," * (side - 4) + "]\n",
        "[[steps]]\n" * (IMPORT_LIMIT // 10),
        'name = "' + "x" * (IMPORT_LIMIT - 16) + '"\n',
        "".join(f"k{i}=1\n" for i in range(IMPORT_LIMIT // 9)),
        "." * IMPORT_LIMIT,
        "," * IMPORT_LIMIT,
        time.max.isoformat() * 10,
    ):
        assert_survives(worker, text)
