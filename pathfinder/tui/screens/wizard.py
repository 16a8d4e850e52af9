"""The wizard: a step indicator, one pane per step, next/back, and jumps to any visited step.

Steps: Background · Education · Certifications · Skills · Compare · Plan. Each pane is created the
first time it is shown (so start-up and memory stay small) and validates itself before the user leaves.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Static

from pathfinder.tui.screens.chrome import settle_toast_rack
from pathfinder.tui.screens.pane import WizardPane
from pathfinder.tui.session import WIZARD_STEPS
from pathfinder.tui.widgets.actions import Action, ActionBar
from pathfinder.tui.widgets.footer import Footer
from pathfinder.tui.widgets.steps import StepBar
from pathfinder.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from pathfinder.tui.app import PathfinderApp

STEP_LABELS = {
    "background": "Background",
    "education": "Education",
    "certifications": "Certifications",
    "skills": "Skills",
    "compare": "Compare",
    "plan": "Plan",
}
PANE_CLASSES = {
    "background": ("pathfinder.tui.screens.background", "BackgroundPane"),
    "education": ("pathfinder.tui.screens.education", "EducationPane"),
    "certifications": ("pathfinder.tui.screens.certifications", "CertificationsPane"),
    "skills": ("pathfinder.tui.screens.skills", "SkillsPane"),
    "compare": ("pathfinder.tui.screens.compare", "ComparePane"),
    "plan": ("pathfinder.tui.screens.plan", "PlanPane"),
}


class WizardScreen(Screen[None]):
    """Profile → compare → plan, one step at a time."""

    CSS_PATH = "wizard.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (150, "-wide")]
    AUTO_FOCUS = None  # each pane focuses its own first field

    BINDINGS = [
        Binding("ctrl+n", "next", "Next", id="next", tooltip="Check this step and go to the next"),
        Binding("ctrl+b", "back", "Back", id="back", tooltip="Go to the previous step"),
        Binding("f2", "go('background')", "Background", show=False, id="go-background"),
        Binding("f3", "go('education')", "Education", show=False, id="go-education"),
        Binding("f4", "go('certifications')", "Certifications", show=False, id="go-certifications"),
        Binding("f5", "go('skills')", "Skills", show=False, id="go-skills"),
        Binding("f6", "go('compare')", "Compare", show=False, id="go-compare"),
        Binding("f7", "go('plan')", "Plan", show=False, id="go-plan"),
        Binding("ctrl+g", "home", "Home", show=False, id="home", tooltip="Back to the welcome screen"),
    ]

    def __init__(self, step: str = "background") -> None:
        super().__init__(classes=self._breakpoint_class())  # no id: a new plan's wizard replaces the old one
        self.initial_step = step
        self.current: str | None = None
        self._not_shown_yet: set[str] = set()

    @classmethod
    def _breakpoint_class(cls) -> str:
        """The width class Textual would set on the first resize, set now so that the first layout
        does not have to restyle every widget of the screen a second time."""
        from pathfinder.tui.compat import running_app

        app = running_app()
        if app is None:
            return ""
        width = app.size.width
        return next(name for limit, name in reversed(cls.HORIZONTAL_BREAKPOINTS) if width >= limit)

    @property
    def pf_app(self) -> PathfinderApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield StepBar([(step, STEP_LABELS[step]) for step in WIZARD_STEPS], self.initial_step, id="steps")
        first = None
        if self.pf_app.shown_session is not None and self.initial_step in PANE_CLASSES:
            # the first pane is part of the screen's first layout and paint (not mounted after it)
            first = self._new_pane(self.initial_step)
            first.focus_when_mounted = True
            self._not_shown_yet.add(self.initial_step)
        with ContentSwitcher(id="panes", initial=first.id if first is not None else None):
            if first is not None:
                yield first
        with Horizontal(id="wizard-nav"):
            yield ActionBar([Action("back", "‹ Back", min_width=10)], id="nav-back")
            yield Static("", id="wizard-status")
            yield ActionBar([Action("next", "Next ›", primary=True, min_width=10)], id="nav-next")
        yield Footer()

    def on_mount(self) -> None:
        settle_toast_rack(self)
        self._update_step_bar()
        self.go(self.initial_step, check=False)

    # ----- navigation -----------------------------------------------------------------------------

    def pane(self, step: str) -> WizardPane:
        """The pane for ``step``, created and mounted on first use."""
        switcher = self.query_one("#panes", ContentSwitcher)
        found = switcher.query(f"#pane-{step}")
        if found:
            return found.first()  # type: ignore[return-value]
        pane = self._new_pane(step)
        switcher.mount(pane)
        return pane

    def _new_pane(self, step: str) -> WizardPane:
        module_name, class_name = PANE_CLASSES[step]
        pane_class: Any = getattr(import_module(module_name), class_name)
        pane: WizardPane = pane_class(id=f"pane-{step}")
        return pane

    def go(self, step: str, check: bool = True) -> bool:
        """Show ``step``; leaving a step with problems is refused and the problems are shown."""
        session = self.pf_app.shown_session
        if session is None or step not in WIZARD_STEPS or step == self.current:
            return False
        if check and self.current is not None:
            target_index = WIZARD_STEPS.index(step)
            if target_index > WIZARD_STEPS.index(self.current) and step not in session.visited:
                # jumping ahead is allowed only through steps already completed
                step = WIZARD_STEPS[WIZARD_STEPS.index(self.current) + 1]
            problems = self.pane(self.current).commit()
            if problems:
                self.show_status("Fix this first: " + problems[0], error=True)
                return False
        session.visited.add(step)
        session.last_step = step
        is_new = step in self._not_shown_yet or not self.query_one("#panes", ContentSwitcher).query(
            f"#pane-{step}"
        )
        self._not_shown_yet.discard(step)
        pane = self.pane(step)
        self.current = step
        self.query_one("#panes", ContentSwitcher).current = f"pane-{step}"
        last = step == WIZARD_STEPS[-1]  # Next saves there: the button says so
        self.query_one("#nav-next", ActionBar).relabel("next", "Save ✓" if last else "Next ›")
        self._update_step_bar()
        self.show_status("")
        if is_new:
            pane.focus_when_mounted = True
        else:
            pane.shown()
            self.call_after_refresh(pane.focus_first)
        self.refresh_bindings()
        return True

    async def start_over(self, step: str) -> None:
        """Show the app's new session from ``step``: the previous session's panes are removed first."""
        await self.query_one("#panes", ContentSwitcher).remove_children()
        self.current = None
        self._not_shown_yet.clear()
        self.show_status("")
        self.go(step, check=False)

    async def reload(self) -> None:
        """The session's plan was replaced (undo, redo): every pane shows it anew, the current one now."""
        current = self.current
        if current == "plan":
            switcher = self.query_one("#panes", ContentSwitcher)
            for pane in list(switcher.children):
                if pane.id != "pane-plan":
                    await pane.remove()
            self.pane("plan").shown()  # keeps the cursor on its row
        elif current is not None:
            await self.start_over(current)

    def _update_step_bar(self) -> None:
        session = self.pf_app.shown_session
        current = self.current or self.initial_step
        self.query_one("#steps", StepBar).show(current, session.visited if session else {current})

    @on(WizardPane.ProfileChanged)
    def profile_stored(self) -> None:
        """A pane stored a change: a problem shown earlier ("Fix this first") no longer stands."""
        self.show_status("")

    @on(StepBar.Chosen, "#steps")
    def step_chosen(self, event: StepBar.Chosen) -> None:
        if event.step != self.current:
            self.go(event.step)

    def action_next(self) -> None:
        if self.current is None:
            return
        index = WIZARD_STEPS.index(self.current)
        if index + 1 < len(WIZARD_STEPS):
            self.go(WIZARD_STEPS[index + 1])
        else:
            self.pf_app.action_save()

    def action_back(self) -> None:
        if self.current is None:
            return
        index = WIZARD_STEPS.index(self.current)
        if index > 0:
            self.go(WIZARD_STEPS[index - 1], check=False)

    def action_go(self, step: str) -> None:
        self.go(step)

    def action_home(self) -> None:
        self.pf_app.go_home()

    @on(ActionBar.Pressed, "#nav-next")
    def next_pressed(self) -> None:
        self.action_next()

    @on(ActionBar.Pressed, "#nav-back")
    def back_pressed(self) -> None:
        self.action_back()

    def show_status(self, text: str, error: bool = False) -> None:
        """A one-line message in the navigation bar (problems in the error colour, with ⚠)."""
        status = self.query_one("#wizard-status", Static)
        status.update(("⚠ " + text) if error and text else text)
        status.set_class(error, "error-text")

    def session_saved(self) -> None:
        if self.current is not None:
            self.pane(self.current).shown()

    def profile_changed(self) -> None:
        """A pane changed the profile: mark unsaved work and keep the indicator current."""
        self.pf_app.mark_changed()
