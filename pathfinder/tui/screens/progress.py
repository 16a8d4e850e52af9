"""Progress over time: the target's fit score at each save (a sparkline plus the numbers)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Sparkline, Static

from pathfinder.tui.screens.dialog_base import Dialog

if TYPE_CHECKING:
    from pathfinder.tui.app import PathfinderApp


class ProgressScreen(Dialog[None]):
    """History points of the session's plan."""

    BINDINGS = [Binding("escape", "close", "Close", id="progress-close")]

    def compose(self) -> ComposeResult:
        app: PathfinderApp = self.app  # type: ignore[assignment]
        assert app.session is not None and app.catalog is not None
        plan = app.session.plan
        history = plan.history
        career = app.catalog.paths.get(plan.target or "")
        target_name = career.name if career is not None else "no target"
        with Vertical(classes="dialog progress-dialog"):
            yield Label(f"Progress towards {escape(target_name)}", classes="dialog-title")
            if not history:
                yield Static("No history yet: each save adds a point with your fit scores.", id="no-history")
            else:
                scores = [point.target_score or 0.0 for point in history]
                if len(scores) > 1:  # one point would draw as a solid block: no chart until a second save
                    yield Sparkline(scores, id="history-sparkline")
                first, last = scores[0], scores[-1]
                summary = (
                    f"Fit {first:.1f} → {last:.1f} ({last - first:+.1f} points) over {len(history)} saves"
                    if len(history) > 1
                    else f"Fit {first:.1f} at the first save; each save adds a point (the chart starts at 2)."
                )
                yield Static(summary, id="history-summary")
                lines = [f"{'saved':<17} {'target':>6}  {'steps done':>10}"]
                for point in history:
                    target = f"{point.target_score:6.1f}" if point.target_score is not None else "     –"
                    lines.append(f"{point.at:%Y-%m-%d %H:%M} {target}  {point.steps_done:>10}")
                with VerticalScroll(id="history-table"):
                    yield Static("\n".join(lines))
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", id="close", variant="primary", compact=True)

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)
