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


def progress_bar(done: int, skipped: int, total: int, width: int = 16) -> str:
    """``███▒░░░░ 3 done · 1 skipped of 12``: done and skipped steps count apart (█ done, ▒ skipped)."""
    if not total:
        return ""
    done_cells = round(done / total * width) if total else 0
    skipped_cells = min(round((done + skipped) / total * width) if total else 0, width) - done_cells
    bar = "█" * done_cells + "▒" * skipped_cells + "░" * (width - done_cells - skipped_cells)
    return f"{bar} {done} done · {skipped} skipped of {total}"


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


class StepTable(DataTable[Text]):
    """The plan's steps; keys change status, edit, add, remove and reorder."""

    BINDINGS = [
        Binding("space", "cycle", "Status", id="step-status", tooltip="todo → doing → done → skipped"),
        Binding("e", "edit", "Edit", id="step-edit", tooltip="Edit title, status, due date and notes"),
        Binding("a", "add", "Add step", id="step-add", tooltip="Add a custom step"),
        Binding("x,delete", "remove", "Remove", id="step-remove", tooltip="Remove the step (ctrl+z undoes)"),
        Binding("shift+up,K", "move(-1)", "Move up", id="step-up", key_display="⇧↑"),
        Binding("shift+down,J", "move(1)", "Move down", id="step-down", key_display="⇧↓", show=False),
        Binding("i", "detail", "Details", id="step-detail", tooltip="The step in full, with its resources"),
        Binding("h", "pace", "Pace", id="plan-pace", tooltip="Study hours a week: every due date follows"),
        Binding("t", "second_target", "2nd target", id="plan-also", show=False),
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

    def action_detail(self) -> None:
        self.pane.show_detail(self.cursor_row)

    def action_pace(self) -> None:
        self.pane.choose_pace()

    def action_second_target(self) -> None:
        self.pane.choose_second_target()


class PlanPane(WizardPane):
    """Target selector, progress, and the step table."""

    def compose(self) -> ComposeResult:
        options = [(name, path_id) for path_id, name in self.pf_app.path_names().items()]
        with Horizontal(id="plan-top"):
            yield Label("Target", classes="field-label")
            yield Picker(options, prompt="choose your target path…", title="Target path", id="target")
            yield Static("", id="plan-progress")
        yield Static("", id="plan-pace-line", classes="muted")
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

    def regenerate(self, target: str, chosen: bool = False) -> None:
        """Propose the target's steps anew, keeping all the user did to them (see ``merge_steps``).

        ``chosen``: the user picked another target (an edit, undoable, that sets aside the steps of the
        target left); otherwise the profile changed and the steps follow it.
        """
        from pathfinder.engine import plan_steps
        from pathfinder.engine.plan_edits import steps_for_target

        plan = self.session.plan
        also = plan.also if plan.also != target else None
        generated = plan_steps(self.profile, target, self.catalog, self.today, plan.hours_per_week, also)
        result = steps_for_target(plan, target, generated)
        what = f"target {self.pf_app.path_names().get(target, target)}" if chosen else None
        steps = self._dated(result.steps)
        changed = steps != plan.steps or plan.target != target
        self.session.update_plan(what, target=target, steps=steps, set_aside=result.set_aside)
        self.session.steps_for = plan.profile
        if changed:
            self.pf_app.mark_changed()
        if chosen and result.dropped:
            left = self.pf_app.path_names().get(plan.target or "", plan.target)
            titles = ", ".join(clip(step.title, 40) for step in result.dropped[:3])
            more = f" and {len(result.dropped) - 3} more" if len(result.dropped) > 3 else ""
            self.notify(
                f"{len(result.dropped)} steps of {left} set aside ({titles}{more}); they come back "
                "as they were if you choose that target again. ctrl+z undoes.",
                title="Target changed",
                timeout=8,
            )

    @on(Picker.Changed, "#target")
    def target_chosen(self, event: Picker.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.session.plan.target:
            self.regenerate(event.value, chosen=True)
            self.render_steps()
            self.query_one(StepTable).focus()

    def on_resize(self) -> None:
        if self.is_mounted:
            self.render_steps()

    def _column_widths(self) -> tuple[int, int]:
        """(step, notes) widths that fit the pane: notes only when some step has notes and there is room
        for them; the step's title takes the rest."""
        available = max(self.size.width, 60) - 2 - 10 - 11 - 6  # status, due, cell padding, scrollbar
        any_notes = any(step.notes for step in self.session.plan.steps)
        notes = 0 if available < 70 or not any_notes else min(40, available // 3)
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
                Text(step.title),
            ]
            if notes_width:
                cells.append(Text(clip(step.notes.replace("\n", " "), notes_width)))
            # a title longer than its column wraps onto a second line (the row grows) instead of being cut
            lines = 1 if len(step.title) <= step_width else min(3, -(-len(step.title) // step_width))
            table.add_row(*cells, key=step.id, height=lines)
        if table.row_count:
            table.move_cursor(row=max(0, min(row, table.row_count - 1)))
        self.query_one("#plan-progress", Static).update(progress_bar(*self.session.plan.status_counts()))
        target = self.session.plan.target
        if target and target not in self.pf_app.path_names():
            hint = f"⚠ The target “{escape(target)}” is not in the content; choose a target for new steps."
        elif target:
            hint = "space status · i details · e edit · a add · x remove · ⇧↑/⇧↓ move · ^s save"
        else:
            hint = "Choose a target path to generate your steps."
        self.query_one("#plan-hint", Static).update(hint)
        self.query_one("#plan-pace-line", Static).update(self._pace_line())

    def _pace_line(self) -> str:
        """``Pace 5 h a week (h to change) · ready by 2027-06-08``; a hedge adds both targets' dates and the
        steps (and hours) that serve only one of them: what switching later would cost."""
        from pathfinder.plan.readiness import ready_by

        plan = self.session.plan
        line = f"Pace {plan.hours_per_week} h a week (h to change)"
        if not plan.target or not plan.steps:
            return line
        catalog = self.pf_app.catalog if plan.also and not self.session.previewing else None
        if catalog is not None and plan.also:
            from pathfinder.engine.hedge import hedge_summary
            from pathfinder.engine.wording import plural

            hedge = hedge_summary(plan.profile, plan.steps, plan.target, plan.also, catalog)
            if hedge is not None:
                sides = (hedge.first, hedge.second)
                dates = " · ".join(f"{escape(s.name)} {s.ready_by or '—'}" for s in sides)
                only = " · ".join(
                    f"only {escape(s.name.lower())}: {plural(len(s.only_steps), 'step')} ({s.only_hours} h)"
                    for s in sides
                )
                return f"{line} · second target (t)\nReady by: {dates}\n{only}"
        day = ready_by(plan.steps)
        return f"{line} · ready by {day.isoformat() if day else '—'} · t: a second target"

    def _dated(self, steps: list[Step]) -> list[Step]:
        """The steps re-dated in their order at the plan's pace (a plan saved before steps carried their
        dependencies and eligibility days gets them from the engine first)."""
        from pathfinder.engine.schedule import redate, with_schedule_facts

        plan = self.session.plan
        catalog = self.pf_app.catalog if plan.target and not self.session.previewing else None
        if catalog is not None and plan.target and any(step.kind != "custom" for step in steps):
            from pathfinder.engine import plan_steps

            fresh = plan_steps(self.profile, plan.target, catalog, self.today, plan.hours_per_week, plan.also)
            steps = with_schedule_facts(steps, fresh)
        return redate(steps, plan.hours_per_week, self.today)

    def show_detail(self, row: int) -> None:
        from pathfinder.tui.screens.step_detail import DetailResult, StepDetail

        steps = list(self.session.plan.steps)
        if not 0 <= row < len(steps):
            return

        def closed(result: DetailResult | None) -> None:
            if result is not None and result.step.used != steps[row].used:
                steps[row] = result.step
                self._replace_steps(steps, row, f"resource used for {clip(result.step.title, 40)}")
            if result is not None and result.edit:
                self.edit_step(row)

        self.app.push_screen(StepDetail(steps[row], steps, self.pf_app.catalog), closed)

    def choose_pace(self) -> None:
        from pathfinder.tui.screens.plan_settings import PaceDialog

        def chosen(hours: int | None) -> None:
            plan = self.session.plan
            if hours is None or hours == plan.hours_per_week:
                return
            self.session.update_plan(f"pace of {hours} h a week", hours_per_week=hours)
            self.session.update_plan(None, steps=self._dated(list(plan.steps)))  # part of the same edit
            self.pf_app.mark_changed()
            self.render_steps(self.query_one(StepTable).cursor_row)
            self.notify(f"Re-dated at {hours} h a week.", timeout=2)

        self.app.push_screen(PaceDialog(self.session.plan.hours_per_week), chosen)

    def choose_second_target(self) -> None:
        from pathfinder.tui.screens.plan_settings import NO_SECOND_TARGET, SecondTargetDialog

        plan = self.session.plan
        if not plan.target:
            self.notify("Choose a target path first.", timeout=2)
            return

        def chosen(path_id: str | None) -> None:
            if path_id is None:
                return
            also = None if path_id == NO_SECOND_TARGET else path_id
            current = self.session.plan
            if also == current.also or current.target is None:
                return
            names = self.pf_app.path_names()
            self.session.update_plan(f"second target {names.get(also or '', 'none')}", also=also)
            self.regenerate(current.target)  # part of the same edit
            self.pf_app.mark_changed()
            self.render_steps()

        self.app.push_screen(SecondTargetDialog(self.pf_app.path_names(), plan.target, plan.also), chosen)

    def _replace_steps(self, steps: list[Step], cursor: int, what: str, **changes: object) -> None:
        self.session.update_plan(what, steps=self._dated(steps), **changes)
        self.pf_app.mark_changed()
        self.render_steps(cursor)

    def cycle_status(self, row: int) -> None:
        steps = list(self.session.plan.steps)
        if not 0 <= row < len(steps):
            return
        current = STEP_STATUSES.index(steps[row].status)
        status = STEP_STATUSES[(current + 1) % len(STEP_STATUSES)]
        steps[row] = steps[row].model_copy(update={"status": status})
        self._replace_steps(steps, row, f"{status}: {clip(steps[row].title, 40)}")

    def edit_step(self, row: int) -> None:
        from pathfinder.tui.screens.step_dialog import StepDialog

        steps = list(self.session.plan.steps)
        if not 0 <= row < len(steps):
            return

        def edited(step: Step | None) -> None:
            if step is not None and step != steps[row]:
                steps[row] = step
                self._replace_steps(steps, row, f"edit of {clip(step.title, 40)}")

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
            self._replace_steps(steps, len(steps) - 1, f"new step {clip(step.title, 40)}")

        self.app.push_screen(StepDialog(placeholder, heading="Add a step"), added)

    def remove_step(self, row: int) -> None:
        """Remove the step under the cursor; a suggested step is not suggested again (ctrl+z undoes)."""
        steps = list(self.session.plan.steps)
        if not 0 <= row < len(steps):
            return
        removed = steps.pop(row)
        gone = list(self.session.plan.removed)
        if removed.kind != "custom" and removed.id not in gone:
            gone.append(removed.id)
        self._replace_steps(steps, row, f"removal of {clip(removed.title, 40)}", removed=gone)
        self.notify(f"Removed: {removed.title}. ctrl+z undoes.", timeout=4)

    def move_step(self, row: int, delta: int) -> None:
        steps = list(self.session.plan.steps)
        other = row + delta
        if 0 <= row < len(steps) and 0 <= other < len(steps):
            steps[row], steps[other] = steps[other], steps[row]
            self._replace_steps(steps, other, f"move of {clip(steps[other].title, 40)}")

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
