"""`pathfinder import FILE`: a LinkedIn data export or a JSON Resume → a plan file for Pathfinder.

Detection is by content. The plan goes to stdout or to ``-o PLAN.toml`` (never over an existing file);
what was found, how it was mapped, what was not, and the questions the file cannot answer go to stderr
(and into the plan as comments). Bad input is a ``PathfinderError`` → exit 2, and nothing is written.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pathfinder.commands.report import parse_day
from pathfinder.errors import PathfinderError

FORMATS = ("toml", "json")


def register(subparsers: Any) -> None:
    """Add ``import`` to the ``pathfinder`` parser."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "import",
        help="make a plan from a LinkedIn data export or a JSON Resume",
        description="Read a LinkedIn data export (the ZIP or its folder) or a JSON Resume and write a plan "
        "file: roles with backgrounds, degrees, certifications, and skills as suggestions to confirm. "
        "Every mapping is explained with its score; what cannot be mapped is listed, and what the file "
        "cannot say is asked.",
    )
    parser.add_argument(
        "file", type=Path, metavar="FILE", help="a LinkedIn export (ZIP or folder) or JSON Resume"
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="PLAN.toml", help="write the plan here (new file)"
    )
    parser.add_argument("--format", choices=FORMATS, default="toml", help="output format (default: toml)")
    parser.add_argument(
        "--today", metavar="YYYY-MM-DD", help="the day that decides lapsed certifications (default: today)"
    )
    parser.add_argument("--content", type=Path, metavar="DIR", help="content directory (default: shipped)")
    parser.set_defaults(handler=run_import)


def _write_new(path: Path, text: str) -> None:
    """Write a new file atomically; an existing file is never replaced."""
    if path.exists():
        raise PathfinderError(
            f"{path} exists already; the import writes only new files. Choose another name with -o.",
            title="Not written",
        )
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise PathfinderError(
            f"{path}: cannot be written ({error.strerror or error}).", title="Not written"
        ) from None


def run_import(args: argparse.Namespace) -> int:
    from pathfinder.catalog.loader import load_catalog
    from pathfinder.importers import map_found, read_found
    from pathfinder.importers.output import plan_toml, render_json, summary_lines

    today = parse_day(args.today) if args.today else date.today()
    catalog = load_catalog(args.content)
    result = map_found(read_found(args.file), catalog, today)
    if args.format == "json":
        text = render_json(result)
    else:
        now = datetime.combine(today, datetime.now(UTC).timetz()) if args.today else datetime.now(UTC)
        text = plan_toml(result, now, catalog.meta.version)
    if args.output is None:
        print(text, end="")
        if args.format == "toml":
            print("\n".join(summary_lines(result)), file=sys.stderr)
    else:
        _write_new(args.output, text)
        print("\n".join(summary_lines(result)), file=sys.stderr)
        print(f"\nWrote {args.output}. Open it with: pathfinder {args.output}", file=sys.stderr)
    return 0
