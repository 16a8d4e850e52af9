"""Edit one plan step: title, status, due date and notes (validated inline)."""

from __future__ import annotations

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from pathfinder.plan.models import STEP_STATUSES, Step
from pathfinder.tui.screens.dialog_base import Dialog
from pathfinder.tui.screens.pane import field_label
from pathfinder.tui.validation import parse_due


class StepDialog(Dialog[Step | None]):
    """Returns the edited step, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="step-cancel")]

    def __init__(self, step: Step, heading: str = "Edit step") -> None:
        super().__init__()
        self.step, self.heading = step, heading

    def compose(self) -> ComposeResult:
        step = self.step
        with Vertical(classes="dialog step-dialog"):
            yield Label(self.heading, classes="dialog-title")
            with Horizontal(classes="field-row"):
                yield field_label("Title")
                yield Input(step.title, id="step-title", compact=True)
            with Horizontal(classes="field-row"):
                yield field_label("Status")
                yield Select(
                    [(status, status) for status in STEP_STATUSES],
                    value=step.status,
                    allow_blank=False,
                    id="step-status",
                    compact=True,
                )
            with Horizontal(classes="field-row"):
                yield field_label("Due")
                yield Input(
                    step.due.isoformat() if step.due else "",
                    placeholder="YYYY-MM-DD",
                    id="step-due",
                    compact=True,
                )
            with Horizontal(classes="field-row notes-row"):
                yield field_label("Notes")
                yield TextArea(  # several lines: enter starts a new line; tab moves on
                    step.notes,
                    placeholder="anything to remember (several lines welcome)",
                    id="step-notes",
                    compact=True,
                    highlight_cursor_line=False,
                )
            yield Static("", id="step-errors", classes="error-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("OK", id="ok", variant="primary", compact=True)

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def submit(self) -> None:
        problems: list[str] = []
        title = self.query_one("#step-title", Input).value.strip()
        if not title:
            problems.append("Title: required.")
        due = parse_due(self.query_one("#step-due", Input).value, problems)
        notes = self.query_one("#step-notes", TextArea).text
        if len(notes) > 5000:
            problems.append("Notes: at most 5000 characters.")
        if problems:
            self.query_one("#step-errors", Static).update("\n".join(f"⚠ {escape(p)}" for p in problems))
            return
        status = self.query_one("#step-status", Select).value
        self.dismiss(
            self.step.model_copy(update={"title": title[:200], "due": due, "notes": notes, "status": status})
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
