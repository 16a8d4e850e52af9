"""`pathfinder plan check FILE` and `pathfinder plan schema`: validate plan files, for people and editors.

``check`` exits 0 with a one-line summary (plus warnings for ids the content does not know), or 2 with
every problem on stderr. ``schema`` prints the plan file's JSON Schema for Taplo / Even Better TOML.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pathfinder.commands.common import add_command_group, load_plan_and_content, print_warnings
from pathfinder.safe_text import printable

if TYPE_CHECKING:
    from pathfinder.plan.store import LoadedPlan


def register(subparsers: Any) -> None:
    """Add ``plan check|schema`` to the ``pathfinder`` parser."""
    actions = add_command_group(
        subparsers,
        "plan",
        "plan_command",
        help="make, check or export a plan file, or print its JSON Schema",
        description="Work with plan files.",
    )
    check = actions.add_parser("check", help="validate a plan or profile-only file")
    check.add_argument("file", type=Path, metavar="FILE", help="the plan file to check")
    check.add_argument("--content", type=Path, metavar="DIR", help="content directory (default: shipped)")
    check.set_defaults(handler=run_check)
    schema = actions.add_parser("schema", help="print the plan file's JSON Schema (for editors)")
    schema.set_defaults(handler=run_schema)
    from pathfinder.commands.plan_build import add_actions

    add_actions(actions)


def summary(loaded: LoadedPlan, warnings: int = 0) -> str:
    """One line: what the file holds."""
    from pathfinder.engine.wording import plural

    plan = loaded.plan
    if loaded.kind == "profile":
        what = f"profile-only file ({plural(len(plan.profile.roles), 'role')})"
    else:
        done, total = plan.progress()
        history = plural(len(plan.history), "history point")
        what = f"plan '{plan.name}': {plural(total, 'step')} ({done} finished), {history}"
    target = f", target {plan.target}" if plan.target else ", no target"
    migrated = (
        f"; migrated from schema {loaded.migrated_from} (saving writes schema {plan.schema_version})"
        if loaded.migrated_from is not None
        else ""
    )
    unknown = f"; {plural(warnings, 'warning')} about ids the content does not know" if warnings else ""
    return f"OK {loaded.source}: {what}{target}{migrated}{unknown}"


def run_check(args: argparse.Namespace) -> int:
    """Validate the file (problems raise ``PlanFileError`` → exit 2), then warn about unknown ids."""
    loaded, _, warnings = load_plan_and_content(args.file, args.content)
    print(printable(summary(loaded, len(warnings))))
    print_warnings(warnings)
    return 0


def run_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema."""
    from pathfinder.plan.schema import plan_json_schema

    print(json.dumps(plan_json_schema(), indent=2, ensure_ascii=False))
    return 0
