"""Wizard step 6: the target path, its generated steps (with status, due date, notes), progress.

Steps come from the engine (``plan_steps``); the user changes status, dates and notes, and adds,
removes and reorders custom steps. Save with ctrl+s; export Markdown; see progress over time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Label, Static

from pathfinder.plan.constants import STEP_STATUSES
from pathfinder.tui.screens.pane import WizardPane
from pathfinder.tui.widgets.actions import Action, ActionBar
from pathfinder.tui.widgets.picker import Picker

if TYPE_CHECKING:
    from pathfinder.plan.models import Step

STATUS_MARKS = {"todo": "☐ todo", "doing": "◔ doing", "done": "☑ done", "skipped": "⊘ skipped"}


def progress_bar(done: int, total: int, width: int = 16) -> str:
    """``█████░░░ 3/12 done (25%)``."""
    share = done / total if total else 0.0
    filled = round(share * width)
    return "█" * filled + "░" * (width - filled) + f" {done}/{total} done ({share:.0%})"


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


class StepTable(DataTable[Text]):
    """The plan's steps; keys change status, edit, add, remove and reorder."""

    BINDINGS = [
        Binding("space", "cycle", "Status", id="step-status", tooltip="todo → doing → done → skipped"),
        Binding("e", "edit", "Edit", id="step-edit", tooltip="Edit title, status, due date and notes"),
        Binding("a", "add", "Add step", id="step-add", tooltip="Add a custom step"),
        Binding("delete,x", "remove", "Remove", id="step-remove", tooltip="Remove the step"),
        Binding("shift+up,K", "move(-1)", "Move up", id="step-up", key_display="⇧↑"),
        Binding("shift+down,J", "move(1)", "Move down", id="step-down", key_display="⇧↓", show=False),
    ]

    @property
    def pane(self) -> PlanPane:
        return next(a for a in self.ancestors if isinstance(a, PlanPane))

    def action_cycle(self) -> None:
        self.pane.cycle_status(self.cursor_row)

    def action_edit(self) -> None:
        self.pane.edit_step(self.cursor_row)

    def action_add(self) -> None:
        self.pane.add_step()

    def action_remove(self) -> None:
        self.pane.remove_step(self.cursor_row)

    def action_move(self, delta: int) -> None:
        self.pane.move_step(self.cursor_row, delta)


class PlanPane(WizardPane):
    """Target selector, progress, and the step table."""

    def compose(self) -> ComposeResult:
        options = [(name, path_id) for path_id, name in self.pf_app.path_names().items()]
        with Horizontal(id="plan-top"):
            yield Label("Target", classes="field-label")
            yield Picker(options, prompt="choose your target path…", title="Target path", id="target")
            yield Static("", id="plan-progress")
        table = StepTable(id="steps-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="plan-hint", classes="muted")
        yield ActionBar(
            [
                Action("plan-add", "Add step", min_width=8),
                Action("plan-save", "Save", primary=True, min_width=8),
                Action("plan-export", "Export .md", min_width=8),
                Action("plan-progress-view", "Progress", min_width=8),
                Action("plan-toml", "As TOML", min_width=8),
            ],
            id="plan-buttons",
        )

    def on_mount(self) -> None:
        self.shown()

    def focus_first(self) -> None:
        if self.session.plan.target:
            self.query_one(StepTable).focus()
        else:
            self.query_one("#target", Picker).focus()

    def shown(self) -> None:
        plan = self.session.plan
        names = self.pf_app.path_names()  # the content may still be loading: its summary has the names
        picker = self.query_one("#target", Picker)
        if plan.target and plan.target in names and picker.value != plan.target:
            with picker.prevent(Picker.Changed):
                picker.value = plan.target
        known = plan.target in names if plan.target else False
        if plan.target and known and self.session.steps_for != plan.profile:
            self.regenerate(plan.target)
        self.render_steps()

    def regenerate(self, target: str) -> None:
        from pathfinder.engine import plan_steps
        from pathfinder.engine.plan_edits import steps_for_target

        generated = plan_steps(self.profile, target, self.catalog, self.today)
        plan = self.session.plan
        steps = steps_for_target(generated, plan.steps, same_target=plan.target == target)
        changed = steps != plan.steps or plan.target != target
        self.session.set_target(target, steps)
        self.session.steps_for = plan.profile
        if changed:
            self.pf_app.mark_changed()

    @on(Picker.Changed, "#target")
    def target_chosen(self, event: Picker.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.session.plan.target:
            self.regenerate(event.value)
            self.render_steps()
            self.query_one(StepTable).focus()

    def on_resize(self) -> None:
        if self.is_mounted:
            self.render_steps()

    def _column_widths(self) -> tuple[int, int]:
        """(step, notes) widths that fit the pane: notes only when there is room for them."""
        available = max(self.size.width, 60) - 2 - 10 - 11 - 6  # status, due, cell padding, scrollbar
        notes = 0 if available < 70 else min(40, available // 3)
        return available - notes - (2 if notes else 0), notes

    def render_steps(self, cursor: int | None = None) -> None:
        table = self.query_one(StepTable)
        row = table.cursor_row if cursor is None else cursor
        step_width, notes_width = self._column_widths()
        table.clear(columns=True)
        table.add_column("Status", width=9)
        table.add_column("Due", width=10)
        table.add_column("Step", width=step_width)
        if notes_width:
            table.add_column("Notes", width=notes_width)
        for step in self.session.plan.steps:
            cells = [  # Text, not markup: nothing to parse (or escape) per cell
                Text(STATUS_MARKS[step.status]),
                Text(step.due.isoformat() if step.due else ""),
                Text(clip(step.title, step_width)),
            ]
            if notes_width:
                cells.append(Text(clip(step.notes.replace("\n", " "), notes_width)))
            table.add_row(*cells, key=step.id)
        if table.row_count:
            table.move_cursor(row=max(0, min(row, table.row_count - 1)))
        done, total = self.session.plan.progress()
        self.query_one("#plan-progress", Static).update(progress_bar(done, total))
        target = self.session.plan.target
        if target and target not in self.pf_app.path_names():
            hint = f"⚠ The target “{escape(target)}” is not in the content; choose a target for new steps."
        elif target:
            hint = "space status · e edit · a add · x remove · ⇧↑/⇧↓ move · ctrl+s save"
        else:
            hint = "Choose a target path to generate your steps."
        self.query_one("#plan-hint", Static).update(hint)

    def _replace_steps(self, steps: list[Step], cursor: int) -> None:
        self.session.set_steps(steps)
        self.pf_app.mark_changed()
        self.render_steps(cursor)

    def cycle_status(self, row: int) -> None:
        steps = list(self.session.plan.steps)
        if not 0 <= row < len(steps):
            return
        current = STEP_STATUSES.index(steps[row].status)
        steps[row] = steps[row].model_copy(
            update={"status": STEP_STATUSES[(current + 1) % len(STEP_STATUSES)]}
        )
        self._replace_steps(steps, row)

    def edit_step(self, row: int) -> None:
        from pathfinder.tui.screens.step_dialog import StepDialog

        steps = list(self.session.plan.steps)
        if not 0 <= row < len(steps):
            return

        def edited(step: Step | None) -> None:
            if step is not None:
                steps[row] = step
                self._replace_steps(steps, row)

        self.app.push_screen(StepDialog(steps[row]), edited)

    def add_step(self) -> None:
        from pathfinder.engine.plan_edits import custom_step_id
        from pathfinder.plan.models import Step
        from pathfinder.tui.screens.step_dialog import StepDialog

        placeholder = Step(id="custom-new", title="New step", kind="custom")

        def added(step: Step | None) -> None:
            if step is None:
                return
            steps = list(self.session.plan.steps)
            taken = {s.id for s in steps}
            steps.append(step.model_copy(update={"id": custom_step_id(step.title, taken)}))
            self._replace_steps(steps, len(steps) - 1)

        self.app.push_screen(StepDialog(placeholder, heading="Add a step"), added)

    def remove_step(self, row: int) -> None:
        steps = list(self.session.plan.steps)
        if 0 <= row < len(steps):
            removed = steps.pop(row)
            self._replace_steps(steps, row)
            self.notify(f"Removed: {removed.title}", timeout=2)

    def move_step(self, row: int, delta: int) -> None:
        steps = list(self.session.plan.steps)
        other = row + delta
        if 0 <= row < len(steps) and 0 <= other < len(steps):
            steps[row], steps[other] = steps[other], steps[row]
            self._replace_steps(steps, other)

    @on(DataTable.RowSelected, "#steps-table")
    def row_selected(self, event: DataTable.RowSelected) -> None:
        self.edit_step(event.cursor_row)

    @on(ActionBar.Pressed, "#plan-buttons")
    def button_pressed(self, event: ActionBar.Pressed) -> None:
        actions = {
            "plan-add": self.add_step,
            "plan-save": self.pf_app.action_save,
            "plan-export": self.pf_app.action_export_markdown,
            "plan-progress-view": self.pf_app.action_progress,
            "plan-toml": self.pf_app.action_view_toml,
        }
        action = actions.get(event.action)
        if action is not None:
            action()
