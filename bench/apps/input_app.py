"""The reference for keystroke latency: a bare Textual app with one focused Input."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input

PLACEHOLDER = "type here (bare Textual Input)"


class InputApp(App[None]):
    """One Input with a placeholder, focused at start: the cheapest echo a Textual app can give."""

    def compose(self) -> ComposeResult:
        yield Input(placeholder=PLACEHOLDER)


if __name__ == "__main__":
    InputApp().run()
