"""Focus you can always see, and arrows that move between buttons."""

from __future__ import annotations

import io

from rich.console import Console
from textual.widgets import Button, Input, Static
from tui_helpers import AppFactory, settle

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
