"""An OptionList that is cheap to refill, and a panel that redraws without a layout (the skills step).

Textual's OptionList (8.2.x, pinned) redoes a lot of work per refill that gives the same result
for the same option text: it measures every option's height, re-renders every visible option, asks
for a layout of the screen when its number of lines changes, and recomputes its geometry for every
line it draws. :class:`RefillableOptionList` keeps what it can across refills and draws the same
lines (same look, same keys and mouse); the overridden methods are OptionList's own, changed only
in what they cache. :class:`DetailView` is the skill's description panel, redrawn without a layout.

Both lean on OptionList's and Widget's private methods and attributes (listed in
:mod:`pathfinder.tui.compat.private_names`), which is why they live behind the compat door; the
speed-up they buy is measured in docs/benchmarks.md (the skills filter).
"""

from __future__ import annotations

from typing import cast

from rich.console import RenderableType
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.cache import LRUCache
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Region, Size, Spacing
from textual.reactive import Reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Padding, Visual, VisualType, visualize
from textual.widgets import OptionList
from textual.widgets.option_list import Option

OPTION = "option-list--option"
DISABLED = "option-list--option-disabled"
HIGHLIGHTED = "option-list--option-highlighted"
HOVER = "option-list--option-hover"


def _fits_one_line(visual: Visual, width: int) -> bool:
    """A one-line text that fits ``width`` renders the same at any such width (no wrap, no cut)."""
    return isinstance(visual, Content) and "\n" not in visual.plain and visual.cell_length <= width


class RefillableOptionList(OptionList):
    """OptionList for a fixed-height list whose options are replaced often (``set_options``).

    - The height comes from CSS (it must not be ``auto``): a new number of lines changes only what
      is scrolled, so it repaints the list instead of laying out the screen. Only a scrollbar that
      appears or goes asks for a layout (its width changes the list's).
    - An option's rendered strips and its height are kept across refills, keyed on its text and style
      (and width, unless it is one line that fits). The strips carry no mouse metadata (it depends on
      the option's index, so it would have to be applied again after every refill): a click or hover
      finds its option from the line under the mouse.
    - Drawing a frame computes the list's geometry and styles once, not once per line.
    """

    virtual_size = Reactive(Size(0, 0), layout=False)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._plain_renders: LRUCache[tuple[str, Style, Spacing, int], list[Strip]] = LRUCache(1024)
        self._option_heights: LRUCache[tuple[str, int], int] = LRUCache(1024)
        self._line_renders: LRUCache[tuple[str, Style], list[Strip]] = LRUCache(1024)
        self._frame: dict[str, Style] | None = None  # the styles of the frame being drawn
        self._frame_width = 0
        self._frame_padding = Spacing()

    def notify_style_update(self) -> None:
        """Restyled (theme, focus): start the kept renders afresh. A resize keeps them (keyed on width)."""
        self._plain_renders.clear()
        self._option_heights.clear()
        self._line_renders.clear()
        super().notify_style_update()

    def _replace_option_prompt(self, index: int, prompt: VisualType) -> None:
        """A new prompt: the caches keyed on text stay valid (the old text's entries are still right)."""
        self.get_option_at_index(index)._set_prompt(prompt)
        OptionList._clear_caches(self)

    def _update_lines(self) -> None:
        """OptionList's, with each option's height taken from the cache when its text was measured."""
        if not self.scrollable_content_region:
            return
        line_cache = self._line_cache
        lines = line_cache.lines
        next_index = lines[-1][0] + 1 if lines else 0
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        options = self.options
        if next_index < len(options):
            padding = self.get_component_styles(OPTION).padding
            content_width = width - padding.width
            heights = self._option_heights
            for index, option in enumerate(options[next_index:], next_index):
                line_cache.index_to_line[index] = len(lines)
                prompt = option.prompt
                visual = self._get_visual(option)
                key = (prompt, content_width) if isinstance(prompt, str) else None
                known = heights.get(key) if key is not None else None
                if known is not None:
                    height = known
                elif _fits_one_line(visual, content_width):
                    height = 1
                else:
                    height = visual.get_height(cast(RulesMap, self.styles), content_width)
                    if key is not None:
                        heights[key] = height
                line_count = height + option._divider
                line_cache.heights[index] = line_count
                lines.extend([(index, line_no) for line_no in range(line_count)])
        last_divider = bool(options) and options[-1]._divider
        virtual_size = Size(width, len(lines) - (1 if last_divider else 0))
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)

    def _get_option_render(self, option: Option, style: Style) -> list[Strip]:
        """OptionList's, with the strips kept across refills (they carry no per-index metadata)."""
        if self._frame is None:
            padding = self.get_component_styles(OPTION).padding
            width = self.scrollable_content_region.width - self._get_left_gutter_width()
        else:
            padding, width = self._frame_padding, self._frame_width
        cache_key = (option, style, padding)
        strips = self._option_render_cache.get(cache_key)
        if strips is not None:
            return strips
        prompt = option.prompt
        visual: Visual = self._get_visual(option)
        if not padding and isinstance(prompt, str) and _fits_one_line(visual, width):
            # one line that fits: the same strip at any width that fits it, padded to the width
            line = self._line_renders.get((prompt, style))
            if line is None:
                line = visual.to_strips(self, visual, width, None, style)
                self._line_renders[(prompt, style)] = line
            plain = [strip.extend_cell_length(width, style.rich_style) for strip in line]
        else:
            key = (prompt, style, padding, width) if isinstance(prompt, str) else None
            cached = self._plain_renders.get(key) if key is not None else None
            if cached is not None:
                plain = cached
            else:
                if padding:
                    visual = Padding(visual, padding)
                plain = [
                    strip.extend_cell_length(width, style.rich_style)
                    for strip in visual.to_strips(self, visual, width, None, style)
                ]
                if key is not None:
                    self._plain_renders[key] = plain
        strips = plain
        if option._divider:
            rule = self.get_visual_style("option-list--separator").rich_style
            strips = [*plain, Strip([Segment("─" * width, rule)], width)]
        self._option_render_cache[cache_key] = strips
        return strips

    def _option_under(self, event: events.MouseEvent) -> int | None:
        """The index of the option under the mouse (OptionList reads it from metadata in the strips)."""
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        self._update_lines()
        try:
            index, line_offset = self._line_cache.lines[self.scroll_offset.y + offset.y]
        except IndexError:
            return None
        if self.options[index]._divider and line_offset == self._line_cache.heights[index] - 1:
            return None  # the separator line below an option
        return index

    async def _on_click(self, event: events.Click) -> None:
        clicked_option = self._option_under(event)
        if clicked_option is not None and not self._options[clicked_option].disabled:
            self.highlighted = clicked_option
            self.action_select()

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        event.prevent_default()  # OptionList's handler would read the (absent) metadata
        self._mouse_hovering_over = self._option_under(event)

    def render_lines(self, crop: Region) -> list[Strip]:
        """Draw with the geometry and the option styles looked up once for the whole frame."""
        try:
            padding = self.get_component_styles(OPTION).padding
        except KeyError:  # a list mounted (e.g. by an undo) but not styled yet: it repaints once styled
            return [Strip.blank(crop.width) for _ in range(crop.height)]
        self._update_lines()
        self._frame = {}
        self._frame_padding = padding
        self._frame_width = self.scrollable_content_region.width - self._get_left_gutter_width()
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def _frame_style(self, component_class: str) -> Style:
        frame = self._frame
        if frame is None:
            return self._option_style(component_class)
        style = frame.get(component_class)
        if style is None:
            style = frame[component_class] = self._option_style(component_class)
        return style

    def _option_style(self, component_class: str) -> Style:
        if component_class:
            return self.get_visual_style(OPTION, component_class)
        return self.get_visual_style(OPTION)

    def render_line(self, y: int) -> Strip:
        """OptionList's, reading the line table directly (it is brought up to date per frame)."""
        if self._frame is None:
            self._update_lines()
        line_number = self.scroll_offset.y + y
        try:
            option_index, line_offset = self._line_cache.lines[line_number]
            option = self.options[option_index]
        except IndexError:
            return Strip.blank(self.scrollable_content_region.width, self._frame_style("").rich_style)
        if option.disabled:
            component_class = DISABLED
        elif self.highlighted == option_index:
            component_class = HIGHLIGHTED
        elif self._mouse_hovering_over == option_index:
            component_class = HOVER
        else:
            component_class = ""
        strips = self._get_option_render(option, self._frame_style(component_class))
        try:
            return strips[line_offset]
        except IndexError:
            return Strip.blank(self.scrollable_content_region.width, self._frame_style("").rich_style)


class DetailView(ScrollView):
    """A scrolling panel of one Rich renderable (the highlighted skill's description and levels).

    It looks and scrolls like a ``Static`` in a ``VerticalScroll`` but is one widget that draws its
    own lines: new content repaints the panel instead of laying out the screen (the Static's height
    would change, twice: once for its content and once more for its new size). A layout is asked
    for only when the content's height makes the scrollbar appear or go.
    """

    DEFAULT_CSS = """
    DetailView {
        overflow-x: hidden;
        overflow-y: auto;
    }
    """

    virtual_size = Reactive(Size(0, 0), layout=False)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._content: RenderableType = ""
        self._strips: list[Strip] | None = None
        self._strips_for: tuple[int, Style] | None = None

    @property
    def content(self) -> RenderableType:
        return self._content

    def update(self, content: RenderableType) -> None:
        """Show ``content`` (kept at the current scroll position, as a VerticalScroll would)."""
        self._content = content
        self._strips = None
        self._measure()
        self.refresh()

    def _rendered(self) -> list[Strip]:
        width = self.scrollable_content_region.width
        style = self.visual_style
        if self._strips is None or self._strips_for != (width, style):
            visual = visualize(self, self._content, markup=self._render_markup)
            self._strips = Visual.to_strips(self, visual, width, None, style)
            self._strips_for = (width, style)
        return self._strips

    def _measure(self) -> None:
        """Set the scrollable size from the rendered content (its scrollbar follows)."""
        if not self.scrollable_content_region:
            return
        virtual_size = Size(self.scrollable_content_region.width, len(self._rendered()))
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)

    def _on_resize(self) -> None:
        self._measure()
        self.refresh()

    def notify_style_update(self) -> None:
        self._strips = None
        self.refresh()
        super().notify_style_update()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._measure()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        strips = self._rendered()
        index = self.scroll_offset.y + y
        if 0 <= index < len(strips):
            return strips[index]
        # below the content: the panel's background, as a container draws it
        background = RichStyle.from_color(bgcolor=self.background_colors[1].rich_color)
        return Strip.blank(self.scrollable_content_region.width, background)
