"""A stateful test that drives the real app the way people do: across screens, back and forth, in odd orders.

Hypothesis picks sequences of user actions — open plan A or B, start a new profile, go home, jump to any
step, change the target, set a status, remove or move a step, undo, redo, save, quit and reopen — and after
each one checks what a user would notice: the app is still running, there is never more than one wizard,
undo then redo gives back the same plan, a save then reopen gives back the same plan, and a target round
trip loses no step's status.

``PATHFINDER_JOURNEY_EXAMPLES`` sets the number of examples (200 by default, as in CI; more nightly).
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from textual.widgets import Input
from tui_helpers import CONTENT, DATA, NOW, TODAY, settle

from pathfinder.catalog.loader import load_catalog
from pathfinder.plan.models import Plan
from pathfinder.plan.store import load_plan
from pathfinder.tui import make_app
from pathfinder.tui.app import PathfinderApp
from pathfinder.tui.screens.dialogs import ConfirmDiscard, OpenDialog, SaveDialog
from pathfinder.tui.screens.plan import StepTable
from pathfinder.tui.screens.welcome import WelcomeScreen
from pathfinder.tui.screens.wizard import WizardScreen
from pathfinder.tui.session import WIZARD_STEPS
from pathfinder.tui.widgets.picker import Picker

EXAMPLES = int(os.environ.get("PATHFINDER_JOURNEY_EXAMPLES", "200"))
CATALOG = load_catalog(CONTENT)
TARGETS = sorted(path.id for path in CATALOG.paths.values())
STEP_KEYS = dict(zip(WIZARD_STEPS, ("f2", "f3", "f4", "f5", "f6", "f7"), strict=True))
SAMPLE = DATA / "plans" / "sample-plan.toml"


def comparable(plan: Plan) -> dict[str, Any]:
    """What a user saved: everything but the save stamps and the history a save appends."""
    return plan.model_dump(exclude={"created", "updated", "history"})


class Journey(RuleBasedStateMachine):
    """One app session per example, driven through Pilot on an event loop of its own."""

    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self.loop)
        self.root = Path(self._tmp_root())
        self.plan_dir = self.root / "plans"
        self.plan_dir.mkdir(parents=True)
        self.plans = {"a": self.plan_dir / "a.toml", "b": self.plan_dir / "b.toml"}
        shutil.copy(SAMPLE, self.plans["a"])
        other = SAMPLE.read_text(encoding="utf-8").replace(
            'target = "project-manager"', 'target = "product-manager"'
        )
        self.plans["b"].write_text(other, encoding="utf-8")
        self.saves = 0
        self.app: PathfinderApp | None = None
        self.context: Any = None
        self.pilot: Any = None
        self.inbox: asyncio.Queue[Any] = asyncio.Queue()

    @staticmethod
    def _tmp_root() -> str:
        import tempfile

        return tempfile.mkdtemp(prefix="pathfinder-journey-")

    # ----- running the app ------------------------------------------------------------------------

    def run(self, coroutine: Any) -> Any:
        """Await ``coroutine`` inside the app's session task (Textual's context variables live there)."""
        done: asyncio.Future[Any] = self.loop.create_future()
        self.inbox.put_nowait((coroutine, done))
        return self.loop.run_until_complete(done)

    async def _session(self, app: PathfinderApp, entered: asyncio.Future[Any]) -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            entered.set_result(pilot)
            while (job := await self.inbox.get()) is not None:
                coroutine, done = job
                try:
                    done.set_result(await coroutine)
                except Exception as error:
                    done.set_exception(error)

    def start(self, open_path: Path | None) -> None:
        self.app = make_app(
            plan_dir=self.plan_dir,
            data_dir=self.root / "data",
            catalog=CATALOG,
            today=lambda: TODAY,
            now=lambda: NOW,
            catch_crashes=False,
            open_path=open_path,
        )
        self.inbox = asyncio.Queue()
        entered: asyncio.Future[Any] = self.loop.create_future()
        self.context = self.loop.create_task(self._session(self.app, entered))
        self.pilot = self.loop.run_until_complete(entered)
        self.settle(lambda: self.app is not None and self.app.session is not None if open_path else True)

    def stop(self) -> None:
        if self.context is not None:
            self.inbox.put_nowait(None)
            self.loop.run_until_complete(self.context)
            self.context = None

    def teardown(self) -> None:
        try:
            self.stop()
        finally:
            self.loop.close()
            asyncio.set_event_loop(None)
            shutil.rmtree(self.root, ignore_errors=True)

    def settle(self, until: Callable[[], bool]) -> None:
        self.run(settle(self.pilot, until, timeout=30))

    def do(self, action: Callable[[], Any]) -> Any:
        """Run ``action`` (a change to widgets: a value, the focus) inside the app's session task, as the
        app's own handlers would, then let the app handle what it posted."""

        async def act() -> Any:
            result = action()
            await self.pilot.pause()
            return result

        return self.run(act())

    def type_into(self, selector: str, text: str) -> None:
        assert self.app is not None
        self.app.screen.query_one(selector, Input).value = text

    @staticmethod
    def put_cursor(table: StepTable, row: int) -> None:
        table.focus()
        table.move_cursor(row=row % max(table.row_count, 1))

    def resume(self) -> None:
        """Back to the open plan, as "Resume" on the welcome screen does."""
        self.do(lambda: self.app.resume_plan())  # type: ignore[union-attr]
        self.settle(lambda: self.wizard is not None)

    def press(self, *keys: str) -> None:
        self.run(self.pilot.press(*keys))
        self.run(self.pilot.pause())

    @property
    def wizard(self) -> WizardScreen | None:
        assert self.app is not None
        screen = self.app.screen
        return screen if isinstance(screen, WizardScreen) else None

    def answer_discard(self) -> None:
        """Say yes when asked to discard unsaved changes (the question must come when work is unsaved)."""
        assert self.app is not None
        if isinstance(self.app.screen, ConfirmDiscard):
            self.do(lambda: self.app.screen.dismiss(True))  # type: ignore[union-attr]

    # ----- rules ----------------------------------------------------------------------------------

    @initialize(start_on=st.sampled_from(["welcome", "a"]))
    def launch(self, start_on: str) -> None:
        self.start(None if start_on == "welcome" else self.plans["a"])
        assert self.app is not None
        self.run(self.app.need_catalog())

    @rule(which=st.sampled_from(["a", "b"]))
    def open_plan(self, which: str) -> None:
        assert self.app is not None
        dirty = self.app.session is not None and self.app.session.dirty
        self.press("ctrl+o")
        self.settle(lambda: isinstance(self.app.screen, OpenDialog))  # type: ignore[union-attr]
        self.do(lambda: self.type_into("#open-input", str(self.plans[which])))
        self.press("enter")
        if dirty:
            self.settle(lambda: isinstance(self.app.screen, ConfirmDiscard))  # type: ignore[union-attr]
            self.answer_discard()
        self.settle(lambda: self.wizard is not None and self.app.session.path == self.plans[which])  # type: ignore[union-attr]

    @rule()
    def new_profile(self) -> None:
        assert self.app is not None
        self.press("ctrl+g")
        self.settle(lambda: isinstance(self.app.screen, WelcomeScreen))  # type: ignore[union-attr]
        dirty = self.app.session is not None and self.app.session.dirty
        self.press("n")
        if dirty:
            self.settle(lambda: isinstance(self.app.screen, ConfirmDiscard))  # type: ignore[union-attr]
            self.answer_discard()
        self.settle(lambda: self.wizard is not None and self.app.session.path is None)  # type: ignore[union-attr]

    @rule()
    def go_home(self) -> None:
        self.press("ctrl+g")
        self.settle(lambda: isinstance(self.app.screen, WelcomeScreen))  # type: ignore[union-attr]

    @precondition(lambda self: self.app is not None and self.app.session is not None)
    @rule(step=st.sampled_from(WIZARD_STEPS))
    def jump_to_step(self, step: str) -> None:
        assert self.app is not None
        if self.wizard is None:
            self.resume()
        self.press(STEP_KEYS[step])

    def plan_pane_shown(self) -> bool:
        wizard = self.wizard
        return wizard is not None and wizard.current == "plan" and bool(wizard.query(StepTable))

    @precondition(lambda self: self.plan_pane_shown())
    @rule(path=st.sampled_from(TARGETS))
    def change_target_and_back(self, path: str) -> None:
        """Change the target, check the steps of the one left come back as they were, then change it."""
        assert self.app is not None and self.app.session is not None and self.wizard is not None
        before = self.app.session.plan
        self.choose_target(path)
        if before.target and before.target != path:
            self.choose_target(before.target)
            back = self.app.session.plan
            kept = {s.id for s in before.steps}
            # every step comes back with its status, notes and order (the engine may propose new ones after
            # them, e.g. for a plan file whose steps were written for another target)
            assert [(s.id, s.status, s.notes) for s in back.steps if s.id in kept] == [
                (s.id, s.status, s.notes) for s in before.steps
            ], "a target round trip changed the steps"
            self.choose_target(path)

    def choose_target(self, path: str) -> None:
        assert self.wizard is not None
        picker = self.wizard.query_one("#target", Picker)
        self.do(lambda: setattr(picker, "value", path))
        self.settle(lambda: self.app is not None and self.app.session.plan.target == path)  # type: ignore[union-attr]

    @precondition(lambda self: self.plan_pane_shown() and self.app.session.plan.steps)
    @rule(row=st.integers(0, 20), key=st.sampled_from(["space", "x", "shift+up", "shift+down"]))
    def edit_a_step(self, row: int, key: str) -> None:
        assert self.wizard is not None
        table = self.wizard.query_one(StepTable)
        self.do(lambda: self.put_cursor(table, row))
        self.press(key)

    @precondition(lambda self: self.app is not None and self.app.session is not None)
    @rule()
    def undo_then_redo(self) -> None:
        """ctrl+z then ctrl+y: the plan is what it was."""
        assert self.app is not None and self.app.session is not None
        before = self.app.session.plan
        can_undo = bool(self.app.session.undo_stack)
        self.press("ctrl+z")
        self.press("ctrl+y")
        if can_undo:
            assert self.app.session.plan == before, "undo then redo changed the plan"

    @precondition(lambda self: self.app is not None and self.app.session is not None)
    @rule()
    def undo(self) -> None:
        self.press("ctrl+z")

    @precondition(lambda self: self.app is not None and self.app.session is not None)
    @rule()
    def save_quit_and_reopen(self) -> None:
        """ctrl+s (naming the file on a first save), quit, `pathfinder FILE`: the same plan."""
        assert self.app is not None and self.app.session is not None
        if self.wizard is None:
            self.resume()
        self.press("ctrl+s")
        if self.app.session.path is None:
            self.settle(lambda: isinstance(self.app.screen, SaveDialog))  # type: ignore[union-attr]
            self.saves += 1
            name = f"saved-{self.saves}.toml"
            self.do(lambda: self.type_into("#save-input", name))
            self.press("enter")
        self.settle(lambda: not self.app.session.dirty)  # type: ignore[union-attr]
        path = self.app.session.path
        assert path is not None
        saved = self.app.session.plan
        assert comparable(load_plan(path).plan) == comparable(saved), "the file differs from the plan"
        self.stop()
        self.start(path)
        assert self.app.session is not None
        self.settle(lambda: not self.app.session.previewing)  # type: ignore[union-attr]
        assert comparable(self.app.session.plan) == comparable(saved), "reopening changed the plan"

    # ----- invariants -----------------------------------------------------------------------------

    @invariant()
    def the_app_runs_with_one_wizard_at_most(self) -> None:
        if self.app is None or self.context is None:
            return
        assert self.app.is_running
        wizards = [screen for screen in self.app.screen_stack if isinstance(screen, WizardScreen)]
        assert len(wizards) <= 1, f"screen stack: {self.app.screen_stack}"


Journey.TestCase.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_the_journey_never_breaks() -> None:
    Journey.TestCase().runTest()
