"""The whole journey a person takes: a fresh start, every wizard step, compare, plan, save, reopen."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, OptionList, Select, Static
from tui_helpers import TODAY, AppFactory, AppPilot, session_of, settle

from pathfinder.engine import fit_path, plan_steps
from pathfinder.plan.store import load_plan
from pathfinder.tui.app import PathfinderApp
from pathfinder.tui.screens.dialogs import SaveDialog
from pathfinder.tui.screens.welcome import WelcomeScreen
from pathfinder.tui.screens.wizard import WizardScreen
from pathfinder.tui.widgets.check import Check
from pathfinder.tui.widgets.picker import Picker


def wizard(app: PathfinderApp) -> WizardScreen:
    screen = app.screen
    assert isinstance(screen, WizardScreen)
    return screen


async def fill_profile(pilot: AppPilot, app: PathfinderApp) -> None:
    """Background, education, certifications and skills, the way a user fills them in."""
    screen = wizard(app)
    assert screen.current == "background"
    screen.query_one("#role-background", Select).value = "software-engineer"
    await pilot.pause()
    assert screen.query_one("#role-title", Input).value == "Software engineer"
    screen.query_one("#role-start", Input).value = "2016-03"
    screen.query_one("#role-end", Input).value = "2021-06"
    await pilot.click("#save-record")
    await pilot.click("#new-record")
    screen.query_one("#role-background", Select).value = "teacher"
    screen.query_one("#role-start", Input).value = "2021-07"
    screen.query_one("#role-led", Check).value = True
    await pilot.pause()
    screen.query_one("#role-led-from", Input).value = "2022-01"
    await pilot.press("ctrl+n")  # a filled form is saved on Next
    assert screen.current == "education"
    assert [role.title for role in session_of(app).profile.roles] == ["Software engineer", "Teacher"]

    screen.query_one("#degree-level", Select).value = "bachelor"
    screen.query_one("#pm-hours", Input).value = "40"
    await pilot.pause()
    await pilot.press("ctrl+n")
    assert screen.current == "certifications"
    profile = session_of(app).profile
    assert profile.pm_training_hours == 40 and [d.level for d in profile.degrees] == ["bachelor"]
    eligibility = str(screen.query_one("#eligibility-text", Static).content)
    assert "PMP" in eligibility and "CAPM" in eligibility

    await pilot.press("ctrl+n")
    assert screen.current == "skills"
    await pilot.press("A")  # accept every suggestion from the backgrounds
    screen.query_one("#skill-filter", Input).value = "planning"
    await pilot.pause()
    screen.query_one("#skill-list", OptionList).focus()
    await pilot.press("4")
    assert session_of(app).profile.skills["project-planning"] == 4


async def test_fresh_start_to_saved_plan_and_back(build_app: AppFactory, plan_dir: Path) -> None:
    """A new profile goes through every step, is saved, and reopens with the same profile, steps, scores."""
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WelcomeScreen) and app.catalog is not None)
        await pilot.press("n")
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
        await fill_profile(pilot, app)
        screen = wizard(app)
        catalog = app.catalog
        assert catalog is not None

        await pilot.press("ctrl+n")
        assert screen.current == "compare"
        profile = session_of(app).profile
        expected = fit_path(profile, "project-manager", catalog, TODAY)
        numbers = screen.query_one("#numbers-right", OptionList)
        assert f"{expected.score:5.1f}" in str(numbers.get_option_at_index(0).prompt)

        await pilot.press("ctrl+n")
        assert screen.current == "plan"
        screen.query_one("#target", Picker).value = "project-manager"
        await pilot.pause()
        table = screen.query_one(DataTable)
        assert table.row_count == len(plan_steps(profile, "project-manager", catalog, TODAY)) > 0
        table.focus()
        await pilot.press("space")
        assert session_of(app).plan.steps[0].status == "doing"

        await pilot.press("ctrl+s")
        await settle(pilot, lambda: isinstance(app.screen, SaveDialog))
        assert app.screen.query_one("#save-input", Input).value == "project-manager-plan.toml"
        await pilot.press("enter")
        saved = plan_dir / "project-manager-plan.toml"
        await settle(pilot, lambda: saved.is_file())
        assert not session_of(app).dirty
        saved_plan = session_of(app).plan
        await pilot.press("ctrl+q")
        await settle(pilot, lambda: not app.is_running)

    on_disk = load_plan(saved).plan
    assert on_disk.profile == saved_plan.profile and on_disk.steps == saved_plan.steps
    assert len(on_disk.history) == 1 and on_disk.history[0].target_score == expected.score

    reopened = build_app(open_path=saved)
    async with reopened.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: getattr(reopened.screen, "current", None) == "plan")
        screen = wizard(reopened)
        session = reopened.session
        assert session is not None and session.path == saved and not session.dirty
        assert session.plan.profile == saved_plan.profile
        assert session.plan.steps == saved_plan.steps
        assert screen.query_one(DataTable).row_count == len(saved_plan.steps)
        await pilot.press("f6")
        assert screen.current == "compare"
        numbers = screen.query_one("#numbers-right", OptionList)
        assert f"{expected.score:5.1f}" in str(numbers.get_option_at_index(0).prompt)
