"""What the widgets that draw several clickable items on their own share: the item under the mouse."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual import events
from textual.widget import Widget

Item = TypeVar("Item")


class HoverTracking(Widget, Generic[Item]):
    """Keeps ``hovered``, the item under the mouse (None: none), and repaints when it changes.

    Subclasses say which item is at a cell (:meth:`item_under`) and may react in :meth:`hover_changed`
    (a tooltip, say); their ``render`` draws ``hovered`` highlighted.
    """

    hovered: Item | None = None

    def item_under(self, x: int, y: int) -> Item | None:
        """The item drawn at (x, y) of the widget, or None."""
        return None

    def hover_changed(self) -> None:
        """Hook: ``hovered`` has just changed."""

    def _set_hovered(self, item: Item | None) -> None:
        if item != self.hovered:
            self.hovered = item
            self.hover_changed()
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hovered(self.item_under(event.x, event.y))

    def on_leave(self, _event: events.Leave) -> None:
        self._set_hovered(None)
