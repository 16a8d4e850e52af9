"""The hosted demo under hostile use: no server path on any screen, long names refused with a reason."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input
from tui_helpers import AppFactory, settle

from pathfinder.tui.screens.dialogs import ErrorScreen, OpenDialog, SaveDialog
from pathfinder.tui.screens.welcome import WelcomeScreen
from pathfinder.tui.screens.wizard import WizardScreen

LONG_NAME = "n" * 300
"""Longer than a file name may be (255 bytes): the system says "File name too long"."""


def screen_text(app: Any) -> str:
    """Every character the screen shows, dialogs and notifications included, row by row."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def messages(app: Any) -> str:
    """The words of every notification and of the error view, unwrapped (a long path cannot hide)."""
    texts = [f"{note.title} {note.message}" for note in app._notifications]
    if isinstance(app.screen, ErrorScreen):
        error = app.screen.error
        texts += [error.message, *(str(problem) for problem in error.problems)]
    return "\n".join(texts)


def assert_no_server_path(app: Any, server_dir: Path) -> None:
    for text in (screen_text(app), messages(app)):
        assert str(server_dir) not in text
        assert server_dir.name not in text  # the test's folder name, also when a long path wraps
        assert "/visitors/" not in text and "logs/" not in text


async def type_into(pilot: Any, app: Any, selector: str, text: str) -> None:
    await settle(pilot, lambda: bool(app.screen.query(selector)))
    field = app.screen.query_one(selector, Input)
    field.value = text
    await pilot.press("enter")
    await pilot.pause()


async def test_every_hosted_message_names_files_not_server_paths(
    build_app: AppFactory, plan_dir: Path, tmp_path: Path
) -> None:
    plan_dir.mkdir(parents=True)
    (plan_dir / "broken.toml").write_text("name = [\n")
    app = build_app(hosted=True)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        # Open: no such file, a name too long, a broken plan.
        for name in ("nonexistent", LONG_NAME):
            app.action_open()
            await settle(pilot, lambda: isinstance(app.screen, OpenDialog))
            await type_into(pilot, app, "#open-input", name)
            problem = str(app.screen.query_one("#open-problem").render())
            assert "No such file" in problem or "too long" in problem, problem
            assert_no_server_path(app, tmp_path)
            await pilot.press("escape")
        app.action_open()
        await settle(pilot, lambda: isinstance(app.screen, OpenDialog))
        await type_into(pilot, app, "#open-input", "broken")
        await settle(pilot, lambda: isinstance(app.screen, ErrorScreen))
        assert "broken.toml" in messages(app)
        assert_no_server_path(app, tmp_path)
        await pilot.press("escape")
        # Save, save as with a name too long, export.
        app.action_new_profile()
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
        app.action_save()
        await settle(pilot, lambda: isinstance(app.screen, SaveDialog))
        await type_into(pilot, app, "#save-input", LONG_NAME)
        assert isinstance(app.screen, SaveDialog)  # still open, saying why
        assert "too long" in str(app.screen.query_one("#save-problem").render())
        assert_no_server_path(app, tmp_path)
        await type_into(pilot, app, "#save-input", "mine")
        await settle(pilot, lambda: any(note.title == "Saved" for note in app._notifications))
        assert "mine.toml" in messages(app) and "your plans folder" in messages(app)
        assert_no_server_path(app, tmp_path)
        app.action_export_markdown()
        await settle(pilot, lambda: any(note.title == "Exported" for note in app._notifications))
        assert "mine.md" in messages(app)
        assert_no_server_path(app, tmp_path)


async def test_the_hosted_crash_panel_names_no_log_and_no_server_path(
    build_app: AppFactory, plan_dir: Path, tmp_path: Path
) -> None:
    app = build_app(hosted=True, catch_crashes=True)
    with pytest.raises(OSError):  # what run_test does with the error that ended the app
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot, lambda: isinstance(app.screen, WelcomeScreen))
            app._handle_exception(OSError(36, "File name too long", str(plan_dir / LONG_NAME)))
            await pilot.pause()
    note = app._crash_note or ""
    assert "unexpected error" in note
    assert str(tmp_path) not in note and "pathfinder.log" not in note and "logs" not in note


def test_a_target_that_is_not_an_id_never_names_a_file() -> None:
    """Even a plan that skipped validation (a preview) suggests no file outside the plans folder."""
    from datetime import UTC, datetime

    from pathfinder.plan.models import new_plan
    from pathfinder.plan.preview import read_preview
    from pathfinder.tui.session import Session

    plan = new_plan(datetime(2026, 11, 25, tzinfo=UTC)).model_copy(
        update={"target": "../../../../tmp/x/ESCAPED"}
    )
    assert Session(plan=plan, path=None).suggested_name() == "my-plan.toml"
    stamps = "created = 2026-11-25T00:00:00Z\nupdated = 2026-11-25T00:00:00Z\n"
    text = f'schema_version = 1\n{stamps}target = "/tmp/x"\n'
    assert read_preview(text.encode()) is None
    assert read_preview(text.replace("/tmp/x", "product-manager").encode()) is not None


async def test_the_app_sweeps_temporaries_of_killed_saves_at_start(
    build_app: AppFactory, plan_dir: Path, data_dir: Path
) -> None:
    import os
    import time

    drafts = data_dir / "drafts"
    for folder in (plan_dir, drafts):
        folder.mkdir(parents=True)
    leftovers = [plan_dir / ".mine.toml.0badc0de.tmp", drafts / ".draft.toml.0badc0de.bak.tmp"]
    for leftover in leftovers:
        leftover.write_text("half a plan")
        os.utime(leftover, (time.time() - 3600, time.time() - 3600))
    app = build_app(hosted=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: not any(leftover.exists() for leftover in leftovers))


async def test_a_visitor_keeps_at_most_fifty_plans(build_app: AppFactory, plan_dir: Path) -> None:
    """Imports were capped at 50 plans per visitor, saves in the app were not."""
    from pathfinder.tui.saving import save_session

    plan_dir.mkdir(parents=True)
    for index in range(50):
        (plan_dir / f"plan-{index}.toml").write_text("steps = []\n")
    app = build_app(hosted=True)
    async with app.run_test(size=(120, 30)) as pilot:
        app.action_new_profile()
        await settle(pilot, lambda: isinstance(app.screen, WizardScreen))
        assert not save_session(app, plan_dir / "one-more.toml")
        assert not (plan_dir / "one-more.toml").exists()
        await settle(pilot, lambda: "50 plans, the most kept per visitor" in messages(app))
        assert save_session(app, plan_dir / "plan-7.toml")  # over an existing one: allowed


def test_the_welcome_list_and_the_draft_offer_show_escapes_inert(tmp_path: Path) -> None:
    """Both read a file without validating it: a name holding ESC reached the terminal raw."""
    from pathfinder.tui.drafts import draft_summary
    from pathfinder.tui.plan_list import summarise

    hostile = 'name = "\\u001b]0;PWNED\\u0007\\u001b[2J"\ntarget = "\\u202eevil"\nsteps = []\n'
    plan = tmp_path / "plan.toml"
    plan.write_text(hostile)
    label = " ".join(summarise(plan).lines())
    assert "\x1b" not in label and "\x07" not in label and "\u202e" not in label
    assert "\\x1b]0;PWNED" in label
    drafts = tmp_path / "data" / "drafts"
    drafts.mkdir(parents=True)
    (drafts / "draft.toml").write_text(hostile)
    summary = draft_summary(tmp_path / "data") or ""
    assert "\u202e" not in summary and "\\u202eevil" in summary


async def test_the_app_explains_hostile_files_at_once(build_app: AppFactory, tmp_path: Path) -> None:
    """The app took 7-20 s to show the error view of such files; now the limits refuse them first, and
    thousands of problems are listed up to a hundred."""
    files = {
        "bomb.toml": "[" + ".".join(["a"] * 40000) + "]\nx=1\n",
        "deep.toml": "a = " + "[" * 100_000 + "\n",
        "many.toml": "steps = [" + ",".join(["1"] * 9999) + "]\n",
    }
    for name, text in files.items():
        path = tmp_path / name
        path.write_text(text)
        await _error_view_shown_at_once(build_app(open_path=path))


async def _error_view_shown_at_once(app: Any) -> None:
    from textual.widgets import Static

    started = time.perf_counter()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, ErrorScreen) and bool(app.screen.query("#close")))
        assert time.perf_counter() - started < 5.0  # a loaded machine; idle, well under a second
        problems = list(app.screen.query(".problem").results(Static))
        assert 1 <= len(problems) <= 101
