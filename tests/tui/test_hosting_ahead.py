"""A hosted app started ahead of its visitor (the SSH host's spares) takes the visitor's folders when it
is handed over: their saved plans, their draft, the note for visitors without a key."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import OptionList
from tui_helpers import DATA, NOW, AppFactory, settle

from pathfinder.plan.models import new_plan
from pathfinder.tui.ahead import Visitor, colours_fit, hand_over
from pathfinder.tui.drafts import save_draft
from pathfinder.tui.screens.dialogs import DraftOffer
from pathfinder.tui.screens.welcome import WelcomeScreen
from pathfinder.tui.session import Session


def visitor(tmp_path: Path, *, keyless: bool, entered: list[str]) -> Visitor:
    plans, data = tmp_path / "visitor" / "plans", tmp_path / "visitor" / "data"
    plans.mkdir(parents=True)
    data.mkdir()
    return Visitor(plan_dir=plans, data_dir=data, keyless=keyless, env={}, enter=lambda: entered.append("in"))


async def test_the_visitor_gets_their_saved_plans_and_their_draft(
    build_app: AppFactory, tmp_path: Path
) -> None:
    entered: list[str] = []
    arriving = visitor(tmp_path, keyless=False, entered=entered)
    shutil.copy(DATA / "plans" / "sample-plan.toml", arriving.plan_dir / "my-plan.toml")
    session = Session(plan=new_plan(NOW))
    session.dirty = True
    save_draft(session, arriving.data_dir)
    app = build_app(hosted=True)  # started on folders of its own: no plans, no draft
    async with app.run_test(size=(100, 30)) as pilot:
        listing = app.screen.query_one("#saved-plans", OptionList)
        await settle(pilot, lambda: str(listing.get_option_at_index(0).prompt).startswith("No plans yet"))
        hand_over(app, arriving)
        assert entered == ["in"]  # the host made the process the visitor's session in between
        await settle(pilot, lambda: isinstance(app.screen, DraftOffer))
        await pilot.pause()
        assert [type(screen) for screen in app.screen_stack] == [WelcomeScreen, DraftOffer]  # asked once
        await pilot.click("#no")
        await settle(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        await settle(pilot, lambda: listing.option_count == 1 and not listing.get_option_at_index(0).disabled)
        assert app.plan_dir == arriving.plan_dir and app.data_dir == arriving.data_dir
        assert not app.screen.query("#keyless-note")


async def test_a_visitor_without_a_key_is_told_plans_last_one_visit(
    build_app: AppFactory, tmp_path: Path
) -> None:
    app = build_app(hosted=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        assert not app.screen.query("#keyless-note")
        hand_over(app, visitor(tmp_path, keyless=True, entered=[]))
        await settle(pilot, lambda: bool(app.screen.query("#keyless-note")))
        assert app.hosted_keyless
        listing = app.screen.query_one("#saved-plans", OptionList)
        assert str(listing.get_option_at_index(0).prompt) == "No plans yet in your plans folder"


async def test_colours_decide_whether_a_visitor_can_be_taken(build_app: AppFactory) -> None:
    app = build_app(hosted=True)
    async with app.run_test(size=(100, 30)):
        built_for = app.console.color_system
        assert colours_fit(app, {"TERM": "xterm-256color"}) == (built_for == "256")
        assert colours_fit(app, {"TERM": "xterm", "COLORTERM": "truecolor"}) == (built_for == "truecolor")
        assert not colours_fit(app, {"TERM": "xterm"}) or built_for == "standard"


def test_the_app_knows_nothing_of_visitors() -> None:
    """Hosting lives in the host's door (``pathfinder.tui.hosting`` and ``ahead.py``), not in the App."""
    from pathfinder.tui.app import PathfinderApp

    assert [name for name in dir(PathfinderApp) if "visitor" in name.lower()] == []
