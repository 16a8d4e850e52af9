"""The plan step's target picker: opens a list with the keyboard or the mouse; escape keeps the target."""

from __future__ import annotations

from textual.widgets import DataTable, OptionList
from tui_helpers import DATA, AppFactory, session_of, settle

from pathfinder.tui.app import PathfinderApp
from pathfinder.tui.screens.wizard import WizardScreen
from pathfinder.tui.widgets.picker import Picker, PickerList

SAMPLE = DATA / "plans" / "sample-plan.toml"


def picker_line(app: PathfinderApp) -> str:
    picker = app.screen.query_one("#target", Picker)
    return "".join(segment.text for segment in picker.render_line(0))


async def test_choosing_a_target_from_the_list_regenerates_the_steps(build_app: AppFactory) -> None:
    """enter opens the list on the current target; ↑ and enter choose another; the steps follow."""
    app = build_app(open_path=SAMPLE)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen) and app.screen.current == "plan")
        assert picker_line(app).startswith("Project manager") and picker_line(app).rstrip().endswith("▼")
        await settle(pilot, lambda: isinstance(app.focused, DataTable))  # where an opened plan starts
        app.screen.query_one("#target", Picker).focus()
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, PickerList))
        listing = app.screen.query_one(OptionList)
        assert listing.highlighted_option is not None and listing.highlighted_option.id == "project-manager"
        await pilot.press("up", "enter")
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
        target = session_of(app).plan.target
        assert target is not None and target == listing.get_option_at_index(listing.highlighted or 0).id
        assert target != "project-manager" and session_of(app).dirty
        assert picker_line(app).startswith(app.path_names()[target])


async def test_escape_or_a_click_outside_keeps_the_target(build_app: AppFactory) -> None:
    """A click opens the list; escape closes it; a click outside the list closes it too."""
    app = build_app(open_path=SAMPLE)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen) and app.screen.current == "plan")
        await pilot.click("#target")
        await settle(pilot, lambda: isinstance(app.screen, PickerList))
        await pilot.press("down", "escape")
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
        await pilot.click("#target")
        await settle(pilot, lambda: isinstance(app.screen, PickerList))
        await pilot.click(offset=(1, 1))
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
        assert app.session is not None and app.session.plan.target == "project-manager"
        assert not app.session.dirty
