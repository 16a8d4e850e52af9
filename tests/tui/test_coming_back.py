"""Coming back to Pathfinder: named plans, recent plans wherever they are, resuming the open plan,
remembered preferences (and a broken config explained), and a palette with Pathfinder's themes only."""

from __future__ import annotations

import io
from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import DataTable, Input, OptionList, Static
from tui_helpers import DATA, NOW, AppFactory, AppPilot, current_step, settle

from pathfinder.plan.store import load_plan
from pathfinder.preferences import CONFIG_FILE
from pathfinder.recents import read_recents, remember
from pathfinder.tui.ahead import Visitor, hand_over
from pathfinder.tui.app import PathfinderApp
from pathfinder.tui.screens.dialogs import SaveDialog
from pathfinder.tui.screens.welcome import WelcomeScreen
from pathfinder.tui.screens.wizard import WizardScreen
from pathfinder.tui.session import Session

SAMPLE = DATA / "plans" / "sample-plan.toml"
SAMPLE_NAME = "Sam's move into project management"


def plan_file(path: Path, name: str | None = None) -> Path:
    """A copy of the sample plan at ``path`` (under another name when given)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8")
    if name is not None:
        text = text.replace(f'name = "{SAMPLE_NAME}"', f'name = "{name}"')
    path.write_text(text, encoding="utf-8")
    return path


def listed(app: PathfinderApp) -> list[str]:
    listing = app.screen.query_one("#saved-plans", OptionList)
    return [str(listing.get_option_at_index(index).prompt) for index in range(listing.option_count)]


async def plans_listed(pilot: AppPilot, app: PathfinderApp) -> list[str]:
    await settle(pilot, lambda: isinstance(app.screen, WelcomeScreen))
    await settle(pilot, lambda: bool(listed(app)) and not listed(app)[0].startswith("looking"))
    return listed(app)


def notes(app: PathfinderApp) -> str:
    return "\n".join(str(note.message) for note in app._notifications)


async def test_the_first_save_asks_for_a_name_prefilled_from_the_target(
    build_app: AppFactory, plan_dir: Path, data_dir: Path
) -> None:
    plan = load_plan(SAMPLE).plan.model_copy(update={"name": "My plan"})
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.set_session(Session(plan=plan))  # never saved: no file yet
        await app.push_wizard("plan")
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: isinstance(app.screen, SaveDialog))
        name = app.screen.query_one("#save-name", Input)
        assert name.value == "Project manager plan" and app.screen.focused is name
        assert app.screen.query_one("#save-input", Input).value == "project-manager-plan.toml"
        file_input = app.screen.query_one("#save-input", Input)
        name.value = "Sam's PM plan"
        await pilot.pause()
        assert file_input.value == "sams-pm-plan.toml"  # the file follows the name…
        file_input.value = "sam.toml"
        await pilot.pause()
        name.value = "Sam's PM plan, 2027"
        await pilot.pause()
        assert file_input.value == "sam.toml"  # …until it is edited by hand
        name.focus()
        await pilot.press("enter")
        saved = plan_dir / "sam.toml"
        await settle(pilot, saved.is_file)
        assert app.session is not None and app.session.plan.name == "Sam's PM plan, 2027"
    assert load_plan(saved).plan.name == "Sam's PM plan, 2027"
    assert [entry.path for entry in read_recents(data_dir / "state")] == [saved.resolve()]


async def test_the_welcome_lists_plans_by_name_never_two_identical_rows(
    build_app: AppFactory, plan_dir: Path
) -> None:
    plan_file(plan_dir / "first.toml", "My plan")
    plan_file(plan_dir / "second.toml", "My plan")
    plan_file(plan_dir / "sam.toml")
    app = build_app()
    async with app.run_test(size=(120, 30)) as pilot:
        rows = await plans_listed(pilot, app)
    assert len(rows) == 3 and len(set(rows)) == 3, rows
    sam = next(row for row in rows if row.startswith(SAMPLE_NAME))
    assert "Project manager" in sam and "2026-10-15" in sam


async def test_plans_opened_elsewhere_are_recent_and_a_missing_one_is_dropped(
    build_app: AppFactory, tmp_path: Path, data_dir: Path
) -> None:
    elsewhere = plan_file(tmp_path / "elsewhere" / "career.toml", "Career, outside the folder")
    first = build_app(open_path=elsewhere)
    async with first.run_test(size=(120, 30)) as pilot:
        await settle(pilot, lambda: first.session is not None and first.session.path == elsewhere)
        await settle(pilot, lambda: bool(read_recents(data_dir / "state")))

    again = build_app()
    async with again.run_test(size=(120, 30)) as pilot:
        rows = await plans_listed(pilot, again)
        assert rows[0].startswith("Career, outside the folder") and "Project manager" in rows[0]
        again.screen.query_one("#saved-plans", OptionList).focus()
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(again.screen, WizardScreen))
        assert again.session is not None and again.session.path == elsewhere.resolve()

    elsewhere.unlink()
    last = build_app()
    async with last.run_test(size=(120, 30)) as pilot:
        rows = await plans_listed(pilot, last)
        assert "missing" in rows[0] and "Career, outside the folder" in rows[0]
        last.screen.query_one("#saved-plans", OptionList).focus()
        await pilot.press("enter")
        await settle(pilot, lambda: not any("Career" in row for row in listed(last)))
        assert "Removed" in notes(last)
    assert read_recents(data_dir / "state") == []


async def test_resume_returns_to_the_open_plan_with_its_unsaved_edits(
    build_app: AppFactory, plan_dir: Path
) -> None:
    plan_file(plan_dir / "sam.toml")
    app = build_app()
    async with app.run_test(size=(120, 34)) as pilot:
        await plans_listed(pilot, app)
        assert "resume" not in {
            app.screen.query_one("#welcome-menu", OptionList).get_option_at_index(index).id
            for index in range(app.screen.query_one("#welcome-menu", OptionList).option_count)
        }
        app.screen.query_one("#saved-plans", OptionList).focus()
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen) and app.screen.current == "plan")
        wizard = app.screen
        wizard.query_one(DataTable).focus()
        await pilot.press("space")  # a status change: unsaved
        await pilot.press("f2")
        await settle(pilot, lambda: current_step(app) == "background" and bool(wizard.query("#role-title")))
        wizard.query_one("#role-title", Input).value = "Half-typed title"  # not committed yet

        await pilot.press("ctrl+g")
        await settle(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        menu = app.screen.query_one("#welcome-menu", OptionList)
        resume = menu.get_option("resume")
        assert SAMPLE_NAME in str(resume.prompt)
        await pilot.press("r")
        await settle(pilot, lambda: app.screen is wizard)
        assert current_step(app) == "background"
        assert wizard.query_one("#role-title", Input).value == "Half-typed title"
        assert app.session is not None and app.session.dirty
        assert app.session.plan.steps[0].status != load_plan(SAMPLE).plan.steps[0].status


async def test_the_theme_is_remembered_across_runs(build_app: AppFactory, data_dir: Path) -> None:
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        app.theme = "pathfinder-light"  # as the palette's theme picker does
        await settle(pilot, (data_dir / "config" / CONFIG_FILE).is_file)
    assert build_app().theme == "pathfinder-light"


async def test_a_broken_config_is_explained_and_the_app_starts_with_defaults(
    build_app: AppFactory, data_dir: Path
) -> None:
    config = data_dir / "config" / CONFIG_FILE
    config.parent.mkdir(parents=True)
    config.write_text('# my settings\ntheme = "light\n', encoding="utf-8")
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: str(config) in notes(app))
        assert app.theme == "pathfinder-dark"
        assert f"{config}:2" in notes(app) and "defaults" in notes(app)
        app.theme = "pathfinder-light"
        await pilot.pause()
    assert config.read_text(encoding="utf-8") == '# my settings\ntheme = "light\n'  # never overwritten


async def test_the_palette_has_pathfinder_themes_only_and_finds_the_glance_view(
    build_app: AppFactory,
) -> None:
    app = build_app()
    assert set(app.available_themes) == {"pathfinder-dark", "pathfinder-light", "pathfinder-high-contrast"}
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.press("ctrl+p")
        await settle(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"glance")

        def found() -> list[str]:
            results = app.screen.query_one("CommandList", OptionList)
            return [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]

        await settle(pilot, lambda: any("glance" in text for text in found()))


async def test_a_visitor_gets_their_own_preferences_and_recent_plans(
    build_app: AppFactory, tmp_path: Path, data_dir: Path
) -> None:
    plans, data = tmp_path / "visitor" / "plans", tmp_path / "visitor" / "data"
    plan_file(plans / "mine.toml", "The visitor's plan")
    (data / "config").mkdir(parents=True)
    (data / "config" / CONFIG_FILE).write_text('theme = "high-contrast"\n', encoding="utf-8")
    remember(data / "state", plans / "gone.toml", "A plan since deleted", None, NOW)
    arriving = Visitor(plan_dir=plans, data_dir=data, keyless=False, env={}, enter=lambda: None)
    app = build_app(hosted=True)  # started on folders of its own
    async with app.run_test(size=(120, 30)) as pilot:
        await plans_listed(pilot, app)
        hand_over(app, arriving)
        await settle(pilot, lambda: app.theme == "pathfinder-high-contrast")
        (data / "config" / CONFIG_FILE).write_text('theme = "purple"\n', encoding="utf-8")
        hand_over(app, arriving)  # (as if they came back with a config the app cannot use)
        await settle(pilot, lambda: "Preferences not read" in notes(app) or "purple" in notes(app))
        assert "your config.toml:1" in notes(app) and str(tmp_path) not in notes(app)
        (data / "config" / CONFIG_FILE).write_text('theme = "high-contrast"\n', encoding="utf-8")
        hand_over(app, arriving)
        await settle(pilot, lambda: app.theme == "pathfinder-high-contrast")
        await settle(pilot, lambda: any("The visitor's plan" in row for row in listed(app)))
        missing = next(row for row in listed(app) if "A plan since deleted" in row)
        assert str(plans) not in missing and str(tmp_path) not in missing  # no server path shown
        app.theme = "pathfinder-light"
        await settle(pilot, lambda: "light" in (data / "config" / CONFIG_FILE).read_text(encoding="utf-8"))
    assert not (data_dir / "config").exists() and not (data_dir / "state").exists()


async def test_a_hosted_save_names_no_server_path(
    build_app: AppFactory, plan_dir: Path, data_dir: Path
) -> None:
    app = build_app(hosted=True)
    async with app.run_test(size=(100, 30)) as pilot:
        app.set_session(Session(plan=load_plan(SAMPLE).plan))
        await app.push_wizard("plan")
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: isinstance(app.screen, SaveDialog))
        await pilot.press("enter")
        await settle(pilot, lambda: "Saved" in notes(app))
        assert "project-manager-plan.toml" in notes(app)
        assert str(plan_dir) not in notes(app) and str(data_dir.parent) not in notes(app)
    assert [entry.name for entry in read_recents(data_dir / "state")] == [SAMPLE_NAME]


async def test_help_tells_how_to_come_back(build_app: AppFactory) -> None:
    from rich.console import Console

    app = build_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.press("f1")
        await settle(pilot, lambda: bool(app.screen.query("#help-keys")))
        console = Console(width=300, record=True, file=io.StringIO())
        for widget in app.screen.query("#help-body Static").results(Static):
            console.print(widget.content)
    text = " ".join(console.export_text().split())
    for words in ("resume the plan that is open", "named on its first save", "recent plans", "config.toml"):
        assert words in text, words


async def test_resume_after_starting_on_a_plan_file(build_app: AppFactory, plan_dir: Path) -> None:
    """``pathfinder PLAN.toml``, then home (ctrl+g), then Resume: the same plan screen, as it was."""
    app = build_app(open_path=plan_file(plan_dir / "sam.toml"))
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen) and app.screen.current == "plan")
        wizard = app.screen
        wizard.query_one(DataTable).focus()
        await pilot.press("space")
        await pilot.press("ctrl+g")
        await settle(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        app.screen.query_one("#welcome-menu", OptionList).focus()
        await pilot.press("enter")  # "Resume" is first in the menu
        await settle(pilot, lambda: app.screen is wizard)
        assert len(app.screen_stack) == 1 and app.session is not None and app.session.dirty
