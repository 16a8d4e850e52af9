"""Hostile plan files up to the import limit (256 KiB): how long each takes to be read or refused, and how
much memory that takes.

For every file of a corpus of hostile shapes (each as large as a hosted import accepts) and two large
valid plans, a forked child of a warm process (Pathfinder, the content and pydantic already loaded) runs
what every door runs on a plan file: ``load_plan`` (the limits check, the parser, the models, the error
with its lines) and, when it loads, the unknown-id check against the shipped content; then ``pathfinder
plan check FILE`` in-process, output discarded. The figures are the child's wall time for each step and
its peak resident memory above what it started with (Linux: ``/proc/self/clear_refs`` resets the peak,
``VmHWM`` reads it). Worst over ``--runs`` runs per file. Target: every file under 0.5 s and 100 MB.

Run from the repository root:

    .venv/bin/python bench/bench_hostile.py             # 3 runs per file
    .venv/bin/python bench/bench_hostile.py --runs 5 --list   # and the corpus with each file's size
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

LIMIT = 256 * 1024
EXAMPLE = (REPO / "docs" / "examples" / "alex-career-switch.toml").read_text(encoding="utf-8")


def _fill(unit: str, prefix: str = "", suffix: str = "") -> str:
    """``prefix + unit * n + suffix`` as close to the import limit as it fits."""
    room = LIMIT - len((prefix + suffix).encode())
    return prefix + unit * (room // len(unit.encode())) + suffix


def _numbered(template: str) -> str:
    """``template`` (holding ``{i}``) repeated with i = 0, 1, … as close to the import limit as it fits."""
    lines, size, index = [], 0, 0
    while True:
        line = template.format(i=index)
        if size + len(line.encode()) > LIMIT:
            return "".join(lines)
        lines.append(line)
        size, index = size + len(line.encode()), index + 1


def _big_valid_plan(points: int) -> str:
    """The example plan with ``points`` history points (one per save): a plan used for years."""
    from pathfinder.plan.models import HistoryPoint
    from pathfinder.plan.store import plan_from_toml, plan_to_toml

    plan = plan_from_toml(EXAMPLE)
    start = datetime(2020, 1, 1, tzinfo=UTC)
    scores = {"product-manager": 61.5, "project-manager": 48.0, "product-owner": 55.25, "scrum-master": 40.0}
    history = [
        HistoryPoint(at=start + timedelta(days=index), target_score=61.5, scores=scores, steps_done=index % 7)
        for index in range(points)
    ]
    return plan_to_toml(plan.model_copy(update={"history": history}))


def corpus() -> dict[str, str]:
    """Name → text; every text at most 256 KiB."""
    bad_step = '[[steps]]\nid = "BAD ID"\ntitle = ""\nkind = "nope"\nstatus = "later"\ndue = "soon"\n'
    files = {
        "the report's file: 40,000-part table name (80 KB)": "[" + ".".join(["a"] * 40000) + "]\nx=1\n",
        "table name of 130,000 parts": _fill(".a", "[a", "]\n"),
        "dotted key of 130,000 parts": _fill(".a", "a", " = 1\n"),
        "tables 1..250 deep, each declared": "".join(
            "[" + ".".join(["t"] * (depth + 1)) + "]\nk = 1\n" for depth in range(250)
        ),
        "arrays nested 262,000 deep": _fill("[", "a = "),
        "inline tables nested 52,000 deep": _fill("{b=", "a = "),
        "array of 130,000 numbers": _fill("1,", "a = [", "]\n"),
        "9,999 numbers as steps (each a problem)": "steps = [" + ",".join(["1"] * 9999) + "]\n",
        "array of tables: 26,000 [[steps]]": _fill("[[steps]]\n"),
        "1,600 invalid steps (5 problems each)": bad_step * min(1600, LIMIT // len(bad_step)),
        "one string of 262,000 characters": _fill("x", 'name = "', '"\n'),
        "unterminated multi-line string": _fill("x", 'notes = """'),
        "29,000 unknown keys": _numbered("k{i}=1\n"),
        "262,000 dots": _fill("."),
        "262,000 commas": _fill(","),
        "control characters and escapes": _numbered('k{i} = "\\u001b]0;PWNED\\u0007\\u001b[2J"\n'),
        "odd Unicode (combining marks, RTL, emoji)": _numbered('k{i} = "e\u0301\u202e\U0001f600"\n'),
        "4,000-digit numbers": _numbered("k{i} = " + "1" * 4000 + "\n"),
        "extreme dates": _numbered("d{i} = 9999-12-31T23:59:59.999999+23:59\ne{i} = 0001-01-01\n"),
        "valid plan, 400 history points": _big_valid_plan(400),
        "valid plan, 800 history points": _big_valid_plan(800),
    }
    for name, text in files.items():
        assert len(text.encode()) <= LIMIT, (name, len(text.encode()))
    return files


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _measure_in_child(path: Path) -> dict[str, float | str]:
    """Fork; in the child, time the steps and read the peak memory above the start; return the figures."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_end)
        figures: dict[str, float | str] = {}
        try:
            figures = _child_steps(path)
        except BaseException as error:  # the figures say it, the bench goes on
            figures = {"error": f"{type(error).__name__}: {error}"[:200]}
        os.write(write_end, json.dumps(figures).encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    result: dict[str, float | str] = json.loads(data) if data else {"error": "the child died"}
    return result


def _child_steps(path: Path) -> dict[str, float | str]:
    from pathfinder.catalog.loader import load_catalog
    from pathfinder.cli import main as cli
    from pathfinder.errors import PathfinderError
    from pathfinder.plan.references import check_references
    from pathfinder.plan.store import load_plan

    catalog = load_catalog()
    Path("/proc/self/clear_refs").write_text("5")  # reset the peak: what follows is what the file costs
    start_kib = _status_kib("VmRSS")
    started = time.perf_counter()
    outcome = "read"
    try:
        loaded = load_plan(path)
        check_references(loaded.plan, catalog, source=path, text=loaded.text)
    except PathfinderError as error:
        outcome = "refused: " + (error.problems[0].message if error.problems else error.message)[:60]
    read_seconds = time.perf_counter() - started
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = cli(["plan", "check", str(path)])
    check_seconds = time.perf_counter() - started
    peak_mb = (_status_kib("VmHWM") - start_kib) / 1024
    return {
        "read": read_seconds,
        "check": check_seconds,
        "peak_mb": peak_mb,
        "code": code,
        "outcome": outcome,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per file; the worst is shown")
    parser.add_argument("--list", action="store_true", help="also print each file's size and outcome")
    args = parser.parse_args()

    from pathfinder.catalog.loader import load_catalog
    from pathfinder.cli import build_parser

    load_catalog()  # warm: the children inherit the loaded modules and content
    build_parser()
    import rich.console
    import rich.panel  # noqa: F401  (what the error panel needs)

    files = corpus()
    rows = []
    with tempfile.TemporaryDirectory(prefix="pathfinder-hostile-") as folder:
        for name, text in files.items():
            path = Path(folder) / "plan.toml"
            path.write_text(text, encoding="utf-8")
            runs = [_measure_in_child(path) for _ in range(args.runs)]
            errors = [run["error"] for run in runs if "error" in run]
            if errors:
                rows.append((name, len(text.encode()), 0.0, 0.0, 0.0, f"ERROR {errors[0]}"))
                continue
            rows.append(
                (
                    name,
                    len(text.encode()),
                    max(float(run["read"]) for run in runs),
                    max(float(run["check"]) for run in runs),
                    max(float(run["peak_mb"]) for run in runs),
                    f"exit {runs[0]['code']}, {runs[0]['outcome']}",
                )
            )
    width = max(len(row[0]) for row in rows)
    print(f"{'file':<{width}}  {'KiB':>5}  {'read s':>7}  {'check s':>7}  {'peak MB':>7}")
    for name, size, read, check, peak, outcome in rows:
        print(f"{name:<{width}}  {size / 1024:5.0f}  {read:7.3f}  {check:7.3f}  {peak:7.1f}")
        if args.list:
            print(f"{'':<{width}}    {outcome}")
    worst_time = max(max(row[2], row[3]) for row in rows)
    worst_peak = max(row[4] for row in rows)
    print(
        f"\nworst time {worst_time:.3f} s (target < 0.5 s), worst peak {worst_peak:.1f} MB (target < 100 MB)"
    )


if __name__ == "__main__":
    main()
