"""Opening a plan file: painted from a quick preview, validated before any input, errors explained."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import DataTable, Static
from tui_helpers import DATA, AppFactory, settle

from pathfinder.plan.models import Plan
from pathfinder.plan.preview import read_preview
from pathfinder.tui.screens.dialogs import ErrorScreen
from pathfinder.tui.screens.welcome import OpeningScreen, WelcomeScreen
from pathfinder.tui.screens.wizard import WizardScreen

SAMPLE = DATA / "plans" / "sample-plan.toml"


def test_the_preview_shows_what_the_plan_step_shows() -> None:
    preview = read_preview(SAMPLE.read_bytes())
    assert preview is not None and preview.target == "project-manager" and preview.has_answers
    assert [step.status for step in preview.steps] == ["done", "doing", "todo"]
    assert preview.progress() == (1, 3)


def test_files_that_need_the_full_reading_get_no_preview() -> None:
    """An older schema (migrated), a profile-only file, or a shown field of the wrong type."""
    text = SAMPLE.read_text(encoding="utf-8")
    assert read_preview(text.replace("schema_version = 1", "schema_version = 0").encode()) is None
    assert read_preview(b'[profile]\nname = "Sam"\n') is None
    assert read_preview(text.replace('status = "doing"', 'status = "started"').encode()) is None
    assert read_preview(text.replace('target = "project-manager"', "target = 3").encode()) is None
    assert read_preview(b"schema_version = [") is None


async def test_input_reaches_only_a_validated_plan(build_app: AppFactory) -> None:
    """The plan paints from its preview; any input event is handled only after the plan is validated
    (a real Plan), and editing then works on it."""
    app = build_app(open_path=SAMPLE)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, WizardScreen)
        assert app.shown_session is not None and app.shown_session.previewing
        await app.on_event(events.Key("escape", None))
        assert not app.shown_session.previewing and isinstance(app.shown_session.plan, Plan)
        await settle(pilot, lambda: isinstance(app.focused, DataTable))
        await pilot.press("space")  # cycles the first step's status
        assert app.shown_session.plan.steps[0].status == "skipped" and app.shown_session.dirty


async def test_a_file_that_previews_but_fails_validation_shows_the_error(
    build_app: AppFactory, tmp_path: Path
) -> None:
    """A bad month deep in the profile: the plan may show for a frame, then the error view names the
    field; closing it leads to the welcome screen, and no wizard is left to edit the broken plan."""
    broken = tmp_path / "broken.toml"
    broken.write_text(
        SAMPLE.read_text(encoding="utf-8").replace('start = "2016-03"', 'start = "2016-13"'), encoding="utf-8"
    )
    assert read_preview(broken.read_bytes()) is not None
    app = build_app(open_path=broken)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ErrorScreen))
        problems = " ".join(str(widget.render()) for widget in app.screen.query(Static))
        assert "profile.roles[0].start" in problems and "2016-13" in problems
        assert app.session is None and app.sub_title == app.SUB_TITLE  # the broken file is not named open
        assert not any(isinstance(screen, WizardScreen) for screen in app.screen_stack)
        assert isinstance(app.screen_stack[0], OpeningScreen)
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, WelcomeScreen))
