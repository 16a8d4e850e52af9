"""The plan's settings: study hours a week (the pace every due date follows) and a second target path."""

from __future__ import annotations

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from pathfinder.tui.screens.pane import field_label

MAX_HOURS_PER_WEEK = 80
NO_SECOND_TARGET = "-"


def parse_hours(text: str) -> int | str:
    """Hours a week from what was typed, or the problem in words."""
    value = text.strip()
    if not value.isdigit() or len(value) > 3:
        return "Hours a week: a whole number, for example 5."
    hours = int(value)
    if not 1 <= hours <= MAX_HOURS_PER_WEEK:
        return f"Hours a week: from 1 to {MAX_HOURS_PER_WEEK}."
    return hours


class PaceDialog(ModalScreen[int | None]):
    """Returns the new hours a week, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="pace-cancel")]

    def __init__(self, hours: int) -> None:
        super().__init__()
        self.hours = hours

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog pace-dialog"):
            yield Label("Your pace", classes="dialog-title")
            yield Static("How many hours a week can you study? Every due date follows from it.")
            with Horizontal(classes="field-row"):
                yield field_label("Hours a week")
                yield Input(str(self.hours), id="pace-hours", compact=True, max_length=3)
            yield Static("", id="pace-errors", classes="error-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="pace-cancel-button", compact=True)
                yield Button("OK", id="pace-ok", variant="primary", compact=True)

    @on(Input.Submitted)
    @on(Button.Pressed, "#pace-ok")
    def submit(self) -> None:
        parsed = parse_hours(self.query_one("#pace-hours", Input).value)
        if isinstance(parsed, str):
            self.query_one("#pace-errors", Static).update(f"⚠ {escape(parsed)}")
            return
        self.dismiss(parsed)

    @on(Button.Pressed, "#pace-cancel-button")
    def action_cancel(self) -> None:
        self.dismiss(None)


class SecondTargetDialog(ModalScreen[str | None]):
    """Returns a path id, ``NO_SECOND_TARGET`` for none, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="also-cancel")]

    def __init__(self, names: dict[str, str], target: str, current: str | None) -> None:
        super().__init__()
        self.names, self.target, self.current = names, target, current

    def compose(self) -> ComposeResult:
        options = [Option("None: one target only", id=NO_SECOND_TARGET)]
        options += [
            Option(name, id=path_id) for path_id, name in self.names.items() if path_id != self.target
        ]
        with Vertical(classes="dialog also-dialog"):
            yield Label("Keep a second path open", classes="dialog-title")
            yield Static(
                "Undecided? The plan then puts first the steps that raise both fits, and shows both "
                "ready-by dates and what switching later would cost."
            )
            yield OptionList(*options, id="also-options")

    def on_mount(self) -> None:
        options = self.query_one("#also-options", OptionList)
        current = self.current or NO_SECOND_TARGET
        for index in range(options.option_count):
            if options.get_option_at_index(index).id == current:
                options.highlighted = index
        options.focus()

    @on(OptionList.OptionSelected, "#also-options")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
