"""A row of buttons drawn by one widget: the wizard's Back/Next and the plan step's actions.

Textual's Button is a widget (with a large stylesheet) per button; a screen with seven of them pays for
seven widgets to style, lay out and restyle on focus and hover. This bar draws its buttons on one line and
behaves like a row of buttons: a click presses one; Tab focuses the bar, ←/→ choose, enter or space press.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message

from pathfinder.tui.widgets.hover import HoverTracking


@dataclass(frozen=True)
class Action:
    """One button: the id its press reports, its label, and whether it is the main one (highlighted)."""

    id: str
    label: str
    primary: bool = False
    min_width: int = 0


class ActionBar(HoverTracking[int], can_focus=True):
    """``[ Add step ] [ Save ] …`` on one line; posts :class:`ActionBar.Pressed` with the action's id."""

    ALLOW_SELECT = False
    BINDINGS = [
        Binding("left", "move(-1)", "Previous", show=False),
        Binding("right", "move(1)", "Next", show=False),
        Binding("enter,space", "press", "Press", show=False),
    ]
    COMPONENT_CLASSES = {
        "action-bar--button",
        "action-bar--primary",
        "action-bar--cursor",
        "action-bar--hover",
    }
    DEFAULT_CSS = """
    ActionBar {
        height: 1;
        width: auto;
        & > .action-bar--button { background: $surface-lighten-1; color: $text; }
        & > .action-bar--primary { background: $primary; color: $text; text-style: bold; }
        & > .action-bar--hover { background: $primary-muted; }
        &:focus > .action-bar--cursor { background: $accent; color: $text; text-style: bold underline; }
    }
    """

    class Pressed(Message):
        """An action was chosen (click, or enter/space on the focused bar)."""

        def __init__(self, bar: ActionBar, action: str) -> None:
            super().__init__()
            self.bar = bar
            self.action = action

        @property
        def control(self) -> ActionBar:
            return self.bar

    def __init__(self, actions: Sequence[Action], *, gap: int = 1, id: str | None = None) -> None:
        super().__init__(id=id)
        self.actions = tuple(actions)
        self.gap = gap
        self.cursor = 0
        self._spans = self._layout()

    def _layout(self) -> list[tuple[int, int]]:
        """The columns each button occupies (start, end), in order."""
        spans, column = [], 0
        for action in self.actions:
            width = max(len(action.label) + 2, action.min_width)
            spans.append((column, column + width))
            column += width + self.gap
        return spans

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return self._spans[-1][1] if self._spans else 0

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1

    def render(self) -> Text:
        button = self.get_component_rich_style("action-bar--button")
        primary = self.get_component_rich_style("action-bar--primary")
        hover = self.get_component_rich_style("action-bar--hover")
        cursor = self.get_component_rich_style("action-bar--cursor")
        text = Text(no_wrap=True, overflow="crop", end="")
        for index, (action, (start, end)) in enumerate(zip(self.actions, self._spans, strict=True)):
            text.append(" " * (start - text.cell_len))
            style = primary if action.primary else button
            if index == self.hovered:
                style += hover
            label = action.label.center(end - start)
            if index == self.cursor and self.has_focus:
                # the focused button: the focus colour (never the primary one) and ▸ ◂ marks, so it
                # reads as focused in any theme and without colour
                style += cursor
                label = "▸" + action.label.center(end - start - 2) + "◂"
            text.append(label, style)
        return text

    def relabel(self, action_id: str, label: str) -> None:
        """Show another label on one button (e.g. Next becomes Save on the last step)."""
        actions = tuple(
            Action(action.id, label, action.primary, action.min_width) if action.id == action_id else action
            for action in self.actions
        )
        if actions != self.actions:
            self.actions = actions
            self._spans = self._layout()
            self.refresh(layout=True)

    def action_at(self, x: int) -> int | None:
        """The index of the button drawn at column ``x`` (None between buttons)."""
        return next((index for index, (start, end) in enumerate(self._spans) if start <= x < end), None)

    def action_move(self, delta: int) -> None:
        self.cursor = (self.cursor + delta) % len(self.actions)
        self.refresh()

    def action_press(self) -> None:
        self.post_message(self.Pressed(self, self.actions[self.cursor].id))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def item_under(self, x: int, y: int) -> int | None:
        return self.action_at(x)

    def on_click(self, event: events.Click) -> None:
        index = self.action_at(event.x)
        if index is not None:
            event.stop()
            self.cursor = index
            self.refresh()
            self.post_message(self.Pressed(self, self.actions[index].id))
