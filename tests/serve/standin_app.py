"""A tiny stand-in for the Pathfinder app, built the same way (``make_app(**options)``).

It shows what the host passed in (hosted mode, keyless, the plans it can see) so the SSH tests can
check them on screen; ``f9`` crashes it on purpose (with a local the visitor must never see).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Label


class StandInApp(App[None]):
    """A label, the options it was given, and an input that echoes what is typed."""

    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit"),
        Binding("f9", "crash", "Crash"),
        Binding("f8", "browse", "Browse"),
    ]

    def __init__(self, plan_dir: Path, keyless: bool) -> None:
        super().__init__()
        self.plan_dir = Path(plan_dir)
        self.keyless = keyless

    def compose(self) -> ComposeResult:
        plans = sorted(path.stem for path in self.plan_dir.glob("*.toml"))
        yield Label("Stand-in demo (hosted demo)")
        yield Label("plans kept for this visit only" if self.keyless else "plans kept for your key")
        yield Label("plans: " + (", ".join(plans) or "none"))
        yield Label("env: " + " ".join(sorted(os.environ)))
        yield Input(id="typed")
        yield Label("", id="size")

    def on_resize(self, event: Any) -> None:
        self.query_one("#size", Label).update(f"size {event.size.width}x{event.size.height}")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        (self.plan_dir / f"{event.value}.toml").write_text('name = "x"\n', encoding="utf-8")
        self.query_one("#typed", Input).value = ""
        self.notify(f"saved {event.value}")

    def action_browse(self) -> None:
        import webbrowser

        self.query_one("#size", Label).update(f"browser opened: {webbrowser.open('https://example.org')}")

    def action_crash(self) -> None:
        secret_local = "the-visitor-must-not-see-this"
        raise RuntimeError(f"deliberate crash {secret_local}")


def make_app(
    *, plan_dir: Path, data_dir: Path, hosted: bool = False, hosted_keyless: bool = False, **_options: Any
) -> StandInApp:
    """The stand-in's factory, called by the fork server with the same arguments as the real app."""
    return StandInApp(plan_dir, hosted_keyless)
