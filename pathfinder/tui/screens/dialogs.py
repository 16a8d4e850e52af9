"""Small modal screens: errors, confirmations, draft recovery, open and save dialogs, TOML view."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static, TextArea

from pathfinder.errors import PathfinderError
from pathfinder.safe_text import printable
from pathfinder.tui.screens.dialog_base import Dialog


class ErrorScreen(Dialog[None]):
    """A problem explained: the file, line and field of each problem, and what to do."""

    BINDINGS = [Binding("escape,enter", "close", "Close", id="error-close")]

    def __init__(self, error: PathfinderError) -> None:
        super().__init__(id="error-view")
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog error-dialog"):
            yield Label(f"⚠ {escape(self.error.title)}", classes="dialog-title error-text")
            yield Static(escape(self.error.message), id="error-message")
            with VerticalScroll(id="error-problems"):
                for problem in self.error.problems:
                    text = f"• [b]{escape(problem.location())}[/b]\n  {escape(problem.message)}"
                    if problem.hint:
                        text += f"\n  [i]{escape(problem.hint)}[/i]"
                    yield Static(text, classes="problem")
            yield Static("Nothing was changed or overwritten.", classes="muted")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", id="close", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)


class Confirm(Dialog[bool]):
    """A yes/no question; escape answers no."""

    BINDINGS = [Binding("escape", "answer(False)", "Cancel", id="confirm-cancel")]

    def __init__(
        self, title: str, message: str, yes: str, no: str = "Cancel", focus_yes: bool = False
    ) -> None:
        super().__init__()
        self.title_text, self.message, self.yes, self.no = title, message, yes, no
        self.focus_yes = focus_yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog confirm-dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.message, id="confirm-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.no, id="no", compact=True)
                yield Button(self.yes, id="yes", variant="warning", compact=True)

    def on_mount(self) -> None:
        self.query_one("#yes" if self.focus_yes else "#no", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class ConfirmQuit(Confirm):
    """The unsaved-changes guard on quit."""

    def __init__(self) -> None:
        super().__init__(
            "Unsaved changes",
            "Your plan has changes that are not saved. Quit anyway and lose them?\n"
            "(Cancel, then ctrl+s, to save first.)",
            yes="Quit without saving",
        )


class ConfirmDiscard(Confirm):
    def __init__(self, message: str) -> None:
        super().__init__("Unsaved changes", message, yes="Discard changes")


class DraftOffer(Confirm):
    """Offered when an autosaved draft was left behind (at start, or opening the plan it belongs to);
    restoring is the safe answer, so it has the focus."""

    def __init__(self, description: str) -> None:
        super().__init__(
            "Recover your unsaved work?", description, yes="Restore draft", no="Discard draft", focus_yes=True
        )


class OpenDialog(Dialog[Path | None]):
    """Type a plan file's path (relative paths are taken from the plan directory)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="open-cancel")]

    def __init__(self, plan_dir: Path, allow_any_path: bool = True, folder_label: str = "") -> None:
        super().__init__()
        self.plan_dir, self.allow_any_path = plan_dir, allow_any_path
        self.folder_label = folder_label or str(plan_dir)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Open a plan", classes="dialog-title")
            yield Static(f"Plans folder: {escape(self.folder_label)}", classes="muted")
            yield Input(placeholder="file name or path, e.g. my-plan.toml", id="open-input")
            yield Static("", id="open-problem", classes="error-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Open", id="open", variant="primary", compact=True)

    @on(Input.Submitted)
    @on(Button.Pressed, "#open")
    def submit(self) -> None:
        from pathfinder.tui.hosted_text import name_problem

        text = self.query_one("#open-input", Input).value.strip()
        problem_view = self.query_one("#open-problem", Static)
        if problem := name_problem(text):
            problem_view.update(escape(problem))
            return
        path = Path(text).expanduser()
        if not self.allow_any_path and path.name != text:
            problem_view.update("Type a plain file name (no folders).")
            return
        if not path.is_absolute():
            path = self.plan_dir / path
        try:
            if not path.is_file() and path.with_suffix(".toml").is_file():
                path = path.with_suffix(".toml")
            found = bool(text) and path.is_file()
        except OSError as error:
            problem_view.update(escape(f"That name cannot be opened: {error.strerror or error}."))
            return
        if not found:
            shown = str(path) if self.allow_any_path else f"{text} (in {self.folder_label})"
            problem_view.update(f"No such file: {escape(printable(shown))}")
            return
        self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class SaveChoice:
    """Where to save, and the plan's name."""

    path: Path
    name: str


class SaveDialog(Dialog[SaveChoice | None]):
    """Name the plan, and choose where to save it: a file name in the plan directory (or any path, when
    not hosted). Until the file name is edited by hand, it follows the name."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="save-cancel")]

    def __init__(
        self,
        plan_dir: Path,
        suggested: str,
        hosted: bool = False,
        folder_label: str = "",
        name: str = "My plan",
    ) -> None:
        super().__init__()
        self.plan_dir, self.suggested, self.hosted = plan_dir, suggested, hosted
        self.folder_label = folder_label or str(plan_dir)
        self.name_text = name
        self._file_follows_name = True
        self._file_set = suggested
        """The file name last filled in from the name (an edit by hand differs from it)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Save plan as", classes="dialog-title")
            yield Static("Name — shown on the welcome screen when you come back.", classes="muted")
            yield Input(value=self.name_text, id="save-name", max_length=120)
            where = "a file name" if self.hosted else "a file name or a full path"
            yield Static(f"File — saved in {escape(self.folder_label)}; type {where}.", classes="muted")
            yield Input(value=self.suggested, id="save-input")
            yield Static("", id="save-problem", classes="error-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Save", id="save", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#save-name", Input).focus()

    @on(Input.Changed, "#save-name")
    def name_changed(self, event: Input.Changed) -> None:
        if self._file_follows_name and event.value.strip() and event.value != self.name_text:
            self._file_set = file_name_for(event.value)
            self.query_one("#save-input", Input).value = self._file_set

    @on(Input.Changed, "#save-input")
    def file_changed(self, event: Input.Changed) -> None:
        if event.value != self._file_set:
            self._file_follows_name = False

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def submit(self) -> None:
        from pathfinder.tui.saving import resolve_save_path

        name = " ".join(self.query_one("#save-name", Input).value.split())
        if not name:
            self.query_one("#save-problem", Static).update("Give the plan a name.")
            return
        path, problem = resolve_save_path(self.app, self.query_one("#save-input", Input).value)  # type: ignore[arg-type]
        if path is None:
            self.query_one("#save-problem", Static).update(problem)
            return
        self.dismiss(SaveChoice(path, name))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def file_name_for(name: str) -> str:
    """A file name from a plan's name: "Sam's PM plan" → ``sams-pm-plan.toml``."""
    words = "".join(
        char if char.isalnum() else " " for char in name.lower().replace("'", "").replace("’", "")
    )
    stem = "-".join(words.split())[:60].strip("-")
    return f"{stem or 'my-plan'}.toml"


class TomlView(Dialog[None]):
    """The plan file's text, selectable, so a visitor can copy it."""

    BINDINGS = [Binding("escape", "close", "Close", id="toml-close")]

    def __init__(self, text: str, keyless: bool = False) -> None:
        super().__init__()
        self.text, self.keyless = text, keyless

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog toml-dialog"):
            yield Label("Your plan as TOML", classes="dialog-title")
            hint = "Select and copy the text (or press ctrl+a then ctrl+c) and keep it in a .toml file."
            if self.keyless:
                hint += " Plans are kept only for this visit; reconnect with an SSH key to keep them."
            yield Static(hint, classes="muted")
            yield TextArea(self.text, read_only=True, language=None, id="toml-text", show_line_numbers=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", id="close", variant="primary", compact=True)

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
