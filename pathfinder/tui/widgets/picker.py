"""A one-line choice that opens a list: the plan step's target path.

Looks and works like a compact Select (enter, space, ↓ or a click open the list; type to jump; enter
chooses; escape keeps the old value), but is one widget until opened: a Select is six, built and styled
with the screen even when never opened, and the plan screen is what an opened plan file shows first.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class PickerList(ModalScreen[str | None]):
    """The open list: a choice returns its value, escape (or a click outside) returns None."""

    DEFAULT_CSS = """
    PickerList {
        align: center middle;
        background: $background 40%;
        & > OptionList {
            width: auto;
            min-width: 30;
            max-width: 80%;
            height: auto;
            max-height: 80%;
            border: tall $accent;
        }
    }
    """
    BINDINGS = [Binding("escape", "dismiss_list", "Close", show=False)]

    def __init__(self, options: Sequence[tuple[str, str]], value: str | None, title: str) -> None:
        super().__init__()
        self.options = tuple(options)
        self.value = value
        self.title_text = title

    def compose(self) -> ComposeResult:
        listing = OptionList(*(Option(label, id=value) for label, value in self.options))
        listing.border_title = self.title_text
        yield listing

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        values = [value for _, value in self.options]
        listing.highlighted = values.index(self.value) if self.value in values else 0
        listing.focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def on_click(self, event: events.Click) -> None:
        if event.widget is self:  # outside the list
            self.dismiss(None)

    def action_dismiss_list(self) -> None:
        self.dismiss(None)


class Picker(Widget, can_focus=True):
    """``Product manager ▼``: the chosen option's label, or a dim prompt when nothing is chosen."""

    ALLOW_SELECT = False
    BINDINGS = [Binding("enter,space,down", "open", "Choose", show=False)]
    COMPONENT_CLASSES = {"picker--prompt", "picker--arrow"}
    DEFAULT_CSS = """
    Picker {
        height: 1;
        width: 1fr;
        padding: 0 1 0 0;
        background: $surface;
        color: $foreground;
        &:focus { background: $block-cursor-blurred-background; text-style: bold; }
        &:hover { background: $surface-lighten-1; }
        & > .picker--prompt { color: $text-muted; }
        & > .picker--arrow { color: $text-muted; }
    }
    """

    class Changed(Message):
        """The value changed (chosen from the list, or set by code)."""

        def __init__(self, picker: Picker, value: str | None) -> None:
            super().__init__()
            self.picker = picker
            self.value = value

        @property
        def control(self) -> Picker:
            return self.picker

    def __init__(
        self, options: Sequence[tuple[str, str]], *, prompt: str, title: str = "", id: str | None = None
    ) -> None:
        """``options``: (label, value) pairs in order."""
        super().__init__(id=id)
        self.options = tuple(options)
        self.prompt = prompt
        self.title_text = title or prompt
        self._value: str | None = None

    @property
    def value(self) -> str | None:
        return self._value

    @value.setter
    def value(self, value: str | None) -> None:
        if value is not None and value not in {each for _, each in self.options}:
            raise ValueError(f"{value!r} is not one of the options")
        if value != self._value:
            self._value = value
            self.refresh()
            self.post_message(self.Changed(self, value))

    def render(self) -> Text:
        labels = dict((value, label) for label, value in self.options)
        width = max(self.content_size.width, 3)
        if self._value is None:
            text = Text(self.prompt, self.get_component_rich_style("picker--prompt"))
        else:
            text = Text(labels[self._value])
        text.truncate(width - 2, overflow="ellipsis")
        text.pad_right(width - 1 - text.cell_len)
        text.append("▼", self.get_component_rich_style("picker--arrow"))
        return text

    def action_open(self) -> None:
        def picked(value: str | None) -> None:
            if value is not None:
                self.value = value
            self.focus()

        self.app.push_screen(PickerList(self.options, self._value, self.title_text), picked)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_open()
