"""Switching plans: open one plan, then another, then go home and back, in any order — never a crash."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Input
from tui_helpers import DATA, AppFactory, settle

from pathfinder.tui.app import PathfinderApp
from pathfinder.tui.screens.dialogs import ConfirmDiscard, OpenDialog
from pathfinder.tui.screens.welcome import WelcomeScreen
from pathfinder.tui.screens.wizard import WizardScreen

SAMPLE = DATA / "plans" / "sample-plan.toml"


def two_plans(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    first, second = folder / "a.toml", folder / "b.toml"
    shutil.copy(SAMPLE, first)
    text = SAMPLE.read_text(encoding="utf-8")
    second.write_text(text.replace('name = "', 'name = "B ', 1), encoding="utf-8")
    return first, second


async def open_with_dialog(pilot, app: PathfinderApp, path: Path) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+o")
    await settle(pilot, lambda: isinstance(app.screen, OpenDialog))
    app.screen.query_one("#open-input", Input).value = str(path)
    await pilot.press("enter")


async def test_ctrl_o_from_a_plan_opened_at_start_opens_the_other_plan(
    build_app: AppFactory, tmp_path: Path
) -> None:
    """`pathfinder A.toml`, then ctrl+o B.toml: B is on screen (this used to crash with DuplicateIds)."""
    first, second = two_plans(tmp_path / "plans")
    app = build_app(open_path=first)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.session is not None and app.catalog is not None)
        await open_with_dialog(pilot, app, second)
        await settle(pilot, lambda: app.session is not None and app.session.path == second)
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
        assert len([s for s in app.screen_stack if isinstance(s, WizardScreen)]) == 1
        await open_with_dialog(pilot, app, first)
        await settle(pilot, lambda: app.session is not None and app.session.path == first)
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
        assert len([s for s in app.screen_stack if isinstance(s, WizardScreen)]) == 1


async def test_home_then_new_profile_from_a_plan_opened_at_start(
    build_app: AppFactory, tmp_path: Path
) -> None:
    """From a plan opened at start: home, `n` for a new profile, home, `o` and the plan again."""
    first, _second = two_plans(tmp_path / "plans")
    app = build_app(open_path=first)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.session is not None and app.catalog is not None)
        await pilot.press("ctrl+g")
        await settle(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.press("n")
        await settle(
            pilot,
            lambda: (
                isinstance(app.screen, WizardScreen) and app.session is not None and app.session.path is None
            ),
        )
        await pilot.press("ctrl+g")
        await settle(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await pilot.press("o")
        await settle(pilot, lambda: isinstance(app.screen, OpenDialog))
        app.screen.query_one("#open-input", Input).value = str(first)
        await pilot.press("enter")
        await settle(
            pilot,
            lambda: (
                isinstance(app.screen, WizardScreen) and app.session is not None and app.session.path == first
            ),
        )


async def test_opening_another_plan_with_unsaved_changes_asks_first(
    build_app: AppFactory, tmp_path: Path
) -> None:
    """Unsaved changes and ctrl+o: a question first; "keep" leaves the edited plan as it was."""
    first, second = two_plans(tmp_path / "plans")
    app = build_app(open_path=first)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.session is not None and app.catalog is not None)
        session = app.session
        assert session is not None
        app.mark_changed()
        await open_with_dialog(pilot, app, second)
        await settle(pilot, lambda: isinstance(app.screen, ConfirmDiscard))
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
        assert app.session is session and session.dirty and session.path == first


async def test_a_profile_only_file_with_a_target_opens_on_its_proposed_steps(
    build_app: AppFactory, tmp_path: Path
) -> None:
    """A profile-only file naming a target opens on the plan step with its steps proposed (it used to show
    "0/0 done" and no steps), titled as a new plan from that file."""
    profile = tmp_path / "profile.toml"
    text = (DATA / "plans" / "sample-plan.toml").read_text(encoding="utf-8")
    profile_part = text[text.index("[profile]") : text.index("[[steps]]")]
    profile.write_text('target = "project-manager"\n\n' + profile_part, encoding="utf-8")
    app = build_app(open_path=profile)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: app.session is not None and bool(app.session.plan.steps))
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen) and app.screen.current == "plan")
        assert app.session is not None and app.session.path is None
        assert "new plan from profile.toml" in app.sub_title


async def test_a_saved_plan_without_a_target_reopens_on_the_comparison(
    build_app: AppFactory, tmp_path: Path
) -> None:
    """A plan saved before choosing a target, opened with `pathfinder FILE`: the comparison shows (it used
    to crash: the quick preview of the file, which has no profile, was handed to the compare step)."""
    path = tmp_path / "no-target.toml"
    text = (DATA / "plans" / "sample-plan.toml").read_text(encoding="utf-8")
    path.write_text(text.replace('target = "project-manager"\n', ""), encoding="utf-8")
    app = build_app(open_path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen) and app.screen.current == "compare")
        await settle(pilot, lambda: app.screen.query("#ranked"))
        assert app.session is not None and not app.session.previewing
