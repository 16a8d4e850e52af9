"""`pathfinder report FILE`: compare a plan's (or a profile-only file's) profile against every path.

Prints the ranked paths with their breakdowns, the certifications and the sources, as Rich text,
Markdown or JSON. Bad input (missing file, bad date, broken content) is a ``PathfinderError`` → exit 2.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from pathfinder.commands.common import load_plan_and_content, print_warnings
from pathfinder.errors import PathfinderError

FORMATS = ("text", "json", "markdown")
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2200, 12, 31)
"""The days ``--today`` may name: dates are computed years ahead of it, and year 9999 is the last one."""


def parse_day(value: str) -> date:
    """``YYYY-MM-DD`` → date, or a ``PathfinderError`` saying what a date looks like."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise PathfinderError(
            f"--today {value!r} is not a date; write it as YYYY-MM-DD (for example 2026-11-25).",
            title="Bad argument",
        ) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise PathfinderError(
            f"--today {value} is out of range: give a day from {FIRST_DAY.year} to {LAST_DAY.year} "
            "(eligibility is judged years ahead of it).",
            title="Bad argument",
        )
    return day


def register(subparsers: Any) -> None:
    """Add ``report`` to the ``pathfinder`` parser."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "report",
        help="compare a plan or profile file against every career path",
        description="Compare the profile in a plan (or profile-only) TOML file against every career path: "
        "ranked fits with their breakdowns, certification eligibility, and the sources behind the figures.",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="a plan or profile-only TOML file")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument(
        "--today", metavar="YYYY-MM-DD", help="the day to judge eligibility on (default: today)"
    )
    parser.add_argument("--content", type=Path, metavar="DIR", help="content directory (default: shipped)")
    parser.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    """Load the file and the content, build the report and print it in the chosen format."""
    from pathfinder.engine import build_report

    today = parse_day(args.today) if args.today else date.today()
    loaded, catalog, warnings = load_plan_and_content(args.file, args.content)
    print_warnings(warnings)
    plan = loaded.plan
    report = build_report(plan.profile, catalog, today, target=plan.target)
    if args.format == "json":
        from pathfinder.render import render_json

        print(render_json(report, catalog), end="")
    elif args.format == "markdown":
        from pathfinder.render import render_markdown

        print(render_markdown(report, catalog), end="")
    else:
        from rich.console import Console

        from pathfinder.render import render_text

        render_text(report, catalog, Console(highlight=False))
    return 0
