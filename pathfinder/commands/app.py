"""``pathfinder [PLAN.toml]``: launch the full-screen app (optionally straight into a plan)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from pathfinder.errors import PlanFileError


def parse_app_args(argv: Sequence[str]) -> Path | None:
    """The optional plan file argument; a missing file is a clear error, not a traceback."""
    if not argv:
        return None  # the common case needs no argument parser (argparse and gettext cost start-up time)
    parser = argparse.ArgumentParser(prog="pathfinder", description="Open the Pathfinder app.")
    parser.add_argument("plan", nargs="?", type=Path, help="a plan file (TOML) to open")
    args = parser.parse_args(list(argv))
    plan: Path | None = args.plan
    if plan is not None and not plan.is_file():
        raise PlanFileError(f"No such plan file: {plan}", title="Cannot open plan")
    return plan.resolve() if plan is not None else None


def run_app(argv: Sequence[str]) -> int:
    """Run the app with the user's plan and data directories; returns the exit code."""
    import os

    from pathfinder.collector import pause_for_startup

    resume_collector = pause_for_startup()  # on again (and start-up's objects frozen) after the first frame
    # Pathfinder uses no pydantic plugins; skipping their discovery saves ~50 ms when a plan opens.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from pathfinder.locations import config_dir, data_dir, plan_dir, state_dir
    from pathfinder.tui import make_app

    open_path = parse_app_args(argv)
    app = make_app(
        plan_dir=plan_dir(),
        data_dir=data_dir(),
        open_path=open_path,
        state_dir=state_dir(),
        config_dir=config_dir(),
    )
    app.when_started(resume_collector)
    try:
        result = app.run()
    finally:
        resume_collector()
    return app.return_code or int(result or 0)  # 70 after an unexpected error
