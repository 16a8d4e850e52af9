"""Snapshots of the plan's new views at 80×24 and 120×40: the step detail, the pace dialog and a plan
with a second target. Update with ``--snapshot-update`` on this file and look at the SVGs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, OptionList
from tui_helpers import DATA, AppFactory, settle

from pathfinder.tui.app import PathfinderApp
from pathfinder.tui.screens.plan_settings import PaceDialog, SecondTargetDialog
from pathfinder.tui.screens.step_detail import StepDetail
from pathfinder.tui.screens.wizard import WizardScreen

SAMPLE = DATA / "plans" / "sample-plan.toml"
SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
Snap = Callable[..., bool]
Before = Callable[[Pilot[Any]], Awaitable[None]]


def on_plan_then(app: PathfinderApp, keys: list[str], row: int = 0) -> Before:
    async def before(pilot: Pilot[Any]) -> None:
        await settle(pilot, lambda: getattr(app.screen, "current", None) is not None)
        screen = app.screen
        assert isinstance(screen, WizardScreen)
        screen.go("plan")
        await settle(pilot, lambda: screen.current == "plan")
        table = screen.query_one(DataTable)
        table.focus()
        table.move_cursor(row=row)
        for key in keys:
            await pilot.press(key)
        await pilot.pause()

    return before


@SIZES
def test_step_detail(snap_compare: Snap, build_app: AppFactory, size: tuple[int, int]) -> None:
    """You should see the PMP step in full over the plan: status, due date, effort (an estimate), its
    notes, and its resource with kind, hours, cost, address and source; Edit and Close buttons."""
    app = build_app(plan_dir=DATA / "plans", open_path=SAMPLE)

    async def before(pilot: Pilot[Any]) -> None:
        await on_plan_then(app, ["i"], row=2)(pilot)
        await settle(pilot, lambda: isinstance(app.screen, StepDetail))

    assert snap_compare(app, terminal_size=size, run_before=before)


@SIZES
def test_pace_dialog(snap_compare: Snap, build_app: AppFactory, size: tuple[int, int]) -> None:
    """You should see “Your pace” over the plan: hours a week (5) with OK and Cancel."""
    app = build_app(plan_dir=DATA / "plans", open_path=SAMPLE)

    async def before(pilot: Pilot[Any]) -> None:
        await on_plan_then(app, ["h"])(pilot)
        await settle(pilot, lambda: isinstance(app.screen, PaceDialog))

    assert snap_compare(app, terminal_size=size, run_before=before)


@SIZES
def test_plan_with_a_second_target(snap_compare: Snap, build_app: AppFactory, size: tuple[int, int]) -> None:
    """You should see the plan for project manager with product manager kept open: the pace line with
    both ready-by dates and what settling on either leaves behind, and the steps for both."""
    app = build_app(plan_dir=DATA / "plans", open_path=SAMPLE)

    async def before(pilot: Pilot[Any]) -> None:
        await on_plan_then(app, ["t"])(pilot)
        await settle(pilot, lambda: isinstance(app.screen, SecondTargetDialog))
        options = app.screen.query_one("#also-options", OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        options.highlighted = ids.index("product-manager")
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=before)
