"""The skills step's own widgets draw what Textual's would, and the filter, mouse and ratings work."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from tui_helpers import DATA, AppFactory, current_step, session_of, settle

from pathfinder.tui.compat.option_list import DetailView, RefillableOptionList

SAMPLE = DATA / "plans" / "sample-plan.toml"

Cells = list[list[tuple[str, str]]]


def cells(app: App[Any], widget: Widget) -> Cells:
    """What the screen shows in ``widget``'s region (scrollbars included): a character and style per cell."""
    region = widget.region
    rows: Cells = []
    for strip in app.screen._compositor.render_strips()[region.y : region.bottom]:
        row: list[tuple[str, str]] = []
        for segment in strip.crop(region.x, region.right):
            row.extend((character, str(segment.style)) for character in segment.text)
        rows.append(row)
    return rows


def prompts(count: int, start: int = 0) -> list[Option]:
    """Headings (disabled) and one-line options with markup, some too long for the list's width."""
    options: list[Option] = []
    for index in range(start, start + count):
        if index % 5 == 0:
            options.append(Option(f"[b]Heading {index}[/b]", id=f"heading-{index}", disabled=True))
        elif index % 7 == 0:
            options.append(Option(f"A long option {index} that wraps onto a second line", id=f"o{index}"))
        else:
            options.append(Option(f"◇ Option {index:<8} [i]●●○○ 2[/i]", id=f"o{index}"))
    return options


class Lists(App[None]):
    """Textual's OptionList and the refillable one side by side, with the same options."""

    CSS = """
    OptionList { width: 30; height: 10; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(id="plain")
            yield RefillableOptionList(id="fast")

    def fill(self, options: list[Option], highlighted: int | None) -> None:
        for widget_id in ("plain", "fast"):
            listing = self.query_one(f"#{widget_id}", OptionList)
            copies = [Option(option.prompt, id=option.id, disabled=option.disabled) for option in options]
            listing.set_options(copies)
            listing.highlighted = highlighted


async def test_refillable_option_list_draws_what_option_list_draws() -> None:
    """Refills (longer, shorter: the scrollbar comes and goes), highlight, scrolling, focus, hover."""
    app = Lists()
    async with app.run_test(size=(70, 14)) as pilot:
        plain = app.query_one("#plain", OptionList)
        fast = app.query_one("#fast", RefillableOptionList)

        async def same(what: str) -> None:
            """Each list alone focused, then neither: the two draw the same."""
            for focused in (True, False):
                drawn = []
                for widget in (plain, fast):
                    app.set_focus(widget if focused else None)
                    await pilot.pause()
                    drawn.append(cells(app, widget))
                assert fast.show_vertical_scrollbar == plain.show_vertical_scrollbar, what
                assert drawn[0] == drawn[1], f"{what} ({'focused' if focused else 'not focused'})"

        for step, (count, start, highlighted) in enumerate(
            [(30, 0, 1), (6, 3, 2), (30, 0, 27), (4, 40, None), (18, 2, 9), (30, 0, 1)]
        ):
            app.fill(prompts(count, start), highlighted)
            await same(f"refill {step}")
        for widget in (plain, fast):
            widget.focus()
            await pilot.press("down", "down", "pagedown")
        await same("moved by keys")
        for widget in (plain, fast):
            widget.replace_option_prompt("o6", "◇ Option renamed  [i]●●●○ 3[/i]")
        await same("a prompt replaced")
        await pilot.resize_terminal(64, 12)
        await same("resized")
        app.set_focus(None)
        for line in (2, 3, 6):
            drawn, hovered = [], []
            for widget in (plain, fast):
                await pilot.hover(widget, offset=(5, line))
                await pilot.pause()
                drawn.append(cells(app, widget))
                hovered.append(widget._mouse_hovering_over)
            assert hovered[0] is not None and hovered[0] == hovered[1], f"hover on line {line}"
            assert drawn[0] == drawn[1], f"hover on line {line}"


async def test_clicking_an_option_selects_it_and_a_heading_does_nothing() -> None:
    app = Lists()
    messages: list[OptionList.OptionSelected] = []

    def hook(message: object) -> None:  # called as the message reaches each node on its way up
        if isinstance(message, OptionList.OptionSelected) and message not in messages:
            messages.append(message)

    async with app.run_test(size=(70, 14), message_hook=hook) as pilot:
        app.fill(prompts(12), 1)
        await pilot.pause()
        fast = app.query_one("#fast", RefillableOptionList)
        await pilot.click(fast, offset=(5, 4))  # the 4th line: option 3
        await pilot.pause()
        assert fast.highlighted == 3 and [message.option.id for message in messages] == ["o3"]
        await pilot.click(fast, offset=(5, 1))  # heading 0
        await pilot.pause()
        assert fast.highlighted == 3 and len(messages) == 1


def detail(lines: int) -> Group:
    levels = Table.grid(padding=(0, 1))
    levels.add_column(no_wrap=True)
    levels.add_column()
    for level in range(lines):
        levels.add_row(f"▶ {level}", Text.assemble(("name", "bold"), f": meaning number {level} wraps " * 2))
    return Group(Text.from_markup("[b]A skill[/b]\n[dim]Category[/dim]\n"), levels)


class Details(App[None]):
    """A Static in a VerticalScroll (what the skills step had) beside the DetailView."""

    CSS = """
    .panel { width: 30; height: 12; border: round $panel; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal():
            with VerticalScroll(id="scroll", classes="panel"):
                yield Static("", id="static")
            yield DetailView(id="detail", classes="panel")

    def show(self, content: Group | str) -> None:
        self.query_one("#static", Static).update(content)
        self.query_one("#detail", DetailView).update(content)


async def test_detail_view_draws_what_a_static_in_a_vertical_scroll_draws() -> None:
    app = Details()
    async with app.run_test(size=(70, 16)) as pilot:
        scroll = app.query_one("#scroll", VerticalScroll)
        view = app.query_one("#detail", DetailView)

        async def same(what: str) -> None:
            await pilot.pause()
            await pilot.pause()
            assert view.show_vertical_scrollbar == scroll.show_vertical_scrollbar, what
            assert cells(app, view) == cells(app, scroll), what

        app.show(detail(2))
        await same("short: no scrollbar, blank below")
        app.show(detail(6))
        await same("long: a scrollbar")
        for widget in (scroll, view):
            widget.scroll_to(y=4, animate=False)
        await same("scrolled")
        for widget in (scroll, view):
            widget.focus()
            await pilot.press("down", "pagedown")
        await same("scrolled by keys")
        app.show(detail(5))
        await same("new content, still scrolled")
        app.show("")
        await same("empty")


async def test_filter_keys_narrow_the_list_and_the_detail_follows(build_app: AppFactory) -> None:
    """Typed keys are echoed at once and the list filters right after; a rating waits for nothing."""
    app = build_app(open_path=SAMPLE)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: getattr(app.screen, "current", None) == "plan")
        await pilot.press("f5")
        await settle(pilot, lambda: getattr(app.screen, "current", None) == "skills")
        screen = app.screen
        listing = screen.query_one("#skill-list", OptionList)
        box = screen.query_one("#skill-filter", Input)
        shown = screen.query_one("#skill-detail", DetailView)
        await pilot.press("slash")
        assert app.focused is box
        await pilot.press("s", "t", "a")
        await settle(pilot, lambda: listing.option_count == 2)
        shown_ids = [option.id for option in listing.options]
        assert shown_ids == ["cat-planning-and-delivery", "stakeholder-management"]
        assert listing.highlighted == 1
        assert isinstance(shown.content, Group)
        assert "Stakeholder management" in str(shown.content.renderables[0])
        await pilot.press("enter", "3")  # to the list, rate the one skill shown
        assert app.session is not None and app.session.profile.skills["stakeholder-management"] == 3
        await pilot.press("slash", "backspace", "backspace", "backspace", "p", "r", "o", "enter", "4")
        # 'pro' keeps the categories' skills with "pro" in their names; the rating lands on the first
        assert app.session.profile.skills["product-vision"] == 4


async def test_clicking_a_skill_highlights_it_and_shows_its_description(build_app: AppFactory) -> None:
    app = build_app(open_path=SAMPLE)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: getattr(app.screen, "current", None) == "plan")
        await pilot.press("f5")
        await settle(pilot, lambda: getattr(app.screen, "current", None) == "skills")
        listing = app.screen.query_one("#skill-list", OptionList)
        shown = app.screen.query_one("#skill-detail", DetailView)
        target = listing.get_option_index("project-planning")
        await pilot.click(listing, offset=(6, 1 + target))  # 1: the list's top border
        await settle(pilot, lambda: listing.highlighted == target)
        assert isinstance(shown.content, Group) and "Project planning" in str(shown.content.renderables[0])


async def test_the_list_posts_what_was_pressed_and_the_pane_rates(build_app: AppFactory) -> None:
    """Messages up: keys in the list become messages (seen on their way up), which the skills pane
    handles; a letter typed in the list goes to the filter box."""
    from pathfinder.tui.screens.skills import RatingList

    seen: list[object] = []

    def hook(message: object) -> None:  # called as the message reaches each node on its way up
        wanted = isinstance(message, RatingList.Rated | RatingList.Stepped | RatingList.FilterWanted)
        if wanted and not any(message is earlier for earlier in seen):
            seen.append(message)

    app = build_app(open_path=SAMPLE)
    async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
        await settle(pilot, lambda: current_step(app) == "plan")
        await pilot.press("f5")
        await settle(pilot, lambda: current_step(app) == "skills")
        listing = app.screen.query_one("#skill-list", RatingList)
        listing.focus()
        listing.highlighted = listing.get_option_index("prioritisation")
        await pilot.press("2", "right")
        assert [type(message) for message in seen] == [RatingList.Rated, RatingList.Stepped]
        assert session_of(app).profile.skills["prioritisation"] == 3 and session_of(app).dirty
        await pilot.press("b")
        assert isinstance(seen[-1], RatingList.FilterWanted) and seen[-1].typed == "b"
        box = app.screen.query_one("#skill-filter", Input)
        assert box.value == "b" and app.focused is box
