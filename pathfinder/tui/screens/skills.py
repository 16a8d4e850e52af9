"""Wizard step 4: rate every skill 0–4, filterable, grouped by category, with suggestions.

Suggestions come from the backgrounds of the person's roles (their transferable skills); they are
marked as such and count only once accepted (``a``, or ``A`` for all) or changed.
"""

from __future__ import annotations

from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from pathfinder.catalog.models import SKILL_LEVEL_NAMES, Skill
from pathfinder.tui.compat.option_list import DetailView, RefillableOptionList
from pathfinder.tui.screens.pane import WizardPane

NAME_WIDTH = 26
FILTER_AFTER_ECHO_SECONDS = 0.002
"""How long the loop idles after the typed key's frame before filtering (the echo is written then)."""


def rating_bar(level: int) -> str:
    """``●●○○`` plus the number, so the level never depends on colour."""
    return "●" * level + "○" * (4 - level)


class FilterInput(Input):
    """The filter box: typing repaints the box only.

    A plain Input asks for a layout of the whole screen on every keystroke (its text width is its
    virtual size, a layout reactive); this box has a fixed size, so a repaint of itself is enough.
    """

    virtual_size = Reactive(Size(0, 0), layout=False)


class RatingList(RefillableOptionList):
    """Skills with keyboard rating: digits 0–4, left/right to step, ``a`` to accept a suggestion."""

    BINDINGS = [
        Binding("0", "rate(0)", "Rate", id="rate", key_display="0–4", tooltip="Rate the skill 0 (none) to 4"),
        Binding("1", "rate(1)", "Rate 1", show=False, id="rate-1"),
        Binding("2", "rate(2)", "Rate 2", show=False, id="rate-2"),
        Binding("3", "rate(3)", "Rate 3", show=False, id="rate-3"),
        Binding("4", "rate(4)", "Rate 4", show=False, id="rate-4"),
        Binding("left", "step(-1)", "Lower", show=False, id="rate-lower"),
        Binding("right", "step(1)", "Raise", show=False, id="rate-raise"),
        Binding("a", "accept", "Accept suggestion", id="accept", tooltip="Keep the suggested rating"),
        Binding("A", "accept_all", "Accept all", id="accept-all", tooltip="Keep every suggested rating"),
        Binding("slash", "filter", "Filter", id="filter", tooltip="Type to filter the skills"),
    ]

    class Rated(Message):
        """A rating key: rate the highlighted skill ``level``."""

        def __init__(self, level: int) -> None:
            super().__init__()
            self.level = level

    class Stepped(Message):
        """Left or right: the highlighted skill's rating one lower (-1) or higher (+1)."""

        def __init__(self, delta: int) -> None:
            super().__init__()
            self.delta = delta

    class SuggestionAccepted(Message):
        """``a``: keep the suggested rating of the highlighted skill."""

    class AllSuggestionsAccepted(Message):
        """``A``: keep every suggested rating."""

    class FilterWanted(Message):
        """``/``, or a letter typed in the list: go to the filter box, with ``typed`` added to it."""

        def __init__(self, typed: str = "") -> None:
            super().__init__()
            self.typed = typed

    def on_key(self, event: events.Key) -> None:
        """Letters typed in the list go to the filter box (type to filter)."""
        character = event.character
        if character and character.isprintable() and character not in "01234aA/? " and event.is_printable:
            event.stop()
            event.prevent_default()
            self.post_message(self.FilterWanted(character))

    def action_rate(self, level: int) -> None:
        self.post_message(self.Rated(level))

    def action_step(self, delta: int) -> None:
        self.post_message(self.Stepped(delta))

    def action_accept(self) -> None:
        self.post_message(self.SuggestionAccepted())

    def action_accept_all(self) -> None:
        self.post_message(self.AllSuggestionsAccepted())

    def action_filter(self) -> None:
        self.post_message(self.FilterWanted())


class SkillsPane(WizardPane):
    """A filter box, the grouped skill list, and the highlighted skill's description and levels."""

    BINDINGS = [Binding("down", "to_list", "To list", show=False)]

    def compose(self) -> ComposeResult:
        yield FilterInput(
            placeholder="type to filter skills (e.g. risk, sql, roadmap)…", id="skill-filter", compact=True
        )
        with Horizontal(id="skills-body"):
            yield RatingList(id="skill-list")
            with Vertical(id="skill-side"):
                yield DetailView(id="skill-detail")
                with Horizontal(id="rate-buttons"):
                    for level in range(5):
                        yield Button(
                            str(level), id=f"rate-{level}", compact=True, tooltip=SKILL_LEVEL_NAMES[level]
                        )
                    yield Button("Accept", id="accept-suggestion", compact=True, variant="success")
        yield Static("", id="skills-summary", classes="muted")

    def on_mount(self) -> None:
        self._shown: list[tuple[str | None, str]] | None = None
        self._skill_options: dict[str, Option] = {}
        self._summary: str | None = None
        self._filter_pending = False
        self._detail_for: tuple[str, int, int | None] | None = ("", -1, None)  # nothing shown yet
        self.rebuild()

    def shown(self) -> None:
        self.rebuild()

    def focus_first(self) -> None:
        self.query_one("#skill-list", RatingList).focus()

    def action_to_list(self) -> None:
        self.filter_now()
        self.query_one("#skill-list", RatingList).focus()

    # ----- data -----------------------------------------------------------------------------------

    def suggestions(self) -> dict[str, int]:
        """Suggested levels from the person's backgrounds, for skills not yet rated."""
        from pathfinder.engine.suggestions import suggested_skill_levels

        suggested = suggested_skill_levels(self.profile, self.catalog)
        rated = self.profile.skills
        for skill, level in self.session.imported_skills.items():  # from an imported file: its level wins
            if skill in self.catalog.skills and skill not in rated:
                suggested[skill] = level
        return suggested

    def prompt(self, skill: Skill, suggested: dict[str, int]) -> str:
        name = skill.name if len(skill.name) <= NAME_WIDTH else skill.name[: NAME_WIDTH - 1] + "…"
        if skill.id in suggested:
            level = suggested[skill.id]
            return f"◇ {escape(name):<{NAME_WIDTH}} [i]{rating_bar(level)} {level}[/i]"
        level = self.profile.skills.get(skill.id, 0)
        return f"  {escape(name):<{NAME_WIDTH}} {rating_bar(level)} {level}"

    def rebuild(self) -> None:
        """Refill the list for the current filter; nothing is redrawn when the visible list is unchanged.

        Options are kept per skill and reused while their prompt is the same (their rendering is
        cached), and the summary and the detail panel are updated only when their content changes.
        """
        listing = self.query_one("#skill-list", RatingList)
        query = self.query_one("#skill-filter", Input).value.strip().lower()
        suggested = self.suggestions()
        shown: list[tuple[str | None, str]] = []
        for category in self.catalog.categories.values():
            skills = [
                skill
                for skill in self.catalog.skills.values()
                if skill.category == category.id
                and (
                    not query
                    or query in skill.name.lower()
                    or query in skill.id
                    or query in category.name.lower()
                )
            ]
            if not skills:
                continue
            shown.append((f"cat-{category.id}", f"[b]{escape(category.name)}[/b]"))
            shown.extend((skill.id, self.prompt(skill, suggested)) for skill in skills)
        if not shown:
            shown.append((None, f"No skill matches “{escape(query)}”"))
        if shown != self._shown:
            self._shown = shown
            self._fill(listing, shown)
        self.update_summary(suggested)
        self.show_detail(suggested)

    def _fill(self, listing: RatingList, shown: list[tuple[str | None, str]]) -> None:
        """Replace the list's options, keeping the highlighted skill (or the first one) highlighted."""
        highlighted = listing.highlighted_option
        keep = highlighted.id if highlighted is not None else None
        options: list[Option] = []
        for option_id, prompt in shown:
            option = self._skill_options.get(option_id) if option_id is not None else None
            if option is None or option.prompt != prompt:
                disabled = option_id is None or option_id.startswith("cat-")
                option = Option(prompt, id=option_id, disabled=disabled)
                if option_id is not None:
                    self._skill_options[option_id] = option
            options.append(option)
        listing.set_options(options)
        index = None
        if keep is not None:
            try:
                index = listing.get_option_index(keep)
            except Exception:
                index = None
        if index is None:
            index = next((i for i, option in enumerate(options) if not option.disabled), None)
        listing.highlighted = index

    def rebuild_prompt(self, listing: RatingList, skill: Skill, suggested: dict[str, int]) -> None:
        """Show one skill's new rating in the list (the rest of the list is unchanged)."""
        prompt = self.prompt(skill, suggested)
        listing.replace_option_prompt(skill.id, prompt)
        if self._shown is not None:
            self._shown = [(key, prompt if key == skill.id else old) for key, old in self._shown]

    def update_summary(self, suggested: dict[str, int]) -> None:
        rated = sum(1 for level in self.profile.skills.values() if level > 0)
        text = f"{rated} of {len(self.catalog.skills)} skills rated above 0"
        if suggested:
            text += f" · ◇ {len(suggested)} suggested from your roles"  # the footer says a / A
        if text != self._summary:
            self._summary = text
            self.query_one("#skills-summary", Static).update(text)

    def highlighted_skill(self) -> Skill | None:
        self.filter_now()  # a rating always applies to the skill shown for the text typed
        option = self.query_one("#skill-list", RatingList).highlighted_option
        if option is None or option.id is None:
            return None
        return self.catalog.skills.get(option.id)

    @on(OptionList.OptionHighlighted, "#skill-list")
    def highlight_moved(self) -> None:
        self.show_detail()

    def show_detail(self, suggested: dict[str, int] | None = None) -> None:
        """Describe the highlighted skill and its levels (re-rendered only when something shown changed)."""
        skill = self.highlighted_skill()
        if suggested is None:
            suggested = self.suggestions()
        shown = (skill.id, self.profile.skills.get(skill.id, 0), suggested.get(skill.id)) if skill else None
        if shown == self._detail_for:
            return
        self._detail_for = shown
        detail = self.query_one("#skill-detail", DetailView)
        if skill is None:
            detail.update("")
            return
        current = self.profile.skills.get(skill.id, 0)
        category = self.catalog.categories.get(skill.category)
        category_name = escape(category.name if category else skill.category)
        heading = Text.from_markup(f"[b]{escape(skill.name)}[/b]\n[dim]{category_name}[/dim]\n")
        heading.append(skill.description + "\n")
        levels = Table.grid(padding=(0, 1))
        levels.add_column(no_wrap=True)
        levels.add_column()
        meanings = ["no experience yet", *skill.levels]
        for level, meaning in enumerate(meanings):
            marker = "▶" if level == current else " "
            levels.add_row(
                f"{marker} {level}", Text.assemble((SKILL_LEVEL_NAMES[level], "bold"), f": {meaning}")
            )
        parts: list[Text | Table] = [heading, levels]
        if skill.id in suggested:
            parts.append(
                Text(
                    f"\nSuggested {suggested[skill.id]} from your background — press a to accept.",
                    style="italic",
                )
            )
        detail.update(Group(*parts))
        self.query_one("#accept-suggestion", Button).display = skill.id in suggested

    # ----- rating ---------------------------------------------------------------------------------

    def set_rating(self, skill_id: str, level: int) -> None:
        skills = dict(self.profile.skills)
        skills[skill_id] = max(0, min(4, level))
        self.update_profile(self.profile.model_copy(update={"skills": skills}))
        skill = self.catalog.skills[skill_id]
        listing = self.query_one("#skill-list", RatingList)
        suggested = self.suggestions()
        self.rebuild_prompt(listing, skill, suggested)
        self.update_summary(suggested)
        self.show_detail(suggested)

    @on(RatingList.Rated)
    def rating_key(self, event: RatingList.Rated) -> None:
        self.rate_highlighted(event.level)

    @on(RatingList.Stepped)
    def stepping_key(self, event: RatingList.Stepped) -> None:
        self.step_highlighted(event.delta)

    @on(RatingList.SuggestionAccepted)
    def suggestion_accepted(self) -> None:
        self.accept_highlighted()

    @on(RatingList.AllSuggestionsAccepted)
    def all_suggestions_accepted(self) -> None:
        self.accept_all()

    @on(RatingList.FilterWanted)
    def filter_wanted(self, event: RatingList.FilterWanted) -> None:
        box = self.query_one("#skill-filter", Input)
        if event.typed:
            box.value += event.typed
            box.cursor_position = len(box.value)
        box.focus()

    def rate_highlighted(self, level: int) -> None:
        skill = self.highlighted_skill()
        if skill is not None:
            self.set_rating(skill.id, level)

    def step_highlighted(self, delta: int) -> None:
        skill = self.highlighted_skill()
        if skill is None:
            return
        base = self.profile.skills.get(skill.id, self.suggestions().get(skill.id, 0))
        self.set_rating(skill.id, base + delta)

    def accept_highlighted(self) -> None:
        skill = self.highlighted_skill()
        suggested = self.suggestions()
        if skill is not None and skill.id in suggested:
            self.set_rating(skill.id, suggested[skill.id])

    def accept_all(self) -> None:
        suggested = self.suggestions()
        if not suggested:
            self.notify("No suggestions left to accept.")
            return
        skills = dict(self.profile.skills) | suggested
        self.update_profile(self.profile.model_copy(update={"skills": skills}))
        self.rebuild()
        self.notify(f"Accepted {len(suggested)} suggested ratings.", timeout=2)

    @on(Input.Changed, "#skill-filter")
    def filter_changed(self) -> None:
        """Filter once the typed key is on screen, so the echo never waits for the list.

        The frame with the key is handed to Textual's output thread, which needs the interpreter
        lock to write it; filtering straight away would hold the lock (up to Python's 5 ms switch
        interval) and hold the echo back. So the filter waits for the frame, then for a moment in
        which the event loop is idle. Keys typed before that are filtered together; anything that
        reads the list filters first.
        """
        if not self._filter_pending:
            self._filter_pending = True
            self.call_after_refresh(self._filter_soon)

    def _filter_soon(self) -> None:
        self.set_timer(FILTER_AFTER_ECHO_SECONDS, self.filter_now)

    def filter_now(self) -> None:
        """Apply a filter change still waiting for its refresh (no-op when none is pending)."""
        if self._filter_pending:
            self._filter_pending = False
            if self.is_attached:
                self.rebuild()

    @on(Input.Submitted, "#skill-filter")
    def filter_submitted(self) -> None:
        self.action_to_list()

    @on(Button.Pressed, "#rate-buttons Button")
    def rate_pressed(self, event: Button.Pressed) -> None:
        button_id = event.button.id or ""
        if button_id == "accept-suggestion":
            self.accept_highlighted()
        elif button_id.startswith("rate-"):
            self.rate_highlighted(int(button_id.removeprefix("rate-")))
