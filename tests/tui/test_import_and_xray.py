"""The app's import (welcome → file → review → prefilled wizard) and the posting X-ray screen."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual.command import CommandPalette
from textual.widgets import Button, Input, OptionList, Static, TextArea
from tui_helpers import AppFactory, current_step, settle, wizard_screen

from pathfinder.catalog.loader import load_catalog
from pathfinder.tui.app import PathfinderApp
from pathfinder.tui.screens.dialogs import ErrorScreen
from pathfinder.tui.screens.import_review import ImportFileDialog, ImportReviewScreen
from pathfinder.tui.screens.posting_xray import PostingXrayScreen
from pathfinder.tui.screens.skills import SkillsPane
from pathfinder.tui.screens.welcome import WelcomeScreen
from pathfinder.tui.screens.wizard import WizardScreen
from pathfinder.tui.widgets.footer import Footer


def at_step(app: PathfinderApp, step: str) -> Callable[[], bool]:
    return lambda: current_step(app) == step


def pane_filled(app: PathfinderApp, step: str) -> Callable[[], bool]:
    return lambda: bool(wizard_screen(app).pane(step).children)


DATA = Path(__file__).resolve().parent.parent / "data"
SHIPPED = load_catalog(None)


def linkedin_zip(tmp_path: Path) -> Path:
    target = tmp_path / "Basic_LinkedInDataExport.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted((DATA / "imports" / "linkedin-export").rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(DATA / "imports" / "linkedin-export").as_posix())
    return target


def text_of(app: object, selector: str) -> str:
    """What a Static shows, without its markup."""
    return Text.from_markup(str(app.screen.query_one(selector, Static).content)).plain  # type: ignore[attr-defined]


async def test_import_from_welcome_reviews_then_prefills_the_wizard(
    build_app: AppFactory, tmp_path: Path
) -> None:
    archive = linkedin_zip(tmp_path)
    app = build_app(catalog=SHIPPED)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.press("i")
        await settle(pilot, lambda: isinstance(app.screen, ImportFileDialog))
        app.screen.query_one("#import-input", Input).value = str(archive)
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, ImportReviewScreen))
        assert "3 roles · 2 degrees · 3 certificates · 6 skills" in text_of(app, "#import-found")
        mapping = text_of(app, "#import-mapping")
        assert "“Certified ScrumMaster® (CSM)” → CSM" in mapping and "score 100" in mapping
        assert (
            "AWS Certified Solutions Architect – Associate” — not a certification Pathfinder knows"
            in text_of(app, "#import-unmapped")
        )
        assert "Did you lead projects as Software Engineer at Contoso Ltd? From when?" in text_of(
            app, "#import-questions"
        )
        footer = app.screen.query_one(Footer).region
        assert app.screen.query_one("#continue", Button).region.bottom <= footer.y  # not hidden by the keys
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
        session = app.session
        assert session is not None and session.dirty
        assert [role.title for role in session.profile.roles][-1] == "Senior Software Engineer / Tech Lead"
        assert {c.id for c in session.profile.certifications} == {"csm", "psm-1", "google-pm"}
        assert session.profile.skills == {}
        assert session.imported_skills["stakeholder-management"] == 1
        for step in ("education", "certifications", "skills"):  # an import walks through each step
            app.action_go_step(step)
            await settle(pilot, at_step(app, step))
            await settle(pilot, pane_filled(app, step))
            await pilot.pause()
        pane = wizard_screen(app).pane("skills")
        assert isinstance(pane, SkillsPane) and pane.suggestions()["roadmapping"] == 1


async def test_a_bad_file_shows_the_error_and_starts_nothing(build_app: AppFactory, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a resume", encoding="utf-8")
    app = build_app(catalog=SHIPPED)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("i")
        await settle(pilot, lambda: isinstance(app.screen, ImportFileDialog))
        app.screen.query_one("#import-input", Input).value = str(notes)
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, ErrorScreen))
        assert app.session is None


async def test_cancelling_the_review_keeps_the_welcome(build_app: AppFactory) -> None:
    app = build_app(catalog=SHIPPED)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("i")
        await settle(pilot, lambda: isinstance(app.screen, ImportFileDialog))
        app.screen.query_one("#import-input", Input).value = str(DATA / "imports" / "resume.json")
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, ImportReviewScreen))
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        assert app.session is None


async def test_a_hosted_demo_never_reads_server_files_and_says_how_to_import(build_app: AppFactory) -> None:
    app = build_app(catalog=SHIPPED, hosted=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("i")
        await settle(pilot, lambda: bool(app._notifications))
        assert not isinstance(app.screen, ImportFileDialog)
        assert any("import-profile" in note.message for note in app._notifications)


async def test_the_palette_offers_import_and_xray(build_app: AppFactory) -> None:
    app = build_app(catalog=SHIPPED)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await settle(pilot, lambda: isinstance(app.screen, CommandPalette))
        app.screen.query_one(Input).value = "x-ray a job"
        commands = app.screen.query_one("CommandList", OptionList)
        await settle(
            pilot,
            lambda: commands.option_count > 0 and "X-ray" in str(commands.get_option_at_index(0).prompt),
        )
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, PostingXrayScreen))


async def test_xray_a_pasted_posting_with_the_gap_to_the_open_profile(build_app: AppFactory) -> None:
    posting = (DATA / "postings" / "implementation-product-manager.txt").read_text(encoding="utf-8")
    app = build_app(catalog=SHIPPED, open_path=DATA.parent.parent / "docs" / "examples" / "profile-only.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
        app.action_xray_posting()
        await settle(pilot, lambda: isinstance(app.screen, PostingXrayScreen))
        await pilot.press("ctrl+r")
        assert "empty" in text_of(app, "#xray-result")
        app.screen.query_one("#posting-text", TextArea).load_text(posting)
        await pilot.press("ctrl+r")
        result = text_of(app, "#xray-result")
        assert "1. Project manager" in result
        assert (
            "“Manage risks and issues, escalate blockers and handle change requests to the agreed scope.”"
            in result
        )
        assert "Your gap to it (as a project manager)" in result and "skill risk-management" in result
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
