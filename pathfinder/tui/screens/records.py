"""A list of records beside a form: add, edit and remove roles, degrees or certifications."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from pathfinder.tui.screens.pane import WizardPane

RecordT = TypeVar("RecordT")
ADD_ID = "add-record"


class RecordsPane(WizardPane, Generic[RecordT]):
    """Records on the left (select one to edit, or “＋ Add”), a form on the right, problems inline."""

    TITLE = "Records"
    NOUN = "record"
    BINDINGS = [
        Binding("ctrl+r", "remove", "Remove", id="record-remove", tooltip="Remove the selected record"),
        Binding("ctrl+t", "add", "Add", id="record-add", tooltip="Start a new record"),
    ]

    editing: int | None = None

    # ----- what subclasses provide ----------------------------------------------------------------

    def records(self) -> list[RecordT]:
        raise NotImplementedError

    def store(self, records: list[RecordT], what: str) -> None:
        """Store the records in the profile (an undoable edit described by ``what``)."""
        raise NotImplementedError

    def describe(self, record: RecordT) -> str:
        raise NotImplementedError

    def compose_form(self) -> ComposeResult:
        raise NotImplementedError

    def load_form(self, record: RecordT | None) -> None:
        raise NotImplementedError

    def read_form(self) -> tuple[RecordT | None, list[str]]:
        raise NotImplementedError

    def form_is_blank(self) -> bool:
        raise NotImplementedError

    def compose_extra(self) -> Iterable[Widget]:
        """Widgets below the editor (training hours, an eligibility preview)."""
        return ()

    # ----- layout and behaviour -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(classes="records-editor"):
            with Vertical(classes="records-box"):
                yield Label(self.TITLE, classes="section-title")
                yield OptionList(id="records", classes="records-list")
            with Vertical(classes="form-box"):
                yield from self.compose_form()
                yield Static("", id="form-errors", classes="error-text form-errors")
                with Horizontal(classes="form-buttons"):
                    yield Button(f"Save {self.NOUN}", id="save-record", variant="primary", compact=True)
                    yield Button("New", id="new-record", compact=True)
                    yield Button("Remove", id="remove-record", variant="error", compact=True)
        yield from self.compose_extra()

    def on_mount(self) -> None:
        self.refresh_list()
        self.load_form(None)

    def shown(self) -> None:
        self.refresh_list()

    def refresh_list(self, highlight: int | None = None) -> None:
        listing = self.query_one("#records", OptionList)
        listing.clear_options()
        listing.add_options(
            Option(escape(self.describe(record)), id=f"r{index}")
            for index, record in enumerate(self.records())
        )
        listing.add_option(Option(f"＋ Add a {self.NOUN}", id=ADD_ID))
        listing.highlighted = highlight if highlight is not None else 0

    @on(OptionList.OptionSelected, "#records")
    def record_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_id == ADD_ID:
            self.action_add()
        else:
            self.editing = int((event.option_id or "r0")[1:])
            self.load_form(self.records()[self.editing])
            self.show_problems([])
            self.focus_form()

    def focus_form(self) -> None:
        for widget in self.query_one(".form-box").query("*"):
            if widget.focusable:
                widget.focus()
                return

    def action_add(self) -> None:
        self.editing = None
        self.load_form(None)
        self.show_problems([])
        self.focus_form()

    @on(Button.Pressed, "#new-record")
    def new_pressed(self) -> None:
        self.action_add()

    @on(Button.Pressed, "#save-record")
    @on(Input.Submitted, ".form-box Input")
    def save_pressed(self) -> None:
        self.save_form()

    def save_form(self) -> list[str]:
        """Validate the form; store the record (new or edited) or show what is wrong."""
        record, problems = self.read_form()
        self.show_problems(problems)
        if record is None or problems:
            return problems
        records = list(self.records())
        if self.editing is None:
            records.append(record)
            self.editing = len(records) - 1
        else:
            records[self.editing] = record
        self.store(records, f"{self.NOUN} {self.describe(record)}")
        self.refresh_list(highlight=self.editing)
        self.notify(f"{self.NOUN.capitalize()} saved: {self.describe(record)}", timeout=2)
        return []

    def action_remove(self) -> None:
        """Remove the record that has the focus: the one highlighted in the list, or the one open in the
        form. A record still being typed is not saved, so there is nothing to remove."""
        records = list(self.records())
        listing = self.query_one("#records", OptionList)
        if listing.has_focus:
            index = listing.highlighted
        elif self.editing is not None:
            index = self.editing
        else:
            self.notify(f"This {self.NOUN} is not saved yet: nothing to remove. Clear the form to drop it.")
            return
        if index is None or not 0 <= index < len(records):
            self.notify(f"Select a {self.NOUN} in the list to remove it.")
            return
        removed = records.pop(index)
        self.store(records, f"removal of {self.describe(removed)}")
        self.editing = None
        self.load_form(None)
        self.refresh_list(highlight=min(index, len(records)))
        self.notify(f"Removed: {self.describe(removed)}. ctrl+z undoes.", timeout=4)

    @on(Button.Pressed, "#remove-record")
    def remove_pressed(self) -> None:
        self.action_remove()

    def show_problems(self, problems: list[str]) -> None:
        self.query_one("#form-errors", Static).update("\n".join(f"⚠ {escape(p)}" for p in problems))

    def commit(self) -> list[str]:
        """Save a filled-in form that differs from what is stored; blank forms are fine."""
        if self.form_is_blank():
            return []
        record, problems = self.read_form()
        if problems:
            self.show_problems(problems)
            return problems
        stored = self.records()
        if self.editing is not None and self.editing < len(stored) and stored[self.editing] == record:
            return []
        return self.save_form()
