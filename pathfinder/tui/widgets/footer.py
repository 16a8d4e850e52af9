"""The key bar at the bottom of a screen: one widget drawing the keys that matter, like Textual's Footer.

Textual's Footer is a container of one widget per key, rebuilt (unmounted and mounted again) whenever the
focused widget changes: about ten widgets to style and lay out on every screen and focus change. This
one is a single widget with a fixed size: a change of keys only repaints one line. It looks the same
(key, description, the command palette key on the right), dims disabled keys, shows each key's tooltip
on hover, and a click presses the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen

from pathfinder.tui.widgets.hover import HoverTracking


@dataclass(frozen=True)
class FooterItem:
    """One key as shown: what is pressed, how it is labelled, whether it works now."""

    key: str
    display: str
    description: str
    enabled: bool
    tooltip: str
    palette: bool = False

    @property
    def width(self) -> int:
        """Cells it takes: ``␠^s␠Save␠``, or for the palette key ``▏^p␠palette␠`` (as many)."""
        return len(self.display) + len(self.description) + 3


class Footer(HoverTracking[FooterItem], can_focus=False):
    """The screen's keys on one line; the command palette key at the right end."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer--key", "footer--description", "footer--separator", "footer--hover"}
    DEFAULT_CSS = """
    Footer {
        dock: bottom;
        height: 1;
        width: 100%;
        color: $footer-foreground;
        background: $footer-background;
        & > .footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .footer--separator {
            color: $foreground 20%;
        }
        & > .footer--hover {
            background: $block-hover-background;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._items: tuple[FooterItem, ...] = ()
        self._spans: list[tuple[int, int, FooterItem]] = []
        """Where each shown item was drawn: (start column, end column, item)."""

    @property
    def items(self) -> tuple[FooterItem, ...]:
        """The keys currently shown (the palette key last)."""
        return self._items

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        items = self._collect(screen)
        if items != self._items:
            self._items = items
            self.hovered = None
            self.refresh()

    def _collect(self, screen: Screen[Any]) -> tuple[FooterItem, ...]:
        """The shown bindings of the focused widget's chain, one per action, then the palette key."""
        active = screen.active_bindings
        items: list[FooterItem] = []
        seen_actions: set[str] = set()
        for _node, binding, enabled, tooltip in active.values():
            if not binding.show or binding.action in seen_actions:
                continue
            seen_actions.add(binding.action)
            display = self.app.get_key_display(binding)
            items.append(FooterItem(binding.key, display, binding.description, enabled, tooltip))
        app = self.app
        palette = active.get(app.COMMAND_PALETTE_BINDING) if app.ENABLE_COMMAND_PALETTE else None
        if palette is not None:
            _node, binding, enabled, tooltip = palette
            items.append(
                FooterItem(
                    binding.key,
                    app.get_key_display(binding),
                    binding.description,
                    enabled,
                    binding.tooltip or binding.description,
                    palette=True,
                )
            )
        return tuple(items)

    def render(self) -> Text:
        width = self.size.width
        key_style = self.get_component_rich_style("footer--key")
        description_style = self.get_component_rich_style("footer--description")
        hover_style = self.get_component_rich_style("footer--hover")
        palette = next((item for item in self._items if item.palette), None)
        keys = [item for item in self._items if not item.palette]
        room = width - (palette.width if palette is not None else 0)
        text = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for item in keys:
            if text.cell_len + item.width > room:
                break  # a key is shown whole or not at all; the palette key keeps its place
            self._append(text, item, key_style, description_style, hover_style)
        if palette is not None and width >= palette.width:
            text.append(" " * (width - palette.width - text.cell_len))
            start = text.cell_len
            text.append("▏", self.get_component_rich_style("footer--separator"))
            extra = hover_style if palette is self.hovered else Style()
            dim = Style(dim=True) if not palette.enabled else Style()
            text.append(palette.display, key_style + extra + dim)
            text.append(f" {palette.description} ", description_style + extra + dim)
            self._spans.append((start, text.cell_len, palette))
        return text

    def _append(self, text: Text, item: FooterItem, key: Style, description: Style, hover: Style) -> None:
        start = text.cell_len
        extra = hover if item is self.hovered else Style()
        dim = Style(dim=True) if not item.enabled else Style()
        text.append(f" {item.display} ", key + extra + dim)
        text.append(f"{item.description} ", description + extra + dim)
        self._spans.append((start, text.cell_len, item))

    def item_at(self, x: int) -> FooterItem | None:
        """The key drawn at column ``x`` (None between keys)."""
        return next((item for start, end, item in self._spans if start <= x < end), None)

    def item_under(self, x: int, y: int) -> FooterItem | None:
        return self.item_at(x)

    def hover_changed(self) -> None:
        item = self.hovered
        self.tooltip = (item.tooltip or item.description) if item is not None else None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        item = self.item_at(event.x)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()
