"""What the headless commands share: a command group that shows its help, and a plan read with warnings."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pathfinder.safe_text import printable

if TYPE_CHECKING:
    from pathfinder.catalog.catalog import Catalog
    from pathfinder.errors import Problem
    from pathfinder.plan.store import LoadedPlan


def add_command_group(subparsers: Any, name: str, dest: str, **parser_options: Any) -> Any:
    """Add ``pathfinder NAME ACTION``: NAME alone prints its help; returns the parser to add actions to."""
    parser: argparse.ArgumentParser = subparsers.add_parser(name, **parser_options)

    def show_help(args: argparse.Namespace) -> int:
        parser.print_help()
        return 0

    parser.set_defaults(handler=show_help)
    return parser.add_subparsers(dest=dest, metavar="ACTION")


def load_plan_and_content(file: Path, content: Path | None) -> tuple[LoadedPlan, Catalog, list[Problem]]:
    """The plan file, the content, and a warning for every id in the plan the content does not know.

    Problems with the file or the content raise a ``PathfinderError`` (exit 2); unknown ids do not.
    """
    from pathfinder.catalog.loader import load_catalog
    from pathfinder.plan.references import check_references
    from pathfinder.plan.store import load_plan

    loaded = load_plan(file)
    catalog = load_catalog(content)
    return loaded, catalog, check_references(loaded.plan, catalog, source=file, text=loaded.text)


def print_warnings(problems: list[Problem]) -> None:
    """Warnings on stderr, one a line; the command still runs."""
    for problem in problems:
        print(printable(f"warning: {problem}"), file=sys.stderr)
