"""Nothing lost without a question: undo/redo, target changes that keep the user's work, removals that say
what they removed, and progress that counts done and skipped apart."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Input, OptionList, Select, Static
from tui_helpers import DATA, AppFactory, settle

from pathfinder.tui.app import PathfinderApp
from pathfinder.tui.screens.plan import StepTable
from pathfinder.tui.screens.wizard import WizardScreen
from pathfinder.tui.widgets.picker import Picker

SAMPLE = DATA / "plans" / "sample-plan.toml"


async def open_sample(pilot, app: PathfinderApp) -> WizardScreen:  # type: ignore[no-untyped-def]
    await settle(pilot, lambda: app.session is not None and isinstance(app.screen, WizardScreen))
    await settle(pilot, lambda: app.screen.query(StepTable) and app.screen.query_one(StepTable).row_count > 0)
    screen = app.screen
    assert isinstance(screen, WizardScreen)
    return screen


def sample_copy(tmp_path: Path) -> Path:
    path = tmp_path / "plans" / "sample.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(SAMPLE, path)
    return path


def statuses(app: PathfinderApp) -> dict[str, str]:
    assert app.session is not None
    return {step.id: step.status for step in app.session.plan.steps}


async def choose_target(pilot, screen: WizardScreen, target: str) -> None:  # type: ignore[no-untyped-def]
    screen.query_one("#target", Picker).value = target
    await pilot.pause()


async def test_a_target_round_trip_keeps_statuses_removals_and_order(
    build_app: AppFactory, tmp_path: Path
) -> None:
    """Mark steps, remove one, reorder; switch target and back: the plan is as it was (it used to come back
    all "todo", with the removed step back and the order lost)."""
    app = build_app(open_path=sample_copy(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_sample(pilot, app)
        table = screen.query_one(StepTable)
        table.focus()
        table.move_cursor(row=2)
        await pilot.press("space", "space", "space")  # todo → doing → done → skipped
        table.move_cursor(row=0)
        await pilot.press("x")  # remove the first step
        await pilot.press("shift+down")  # move the (new) first step down
        assert app.session is not None
        before = app.session.plan.steps
        assert "skipped" in statuses(app).values()
        await choose_target(pilot, screen, "product-manager")
        assert app.session.plan.target == "product-manager"
        await choose_target(pilot, screen, "project-manager")
        assert app.session.plan.steps == before


async def test_changing_the_target_says_what_it_set_aside(build_app: AppFactory, tmp_path: Path) -> None:
    app = build_app(open_path=sample_copy(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_sample(pilot, app)
        await choose_target(pilot, screen, "product-manager")
        messages = [str(n.message) for n in app._notifications]
        assert any("set aside" in message and "Project manager" in message for message in messages), messages


async def test_undo_and_redo_status_removal_and_target(build_app: AppFactory, tmp_path: Path) -> None:
    """ctrl+z takes back each edit in turn (status, removal, target), ctrl+y makes it again."""
    app = build_app(open_path=sample_copy(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_sample(pilot, app)
        assert app.session is not None
        original = app.session.plan
        screen.query_one(StepTable).focus()
        await pilot.press("space")
        after_status = app.session.plan
        await pilot.press("x")
        after_removal = app.session.plan
        await choose_target(pilot, screen, "product-manager")
        after_target = app.session.plan
        for expected in (after_removal, after_status, original):
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert app.session.plan == expected
        for expected in (after_status, after_removal, after_target):
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert app.session.plan == expected
        assert screen.query_one("#target", Picker).value == "product-manager"


async def test_progress_counts_done_and_skipped_apart(build_app: AppFactory, tmp_path: Path) -> None:
    """One skipped step is not "done" (it used to read "1/3 done")."""
    app = build_app(open_path=sample_copy(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_sample(pilot, app)
        assert app.session is not None
        done = sum(1 for s in app.session.plan.steps if s.status == "done")
        skipped = sum(1 for s in app.session.plan.steps if s.status == "skipped")
        total = len(app.session.plan.steps)
        progress = str(screen.query_one("#plan-progress", Static).content)
        assert f"{done} done · {skipped} skipped of {total}" in progress
        table = screen.query_one(StepTable)
        table.focus()
        row = next(i for i, s in enumerate(app.session.plan.steps) if s.status == "doing")
        table.move_cursor(row=row)
        await pilot.press("space", "space")  # doing → done → skipped
        progress = str(screen.query_one("#plan-progress", Static).content)
        assert f"{done} done · {skipped + 1} skipped of {total}" in progress


async def start_new_profile(pilot, app: PathfinderApp) -> WizardScreen:  # type: ignore[no-untyped-def]
    await settle(pilot, lambda: app.catalog is not None)
    await pilot.press("n")
    await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
    screen = app.screen
    assert isinstance(screen, WizardScreen)
    return screen


async def save_role(pilot, screen: WizardScreen, title: str, start: str) -> None:  # type: ignore[no-untyped-def]
    screen.query_one("#role-title", Input).value = title
    screen.query_one("#role-start", Input).value = start
    screen.query_one("#role-start", Input).focus()
    await pilot.press("enter")


async def test_remove_while_typing_a_new_role_removes_nothing(build_app: AppFactory) -> None:
    """ctrl+r in the form of a role not saved yet used to remove the saved role A: now nothing is removed
    and the user is told why."""
    app = build_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_new_profile(pilot, app)
        await save_role(pilot, screen, "Role A", "2018-01")
        await pilot.click("#new-record")
        screen.query_one("#role-title", Input).value = "Role B, being typed"
        screen.query_one("#role-title", Input).focus()
        await pilot.press("ctrl+r")
        assert app.session is not None
        assert [role.title for role in app.session.profile.roles] == ["Role A"]
        messages = [str(n.message) for n in app._notifications]
        assert any("not saved yet" in message for message in messages), messages


async def test_remove_in_the_list_removes_the_highlighted_role_and_undo_brings_it_back(
    build_app: AppFactory,
) -> None:
    app = build_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_new_profile(pilot, app)
        await save_role(pilot, screen, "Role A", "2018-01")
        await pilot.click("#new-record")
        await save_role(pilot, screen, "Role B", "2020-01")
        listing = screen.query_one("#records", OptionList)
        listing.focus()
        listing.highlighted = 1
        await pilot.press("ctrl+r")
        assert app.session is not None
        assert [role.title for role in app.session.profile.roles] == ["Role A"]
        assert any("Removed: Role B" in str(n.message) for n in app._notifications)
        await pilot.press("ctrl+z")
        await settle(pilot, lambda: app.screen.query("#records"))
        assert [role.title for role in app.session.profile.roles] == ["Role A", "Role B"]
        await settle(
            pilot,
            lambda: (
                "Role B" in str(app.screen.query_one("#records", OptionList).get_option_at_index(1).prompt)
            ),
        )


async def test_a_fixed_problem_clears_the_warning_in_the_bar(build_app: AppFactory) -> None:
    """ "⚠ Fix this first" goes once the role is saved (it used to stay after a successful save)."""
    app = build_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_new_profile(pilot, app)
        screen.query_one("#role-title", Input).value = "Analyst"
        screen.query_one("#role-start", Input).value = "2020-13"
        await pilot.press("ctrl+n")
        assert "Fix this first" in str(screen.query_one("#wizard-status", Static).content)
        await save_role(pilot, screen, "Analyst", "2020-02")
        assert "Fix this first" not in str(screen.query_one("#wizard-status", Static).content)


async def test_undo_of_a_background_pick_restores_the_form_list(build_app: AppFactory) -> None:
    """Undo works on the profile too: a saved role disappears from the list again."""
    app = build_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_new_profile(pilot, app)
        screen.query_one("#role-background", Select).value = "teacher"
        await save_role(pilot, screen, "Teacher", "2015-09")
        assert app.session is not None and len(app.session.profile.roles) == 1
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.session.profile.roles == []
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert [role.title for role in app.session.profile.roles] == ["Teacher"]
