"""The footer's keys and the wizard's step indicator: what they show, and that the mouse works on them."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from textual.widgets import DataTable, TextArea
from tui_helpers import DATA, AppFactory, current_step, settle

from pathfinder.tui.app import PathfinderApp
from pathfinder.tui.screens.dialogs import TomlView
from pathfinder.tui.screens.help import HelpScreen
from pathfinder.tui.screens.wizard import WizardScreen
from pathfinder.tui.widgets.actions import ActionBar
from pathfinder.tui.widgets.footer import Footer
from pathfinder.tui.widgets.steps import StepBar

SAMPLE = DATA / "plans" / "sample-plan.toml"


def footer_text(app: PathfinderApp) -> str:
    footer = app.screen.query_one(Footer)
    return "".join(segment.text for segment in footer.render_line(0))


async def test_footer_shows_the_focused_widgets_keys_and_the_palette(build_app: AppFactory) -> None:
    """On the plan step the table's keys come first, the palette key sits at the right end."""
    app = build_app(open_path=SAMPLE)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen) and current_step(app) == "plan")
        await settle(pilot, lambda: isinstance(app.focused, DataTable))
        await settle(pilot, lambda: "Status" in footer_text(app))
        text = footer_text(app)
        assert text.lstrip().startswith("space Status") and "e Edit" in text and "^n Next" in text
        assert text.rstrip().endswith("▏^p palette"), text
        assert cell_len(text) == 120


async def test_footer_keys_follow_focus_and_fit_the_width(build_app: AppFactory) -> None:
    """Moving focus away from the table drops its keys; at 60 columns only whole keys are shown."""
    app = build_app(open_path=SAMPLE)
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot, lambda: isinstance(app.focused, DataTable))
        await settle(pilot, lambda: "Status" in footer_text(app))
        narrow = footer_text(app)
        assert narrow.rstrip().endswith("^p palette") and cell_len(narrow) == 60
        shown = narrow.split("▏")[0]
        assert "Status" in shown and not shown.rstrip().endswith("…")
        app.screen.query_one("#nav-next").focus()
        await settle(pilot, lambda: "Status" not in footer_text(app))
        assert "^n Next" in footer_text(app)


async def test_clicking_a_footer_key_presses_it(build_app: AppFactory) -> None:
    """A click on "f1 Help" opens the help screen, as pressing F1 does."""
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: "Help" in footer_text(app))
        footer = app.screen.query_one(Footer)
        column = footer_text(app).index("f1 Help")
        await pilot.click(Footer, offset=(column + 1, 0))
        await settle(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert footer.item_at(column + 1) is not None


async def test_hovering_a_footer_key_shows_its_tooltip(build_app: AppFactory) -> None:
    """The key under the mouse explains itself (the binding's tooltip)."""
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: "Save" in footer_text(app))
        column = footer_text(app).index("^s Save")
        await pilot.hover(Footer, offset=(column + 1, 0))
        footer = app.screen.query_one(Footer)
        assert footer.tooltip == "Save the plan as a TOML file"
        await pilot.hover(Footer, offset=(footer_text(app).index("▏") - 2, 0))
        assert footer.tooltip is None


async def test_step_bar_marks_steps_and_a_click_goes_to_a_completed_step(build_app: AppFactory) -> None:
    """Completed steps are ticked, the current one numbered; clicking "Skills" opens the skills step."""
    app = build_app(open_path=SAMPLE)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen) and current_step(app) == "plan")
        bar = app.screen.query_one(StepBar)
        top = "".join(segment.text for segment in bar.render_line(0))
        assert "✓ Background" in top and "✓ Skills" in top and "6 Plan" in top
        await pilot.click(StepBar, offset=(top.index("✓ Skills") + 2, 0))
        await settle(pilot, lambda: current_step(app) == "skills")
        top = "".join(segment.text for segment in bar.render_line(0))
        assert "4 Skills" in top and "✓ Plan" in top


async def test_step_bar_ignores_clicks_on_steps_not_reached(build_app: AppFactory) -> None:
    """A new profile starts on Background: later steps are dimmed and a click on them does nothing."""
    app = build_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot, lambda: app.catalog is not None)
        await pilot.press("n")
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
        bar = app.screen.query_one(StepBar)
        top = "".join(segment.text for segment in bar.render_line(0))
        assert "1 Background" in top and "6 Plan" in top
        await pilot.click(StepBar, offset=(top.index("6 Plan") + 2, 0))
        await pilot.pause()
        assert current_step(app) == "background"


async def test_plan_actions_work_with_mouse_and_keyboard(build_app: AppFactory, tmp_path: Path) -> None:
    """A click on "As TOML" shows the plan's TOML; back on the bar, ← ← (to "Export .md") and enter export."""
    plan = tmp_path / "sample-plan.toml"
    plan.write_bytes(SAMPLE.read_bytes())
    app = build_app(open_path=plan)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen) and current_step(app) == "plan")
        bar = app.screen.query_one("#plan-buttons", ActionBar)
        line = "".join(segment.text for segment in bar.render_line(0))
        await pilot.click("#plan-buttons", offset=(line.index("As TOML") + 1, 0))
        await settle(pilot, lambda: isinstance(app.screen, TomlView))
        assert 'target = "project-manager"' in app.screen.query_one(TextArea).text
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
        bar.focus()
        await pilot.press("left", "left", "enter")
        await settle(pilot, lambda: (tmp_path / "sample-plan.md").exists())
        assert "Earn PMP" in (tmp_path / "sample-plan.md").read_text(encoding="utf-8")


async def test_title_bar_follows_the_plan_and_its_icon_opens_the_palette(build_app: AppFactory) -> None:
    """The top line names the open file and marks unsaved changes; a click on ⭘ opens the palette."""
    from textual.command import CommandPalette

    from pathfinder.tui.widgets.title_bar import TitleBar

    app = build_app(open_path=SAMPLE)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.focused, DataTable))

        def top() -> str:
            return "".join(segment.text for segment in app.screen.query_one(TitleBar).render_line(0))

        assert top().startswith(" ⭘") and "Pathfinder — sample-plan.toml" in top()
        await pilot.press("space")
        await settle(pilot, lambda: "sample-plan.toml •" in top())
        await pilot.click(TitleBar, offset=(1, 0))
        await settle(pilot, lambda: isinstance(app.screen, CommandPalette))


async def test_notifications_show_on_the_first_screens(build_app: AppFactory) -> None:
    """The notification area starts hidden (see screens/chrome.py) and still shows a notification."""
    from textual.widgets._toast import Toast

    app = build_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        assert not app.screen.query_one("#textual-toastrack").display
        app.notify("Saved to my-plan.toml", title="Saved")
        await settle(pilot, lambda: bool(app.screen.query(Toast)))
        assert app.screen.query_one("#textual-toastrack").display
