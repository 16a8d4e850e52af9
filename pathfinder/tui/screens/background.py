"""Wizard step 1: the roles the person has held, and whether (and when) they led projects."""

from __future__ import annotations

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Select

from pathfinder.profile import Role
from pathfinder.tui.screens.pane import field_label
from pathfinder.tui.screens.records import RecordsPane
from pathfinder.tui.validation import check_order, parse_month
from pathfinder.tui.widgets.check import Check

OTHER = "__other__"


class BackgroundPane(RecordsPane[Role]):
    """Roles: pick the closest background from the catalog (or type your own title)."""

    TITLE = "Your roles"
    NOUN = "role"

    def records(self) -> list[Role]:
        return list(self.profile.roles)

    def store(self, records: list[Role], what: str) -> None:
        self.update_profile(self.profile.model_copy(update={"roles": records}), what)

    def describe(self, record: Role) -> str:
        end = record.end or "now"
        led = " · led projects" if record.led_projects else ""
        return f"{record.title} ({record.start} → {end}){led}"

    def compose_form(self) -> ComposeResult:
        options = [(background.name, background.id) for background in self.catalog.backgrounds.values()]
        options.append(("Other (not listed)", OTHER))
        with Horizontal(classes="field-row"):
            yield field_label("Closest to")
            yield Select(options, prompt="pick a background…", id="role-background", compact=True)
        with Horizontal(classes="field-row"):
            yield field_label("Job title")
            yield Input(placeholder="e.g. Senior software engineer", id="role-title", compact=True)
        with Horizontal(classes="field-row"):
            yield field_label("Start")
            yield Input(placeholder="YYYY-MM", id="role-start", compact=True, classes="month")
            yield field_label("End", short=True)
            yield Input(placeholder="YYYY-MM, blank=now", id="role-end", compact=True, classes="month")
        with Horizontal(classes="field-row"):
            yield field_label("Industry")
            yield Input(placeholder="e.g. fintech, healthcare", id="role-industry", compact=True)
        with Horizontal(classes="field-row"):
            yield field_label("")
            yield Check("Led projects in this role", id="role-led", compact=True)
        with Horizontal(classes="field-row"):
            yield field_label("Led from")
            yield Input(placeholder="YYYY-MM", id="role-led-from", compact=True, classes="month")
            yield field_label("to", short=True)
            yield Input(placeholder="YYYY-MM", id="role-led-to", compact=True, classes="month")
        with Horizontal(classes="field-row"):
            yield field_label("")
            yield Check("Agile (Scrum, Kanban)", id="role-agile", compact=True)
        with Horizontal(classes="field-row"):
            yield field_label("")
            yield Check("Led programs", id="role-programs", compact=True)

    def load_form(self, record: Role | None) -> None:
        select: Select[str] = self.query_one("#role-background", Select)
        if record is None:
            select.clear()
        else:
            select.value = record.background or OTHER
        values = {
            "#role-title": record.title if record else "",
            "#role-start": record.start if record else "",
            "#role-end": (record.end or "") if record else "",
            "#role-industry": record.industry if record else "",
            "#role-led-from": (record.led_from or "") if record else "",
            "#role-led-to": (record.led_to or "") if record else "",
        }
        for selector, value in values.items():
            self.query_one(selector, Input).value = value
        self.query_one("#role-led", Check).value = bool(record and record.led_projects)
        self.query_one("#role-agile", Check).value = bool(record and record.agile)
        self.query_one("#role-programs", Check).value = bool(record and record.managed_programs)
        self._sync_led_fields()

    @on(Check.Changed, "#role-led")
    def _sync_led_fields(self) -> None:
        led = self.query_one("#role-led", Check).value
        for selector in ("#role-led-from", "#role-led-to"):
            self.query_one(selector, Input).disabled = not led

    @on(Select.Changed, "#role-background")
    def background_picked(self, event: Select.Changed) -> None:
        title = self.query_one("#role-title", Input)
        background = self.catalog.backgrounds.get(str(event.value))
        if background is not None and not title.value.strip():
            title.value = background.name

    def _text(self, selector: str) -> str:
        return self.query_one(selector, Input).value.strip()

    def form_is_blank(self) -> bool:
        return not any(self._text(s) for s in ("#role-title", "#role-start", "#role-end", "#role-industry"))

    def read_form(self) -> tuple[Role | None, list[str]]:
        problems: list[str] = []
        today = self.today
        title = self._text("#role-title")
        if not title:
            problems.append("Job title: required (or pick a background to fill it in).")
        start = parse_month(self._text("#role-start"), "Start", today, problems, required=True)
        end = parse_month(self._text("#role-end"), "End", today, problems)
        led = self.query_one("#role-led", Check).value
        led_from = parse_month(self._text("#role-led-from"), "Led from", today, problems) if led else None
        led_to = parse_month(self._text("#role-led-to"), "Led to", today, problems) if led else None
        for first, second, first_label, second_label in (
            (start, end, "start", "End"),
            (start, led_from, "the role's start", "Led from"),
            (led_from, led_to, "led from", "Led to"),
            (led_to, end, "led to", "The role's end"),
        ):
            message = check_order(first, second, first_label, second_label)
            if message:
                problems.append(message)
        if problems or start is None:
            return None, problems
        background = self.query_one("#role-background", Select).value
        try:
            role = Role(
                title=title[:120],
                background=background if isinstance(background, str) and background != OTHER else None,
                industry=self._text("#role-industry")[:80],
                start=start,
                end=end,
                led_projects=led,
                led_from=led_from,
                led_to=led_to,
                agile=self.query_one("#role-agile", Check).value,
                managed_programs=self.query_one("#role-programs", Check).value,
            )
        except ValidationError as error:
            return None, [detail["msg"] for detail in error.errors()]
        return role, []
