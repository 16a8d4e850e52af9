"""Import a profile from a LinkedIn export or a JSON Resume: choose the file, then review what was found.

The review shows what the file held, how each item maps (with its score and the text it came from), what
could not be mapped, and the questions the file cannot answer. Continuing opens the wizard prefilled;
imported skills arrive there as suggestions to accept, never as ratings.
"""

from __future__ import annotations

from pathlib import Path

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, Static

from pathfinder.importers.records import ImportResult
from pathfinder.tui.widgets.footer import Footer
from pathfinder.tui.widgets.title_bar import TitleBar


class ImportFileDialog(ModalScreen[Path | None]):
    """Type the path of a LinkedIn export (ZIP or folder) or a JSON Resume."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="import-cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Import from LinkedIn or JSON Resume", classes="dialog-title")
            yield Static(
                "LinkedIn: Settings → Data privacy → Get a copy of your data; give the ZIP (or its folder). "
                "JSON Resume: the resume.json file.",
                classes="muted",
            )
            yield Input(placeholder="path, e.g. ~/Downloads/Basic_LinkedInDataExport.zip", id="import-input")
            yield Static("", id="import-problem", classes="error-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Import", id="import", variant="primary", compact=True)

    @on(Input.Submitted)
    @on(Button.Pressed, "#import")
    def submit(self) -> None:
        text = self.query_one("#import-input", Input).value.strip()
        path = Path(text).expanduser()
        if not text or not path.exists():
            self.query_one("#import-problem", Static).update(f"No such file or folder: {escape(text)}")
            return
        self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def review_text(result: ImportResult) -> dict[str, str]:
    """The review's four sections as Rich markup: found, mapping, unmapped, questions."""
    found = result.found
    source = "a LinkedIn data export" if found.format == "linkedin" else "a JSON Resume"
    found_lines = [
        f"From {source}" + (f" for [b]{escape(found.name)}[/b]" if found.name else "") + ":",
        f"{len(found.roles)} roles · {len(found.degrees)} degrees · {len(found.certificates)} certificates · "
        f"{len(found.skills)} skills",
    ]
    if found.files_missing:
        found_lines.append(f"[dim]Not in the export: {escape(', '.join(found.files_missing))}[/dim]")
    mapping = [
        f"{escape(item.kind)}: “{escape(item.text)}” → [b]{escape(item.target_name)}[/b] "
        f"[dim](score {item.score:g} via “{escape(item.via)}”; {escape(item.detail)})[/dim]"
        for item in result.mappings
    ]
    unmapped = [
        f"{escape(item.kind)}: “{escape(item.text)}” — {escape(item.reason)}" for item in result.unmapped
    ]
    questions = [f"? {escape(item.text)}" for item in result.questions]
    return {
        "found": "\n".join(found_lines),
        "mapping": "\n".join(mapping) or "Nothing could be mapped.",
        "unmapped": "\n".join(unmapped) or "Everything in the file was mapped.",
        "questions": "\n".join(questions) or "No open questions.",
    }


class ImportReviewScreen(Screen[bool]):
    """What an import found and how it maps; dismissed with True to continue into the wizard."""

    DEFAULT_CSS = """
    #import-review {
        height: 1fr;
        padding: 0 1;
    }

    .import-section {
        height: auto;
        border: round $panel;
        padding: 0 1;
        margin-bottom: 1;
    }

    #import-actions {
        height: auto;
        padding: 0 1;
    }

    #import-actions Button {
        margin-right: 2;
    }
    """

    BINDINGS = [
        Binding("enter", "continue", "Continue to the wizard", id="import-continue"),
        Binding("escape", "cancel", "Cancel", id="import-back"),
    ]

    def __init__(self, result: ImportResult) -> None:
        super().__init__()
        self.result = result

    def compose(self) -> ComposeResult:
        sections = review_text(self.result)
        titles = {
            "found": "What the file holds",
            "mapping": "How it maps (score 0–100, and the text it came from)",
            "unmapped": "Not mapped",
            "questions": "Questions the file cannot answer — the wizard asks them",
        }
        yield TitleBar()
        with VerticalScroll(id="import-review"):
            for key, title in titles.items():
                section = Static(sections[key], id=f"import-{key}", classes="import-section")
                section.border_title = title
                yield section
        with Horizontal(id="import-actions"):
            yield Button("Continue to the wizard", id="continue", variant="primary", compact=True)
            yield Button("Cancel", id="cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#continue", Button).focus()

    @on(Button.Pressed, "#continue")
    def action_continue(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
