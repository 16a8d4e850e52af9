"""The plan screen's pace, step detail and second target: what a person sees and what the plan keeps."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import DataTable, Input, OptionList, Static
from tui_helpers import DATA, TODAY, AppFactory, AppPilot, settle, wizard_screen

from pathfinder.tui.app import PathfinderApp
from pathfinder.tui.screens.plan_settings import PaceDialog, SecondTargetDialog
from pathfinder.tui.screens.step_detail import StepDetail
from pathfinder.tui.screens.step_dialog import StepDialog
from pathfinder.tui.screens.wizard import WizardScreen

SAMPLE = DATA / "plans" / "sample-plan.toml"


async def _on_plan(pilot: AppPilot, app: PathfinderApp) -> None:
    await settle(pilot, lambda: getattr(app.screen, "current", None) == "plan")


def _line(app: object) -> str:
    return str(app.screen.query_one("#plan-pace-line", Static).render())  # type: ignore[attr-defined]


async def test_changing_the_pace_re_dates_the_plan_at_once(build_app: AppFactory) -> None:
    """h asks for the hours a week; 10 instead of 5 halves the study time: training 23 h is due in 17
    days instead of 33, the PMP (143 h in all) in 101 days instead of 201. The done step keeps its date."""
    app = build_app(open_path=SAMPLE)
    async with app.run_test(size=(100, 30)) as pilot:
        await _on_plan(pilot, app)
        assert app.session is not None
        assert "Pace 5 h a week" in _line(app)
        done_due = app.session.plan.steps[0].due
        app.screen.query_one(DataTable).focus()
        await pilot.press("h")
        await settle(pilot, lambda: isinstance(app.screen, PaceDialog))
        app.screen.query_one("#pace-hours", Input).value = "0"
        await pilot.press("enter")
        assert isinstance(app.screen, PaceDialog), "0 hours a week is refused"
        assert "from 1 to 80" in str(app.screen.query_one("#pace-errors", Static).render())
        app.screen.query_one("#pace-hours", Input).value = "10"
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
        plan = app.session.plan
        assert plan.hours_per_week == 10 and app.session.dirty
        assert [step.due for step in plan.steps] == [done_due, TODAY + timedelta(17), TODAY + timedelta(101)]
        assert "Pace 10 h a week" in _line(app) and f"ready by {TODAY + timedelta(101)}" in _line(app)


async def test_a_moved_step_is_re_dated_in_its_new_place(build_app: AppFactory) -> None:
    """Moving the PMP above the training: the PMP's 120 h come first (168 days), the training after."""
    app = build_app(open_path=SAMPLE)
    async with app.run_test(size=(100, 30)) as pilot:
        await _on_plan(pilot, app)
        assert app.session is not None
        table = app.screen.query_one(DataTable)
        table.focus()
        table.move_cursor(row=2)
        await pilot.press("shift+up")
        steps = app.session.plan.steps
        assert [step.id for step in steps[1:]] == ["cert-pmp", "training-pm"]
        assert [step.due for step in steps[1:]] == [TODAY + timedelta(168), TODAY + timedelta(201)]


async def test_the_step_detail_shows_its_resources_and_leads_to_editing(build_app: AppFactory) -> None:
    """i opens the step in full, with each resource's title, kind, cost, address and source; enter marks
    the resource used (kept in the plan); e edits the step."""
    app = build_app(open_path=SAMPLE)
    async with app.run_test(size=(100, 30)) as pilot:
        await _on_plan(pilot, app)
        assert app.session is not None and app.catalog is not None
        table = app.screen.query_one(DataTable)
        table.focus()
        table.move_cursor(row=2)
        await pilot.press("i")
        await settle(pilot, lambda: isinstance(app.screen, StepDetail))
        text = str(app.screen.query_one("#detail-text", Static).render())
        resource = app.catalog.resources["pmbok-guide"]
        assert "Earn PMP" in str(app.screen.query_one("#detail-title", Static).render())
        assert "Effort 120 h — an estimate" in text and "Often asked for in postings." in text
        options = app.screen.query_one("#detail-resources", OptionList)
        prompt = str(options.get_option_at_index(0).prompt)
        assert resource.title in prompt and resource.url in prompt and resource.cost in prompt
        assert f"source: {resource.sources[0]}" in prompt and "✓ used" not in prompt
        await pilot.press("enter")
        assert "✓ used" in str(options.get_option_at_index(0).prompt)
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
        assert app.session.plan.steps[2].used == ["pmbok-guide"] and app.session.dirty
        await pilot.press("i")
        await settle(pilot, lambda: isinstance(app.screen, StepDetail))
        await pilot.press("e")
        await settle(pilot, lambda: isinstance(app.screen, StepDialog))
        assert app.screen.query_one("#step-title", Input).value == "Earn PMP"


async def test_a_second_target_orders_for_both_and_shows_both_dates(build_app: AppFactory) -> None:
    """t keeps a second path open: the plan is made again for both, the line shows both ready-by dates
    and the steps (and hours) that serve only one of them; choosing "None" returns to one target."""
    app = build_app(open_path=SAMPLE)
    async with app.run_test(size=(100, 30)) as pilot:
        await _on_plan(pilot, app)
        assert app.session is not None
        app.screen.query_one(DataTable).focus()
        await pilot.press("t")
        await settle(pilot, lambda: isinstance(app.screen, SecondTargetDialog))
        options = app.screen.query_one("#also-options", OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert "project-manager" not in ids and "product-manager" in ids
        options.highlighted = ids.index("product-manager")
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
        plan = app.session.plan
        assert plan.also == "product-manager" and app.session.dirty
        line = _line(app)
        assert "Ready by: Project manager " in line and "Product manager " in line
        assert "only project manager: " in line and "only product manager: " in line
        assert {"skill-project-planning", "training-pm", "cert-pmp"} <= {step.id for step in plan.steps}
        await pilot.press("t")
        await settle(pilot, lambda: isinstance(app.screen, SecondTargetDialog))
        app.screen.query_one("#also-options", OptionList).highlighted = 0
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
        assert app.session.plan.also is None and "Ready by: " not in _line(app)


async def test_the_palette_exports_a_calendar_next_to_the_plan(
    build_app: AppFactory, tmp_path: object
) -> None:
    """ "Export calendar" writes NAME.ics: one event per dated step still on the plan, with stable UIDs."""
    import icalendar

    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.catalog is not None)
        await pilot.press("n")
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
        wizard_screen(app).go("plan", check=False)
        await settle(pilot, lambda: app.screen.query("#target"))
        from pathfinder.tui.widgets.picker import Picker

        app.screen.query_one("#target", Picker).value = "project-manager"
        await pilot.pause()
        assert app.session is not None
        app.action_export_calendar()
        exported = app.plan_dir / "project-manager-plan.ics"
        events = icalendar.Calendar.from_ical(exported.read_bytes()).walk("VEVENT")
        dated = [step for step in app.session.plan.steps if step.due is not None]
        assert dated and len([e for e in events if str(e["UID"]).startswith("step-")]) == len(dated)
        assert {str(e["SUMMARY"]) for e in events} >= {f"Due: {step.title}" for step in dated}
