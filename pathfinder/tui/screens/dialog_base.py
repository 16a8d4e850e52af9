"""The base of every dialog: ←/→ move between the buttons of its button row, as Help says they do."""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Button

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT]):
    """A modal dialog whose buttons sit in a ``.dialog-buttons`` row."""

    BINDINGS = [
        Binding("left", "next_button(-1)", "Previous button", show=False),
        Binding("right", "next_button(1)", "Next button", show=False),
    ]

    def _row_buttons(self) -> list[Button]:
        focused = self.focused
        if not isinstance(focused, Button) or focused.parent is None:
            return []
        if not focused.parent.has_class("dialog-buttons"):
            return []
        return [
            child for child in focused.parent.children if isinstance(child, Button) and not child.disabled
        ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """←/→ are the buttons' only when a button of the row has the focus (fields keep their arrows)."""
        if action == "next_button":
            return bool(self._row_buttons())
        return True

    def action_next_button(self, delta: int) -> None:
        buttons = self._row_buttons()
        if buttons and self.focused in buttons:
            index = buttons.index(self.focused)
            buttons[(index + delta) % len(buttons)].focus()
