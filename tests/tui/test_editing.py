"""Editing a plan and moving around: steps, compare columns, export, the palette and the help keys."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import DataTable, Input, OptionList, Select
from tui_helpers import DATA, AppFactory, current_step, settle, wizard_screen

from pathfinder.tui.screens.help import HelpScreen
from pathfinder.tui.screens.step_dialog import StepDialog
from pathfinder.tui.screens.wizard import WizardScreen
from pathfinder.tui.widgets.picker import Picker

SAMPLE = DATA / "plans" / "sample-plan.toml"


async def test_custom_steps_can_be_added_moved_and_removed(build_app: AppFactory) -> None:
    """a adds a step through the dialog; shift+up moves it; x removes it; progress follows."""
    app = build_app(open_path=SAMPLE)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: getattr(app.screen, "current", None) == "plan")
        assert app.session is not None
        before = [step.id for step in app.session.plan.steps]
        table = app.screen.query_one(DataTable)
        table.focus()
        await pilot.press("a")
        await settle(pilot, lambda: isinstance(app.screen, StepDialog))
        app.screen.query_one("#step-title", Input).value = "Shadow a project manager"
        app.screen.query_one("#step-due", Input).value = "2027-13-01"
        app.screen.query_one("#step-title", Input).focus()
        await pilot.press("enter")
        assert isinstance(app.screen, StepDialog), "a bad due date keeps the dialog open"
        app.screen.query_one("#step-due", Input).value = "2027-01-15"
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
        steps = app.session.plan.steps
        assert steps[-1].id == "custom-shadow-a-project-manager" and steps[-1].kind == "custom"
        assert str(steps[-1].due) == "2027-01-15" and app.session.dirty
        await pilot.press("shift+up")
        assert [step.id for step in app.session.plan.steps][-2] == "custom-shadow-a-project-manager"
        await pilot.press("x")
        assert [step.id for step in app.session.plan.steps] == before


async def test_export_writes_markdown_next_to_the_plan(build_app: AppFactory) -> None:
    """Exporting writes NAME.md with the scores and every step with its status."""
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.catalog is not None)
        await pilot.press("n")
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
        wizard_screen(app).go("plan", check=False)
        await settle(pilot, lambda: app.screen.query("#target"))
        app.screen.query_one("#target", Picker).value = "project-manager"
        await pilot.pause()
        app.action_export_markdown()
        exported = app.plan_dir / "project-manager-plan.md"
        text = exported.read_text(encoding="utf-8")
        assert "Project manager" in text and "[ ]" in text


async def test_compare_columns_can_show_any_path(build_app: AppFactory) -> None:
    """Choosing another path in a column re-renders that column with its own score."""
    app = build_app(open_path=SAMPLE)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: getattr(app.screen, "current", None) == "plan")
        await pilot.press("f6")
        screen = app.screen
        left = screen.query_one("#numbers-left", OptionList)
        right_prompt = str(screen.query_one("#numbers-right", OptionList).get_option_at_index(0).prompt)
        screen.query_one("#select-left", Select).value = "project-manager"
        await pilot.pause()
        assert str(left.get_option_at_index(0).prompt) == right_prompt


async def test_question_mark_types_in_fields_and_opens_help_elsewhere(build_app: AppFactory) -> None:
    """? is text inside an input, and the help screen everywhere else."""
    app = build_app(open_path=SAMPLE)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: getattr(app.screen, "current", None) == "plan")
        await pilot.press("f5")
        box = app.screen.query_one("#skill-filter", Input)
        box.focus()
        await pilot.press("?")
        assert box.value == "?" and not isinstance(app.screen, HelpScreen)
        app.screen.query_one("#skill-list", OptionList).focus()
        await pilot.press("?")
        await settle(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))


async def test_palette_jumps_to_a_step(build_app: AppFactory) -> None:
    """The command palette offers Pathfinder's commands next to Textual's."""
    app = build_app(open_path=SAMPLE)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: getattr(app.screen, "current", None) == "plan")
        await pilot.press("ctrl+p")
        await settle(pilot, lambda: isinstance(app.screen, CommandPalette))
        app.screen.query_one(Input).value = "go to step: skills"
        commands = app.screen.query_one("CommandList", OptionList)

        def first_is_skills() -> bool:
            return commands.option_count > 0 and "Skills" in str(commands.get_option_at_index(0).prompt)

        await settle(pilot, first_is_skills)
        await pilot.press("enter")
        await settle(pilot, lambda: getattr(app.screen, "current", None) == "skills")


async def test_each_number_on_the_compare_step_opens_its_explanation(build_app: AppFactory) -> None:
    """Messages up: a column says which number was opened; the compare pane explains it."""
    from pathfinder.tui.screens.compare import PathColumn
    from pathfinder.tui.screens.explain import ExplainScreen

    opened: list[PathColumn.NumberOpened] = []

    def hook(message: object) -> None:
        if isinstance(message, PathColumn.NumberOpened) and message not in opened:
            opened.append(message)

    app = build_app(open_path=SAMPLE)
    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await settle(pilot, lambda: current_step(app) == "plan")
        await pilot.press("f6")
        await settle(pilot, lambda: current_step(app) == "compare")
        screen = app.screen
        for selector, index, title in (
            ("#numbers-left", 0, "Why "),
            ("#numbers-left", 1, "points"),
            ("#certs-right", 0, ""),
            ("#ranked", 0, "Why "),
        ):
            numbers = screen.query_one(selector, OptionList)
            numbers.focus()
            numbers.highlighted = index
            await pilot.press("enter")
            await settle(pilot, lambda: isinstance(app.screen, ExplainScreen))
            explained = app.screen
            assert isinstance(explained, ExplainScreen) and title in explained.title_text, selector
            await pilot.press("escape")
            await settle(pilot, lambda: app.screen is screen)
        assert [(message.column.side, message.certification) for message in opened] == [
            ("left", False), ("left", False), ("right", True)]  # fmt: skip
