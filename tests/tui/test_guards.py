"""Inline validation, the unsaved-changes guard, draft recovery and the broken-file error view."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Input, Select, Static
from tui_helpers import DATA, AppFactory, AppPilot, session_of, settle

from pathfinder.tui.app import PathfinderApp
from pathfinder.tui.drafts import drafts_dir
from pathfinder.tui.screens.dialogs import ConfirmDiscard, ConfirmQuit, DraftOffer, ErrorScreen
from pathfinder.tui.screens.welcome import WelcomeScreen
from pathfinder.tui.screens.wizard import WizardScreen


async def start_wizard(app: PathfinderApp, pilot: AppPilot) -> WizardScreen:
    await settle(pilot, lambda: isinstance(app.screen, WelcomeScreen) and app.catalog is not None)
    await pilot.press("n")
    await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
    screen = app.screen
    assert isinstance(screen, WizardScreen)
    return screen


async def submit(pilot: AppPilot, screen: WizardScreen, selector: str) -> None:
    """Press enter in a form field, which saves the form (as a user would)."""
    screen.query_one(selector, Input).focus()
    await pilot.press("enter")


def errors_text(screen: WizardScreen, selector: str = "#form-errors") -> str:
    return str(screen.query_one(selector, Static).content)


async def test_role_dates_are_checked_and_explained(build_app: AppFactory) -> None:
    """Future months, bad formats and an end before the start are refused with a clear message."""
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_wizard(app, pilot)
        screen.query_one("#role-title", Input).value = "Analyst"
        screen.query_one("#role-start", Input).value = "2027-01"
        await submit(pilot, screen, "#role-start")
        assert "2027-01 is in the future" in errors_text(screen)
        screen.query_one("#role-start", Input).value = "2020-13"
        screen.query_one("#role-end", Input).value = "2019-01"
        await submit(pilot, screen, "#role-start")
        assert "month 13 does not exist" in errors_text(screen)
        screen.query_one("#role-start", Input).value = "2020-02"
        await submit(pilot, screen, "#role-start")
        assert "End (2019-01) is before start (2020-02)" in errors_text(screen)
        assert app.session is not None and app.session.profile.roles == []
        await pilot.press("ctrl+n")
        assert screen.current == "background", "a step with problems cannot be left"
        assert "Fix this first" in str(screen.query_one("#wizard-status", Static).content)
        screen.query_one("#role-end", Input).value = ""
        await pilot.press("ctrl+n")
        assert screen.current == "education"
        assert [role.start for role in app.session.profile.roles] == ["2020-02"]


async def test_training_hours_must_be_whole_numbers(build_app: AppFactory) -> None:
    """Hours that are not whole numbers in range are explained and not stored."""
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_wizard(app, pilot)
        await pilot.press("ctrl+n")
        screen.query_one("#pm-hours", Input).value = "12.5"
        await pilot.pause()
        assert "not a whole number" in errors_text(screen, "#training-errors")
        screen.query_one("#pm-hours", Input).value = "9000"
        await pilot.pause()
        assert "out of range" in errors_text(screen, "#training-errors")
        await pilot.press("ctrl+n")
        assert screen.current == "education"
        screen.query_one("#pm-hours", Input).value = "35"
        await pilot.pause()
        assert app.session is not None and app.session.profile.pm_training_hours == 35


async def test_quit_with_unsaved_changes_asks_first(build_app: AppFactory) -> None:
    """ctrl+q with unsaved changes opens the guard; cancel keeps the app; confirming quits."""
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_wizard(app, pilot)
        screen.query_one("#role-background", Select).value = "teacher"
        screen.query_one("#role-start", Input).value = "2019-09"
        await submit(pilot, screen, "#role-start")
        assert app.session is not None and app.session.dirty
        await pilot.press("ctrl+q")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmQuit))
        await pilot.press("escape")
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
        assert app.is_running
        await pilot.press("ctrl+q")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmQuit))
        await pilot.click("#yes")
        await settle(pilot, lambda: not app.is_running)


async def test_a_new_profile_over_unsaved_work_asks_first(build_app: AppFactory) -> None:
    """Starting a new profile with unsaved changes asks; "no" keeps the work, "yes" starts afresh."""
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_wizard(app, pilot)
        screen.query_one("#role-background", Select).value = "teacher"
        screen.query_one("#role-start", Input).value = "2019-09"
        await submit(pilot, screen, "#role-start")
        worked_on = session_of(app)
        assert worked_on.dirty
        app.action_new_profile()
        await settle(pilot, lambda: isinstance(app.screen, ConfirmDiscard))
        await pilot.click("#no")
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
        assert app.session is worked_on and worked_on.dirty
        app.action_new_profile()
        await settle(pilot, lambda: isinstance(app.screen, ConfirmDiscard))
        await pilot.click("#yes")
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen) and app.session is not worked_on)
        assert session_of(app).profile.roles == [] and not session_of(app).dirty


async def test_a_draft_left_behind_is_offered_back(build_app: AppFactory, data_dir: Path) -> None:
    """Work autosaved as a draft survives a crash and is restored on the next start."""
    first = build_app()
    async with first.run_test(size=(100, 30)) as pilot:
        screen = await start_wizard(first, pilot)
        screen.query_one("#role-background", Select).value = "software-engineer"
        screen.query_one("#role-start", Input).value = "2018-04"
        await submit(pilot, screen, "#role-start")
        await settle(pilot, lambda: (drafts_dir(data_dir) / "draft.toml").is_file())
    # the first app ended without saving (as after a crash): the draft is still there

    second = build_app()
    async with second.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(second.screen, DraftOffer))
        assert "1 role(s)" in str(second.screen.query_one("#confirm-message", Static).content)
        await pilot.click("#yes")
        await settle(pilot, lambda: isinstance(second.screen, WizardScreen))
        assert second.session is not None and second.session.dirty
        assert [role.start for role in second.session.profile.roles] == ["2018-04"]


async def test_declining_the_draft_discards_it(build_app: AppFactory, data_dir: Path) -> None:
    first = build_app()
    async with first.run_test(size=(100, 30)) as pilot:
        screen = await start_wizard(first, pilot)
        screen.query_one("#role-background", Select).value = "teacher"
        screen.query_one("#role-start", Input).value = "2018-04"
        await submit(pilot, screen, "#role-start")
        first.write_draft()
    second = build_app()
    async with second.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(second.screen, DraftOffer))
        await pilot.click("#no")
        await settle(pilot, lambda: isinstance(second.screen, WelcomeScreen))
    assert not (drafts_dir(data_dir) / "draft.toml").exists()


async def test_a_broken_plan_file_opens_the_error_view(build_app: AppFactory) -> None:
    """Every problem is listed with the file, the line and the field; nothing crashes."""
    broken = DATA / "broken-plan.toml"
    app = build_app(open_path=broken)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ErrorScreen) and bool(app.screen.query("#close")))
        problems = [str(widget.content) for widget in app.screen.query(".problem").results(Static)]
        assert any("broken-plan.toml:9" in text and "profile.pm_training_hours" in text for text in problems)
        assert any("broken-plan.toml:15" in text and "steps[0].status" in text for text in problems)
        await pilot.click("#close")
        await settle(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        assert app.session is None


async def test_save_dialog_in_hosted_mode_refuses_folders(build_app: AppFactory) -> None:
    """Hosted visitors can only save plain file names inside their plan folder."""
    app = build_app(hosted=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_wizard(app, pilot)
        assert "hosted demo" in app.sub_title
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: app.screen.query("#save-input"))
        app.screen.query_one("#save-input", Input).value = "../../etc/passwd"
        await pilot.click("#save")
        assert "plain file name" in str(app.screen.query_one("#save-problem", Static).content)
        assert not any(button.id == "nothing" for button in app.screen.query(Button))


async def test_an_unexpected_error_keeps_the_work_and_explains(build_app: AppFactory, data_dir: Path) -> None:
    """A bug ends the app with a short note (no traceback); the draft and a log keep what matters."""
    app = build_app(catch_crashes=True)
    with pytest.raises(RuntimeError, match="simulated bug"):
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await start_wizard(app, pilot)
            screen.query_one("#role-background", Select).value = "teacher"
            screen.query_one("#role-start", Input).value = "2019-09"
            await submit(pilot, screen, "#role-start")

            def broken() -> None:
                raise RuntimeError("simulated bug")

            app.call_later(broken)
            await settle(pilot, lambda: not app.is_running)
    note = app._crash_note or ""
    assert "unexpected error (RuntimeError: simulated bug)" in note and "draft" in note
    assert not any("Traceback" in type(item).__name__ for item in app._exit_renderables)
    assert "RuntimeError: simulated bug" in (data_dir / "logs" / "pathfinder.log").read_text(encoding="utf-8")
    assert (drafts_dir(data_dir) / "draft.toml").is_file()


async def test_an_error_in_a_worker_ends_with_status_70_and_its_traceback_logged(
    build_app: AppFactory, data_dir: Path
) -> None:
    """A bug inside a worker (where opening plans runs): exit status 70, and the log holds the bug's own
    traceback (the frame that raised), not only Textual's one-line "Worker raised exception"."""
    app = build_app(catch_crashes=True)
    with pytest.raises(Exception, match="simulated worker bug"):
        async with app.run_test(size=(100, 30)) as pilot:

            async def broken_worker() -> None:
                raise RuntimeError("simulated worker bug")

            app.run_worker(broken_worker())
            await settle(pilot, lambda: not app.is_running)
    assert app.return_code == 70
    log = (data_dir / "logs" / "pathfinder.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "in broken_worker" in log and "RuntimeError: simulated worker bug" in log


async def test_opening_a_plan_with_a_newer_draft_offers_it_with_restore_focused(
    build_app: AppFactory, data_dir: Path, tmp_path: Path
) -> None:
    """`pathfinder PLAN.toml` after a crash: the draft of that plan is offered (it used to open the saved
    file silently), and enter restores it."""
    import os
    import shutil

    from pathfinder.tui.drafts import save_draft
    from pathfinder.tui.session import Session

    plan_path = tmp_path / "mine.toml"
    shutil.copy(DATA / "plans" / "sample-plan.toml", plan_path)
    from pathfinder.plan.store import load_plan

    saved = load_plan(plan_path).plan
    edited = saved.model_copy(update={"name": "Edited after the last save"})
    save_draft(Session(plan=edited, path=plan_path), data_dir)
    stamp = plan_path.stat().st_mtime + 60
    os.utime(drafts_dir(data_dir) / "draft.toml", (stamp, stamp))

    app = build_app(open_path=plan_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, DraftOffer))
        assert app.screen.focused is not None and app.screen.focused.id == "yes"
        await pilot.press("enter")
        await settle(
            pilot, lambda: app.session is not None and app.session.plan.name == "Edited after the last save"
        )
        assert app.session is not None and app.session.dirty and app.session.path == plan_path


async def test_a_new_profile_can_be_started_from_inside_the_wizard(build_app: AppFactory) -> None:
    """The command palette's "New profile" while the wizard is open replaces the wizard (it used to end
    the app: the new wizard took the id of the one still on the stack)."""
    app = build_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await start_wizard(app, pilot)
        first = session_of(app)
        first_wizard = app.screen
        app.action_new_profile()
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen) and app.screen is not first_wizard)
        await app.workers.wait_for_complete()
        assert session_of(app) is not first and app.is_running
        assert [type(screen) for screen in app.screen_stack] == [WelcomeScreen, WizardScreen]
