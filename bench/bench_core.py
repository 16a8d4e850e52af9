"""Pathfinder's headless core: content loading, a full report, rendering, the plan store and the CLI.

Measures (median of N runs, plus min and max):
- catalog load, cold: a fresh Python process imports the loader and loads the shipped content (the
  in-process time from before the import to the loaded catalog; interpreter start-up excluded);
- catalog load, uncached: ``load_catalog`` again in a warm process, with the loader's cache cleared
  (parse + validate + cross-check of every content file);
- catalog load, warm: ``load_catalog`` when the cache is valid (what the app pays on each call);
- build_report: every path and every certification for the example plan's profile;
- render text / markdown / json: the report in each format (text through Rich at 100 columns);
- plan load / plan_to_toml / save_plan: the example plan (save includes fsync and the .bak copy);
- CLI: the wall time of ``pathfinder report FILE --format json`` in a fresh process (start-up included).

Run from the repository root:

    .venv/bin/python bench/bench_core.py            # 30 in-process runs, 10 fresh processes
    .venv/bin/python bench/bench_core.py --runs 100 --cold-runs 20
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "docs" / "examples" / "alex-career-switch.toml"
TODAY = date(2026, 11, 25)
COLD_LOAD = (
    "import time\n"
    "start = time.perf_counter()\n"
    "from pathfinder.catalog.loader import load_catalog\n"
    "load_catalog()\n"
    "print(time.perf_counter() - start)\n"
)

Row = tuple[str, int, float, float, float]


def timed(function: Callable[[], object], runs: int) -> list[float]:
    """Seconds per call, ``runs`` times (after one untimed warm-up call)."""
    function()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return samples


def row(name: str, samples: list[float]) -> Row:
    return (name, len(samples), statistics.median(samples), min(samples), max(samples))


def cold_samples(runs: int) -> tuple[list[float], list[float]]:
    """(in-process cold catalog load, CLI wall time) over ``runs`` fresh processes each."""
    loads, cli = [], []
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-c", COLD_LOAD], capture_output=True, text=True, check=True, cwd=REPO
        )
        loads.append(float(result.stdout.strip()))
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pathfinder",
                "report",
                str(EXAMPLE),
                "--format",
                "json",
                "--today",
                "2026-11-25",
            ],
            capture_output=True,
            check=True,
            cwd=REPO,
        )
        cli.append(time.perf_counter() - start)
    return loads, cli


def warm_rows(runs: int) -> list[Row]:
    from rich.console import Console

    from pathfinder.catalog import loader
    from pathfinder.engine import build_report
    from pathfinder.plan.store import load_plan, plan_to_toml, save_plan
    from pathfinder.render import render_json, render_markdown, render_text

    catalog = loader.load_catalog()
    plan = load_plan(EXAMPLE).plan
    report = build_report(plan.profile, catalog, TODAY, target=plan.target)

    def uncached() -> None:
        loader._CACHE.clear()
        loader.load_catalog()

    def text() -> None:
        render_text(report, catalog, Console(file=io.StringIO(), width=100, highlight=False))

    rows = [
        row("catalog load, uncached (warm process)", timed(uncached, runs)),
        row("catalog load, warm (cache hit)", timed(loader.load_catalog, runs)),
        row(
            "build_report (6 paths, 14 certifications)",
            timed(lambda: build_report(plan.profile, catalog, TODAY, plan.target), runs),
        ),
        row("render text (Rich, 100 columns)", timed(text, runs)),
        row("render markdown", timed(lambda: render_markdown(report, catalog), runs)),
        row("render json", timed(lambda: render_json(report, catalog), runs)),
        row("plan load (example plan)", timed(lambda: load_plan(EXAMPLE), runs)),
        row("plan_to_toml", timed(lambda: plan_to_toml(plan), runs)),
    ]
    with tempfile.TemporaryDirectory() as directory:
        target = Path(directory) / "plan.toml"
        stamped = plan.model_copy(update={"updated": datetime(2026, 11, 25, tzinfo=UTC)})
        rows.append(row("save_plan (atomic, fsync, .bak)", timed(lambda: save_plan(stamped, target), runs)))
    return rows


def print_table(rows: list[Row]) -> None:
    width = max(len(name) for name, *_ in rows)
    print(f"{'measure':<{width}}  {'runs':>4}  {'median':>10}  {'min':>10}  {'max':>10}")
    print(f"{'-' * width}  {'-' * 4}  {'-' * 10}  {'-' * 10}  {'-' * 10}")
    for name, runs, median, low, high in rows:
        print(f"{name:<{width}}  {runs:>4}  {ms(median)}  {ms(low)}  {ms(high)}")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:>7.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=30, help="in-process runs per measure (default 30)")
    parser.add_argument(
        "--cold-runs", type=int, default=10, help="fresh processes per cold measure (default 10)"
    )
    args = parser.parse_args()
    loads, cli = cold_samples(args.cold_runs)
    rows = [row("catalog load, cold (fresh process, imports included)", loads)]
    rows += warm_rows(args.runs)
    rows.append(row("CLI: pathfinder report --format json (wall, fresh process)", cli))
    print(f"Pathfinder core benchmark · Python {sys.version.split()[0]} · {sys.platform}")
    print_table(rows)


if __name__ == "__main__":
    main()
