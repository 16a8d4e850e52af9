"""The top line of every screen: the command-palette icon and the title, drawn by one widget.

It looks like Textual's Header (icon on the left, "title — sub-title" centred, the sub-title dimmed) but is
one widget instead of four, on every screen an app shows first. A click on the icon opens the command
palette, as in Textual's.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events

from pathfinder.tui.widgets.hover import HoverTracking

ICON = "⭘"
ICON_WIDTH = 8
RIGHT_SPACE = 10


class TitleBar(HoverTracking[bool], can_focus=False):
    """``⭘      Pathfinder — product · project management`` across the top of the screen."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"title-bar--sub-title", "title-bar--icon-hover"}
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        & > .title-bar--sub-title { text-style: dim; }
        & > .title-bar--icon-hover { background: $foreground 10%; }
    }
    """

    def on_mount(self) -> None:
        for owner in (self.app, self.screen):
            self.watch(owner, "title", self._retitle, init=False)
            self.watch(owner, "sub_title", self._retitle, init=False)

    def _retitle(self) -> None:
        self.refresh()

    def title_text(self) -> Text:
        """The screen's title (else the app's), with its sub-title dimmed after a dash."""
        screen = self.screen
        title = screen.title if screen.title is not None else self.app.title
        sub_title = screen.sub_title if screen.sub_title is not None else self.app.sub_title
        text = Text(title, no_wrap=True, overflow="ellipsis", end="")
        if sub_title:
            dim = self.get_component_rich_style("title-bar--sub-title", partial=True)
            text.append(" — ", dim)
            text.append(sub_title, dim)
        return text

    def render(self) -> Text:
        width = self.size.width
        icon_style = self.get_component_rich_style("title-bar--icon-hover") if self.hovered else Style()
        line = Text(no_wrap=True, overflow="crop", end="")
        line.append(f" {ICON}".ljust(ICON_WIDTH), icon_style)
        room = max(width - ICON_WIDTH - RIGHT_SPACE, 0)
        title = self.title_text()
        title.truncate(room, overflow="ellipsis")
        left = (room - title.cell_len) // 2
        line.append(" " * left)
        line.append_text(title)
        line.append(" " * (width - line.cell_len))
        return line

    def item_under(self, x: int, y: int) -> bool | None:
        """True over the icon (the one item here) when the palette is on."""
        return True if x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE else None

    def hover_changed(self) -> None:
        self.tooltip = "Open the command palette" if self.hovered else None

    async def on_click(self, event: events.Click) -> None:
        if event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            await self.run_action("app.command_palette")
