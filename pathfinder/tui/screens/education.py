"""Wizard step 2: degrees (level, field, GAC accreditation) and PM / agile training hours."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import ValidationError
from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from pathfinder.profile import Degree
from pathfinder.tui.screens.pane import field_label
from pathfinder.tui.screens.records import RecordsPane
from pathfinder.tui.validation import parse_month, parse_whole_number
from pathfinder.tui.widgets.check import Check

MAX_HOURS = 5000


class EducationPane(RecordsPane[Degree]):
    """Degrees on the left; training hours (which PMI counts for PMP, CAPM, PMI-ACP) below."""

    TITLE = "Your degrees"
    NOUN = "degree"

    def records(self) -> list[Degree]:
        return list(self.profile.degrees)

    def store(self, records: list[Degree], what: str) -> None:
        self.update_profile(self.profile.model_copy(update={"degrees": records}), what)

    def _level_name(self, level_id: str) -> str:
        return next((lv.name for lv in self.catalog.degrees.levels if lv.id == level_id), level_id)

    def _field_name(self, field_id: str) -> str:
        return next((f.name for f in self.catalog.degrees.fields if f.id == field_id), field_id)

    def describe(self, record: Degree) -> str:
        field = f" — {self._field_name(record.field)}" if record.field else ""
        gac = " · GAC" if record.gac_accredited else ""
        return f"{self._level_name(record.level)}{field}{gac}"

    def compose_form(self) -> ComposeResult:
        levels = [(level.name, level.id) for level in self.catalog.degrees.levels]
        fields = [(field.name, field.id) for field in self.catalog.degrees.fields]
        with Horizontal(classes="field-row"):
            yield field_label("Level")
            yield Select(levels, prompt="pick a level…", id="degree-level", compact=True)
        with Horizontal(classes="field-row"):
            yield field_label("Field")
            yield Select(fields, prompt="pick a field (optional)…", id="degree-field", compact=True)
        with Horizontal(classes="field-row"):
            yield field_label("Completed")
            yield Input(placeholder="YYYY-MM (optional)", id="degree-completed", compact=True)
        with Horizontal(classes="field-row"):
            yield field_label("")
            yield Check("GAC-accredited programme", id="degree-gac", compact=True)
        with VerticalScroll(classes="hint-scroll"):  # the whole explanation (tab to it to scroll)
            yield Static(escape(self.catalog.degrees.gac_explanation), classes="muted")

    def compose_extra(self) -> Iterable[Widget]:
        from pathfinder.engine.eligibility import training_summary  # the hours are career facts: content

        profile = self.profile
        with Vertical(id="training"):
            yield Label("Training (contact hours)", classes="section-title")
            with Horizontal(classes="field-row"):
                yield field_label("PM hours")
                yield Input(str(profile.pm_training_hours), id="pm-hours", compact=True, classes="hours")
                yield field_label("Agile hours", short=True)
                yield Input(
                    str(profile.agile_training_hours), id="agile-hours", compact=True, classes="hours"
                )
            yield Static("", id="training-errors", classes="error-text")
            yield Static(escape(training_summary(self.catalog)), classes="muted")

    def load_form(self, record: Degree | None) -> None:
        level: Select[str] = self.query_one("#degree-level", Select)
        field: Select[str] = self.query_one("#degree-field", Select)
        known_fields = {f.id for f in self.catalog.degrees.fields}
        if record is None:
            level.clear()
            field.clear()
        else:
            level.value = record.level
            if record.field in known_fields:
                field.value = record.field
            else:
                field.clear()
        self.query_one("#degree-completed", Input).value = (record.completed or "") if record else ""
        self.query_one("#degree-gac", Check).value = bool(record and record.gac_accredited)

    def form_is_blank(self) -> bool:
        return self.query_one("#degree-level", Select).is_blank()

    def read_form(self) -> tuple[Degree | None, list[str]]:
        problems: list[str] = []
        level = self.query_one("#degree-level", Select).value
        if not isinstance(level, str):
            problems.append("Level: pick a degree level.")
        completed = parse_month(
            self.query_one("#degree-completed", Input).value, "Completed", self.today, problems
        )
        field = self.query_one("#degree-field", Select).value
        if problems or not isinstance(level, str):
            return None, problems
        try:
            degree = Degree(
                level=level,
                field=field if isinstance(field, str) else "",
                gac_accredited=self.query_one("#degree-gac", Check).value,
                completed=completed,
            )
        except ValidationError as error:
            return None, [detail["msg"] for detail in error.errors()]
        return degree, []

    @on(Input.Changed, ".hours")
    def hours_changed(self) -> None:
        self._apply_hours()

    def _apply_hours(self) -> list[str]:
        problems: list[str] = []
        pm = parse_whole_number(self.query_one("#pm-hours", Input).value, "PM hours", 0, MAX_HOURS, problems)
        agile = parse_whole_number(
            self.query_one("#agile-hours", Input).value, "Agile hours", 0, MAX_HOURS, problems
        )
        self.query_one("#training-errors", Static).update("\n".join(f"⚠ {p}" for p in problems))
        if problems or pm is None or agile is None:
            return problems
        profile = self.profile
        if (pm, agile) != (profile.pm_training_hours, profile.agile_training_hours):
            self.update_profile(
                profile.model_copy(update={"pm_training_hours": pm, "agile_training_hours": agile})
            )
        return []

    def commit(self) -> list[str]:
        return self._apply_hours() or super().commit()
