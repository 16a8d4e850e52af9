"""The help screen (F1 or ?): what Pathfinder does and every key that matters."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from pathfinder.tui.screens.dialog_base import Dialog

INTRO = (
    "Pathfinder compares your profile with six career paths (product manager, project manager and "
    "their neighbours), explains every score, and keeps a plan you can save as a TOML file. "
    "The mouse works everywhere too."
)

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Everywhere",
        (
            ("F1  ?", "this help"),
            ("ctrl+p", "command palette: jump to a step, save, open, export, switch theme"),
            ("ctrl+s", "save the plan (asks for a name the first time)"),
            ("ctrl+o", "open a plan file (asks first when there are unsaved changes)"),
            ("ctrl+z  ctrl+y", "undo / redo the last change to your profile or plan (up to 100)"),
            ("ctrl+q", "quit (asks first when there are unsaved changes)"),
            ("tab  shift+tab", "move between fields and lists"),
            ("← →  enter", "in a row of buttons (Back / Next, the plan's actions): choose, press"),
        ),
    ),
    (
        "Welcome screen",
        (
            ("r", "resume the plan that is open, exactly as you left it"),
            ("n  o  g", "new profile / open a plan by path / product vs project at a glance"),
            ("enter", "on a recent or saved plan: open it (one whose file is gone leaves the list)"),
        ),
    ),
    (
        "Wizard",
        (
            ("ctrl+n  ctrl+b", "next step (checks this one first) / previous step"),
            ("F2 … F7", "jump to Background, Education, Certifications, Skills, Compare, Plan"),
            ("ctrl+t  ctrl+r", "add / remove a role, degree or certification"),
            ("enter", "in a field: save the form; in a list: open the item"),
            ("ctrl+g", "back to the welcome screen"),
        ),
    ),
    (
        "Skills",
        (
            ("letters", "filter the list; ↓ or enter goes back to the list, / to the filter"),
            (
                "0 … 4  ← →",
                "rate the highlighted skill: 0 none · 1 aware · 2 working · 3 proficient · 4 expert",
            ),
            ("a  A", "accept the suggested rating (◇) / accept every suggestion"),
        ),
    ),
    ("Compare", (("enter", "on a number: why — components, weights, skills that counted, sources"),)),
    (
        "Plan",
        (
            ("enter", "on the target: open the list of paths (escape keeps the target)"),
            ("space", "status: todo → doing → done → skipped"),
            ("e  enter", "edit the step: title, status, due date, notes"),
            ("i", "the step in full, with its resources"),
            ("h  t", "your pace (hours a week) / a second target to keep open"),
            ("a  x", "add a custom step / remove a step"),
            ("shift+↑ ↓  K J", "move the step up / down"),
        ),
    ),
)

OUTRO = (
    "Coming back: a plan is named on its first save, and the welcome screen lists your recent plans by "
    "name, target and last-saved date, wherever they were saved (the last 20). The theme you choose "
    "(ctrl+p, then “theme”) is remembered in config.toml in your config folder. "
    "While you edit, a draft is autosaved; if Pathfinder stops unexpectedly, it is offered back "
    "next time. Press escape to close this help."
)


def help_text(first: str | None = None) -> Group:
    """The key reference: a title per section, then keys beside what they do; the section of the screen
    the user is on (``first``) comes first.

    A grid rather than padded text, so that a description that wraps keeps its indent at 80×24.
    """
    parts: list[RenderableType] = []
    sections = sorted(KEYS, key=lambda section: section[0] != first)
    for section, keys in sections:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=16, no_wrap=True, style="bold")
        grid.add_column(ratio=1)
        for key, text in keys:
            grid.add_row(key, text)
        title = f"{section} (this screen)" if section == first else section
        parts.extend([Text(title, style="bold"), Padding(grid, (0, 0, 1, 2))])
    return Group(*parts)


class HelpScreen(Dialog[None]):
    DEFAULT_CSS = """
    .help-dialog {
        height: 90%;
    }
    #help-body {
        height: 1fr;
    }
    """

    BINDINGS = [Binding("escape,f1,question_mark", "close", "Close", id="help-close")]

    def __init__(self, first: str | None = None) -> None:
        super().__init__()
        self.first = first
        """The section of the screen help was asked from: shown first."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help-dialog"):
            yield Label("Pathfinder keys", classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Static(INTRO + "\n", classes="muted")
                yield Static(help_text(self.first), id="help-keys")
                yield Static("\n" + OUTRO, classes="muted")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", id="close", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
