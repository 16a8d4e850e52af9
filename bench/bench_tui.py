"""Pathfinder in a real terminal against bare Textual apps: first paint, opening a plan, keystrokes, memory.

Every round runs every case once, in shuffled order, in one private tmux server (120x40 by default);
the table shows medians, p90s and the ratio to the reference measured in the same run. Run:

    env -u PYTHONDONTWRITEBYTECODE .venv/bin/python bench/bench_tui.py            # 15 rounds
    .venv/bin/python bench/bench_tui.py --quick                                    # 5 rounds, a smoke test

See docs/benchmarks.md for what each case means.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tui_support import (
    BenchError,
    Pane,
    TmuxControl,
    compile_bytecode,
    cpu_seconds,
    isolated_env,
    percentile,
    rss_mib,
)

REPO = Path(__file__).resolve().parent.parent
APPS = Path(__file__).resolve().parent / "apps"
HELLO_MARKER = "Hello from a bare Textual app"
INPUT_PLACEHOLDER = "type here (bare Textual Input)"
WELCOME_MARKER = "What would you like to do?"
SKILLS_PLACEHOLDER = "type to filter skills"
FILTER_TEXT = "risk"
"""Typed one key at a time into each Input (four keystroke samples per round and app)."""
MEMORY_DELAY_SECONDS = 1.5
INPUT_BORDER = " ▊▎▌▐│┃▏▕|▔▁"


@dataclass
class Results:
    """Samples by measure name (seconds, or MiB for memory)."""

    samples: dict[str, list[float]] = field(default_factory=dict)

    def add(self, name: str, value: float) -> None:
        self.samples.setdefault(name, []).append(value)

    def median(self, name: str) -> float:
        return statistics.median(self.samples[name]) if self.samples.get(name) else float("nan")


# ----- fixtures --------------------------------------------------------------------------------------


EXAMPLE_PLAN = REPO / "docs" / "examples" / "alex-career-switch.toml"


def make_plan_file(directory: Path) -> Path:
    """The example plan copied into the throwaway HOME (so the repository's copy is never touched).

    Without the example, a realistic plan is built: two roles, a degree, 20 rated skills, the engine's steps.
    """
    if EXAMPLE_PLAN.is_file():
        copy = directory / EXAMPLE_PLAN.name
        copy.write_bytes(EXAMPLE_PLAN.read_bytes())
        return copy
    from pathfinder.catalog.loader import load_catalog
    from pathfinder.engine import plan_steps
    from pathfinder.plan.models import new_plan
    from pathfinder.profile import Degree, Profile, Role

    catalog = load_catalog()
    today = date(2026, 11, 25)
    skills = {skill_id: (index % 4) + 1 for index, skill_id in enumerate(list(catalog.skills)[:40:2])}
    profile = Profile(
        name="Bench",
        roles=[
            Role(title="Software engineer", background="software-engineer", start="2016-09", end="2021-03"),
            Role(title="Team lead", background="team-lead", start="2021-04", led_projects=True),
        ],
        degrees=[Degree(level="bachelor", field="computer-science", completed="2016-06")],
        skills=skills,
    )
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    plan = new_plan(now, catalog.meta.version, profile).model_copy(
        update={"target": "product-manager", "steps": plan_steps(profile, "product-manager", catalog, today)}
    )
    path = directory / "bench-plan.toml"
    try:
        from pathfinder.plan.store import save_plan
    except ImportError:  # the store has not landed: write what it would write
        import tomli_w

        path.write_text(tomli_w.dumps(plan.model_dump(mode="json", exclude_none=True)))
    else:
        save_plan(plan, path)
    return path


def shows(text: str) -> Callable[[list[str]], bool]:
    return lambda lines: any(text in line for line in lines)


def plan_painted(lines: list[str]) -> bool:
    """The plan pane with its progress bar and step table is on screen."""
    screen = "\n".join(lines)
    return " skipped of " in screen and "Status" in screen and "Step" in screen


def input_row(lines: list[str], placeholder: str) -> int:
    for index, line in enumerate(lines):
        if placeholder in line:
            return index
    raise BenchError(f"no input showing {placeholder!r}")


def row_shows(row: int, typed: str) -> Callable[[list[str]], bool]:
    """The Input's row holds exactly ``typed`` (borders and cursor cell stripped)."""
    return lambda lines: len(lines) > row and lines[row].strip(INPUT_BORDER) == typed


# ----- cases -----------------------------------------------------------------------------------------


class Bench:
    """The cases of one run, sharing a tmux server, an isolated HOME and a plan file."""

    def __init__(self, tmux: TmuxControl, home: Path, plan_file: Path, results: Results) -> None:
        self.tmux, self.home, self.plan_file, self.results = tmux, home, plan_file, results
        bin_dir = Path(sys.executable).parent
        self.python = str(bin_dir / "python")
        self.pathfinder = str(bin_dir / "pathfinder")

    def start(
        self, argv: list[str], found: Callable[[list[str]], bool], what: str, cpu_name: str | None = None
    ) -> tuple[Pane, float]:
        """Launch and wait for the marker; with ``cpu_name``, also record the CPU time used until then."""
        pane, started = self.tmux.launch(argv, cwd=self.home)
        try:
            elapsed = self.tmux.wait_for(pane, found, started, what)
            if cpu_name is not None:
                self.results.add(cpu_name, cpu_seconds(pane.pid))
            return pane, elapsed
        except BaseException:
            self.tmux.close_pane(pane)
            raise

    def paint_and_memory(self, name: str, argv: list[str], marker: str) -> None:
        pane, painted = self.start(argv, shows(marker), f"{name}: {marker!r}", cpu_name=f"cpu:{name}")
        try:
            self.results.add(f"paint:{name}", painted)
            time.sleep(MEMORY_DELAY_SECONDS)
            self.results.add(f"rss:{name}", rss_mib(pane.pid))
        finally:
            self.tmux.close_pane(pane)

    def case_hello(self) -> None:
        self.paint_and_memory("hello", [self.python, str(APPS / "hello.py")], HELLO_MARKER)

    def case_welcome(self) -> None:
        self.paint_and_memory("welcome", [self.pathfinder], WELCOME_MARKER)

    def case_open_plan(self) -> None:
        argv = [self.pathfinder, str(self.plan_file)]
        pane, painted = self.start(argv, plan_painted, "the plan screen", cpu_name="cpu:open")
        self.tmux.close_pane(pane)
        self.results.add("open:plan", painted)

    def type_and_time(self, name: str, pane: Pane, placeholder: str) -> None:
        """Type FILTER_TEXT one key at a time, timing each key until the Input shows it."""
        self.tmux.settle(pane)  # start-up work (content loading, first layout, focus) is over
        row = input_row(self.tmux.screen(pane), placeholder)
        samples = []
        for length in range(1, len(FILTER_TEXT) + 1):
            typed = FILTER_TEXT[:length]
            sent = self.tmux.send_literal(pane, typed[-1])
            what = f"{typed!r} in the {name} input"
            samples.append(self.tmux.wait_for(pane, row_shows(row, typed), sent, what))
            time.sleep(0.05)  # let the app finish the work that follows the echo (filtering, layout)
        for sample in samples:  # all or nothing, so a retried round does not count twice
            self.results.add(f"key:{name}", sample)

    def retried(self, case: Callable[[], None]) -> None:
        """Run a keystroke case; if a key goes astray (a focus race in driving the app), try once more."""
        try:
            case()
        except BenchError as error:
            print(f"bench_tui: retrying after: {str(error).splitlines()[0]}", file=sys.stderr)
            case()

    def _input_keys(self) -> None:
        pane, _ = self.start([self.python, str(APPS / "input_app.py")], shows(INPUT_PLACEHOLDER), "input app")
        try:
            self.type_and_time("input", pane, INPUT_PLACEHOLDER)
        finally:
            self.tmux.close_pane(pane)

    def _skills_keys(self) -> None:
        pane, _ = self.start([self.pathfinder, str(self.plan_file)], plan_painted, "the plan screen")
        try:
            self.tmux.settle(pane)
            self.tmux.send_key(pane, "F5")
            self.tmux.wait_for(pane, shows("skills rated above 0"), time.perf_counter(), "the skills step")
            self.tmux.settle(pane)
            self.tmux.send_literal(pane, "/")  # focus the filter
            self.type_and_time("skills", pane, SKILLS_PLACEHOLDER)
        finally:
            self.tmux.close_pane(pane)

    def case_input_keys(self) -> None:
        self.retried(self._input_keys)

    def case_skills_keys(self) -> None:
        self.retried(self._skills_keys)


# ----- report ----------------------------------------------------------------------------------------

CASES = ("hello", "welcome", "open_plan", "input_keys", "skills_keys")
ROWS = (
    # label, measure, reference measure, target ratio, unit
    ("first paint: hello (reference)", "paint:hello", None, None, "ms"),
    ("first paint: pathfinder welcome", "paint:welcome", "paint:hello", 1.2, "ms"),
    ("open plan → plan screen painted", "open:plan", "paint:hello", 1.6, "ms"),
    ("keystroke → screen: bare Input (reference)", "key:input", None, None, "ms"),
    ("keystroke → screen: skills filter", "key:skills", "key:input", 1.5, "ms"),
    ("CPU used until first paint: hello (reference)", "cpu:hello", None, None, "ms"),
    ("CPU used until first paint: welcome", "cpu:welcome", "cpu:hello", 1.2, "ms"),
    ("CPU used until the plan is painted", "cpu:open", "cpu:hello", 1.6, "ms"),
    ("RSS 1.5 s after paint: hello (reference)", "rss:hello", None, None, "MiB"),
    ("RSS 1.5 s after paint: pathfinder welcome", "rss:welcome", "rss:hello", 1.4, "MiB"),
)


def report(results: Results, rounds: int, columns: int, lines: int) -> bool:
    """Print the table (Markdown, so it pastes into docs/benchmarks.md); True if every target is met."""
    print(f"\n{rounds} rounds, tmux {columns}x{lines}, {time.strftime('%Y-%m-%d %H:%M %Z')}, Python "
          f"{sys.version.split()[0]}\n")  # fmt: skip
    print("| case | median | p90 | n | ratio vs reference | target | result |")
    print("|---|---:|---:|---:|---:|---:|---|")
    all_met = True
    for label, measure, reference, target, unit in ROWS:
        values = results.samples.get(measure, [])
        if not values:
            print(f"| {label} | – | – | 0 | – | – | not measured |")
            all_met = False
            continue
        scale = 1000.0 if unit == "ms" else 1.0
        median, p90 = statistics.median(values) * scale, percentile(values, 0.9) * scale
        ratio_text, target_text, verdict = "–", "–", "reference"
        if reference is not None and results.samples.get(reference):
            ratio = results.median(measure) / results.median(reference)
            met = ratio <= (target or float("inf"))
            all_met &= met
            ratio_text, target_text, verdict = f"{ratio:.2f}×", f"≤ {target}×", "pass" if met else "FAIL"
        print(f"| {label} | {median:.1f} {unit} | {p90:.1f} {unit} | {len(values)} | {ratio_text} "
              f"| {target_text} | {verdict} |")  # fmt: skip
    return all_met


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=15, help="measured rounds (default 15)")
    parser.add_argument("--quick", action="store_true", help="5 rounds: a quick check, not for the record")
    parser.add_argument("--size", default="120x40", help="terminal size COLUMNSxLINES (default 120x40)")
    parser.add_argument("--seed", type=int, default=None, help="seed for the case order")
    parser.add_argument(
        "--cases", default=",".join(CASES), help=f"comma-separated subset of {','.join(CASES)}"
    )
    args = parser.parse_args()
    rounds = 5 if args.quick else args.rounds
    columns, lines = (int(part) for part in args.size.split("x"))
    shuffler = random.Random(args.seed)
    compile_bytecode([REPO / "pathfinder", APPS, Path(sys.executable).parent.parent / "lib"])
    results = Results()
    with tempfile.TemporaryDirectory(prefix="pf-bench-") as home_text:
        home = Path(home_text)
        plan_file = (
            make_plan_file(home) if {"open_plan", "skills_keys"} & set(args.cases.split(",")) else home
        )
        tmux = TmuxControl(isolated_env(home, columns=columns, lines=lines), columns=columns, lines=lines)
        try:
            bench = Bench(tmux, home, plan_file, results)
            cases = [getattr(bench, f"case_{name}") for name in args.cases.split(",")]
            for round_number in range(rounds + 1):  # round 0 warms caches and is thrown away
                shuffler.shuffle(cases)
                for case in cases:
                    case()
                if round_number == 0:
                    results.samples.clear()
                print(f"round {round_number}/{rounds} done", file=sys.stderr, flush=True)
        except BenchError as error:
            print(f"bench_tui: {error}", file=sys.stderr)
            return 2
        finally:
            tmux.close()
    return 0 if report(results, rounds, columns, lines) else 1


if __name__ == "__main__":
    sys.exit(main())
