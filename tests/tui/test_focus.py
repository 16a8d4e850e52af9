"""Focus you can always see, and arrows that move between buttons."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from textual.widgets import Button, Input, Static
from tui_helpers import AppFactory, current_step, settle

from pathfinder.tui.screens.dialogs import ConfirmQuit, OpenDialog
from pathfinder.tui.screens.welcome import WelcomeScreen
from pathfinder.tui.screens.wizard import WizardScreen
from pathfinder.tui.widgets.actions import ActionBar


async def test_the_focused_action_reads_apart_from_the_primary_one(build_app: AppFactory) -> None:
    """Tab onto Back: it shows ▸ ◂ marks and the focus colour; the primary Next keeps its own look (users
    used to press Back thinking they were on another button)."""
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WelcomeScreen) and app.catalog is not None)
        await pilot.press("n")
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
        back = app.screen.query_one("#nav-back", ActionBar)
        nxt = app.screen.query_one("#nav-next", ActionBar)
        assert "▸" not in str(back.render())
        back.focus()
        await pilot.pause()
        shown = back.render()
        assert str(shown).startswith("▸") and str(shown).rstrip().endswith("◂")
        focus_style = shown.spans[0].style if shown.spans else None
        primary_style = nxt.render().spans[0].style
        assert focus_style is not None and str(focus_style) != str(primary_style)


async def test_left_and_right_move_between_dialog_buttons(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        app.call_later(app.push_screen, ConfirmQuit())
        await settle(pilot, lambda: isinstance(app.screen, ConfirmQuit))
        assert app.screen.focused is not None and app.screen.focused.id == "no"
        await pilot.press("right")
        assert app.screen.focused.id == "yes"
        await pilot.press("right")
        assert app.screen.focused.id == "no", "the row wraps around"
        await pilot.press("left")
        assert app.screen.focused.id == "yes"
        assert isinstance(app.screen.focused, Button)


async def test_arrows_in_a_dialog_field_still_move_the_cursor(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.press("o")
        await settle(pilot, lambda: isinstance(app.screen, OpenDialog))
        field = app.screen.query_one("#open-input", Input)
        await pilot.press("a", "b", "left")
        assert app.screen.focused is field and field.cursor_position == 1


async def test_help_shows_the_keys_of_the_current_screen_first(build_app: AppFactory) -> None:
    """F1 on the plan step: the Plan keys come first, marked "this screen"; undo is listed."""
    from tui_helpers import DATA

    from pathfinder.tui.screens.help import HelpScreen

    app = build_app(open_path=DATA / "plans" / "sample-plan.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen) and app.screen.current == "plan")
        await pilot.press("f1")
        await settle(pilot, lambda: isinstance(app.screen, HelpScreen))
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(app.screen.query_one("#help-keys", Static).content)
        text = console.export_text()
        assert text.lstrip().startswith("Plan (this screen)")
        assert "ctrl+z" in text and "undo" in text


async def test_next_on_the_last_step_says_it_saves(build_app: AppFactory) -> None:
    """On the plan step the Next button reads "Save ✓" (ctrl+n there saves; it used to look like Next)."""
    from tui_helpers import DATA

    app = build_app(open_path=DATA / "plans" / "sample-plan.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen) and app.screen.current == "plan")
        assert "Save" in str(app.screen.query_one("#nav-next", ActionBar).render())
        await pilot.press("f6")
        await settle(pilot, lambda: current_step(app) == "compare")
        assert "Next" in str(app.screen.query_one("#nav-next", ActionBar).render())


async def test_one_save_shows_no_solid_block_chart(build_app: AppFactory, tmp_path: Path) -> None:
    """A plan saved once: the progress view says the chart starts at two saves (it drew a solid block)."""
    from textual.widgets import Sparkline
    from tui_helpers import DATA

    from pathfinder.plan.store import load_plan, save_plan
    from pathfinder.tui.screens.progress import ProgressScreen

    plan = load_plan(DATA / "plans" / "sample-plan.toml").plan
    path = tmp_path / "once.toml"
    save_plan(plan.model_copy(update={"history": plan.history[:1]}), path)
    app = build_app(open_path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen) and app.catalog is not None)
        app.call_later(app.action_progress)
        await settle(pilot, lambda: isinstance(app.screen, ProgressScreen))
        assert not app.screen.query(Sparkline)
        assert "the chart starts at 2" in str(app.screen.query_one("#history-summary", Static).content)


async def test_step_notes_keep_several_lines(build_app: AppFactory, tmp_path: Path) -> None:
    """Notes are edited in a multi-line field (they showed in a one-line one): lines typed come back."""
    from textual.widgets import TextArea
    from tui_helpers import DATA

    from pathfinder.tui.screens.plan import StepTable
    from pathfinder.tui.screens.step_dialog import StepDialog

    app = build_app(open_path=DATA / "plans" / "sample-plan.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: current_step(app) == "plan" and bool(app.screen.query(StepTable)))
        app.screen.query_one(StepTable).focus()
        await pilot.press("e")
        await settle(pilot, lambda: isinstance(app.screen, StepDialog))
        notes = app.screen.query_one("#step-notes", TextArea)
        notes.text = ""
        notes.focus()
        await pilot.press("a", "enter", "b")
        await pilot.click("#ok")
        await settle(pilot, lambda: not isinstance(app.screen, StepDialog))
        assert app.session is not None and app.session.plan.steps[0].notes == "a\nb"
