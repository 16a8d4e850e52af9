"""`pathfinder posting FILE|-`: which path a job posting describes, what it asks for, and your gap to it.

Reads the posting (a file, or stdin with ``-``), X-rays it against the content alone, and prints text,
Markdown or JSON. With ``--profile PLAN.toml`` it adds the gaps and the plan steps that close them.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from pathfinder.commands.report import parse_day
from pathfinder.errors import PathfinderError

FORMATS = ("text", "json", "markdown")
MAX_READ = 1024 * 1024
"""Read at most this much of the input (the X-ray itself reads the first 64,000 characters)."""


def register(subparsers: Any) -> None:
    """Add ``posting`` to the ``pathfinder`` parser."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "posting",
        help="X-ray a job posting: which path it really describes and what it asks for",
        description="Read a job posting and say which of the six paths it describes (whatever its title "
        "says), quoting the lines that made the case; the skills, certifications, years and degree it asks "
        "for; and, with --profile, your gap to it and the plan steps that would close it.",
    )
    parser.add_argument("file", metavar="FILE", help="the posting as text, or - to read it from stdin")
    parser.add_argument("--profile", type=Path, metavar="PLAN.toml", help="a plan or profile file to compare")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument(
        "--today", metavar="YYYY-MM-DD", help="the day to date plan steps from (default: today)"
    )
    parser.add_argument("--content", type=Path, metavar="DIR", help="content directory (default: shipped)")
    parser.set_defaults(handler=run_posting)


def read_posting(name: str) -> str:
    """The posting's text from a file or stdin, bounded; bad input is a ``PathfinderError``."""
    try:
        if name == "-":
            data = sys.stdin.buffer.read(MAX_READ + 1)
        else:
            with Path(name).open("rb") as handle:
                data = handle.read(MAX_READ + 1)
    except OSError as error:
        raise PathfinderError(
            f"{name}: cannot be read ({error.strerror or error}).", title="Cannot read posting"
        ) from None
    if len(data) > MAX_READ:
        raise PathfinderError(
            f"{name} is larger than 1 MiB; a job posting is a few KiB.", title="Cannot read posting"
        )
    text = data.decode("utf-8-sig", errors="replace")
    if not text.strip():
        raise PathfinderError(
            f"{name} is empty: paste or save the posting's text first.", title="Cannot read posting"
        )
    return text


def run_posting(args: argparse.Namespace) -> int:
    from pathfinder.catalog.loader import load_catalog
    from pathfinder.engine.posting import xray_posting
    from pathfinder.engine.posting_gaps import posting_gaps
    from pathfinder.render.posting import posting_lines, render_posting_json

    today = parse_day(args.today) if args.today else date.today()
    text = read_posting(args.file)
    gaps = None
    if args.profile is not None:
        from pathfinder.commands.common import load_plan_and_content, print_warnings

        loaded, catalog, warnings = load_plan_and_content(args.profile, args.content)
        print_warnings(warnings)
    else:
        catalog = load_catalog(args.content)
    xray = xray_posting(text, catalog)
    if args.profile is not None:
        gaps = posting_gaps(xray, loaded.plan.profile, catalog, today)
    if args.format == "json":
        print(render_posting_json(xray, gaps), end="")
    else:
        print("\n".join(posting_lines(xray, gaps, markdown=args.format == "markdown")))
    return 0
