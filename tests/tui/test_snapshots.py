"""Snapshots of every screen at 80×24 and 120×40 (dark, and high-contrast at least once).

Update after an intended change with ``pytest tests/tui/test_snapshots.py --snapshot-update`` and
review the SVGs in ``tests/tui/__snapshots__``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
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

    async def before(pilot: Pilot[Any]) -> None:
        await settle(pilot, lambda: app.catalog is not None)
        await pilot.press("n")
        await settle(pilot, lambda: getattr(app.screen, "current", None) == "background")
        screen = app.screen
        screen.query_one("#role-background", Select).value = "software-engineer"
        screen.query_one("#role-start", Input).value = "2027-02"
        screen.query_one("#role-start", Input).focus()
        await pilot.press("enter")

    assert snap_compare(app, terminal_size=(80, 24), run_before=before)


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

    async def before(pilot: Pilot[Any]) -> None:
        await at_step(app, "compare")(pilot)
        app.screen.query_one("#numbers-left", OptionList).focus()
        await pilot.press("enter")
        await settle(pilot, lambda: app.screen.id == "explain")

    assert snap_compare(app, terminal_size=(80, 24), run_before=before)


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

    async def before(pilot: Pilot[Any]) -> None:
        await at_step(app, "plan")(pilot)
        app.action_progress()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=before)


def test_help_80x24(snap_compare: Snap, build_app: AppFactory) -> None:
    """You should see the help dialog over the welcome screen, listing the keys by area."""
    app = build_app(plan_dir=DATA / "plans")

    async def before(pilot: Pilot[Any]) -> None:
        await welcome_ready(app)(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=before)


def test_glance_120x40(snap_compare: Snap, build_app: AppFactory) -> None:
    """You should see “product vs project manager at a glance”: the aspects side by side, the goal,
    focus and typical week of each, how they work together and the sources."""
    app = build_app(plan_dir=DATA / "plans")

    async def before(pilot: Pilot[Any]) -> None:
        await welcome_ready(app)(pilot)
        await pilot.press("g")
        await settle(pilot, lambda: type(app.screen).__name__ == "GlanceScreen")

    assert snap_compare(app, terminal_size=(120, 40), run_before=before)


def test_broken_file_80x24(
    snap_compare: Snap, build_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """You should see the error view naming broken-plan.toml, line 9 (profile.pm_training_hours) and
    line 15 (steps[0].status), each with what was expected."""
    monkeypatch.chdir(DATA)
    app = build_app(plan_dir=DATA / "plans", open_path=Path("broken-plan.toml"))

    async def before(pilot: Pilot[Any]) -> None:
        await settle(pilot, lambda: app.screen.id == "error-view")

    assert snap_compare(app, terminal_size=(80, 24), run_before=before)
