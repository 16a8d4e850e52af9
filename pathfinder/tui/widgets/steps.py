"""The wizard's step indicator: one widget, two rows (the steps, and a rule marking the current one).

It looks like a row of tabs: completed steps are ticked, steps not reached yet are dimmed, the current
one is bright with the rule highlighted under it. Clicking a step asks to go there (the wizard decides,
as with F2–F7); the keyboard moves between steps with the wizard's own keys, so this is not a tab stop.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message

from pathfinder.tui.widgets.hover import HoverTracking


class StepBar(HoverTracking[str], can_focus=False):
    """``1 Background  ✓ 2 Education  …`` with the current step underlined."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "step-bar--current",
        "step-bar--open",
        "step-bar--locked",
        "step-bar--rule",
        "step-bar--rule-current",
        "step-bar--hover",
    }
    DEFAULT_CSS = """
    StepBar {
        height: 2;
        width: 100%;
        & > .step-bar--current { color: $foreground; text-style: bold; }
        & > .step-bar--open { color: $foreground 50%; }
        & > .step-bar--locked { color: $foreground 25%; }
        & > .step-bar--hover { color: $foreground; }
        & > .step-bar--rule { color: $foreground 10%; }
        & > .step-bar--rule-current { color: $block-cursor-background; }
    }
    """

    class Chosen(Message):
        """The user clicked a step."""

        def __init__(self, bar: StepBar, step: str) -> None:
            super().__init__()
            self.bar = bar
            self.step = step

        @property
        def control(self) -> StepBar:
            return self.bar

    def __init__(self, steps: Sequence[tuple[str, str]], current: str, *, id: str | None = None) -> None:
        """``steps``: (id, label) in order; ``current``: the id shown as current."""
        super().__init__(id=id)
        self.steps = tuple(steps)
        self.current = current
        self.visited: frozenset[str] = frozenset({current})
        self._spans: list[tuple[int, int, str]] = []

    def show(self, current: str, visited: set[str] | frozenset[str]) -> None:
        """Mark ``current`` as the step shown and ``visited`` as the steps that can be opened."""
        visited = frozenset(visited)
        if (current, visited) != (self.current, self.visited):
            self.current, self.visited = current, visited
            self.refresh()

    def label(self, number: int, step: str, title: str) -> str:
        """How a step is labelled: its number, or a tick once completed."""
        mark = "✓" if step in self.visited and step != self.current else str(number)
        return f"{mark} {title}"

    def render(self) -> Text:
        styles = {name: self.get_component_rich_style(f"step-bar--{name}") for name in ("current", "open")}
        locked = self.get_component_rich_style("step-bar--locked")
        hover = self.get_component_rich_style("step-bar--hover")
        labels = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        current_span = (0, 0)
        for number, (step, title) in enumerate(self.steps, start=1):
            label = self.label(number, step, title)
            start = labels.cell_len + 1
            if step == self.current:
                style = styles["current"]
                current_span = (start, start + len(label))
            elif step in self.visited:
                style = styles["open"] + (hover if step == self.hovered else Style())
            else:
                style = locked
            labels.append(" ")
            labels.append(label, style)
            labels.append(" ")
            self._spans.append((start - 1, labels.cell_len, step))
        return Text("\n", end="").join([labels, self._rule(current_span)])

    def _rule(self, span: tuple[int, int]) -> Text:
        """``━━━━╸━━━━━━╺━━━``: the current step's part in the highlight colour."""
        width = self.size.width
        dim = self.get_component_rich_style("step-bar--rule")
        bright = self.get_component_rich_style("step-bar--rule-current")
        start, end = span
        rule = Text(no_wrap=True, overflow="crop", end="")
        if start > 0:
            rule.append("━" * (start - 1) + "╸", dim)
        rule.append("━" * (end - start), bright)
        if end < width:
            rule.append("╺" + "━" * (width - end - 1), dim)
        return rule

    def step_at(self, x: int) -> str | None:
        """The step drawn at column ``x`` of the top row."""
        return next((step for start, end, step in self._spans if start <= x < end), None)

    def item_under(self, x: int, y: int) -> str | None:
        return self.step_at(x) if y == 0 else None

    def on_click(self, event: events.Click) -> None:
        step = self.item_under(event.x, event.y)
        if step is not None and (step in self.visited or step == self.current):
            self.post_message(self.Chosen(self, step))
