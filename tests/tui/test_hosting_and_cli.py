"""The SSH-demo mode (no screenshot command, links shown not opened, keyless note) and the CLI door."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList, Static
from tui_helpers import DATA, AppFactory, settle

from pathfinder.commands.app import parse_app_args
from pathfinder.errors import PlanFileError
from pathfinder.tui.screens.welcome import WelcomeScreen


async def test_hosted_app_has_no_screenshot_command_and_shows_links(build_app: AppFactory) -> None:
    """A visitor cannot write screenshots on the server; links become notifications."""
    app = build_app(hosted=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles and "Quit" in titles
        assert "hosted demo" in app.sub_title
        app.open_url("https://www.pmi.org/")
        await pilot.pause()
        assert any("https://www.pmi.org/" in str(note.message) for note in app._notifications)


async def test_hosted_app_never_shows_the_servers_plan_folder(build_app: AppFactory, plan_dir: Path) -> None:
    """The welcome list, the open dialog and the save dialog name "your plans folder", not a path."""
    app = build_app(hosted=True)
    async with app.run_test(size=(100, 30)) as pilot:
        listing = app.screen.query_one("#saved-plans", OptionList)
        await settle(pilot, lambda: str(listing.get_option_at_index(0).prompt).startswith("No plans yet"))
        assert str(listing.get_option_at_index(0).prompt) == "No plans yet in your plans folder"
        app.action_open()
        await settle(pilot, lambda: bool(app.screen.query("#open-input")))
        shown = " ".join(str(widget.content) for widget in app.screen.query(Static))
        assert "your plans folder" in shown and str(plan_dir) not in shown


async def test_local_app_keeps_the_screenshot_command(build_app: AppFactory) -> None:
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        assert "Screenshot" in [command.title for command in app.get_system_commands(app.screen)]


async def test_keyless_visitors_are_told_plans_are_kept_only_for_the_visit(build_app: AppFactory) -> None:
    app = build_app(hosted_keyless=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: bool(app.screen.query("#keyless-note")))
        note = str(app.screen.query_one("#keyless-note", Static).content)
        assert "only for this visit" in note and "View plan as TOML" in note


def test_cli_takes_an_optional_plan_file() -> None:
    assert parse_app_args([]) is None
    assert parse_app_args([str(DATA / "plans" / "sample-plan.toml")]) == (DATA / "plans" / "sample-plan.toml")


def test_cli_names_a_missing_plan_file(tmp_path: Path) -> None:
    with pytest.raises(PlanFileError, match="No such plan file"):
        parse_app_args([str(tmp_path / "nope.toml")])
