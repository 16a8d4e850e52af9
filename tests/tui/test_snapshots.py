"""Snapshots of every screen at 80×24 and 120×40 (dark, and high-contrast at least once).

Update after an intended change with ``pytest tests/tui/test_snapshots.py --snapshot-update`` and
review the SVGs in ``tests/tui/__snapshots__``.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select
from tui_helpers import DATA, AppFactory, settle

from pathfinder.tui.app import PathfinderApp
from pathfinder.tui.screens.welcome import WelcomeScreen
from pathfinder.tui.screens.wizard import WizardScreen

SAMPLE = DATA / "plans" / "sample-plan.toml"
Snap = Callable[..., bool]
Before = Callable[[Pilot[Any]], Awaitable[None]]


def welcome_ready(app: PathfinderApp) -> Before:
    async def before(pilot: Pilot[Any]) -> None:
        def listed() -> bool:
            if not isinstance(app.screen, WelcomeScreen) or app.catalog is None:
                return False
            plans = app.screen.query("#saved-plans").results(OptionList)
            first = next(plans, None)
            return (
                first is not None
                and first.option_count > 0
                and "looking" not in str(first.get_option_at_index(0).prompt)
            )

        await settle(pilot, listed)

    return before


def at_step(app: PathfinderApp, step: str, theme: str | None = None) -> Before:
    """Open the sample plan and show ``step`` of the wizard."""

    async def before(pilot: Pilot[Any]) -> None:
        if theme:
            app.theme = theme
        await settle(pilot, lambda: getattr(app.screen, "current", None) is not None)
        screen = app.screen
        assert isinstance(screen, WizardScreen)
        screen.go(step)
        await settle(pilot, lambda: screen.current == step)
        await pilot.pause()

    return before


def background_with_problem(app: PathfinderApp) -> Before:
    """Start a new profile and enter a role whose start month is in the future."""

    async def before(pilot: Pilot[Any]) -> None:
        await settle(pilot, lambda: app.catalog is not None)
        await pilot.press("n")
        await settle(pilot, lambda: getattr(app.screen, "current", None) == "background")
        screen = app.screen
        screen.query_one("#role-background", Select).value = "software-engineer"
        screen.query_one("#role-start", Input).value = "2027-02"
        screen.query_one("#role-start", Input).focus()
        await pilot.press("enter")

    return before


def explain_fit(app: PathfinderApp) -> Before:
    """Open the “why” dialog of the left column's fit on the compare step."""

    async def before(pilot: Pilot[Any]) -> None:
        await at_step(app, "compare")(pilot)
        app.screen.query_one("#numbers-left", OptionList).focus()
        await pilot.press("enter")
        await settle(pilot, lambda: app.screen.id == "explain")

    return before


def progress_dialog(app: PathfinderApp) -> Before:
    async def before(pilot: Pilot[Any]) -> None:
        await at_step(app, "plan")(pilot)
        app.action_progress()
        await pilot.pause()

    return before


def help_dialog(app: PathfinderApp) -> Before:
    async def before(pilot: Pilot[Any]) -> None:
        await welcome_ready(app)(pilot)
        await pilot.press("f1")
        await pilot.pause()

    return before


def glance(app: PathfinderApp) -> Before:
    async def before(pilot: Pilot[Any]) -> None:
        await welcome_ready(app)(pilot)
        await pilot.press("g")
        await settle(pilot, lambda: type(app.screen).__name__ == "GlanceScreen")

    return before


def error_view(app: PathfinderApp) -> Before:
    async def before(pilot: Pilot[Any]) -> None:
        await settle(pilot, lambda: app.screen.id == "error-view")

    return before


@pytest.fixture
def sample_app(build_app: AppFactory) -> Callable[..., PathfinderApp]:
    """The app opened on the sample plan, its plan folder being the (read-only) sample folder."""

    def build(**overrides: Any) -> PathfinderApp:
        return build_app(plan_dir=DATA / "plans", open_path=SAMPLE, **overrides)

    return build


def test_welcome_80x24(snap_compare: Snap, build_app: AppFactory) -> None:
    """You should see the welcome menu (new, open, product vs project, quit) and the saved sample plan
    with its target, progress and last-saved date, with the keys in the footer."""
    app = build_app(plan_dir=DATA / "plans")
    assert snap_compare(app, terminal_size=(80, 24), run_before=welcome_ready(app))


def test_welcome_high_contrast_120x40(snap_compare: Snap, build_app: AppFactory) -> None:
    """You should see the welcome screen in the high-contrast theme (black, white and yellow), with the
    hosted-demo note that plans are kept only for this visit."""
    app = build_app(plan_dir=DATA / "plans", hosted_keyless=True)
    app.theme = "pathfinder-high-contrast"

    async def before(pilot: Pilot[Any]) -> None:
        app.theme = "pathfinder-high-contrast"
        await welcome_ready(app)(pilot)

    assert snap_compare(app, terminal_size=(120, 40), run_before=before)


def test_background_with_problems_80x24(snap_compare: Snap, build_app: AppFactory) -> None:
    """You should see the Background step: the roles list, a role form with a start month in the future,
    and the problem explained in red with a ⚠ under the form."""
    app = build_app()
    assert snap_compare(app, terminal_size=(80, 24), run_before=background_with_problem(app))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_education(
    snap_compare: Snap, sample_app: Callable[..., PathfinderApp], size: tuple[int, int]
) -> None:
    """You should see the Education step: the bachelor's degree in the list, the degree form, the GAC
    note and the training hours (40 PM hours)."""
    app = sample_app()
    assert snap_compare(app, terminal_size=size, run_before=at_step(app, "education"))


def test_certifications_120x40(snap_compare: Snap, sample_app: Callable[..., PathfinderApp]) -> None:
    """You should see the Certifications step: no certification held yet and the eligibility preview
    for PMP and CAPM (eligible now, in N months, or what is missing)."""
    app = sample_app()
    assert snap_compare(app, terminal_size=(120, 40), run_before=at_step(app, "certifications"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_skills(snap_compare: Snap, sample_app: Callable[..., PathfinderApp], size: tuple[int, int]) -> None:
    """You should see the Skills step: the filter box, skills grouped by category with ●○ bars and
    numbers, suggestions marked ◇, and the highlighted skill's description and level meanings."""
    app = sample_app()
    assert snap_compare(app, terminal_size=size, run_before=at_step(app, "skills"))


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)], ids=["80x24", "120x40", "200x60"])
def test_compare(snap_compare: Snap, sample_app: Callable[..., PathfinderApp], size: tuple[int, int]) -> None:
    """You should see product manager and project manager side by side: fit score with a bar and the
    number, the four components, strengths, gaps, certifications, goal, focus and a typical week;
    at 200 columns the ranked list of every path stands in a third column on the right."""
    app = sample_app()
    assert snap_compare(app, terminal_size=size, run_before=at_step(app, "compare"))


def test_compare_high_contrast_80x24(snap_compare: Snap, sample_app: Callable[..., PathfinderApp]) -> None:
    """You should see the compare step in the high-contrast theme; every score has its number."""
    app = sample_app()
    assert snap_compare(
        app, terminal_size=(80, 24), run_before=at_step(app, "compare", "pathfinder-high-contrast")
    )


def test_explain_fit_80x24(snap_compare: Snap, sample_app: Callable[..., PathfinderApp]) -> None:
    """You should see the “why” dialog for the product manager's fit: the components with weight ×
    score = points, the skills that counted, and where the facts come from."""
    app = sample_app()
    assert snap_compare(app, terminal_size=(80, 24), run_before=explain_fit(app))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_plan(snap_compare: Snap, sample_app: Callable[..., PathfinderApp], size: tuple[int, int]) -> None:
    """You should see the Plan step of the sample plan: target project manager, a progress bar with
    1/3 done, and the steps with status symbols and words, due dates and notes."""
    app = sample_app()
    assert snap_compare(app, terminal_size=size, run_before=at_step(app, "plan"))


def test_progress_80x24(snap_compare: Snap, sample_app: Callable[..., PathfinderApp]) -> None:
    """You should see the progress dialog: a sparkline of the target's fit over two saves, the change
    (72.6 → 80.0) and a table of each save's score and steps done."""
    app = sample_app()
    assert snap_compare(app, terminal_size=(80, 24), run_before=progress_dialog(app))


def test_help_80x24(snap_compare: Snap, build_app: AppFactory) -> None:
    """You should see the help dialog over the welcome screen, listing the keys by area."""
    app = build_app(plan_dir=DATA / "plans")
    assert snap_compare(app, terminal_size=(80, 24), run_before=help_dialog(app))


def test_glance_120x40(snap_compare: Snap, build_app: AppFactory) -> None:
    """You should see “product vs project manager at a glance”: the aspects side by side, the goal,
    focus and typical week of each, how they work together and the sources."""
    app = build_app(plan_dir=DATA / "plans")
    assert snap_compare(app, terminal_size=(120, 40), run_before=glance(app))


def test_broken_file_80x24(
    snap_compare: Snap, build_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """You should see the error view naming broken-plan.toml, line 9 (profile.pm_training_hours) and
    line 15 (steps[0].status), each with what was expected."""
    monkeypatch.chdir(DATA)
    app = build_app(plan_dir=DATA / "plans", open_path=Path("broken-plan.toml"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=error_view(app))


# ----- the other size of each screen (the tests above keep their names and snapshots) -----------


def test_welcome_120x40(snap_compare: Snap, build_app: AppFactory) -> None:
    """You should see the welcome menu and the saved sample plan (target, progress, last-saved date)
    in the dark theme at 120 columns, with the keys in the footer."""
    app = build_app(plan_dir=DATA / "plans")
    assert snap_compare(app, terminal_size=(120, 40), run_before=welcome_ready(app))


def test_background_with_problems_120x40(snap_compare: Snap, build_app: AppFactory) -> None:
    """You should see the Background step at 120 columns: the roles list, the role form with a start
    month in the future, and the problem explained in red with a ⚠ under the form."""
    app = build_app()
    assert snap_compare(app, terminal_size=(120, 40), run_before=background_with_problem(app))


def test_certifications_80x24(snap_compare: Snap, sample_app: Callable[..., PathfinderApp]) -> None:
    """You should see the Certifications step at 80×24: no certification held yet, the form, and the
    eligibility preview (PMP and CAPM) reachable below."""
    app = sample_app()
    assert snap_compare(app, terminal_size=(80, 24), run_before=at_step(app, "certifications"))


def test_explain_fit_120x40(snap_compare: Snap, sample_app: Callable[..., PathfinderApp]) -> None:
    """You should see the “why” dialog for the product manager's fit at 120 columns: the components
    with weight × score = points, the skills that counted, and where the facts come from."""
    app = sample_app()
    assert snap_compare(app, terminal_size=(120, 40), run_before=explain_fit(app))


def test_progress_120x40(snap_compare: Snap, sample_app: Callable[..., PathfinderApp]) -> None:
    """You should see the progress dialog at 120 columns: the sparkline of the target's fit over two
    saves, the change (72.6 → 80.0) and the table of each save's score and steps done."""
    app = sample_app()
    assert snap_compare(app, terminal_size=(120, 40), run_before=progress_dialog(app))


def test_help_120x40(snap_compare: Snap, build_app: AppFactory) -> None:
    """You should see the help dialog over the welcome screen at 120 columns, listing the keys by area."""
    app = build_app(plan_dir=DATA / "plans")
    assert snap_compare(app, terminal_size=(120, 40), run_before=help_dialog(app))


def test_glance_80x24(snap_compare: Snap, build_app: AppFactory) -> None:
    """You should see “product vs project manager at a glance” at 80×24: the aspects side by side,
    readable (no cut words), the rest reachable by scrolling."""
    app = build_app(plan_dir=DATA / "plans")
    assert snap_compare(app, terminal_size=(80, 24), run_before=glance(app))


def test_broken_file_120x40(
    snap_compare: Snap, build_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """You should see the error view at 120 columns naming broken-plan.toml, line 9
    (profile.pm_training_hours) and line 15 (steps[0].status), each with what was expected."""
    monkeypatch.chdir(DATA)
    app = build_app(plan_dir=DATA / "plans", open_path=Path("broken-plan.toml"))
    assert snap_compare(app, terminal_size=(120, 40), run_before=error_view(app))


def test_plan_light_120x40(snap_compare: Snap, sample_app: Callable[..., PathfinderApp]) -> None:
    """You should see the Plan step of the sample plan in the light theme (dark text on a light
    background): target, progress bar with 1/3 done, and the steps with status symbols and words."""
    app = sample_app()
    assert snap_compare(app, terminal_size=(120, 40), run_before=at_step(app, "plan", "pathfinder-light"))


# ----- dialogs that had no snapshot --------------------------------------------------------------

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
# A made-up folder: the dialogs print the plan folder, and the real one differs per checkout.
SHOWN_PLAN_DIR = Path("/home/ada/pathfinder-plans")


@SIZES
def test_open_dialog(snap_compare: Snap, build_app: AppFactory, size: tuple[int, int]) -> None:
    """You should see the “Open a plan” dialog over the welcome screen: the plans folder, an empty
    path box with its example placeholder, and Cancel / Open buttons."""
    app = build_app(plan_dir=SHOWN_PLAN_DIR)

    async def before(pilot: Pilot[Any]) -> None:
        await settle(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        app.action_open()
        await settle(pilot, lambda: type(app.screen).__name__ == "OpenDialog")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=before)


@SIZES
def test_save_dialog(snap_compare: Snap, build_app: AppFactory, size: tuple[int, int]) -> None:
    """You should see the “Save plan as” dialog over the Plan step: where plans are saved, the file
    name box holding sample-plan.toml, and Cancel / Save buttons."""
    app = build_app(plan_dir=SHOWN_PLAN_DIR, open_path=SAMPLE)

    async def before(pilot: Pilot[Any]) -> None:
        await at_step(app, "plan")(pilot)
        app.action_save_as()
        await settle(pilot, lambda: type(app.screen).__name__ == "SaveDialog")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=before)


@SIZES
def test_step_dialog(
    snap_compare: Snap, sample_app: Callable[..., PathfinderApp], size: tuple[int, int]
) -> None:
    """You should see the “Edit step” dialog for the plan's first step: title, status, due date and
    notes filled in, each with its label, and Cancel / OK buttons."""
    app = sample_app()

    async def before(pilot: Pilot[Any]) -> None:
        await at_step(app, "plan")(pilot)
        app.screen.query_one("StepTable").focus()
        await pilot.press("e")
        await settle(pilot, lambda: type(app.screen).__name__ == "StepDialog")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=before)


def test_step_dialog_with_problems_80x24(
    snap_compare: Snap, sample_app: Callable[..., PathfinderApp]
) -> None:
    """You should see the “Edit step” dialog with an empty title and a due date of 2026-13-40, and
    under the fields both problems in red, each with a ⚠, the buttons still visible."""
    app = sample_app()

    async def before(pilot: Pilot[Any]) -> None:
        await at_step(app, "plan")(pilot)
        app.screen.query_one("StepTable").focus()
        await pilot.press("e")
        await settle(pilot, lambda: type(app.screen).__name__ == "StepDialog")
        app.screen.query_one("#step-title", Input).value = ""
        app.screen.query_one("#step-due", Input).value = "2026-13-40"
        app.screen.query_one("#step-due", Input).focus()
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=before)


@SIZES
def test_quit_confirmation(
    snap_compare: Snap, sample_app: Callable[..., PathfinderApp], size: tuple[int, int]
) -> None:
    """You should see the “Unsaved changes” question over the Plan step after a step's status was
    changed and ctrl+q pressed: the explanation, Cancel (focused) and “Quit without saving”."""
    app = sample_app()

    async def before(pilot: Pilot[Any]) -> None:
        await at_step(app, "plan")(pilot)
        app.screen.query_one("StepTable").focus()
        await pilot.press("space")
        await settle(pilot, lambda: app.session is not None and app.session.dirty)
        await pilot.press("ctrl+q")
        await settle(pilot, lambda: type(app.screen).__name__ == "ConfirmQuit")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=before)


@SIZES
def test_draft_recovery(
    snap_compare: Snap, build_app: AppFactory, data_dir: Path, size: tuple[int, int]
) -> None:
    """You should see “Recover your unsaved work?” over the welcome screen at start: the draft of
    sample-plan.toml autosaved 2026-11-24 18:05 (roles, target, steps done), and Discard / Recover."""
    drafts = data_dir / "drafts"
    drafts.mkdir(parents=True)
    draft = drafts / "draft.toml"
    draft.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (drafts / "draft.source").write_text(str(SAMPLE), encoding="utf-8")
    saved = datetime(2026, 11, 24, 18, 5).timestamp()  # local time, as the prompt shows it
    os.utime(draft, (saved, saved))
    app = build_app(plan_dir=DATA / "plans")

    async def before(pilot: Pilot[Any]) -> None:
        await settle(pilot, lambda: type(app.screen).__name__ == "DraftOffer")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=before)


@SIZES
def test_toml_view(
    snap_compare: Snap, sample_app: Callable[..., PathfinderApp], size: tuple[int, int]
) -> None:
    """You should see “Your plan as TOML”: the copy hint and the sample plan's TOML with line
    numbers (schema, name, target, profile…), and a Close button."""
    app = sample_app()

    async def before(pilot: Pilot[Any]) -> None:
        await at_step(app, "plan")(pilot)
        app.action_view_toml()
        await settle(pilot, lambda: type(app.screen).__name__ == "TomlView")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=before)


LONG_NAMES = DATA / "long" / "long-names.toml"


@pytest.mark.parametrize("step", ["background", "plan"])
def test_long_names_80x24(snap_compare: Snap, build_app: AppFactory, step: str) -> None:
    """You should see, at 80×24, a 57-character role title and an 87-character custom step wrapped in full
    where there is room (the role list wraps; the step's row grows to two lines): nothing cut with empty
    columns beside it."""
    app = build_app(plan_dir=DATA / "long", open_path=LONG_NAMES)
    assert snap_compare(app, terminal_size=(80, 24), run_before=at_step(app, step))
