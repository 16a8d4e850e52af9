"""Pathfinder's hand-rolled widgets against Textual's own, in the same run: the CPU a fresh process
spends until its first frame (imports included) with one of them on screen, and a bare screen.

Each sample is a fresh interpreter running a tiny app headlessly (120×40) that shows one widget the way
Pathfinder's screens use it; pairs are interleaved in a shuffled order per round and compared by their
medians. Run (from the repository root):

    env -u PYTHONDONTWRITEBYTECODE .venv/bin/python bench/bench_widgets.py            # 15 rounds
    .venv/bin/python bench/bench_widgets.py --rounds 5                                 # a quick look

See docs/benchmarks.md ("Hand-rolled widgets against Textual's own").
"""

from __future__ import annotations

import argparse
import compileall
import random
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

APP = """
import time
started = time.process_time()
import asyncio
from textual.app import App
from textual.binding import Binding
{imports}

class Probe(App[None]):
    BINDINGS = [Binding(key, key, label) for key, label in (
        ("f1", "Help"), ("ctrl+s", "Save"), ("ctrl+o", "Open"), ("ctrl+q", "Quit"),
        ("ctrl+n", "Next"), ("ctrl+b", "Back"), ("ctrl+g", "Home"), ("slash", "Filter"))]

    def compose(self):
{compose}

async def first_frame(pilot):
    await pilot.pause()
    print(time.process_time() - started)
    pilot.app.exit()

asyncio.run(Probe().run_async(headless=True, size=(120, 40), auto_pilot=first_frame))
"""

STEPS = "[('background', 'Background'), ('education', 'Education'), ('certifications', 'Certifications'), " \
        "('skills', 'Skills'), ('compare', 'Compare'), ('plan', 'Plan')]"  # fmt: skip
PATHS = "[('Product manager', 'pm'), ('Project manager', 'prj'), ('Product owner', 'po'), " \
        "('Program manager', 'pgm'), ('Scrum master', 'sm'), ('Technical PM', 'tpm')]"  # fmt: skip
ACTIONS = ("add", "edit", "remove", "up", "down")

CASES: dict[str, tuple[str, str]] = {
    "bare screen": ("", "        yield from ()"),
    "Footer (Pathfinder)": (
        "from pathfinder.tui.widgets.footer import Footer",
        "        yield Footer()",
    ),
    "Footer (Textual)": ("from textual.widgets import Footer", "        yield Footer()"),
    "TitleBar (Pathfinder)": (
        "from pathfinder.tui.widgets.title_bar import TitleBar",
        "        yield TitleBar()",
    ),
    "Header (Textual)": ("from textual.widgets import Header", "        yield Header()"),
    "StepBar (Pathfinder)": (
        "from pathfinder.tui.widgets.steps import StepBar",
        f"        yield StepBar({STEPS}, 'skills')",
    ),
    "Tabs (Textual)": (
        "from textual.widgets import Tab, Tabs",
        f"        yield Tabs(*[Tab(label, id=step) for step, label in {STEPS}], active='skills')",
    ),
    "ActionBar (Pathfinder)": (
        "from pathfinder.tui.widgets.actions import Action, ActionBar",
        f"        yield ActionBar([Action(name, name.title()) for name in {ACTIONS!r}])",
    ),
    "Buttons (Textual)": (
        "from textual.containers import Horizontal\nfrom textual.widgets import Button",
        "        with Horizontal():\n"
        f"            for name in {ACTIONS!r}:\n"
        "                yield Button(name.title(), id=name, compact=True)",
    ),
    "Picker (Pathfinder)": (
        "from pathfinder.tui.widgets.picker import Picker",
        f"        yield Picker({PATHS}, prompt='choose your target path…')",
    ),
    "Select (Textual)": (
        "from textual.widgets import Select",
        f"        yield Select({PATHS}, prompt='choose your target path…', compact=True)",
    ),
}
PAIRS = (
    ("Footer (Pathfinder)", "Footer (Textual)"),
    ("TitleBar (Pathfinder)", "Header (Textual)"),
    ("StepBar (Pathfinder)", "Tabs (Textual)"),
    ("ActionBar (Pathfinder)", "Buttons (Textual)"),
    ("Picker (Pathfinder)", "Select (Textual)"),
)


def sample(name: str) -> float:
    imports, compose = CASES[name]
    code = APP.format(imports=imports, compose=compose)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO, timeout=60
    )
    return float(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    compileall.compile_dir(REPO / "pathfinder", quiet=1)
    shuffler = random.Random(args.seed)
    samples: dict[str, list[float]] = {name: [] for name in CASES}
    names = list(CASES)
    for round_number in range(args.rounds + 1):  # round 0 warms the page cache and is thrown away
        shuffler.shuffle(names)
        for name in names:
            value = sample(name)
            if round_number:
                samples[name].append(value)
        print(f"round {round_number}/{args.rounds} done", file=sys.stderr, flush=True)
    bare = statistics.median(samples["bare screen"])
    print(f"\n{args.rounds} rounds, CPU until the first frame (headless, 120×40), medians\n")
    print("| widget | CPU to first frame | over a bare screen | Textual's own | over a bare screen "
          "| ours / theirs |")  # fmt: skip
    print("|---|---:|---:|---|---:|---:|")
    for ours, theirs in PAIRS:
        mine, other = statistics.median(samples[ours]), statistics.median(samples[theirs])
        print(f"| {ours} | {mine * 1000:.1f} ms | {(mine - bare) * 1000:+.1f} ms | {theirs} | "
              f"{(other - bare) * 1000:+.1f} ms | {mine / other:.2f}× |")  # fmt: skip
    print(f"| bare screen | {bare * 1000:.1f} ms | – | | | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
