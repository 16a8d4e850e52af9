"""`pathfinder plan new PROFILE.toml --target ID` and `pathfinder plan export PLAN.toml --format …`.

``new`` turns a profile (or an existing plan's profile) into a dated plan toward a target, optionally kept
open toward a second one (``--also``), as TOML or JSON. ``export`` writes a plan as Markdown (steps with
their resources, then the fit report), iCalendar (dated steps, eligibility days, renewal deadlines) or JSON
(docs/plan-json.md). Bad input is a ``PathfinderError`` → a clear message and exit 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pathfinder.commands.common import load_plan_and_content, print_warnings
from pathfinder.commands.report import parse_day
from pathfinder.errors import PathfinderError

if TYPE_CHECKING:
    from pathfinder.catalog.catalog import Catalog

NEW_FORMATS = ("toml", "json")
EXPORT_FORMATS = ("markdown", "ics", "json")
MAX_HOURS_PER_WEEK = 80


def add_actions(actions: Any) -> None:
    """Add ``plan new`` and ``plan export`` to the ``plan`` command group."""
    new = actions.add_parser("new", help="make a dated plan from a profile toward a target path")
    new.add_argument("file", type=Path, metavar="PROFILE", help="a profile-only file or a plan file")
    new.add_argument("--target", required=True, metavar="ID", help="the target career path id")
    new.add_argument("--also", metavar="ID", help="a second path to keep open (a hedge)")
    new.add_argument("--today", metavar="YYYY-MM-DD", help="the day the plan starts (default: today)")
    new.add_argument("--hours-per-week", type=int, metavar="N", help="study hours a week (default: 5)")
    new.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here instead of stdout")
    new.add_argument("--format", choices=NEW_FORMATS, default="toml", help="output format (default: toml)")
    new.add_argument("--content", type=Path, metavar="DIR", help="content directory (default: shipped)")
    new.set_defaults(handler=run_new)
    export = actions.add_parser("export", help="write a plan as Markdown, iCalendar (.ics) or JSON")
    export.add_argument("file", type=Path, metavar="PLAN", help="the plan file")
    export.add_argument("--format", choices=EXPORT_FORMATS, required=True, help="output format")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here instead of stdout")
    export.add_argument("--today", metavar="YYYY-MM-DD", help="the day to judge fits on (default: today)")
    export.add_argument("--content", type=Path, metavar="DIR", help="content directory (default: shipped)")
    export.set_defaults(handler=run_export)


def _path_id(value: str, option: str, catalog: Catalog) -> str:
    """A known career path id, or a ``PathfinderError`` naming the option and the ids it may be."""
    if value in catalog.paths:
        return value
    from pathfinder.catalog.validation import did_you_mean

    hint = did_you_mean(value, catalog.paths) or "known paths: " + ", ".join(catalog.paths) + "."
    raise PathfinderError(f"{option} {value!r} is not a career path id; {hint}", title="Bad argument")


def _hours(value: int | None, default: int) -> int:
    if value is None:
        return default
    if not 1 <= value <= MAX_HOURS_PER_WEEK:
        raise PathfinderError(
            f"--hours-per-week {value} is out of range; give a whole number from 1 to {MAX_HOURS_PER_WEEK}.",
            title="Bad argument",
        )
    return value


def _write(text: str | bytes, output: Path | None) -> None:
    """To ``output`` (a clear error if it cannot be written) or to stdout."""
    if output is None:
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
            sys.stdout.flush()
        else:
            sys.stdout.write(text)
        return
    try:
        if isinstance(text, bytes):
            output.write_bytes(text)
        else:
            output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise PathfinderError(
            f"Could not write {output}: {error.strerror or error}.", title="Not written"
        ) from None


def run_new(args: argparse.Namespace) -> int:
    """Build the plan and print or write it."""
    from pathfinder.engine import plan_steps
    from pathfinder.plan.models import new_plan

    today = parse_day(args.today) if args.today else date.today()
    loaded, catalog, warnings = load_plan_and_content(args.file, args.content)
    print_warnings(warnings)
    source = loaded.plan
    target = _path_id(args.target, "--target", catalog)
    also = _path_id(args.also, "--also", catalog) if args.also else None
    if also == target:
        raise PathfinderError("--also names the target itself; give a different path.", title="Bad argument")
    hours = _hours(args.hours_per_week, source.hours_per_week)
    now = datetime.combine(today, time(), UTC) if args.today else datetime.now(UTC)
    plan = new_plan(now, catalog.meta.version, source.profile).model_copy(
        update={"name": source.name, "target": target, "also": also, "hours_per_week": hours}
    )
    plan.steps = plan_steps(plan.profile, target, catalog, today, hours, also)
    if args.format == "json":
        from pathfinder.render.plan_export import hedge_lines, plan_json

        text = json.dumps(
            plan_json(plan, catalog, hedge_lines(plan, catalog)),
            indent=2,
            ensure_ascii=False,
        )
        _write(text + "\n", args.output)
    elif args.output is not None:
        from pathfinder.plan.store import save_plan

        save_plan(plan, args.output)
    else:
        from pathfinder.plan.store import plan_to_toml

        _write(plan_to_toml(plan), None)
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Load the plan and write it in the chosen format."""
    today = parse_day(args.today) if args.today else date.today()
    loaded, catalog, warnings = load_plan_and_content(args.file, args.content)
    print_warnings(warnings)
    plan = loaded.plan
    from pathfinder.render import plan_export

    if args.format == "ics":
        _write(plan_export.plan_ics(plan, catalog), args.output)
        return 0
    hedge = plan_export.hedge_lines(plan, catalog)
    if args.format == "json":
        text = json.dumps(plan_export.plan_json(plan, catalog, hedge), indent=2, ensure_ascii=False) + "\n"
    else:
        from pathfinder.engine import build_report

        report = build_report(plan.profile, catalog, today, target=plan.target)
        text = plan_export.plan_markdown(plan, catalog, report, hedge)
    _write(text, args.output)
    return 0
