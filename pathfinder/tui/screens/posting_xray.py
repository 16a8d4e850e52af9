"""X-ray a job posting: paste it into the text area, and see which path it describes, line by line.

Works on the content alone. With a profile open, it also shows your gap to the posting and the plan
steps that would close it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static, TextArea

from pathfinder.tui.widgets.footer import Footer
from pathfinder.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from pathfinder.tui.app import PathfinderApp

PROMPT = (
    "Paste a job posting on the left (ctrl+v, or your terminal's paste), then press ctrl+r or “X-ray”. "
    "Pathfinder says which of the six paths the posting describes — whatever its title says — and quotes "
    "the lines that made the case."
)


class PostingXrayScreen(Screen[None]):
    """A text area for the posting and the X-ray beside it."""

    DEFAULT_CSS = """
    #xray-body {
        height: 1fr;
    }

    #xray-input-side {
        width: 1fr;
        min-width: 30;
    }

    #posting-text {
        height: 1fr;
    }

    #xray-buttons {
        height: auto;
    }

    #xray-result-side {
        width: 1fr;
        padding: 0 1;
    }
    """

    BINDINGS = [
        Binding("ctrl+r", "xray", "X-ray", id="xray-run", priority=True),
        Binding("escape", "app.pop_screen", "Back", id="xray-back"),
    ]

    @property
    def pf_app(self) -> PathfinderApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="xray-body"):
            with Vertical(id="xray-input-side"):
                area = TextArea(id="posting-text", soft_wrap=True, show_line_numbers=True)
                area.border_title = "The posting"
                yield area
                with Horizontal(id="xray-buttons"):
                    yield Button("X-ray", id="xray", variant="primary", compact=True)
            with VerticalScroll(id="xray-result-side"):
                yield Static(PROMPT, id="xray-result")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#posting-text", TextArea).focus()

    @on(Button.Pressed, "#xray")
    def action_xray(self) -> None:
        from pathfinder.engine.posting import xray_posting
        from pathfinder.engine.posting_gaps import posting_gaps
        from pathfinder.render.posting import posting_lines

        text = self.query_one("#posting-text", TextArea).text
        result = self.query_one("#xray-result", Static)
        catalog = self.pf_app.catalog
        if catalog is None:
            return
        if not text.strip():
            result.update("Paste a posting first: the text area is empty.")
            return
        xray = xray_posting(text, catalog)
        session = self.pf_app.session
        gaps = None
        if (
            session is not None
            and not session.previewing
            and (session.profile.roles or session.profile.skills)
        ):
            gaps = posting_gaps(xray, session.profile, catalog, self.pf_app.today())
        result.update(escape("\n".join(posting_lines(xray, gaps))))
        self.query_one("#xray-result-side", VerticalScroll).scroll_home(animate=False)
