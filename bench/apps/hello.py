"""The reference for first paint and memory: a bare Textual app showing one Static."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

MARKER = "Hello from a bare Textual app"


class HelloApp(App[None]):
    """One Static, nothing else: what any Textual app costs at minimum."""

    def compose(self) -> ComposeResult:
        yield Static(MARKER)


if __name__ == "__main__":
    HelloApp().run()
