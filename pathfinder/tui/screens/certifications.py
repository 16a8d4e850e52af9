"""Wizard step 3: certifications held, and a live eligibility preview for the others."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import ValidationError
from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from pathfinder.catalog.catalog import Catalog
from pathfinder.engine.results import CertificationStatus
from pathfinder.profile import HeldCertification
from pathfinder.tui.screens.pane import field_label
from pathfinder.tui.screens.records import RecordsPane
from pathfinder.tui.validation import months_between, parse_date

STATUSES = [("active", "active"), ("lapsed", "lapsed")]


def describe_status(status: CertificationStatus, today: date, catalog: Catalog | None = None) -> str:
    """One line per certification: held, eligible now, eligible in N months, or what is missing."""
    certification = catalog.certifications.get(status.certification) if catalog else None
    short = certification.short_name if certification else status.name
    caveat = " (rule not confirmed by the issuer)" if status.unconfirmed else ""
    if status.held:
        return f"✓ {short}: held"
    if status.eligible:
        course = f" — {status.course_required}" if status.course_required else ""
        return f"● {short}: eligible now{course}{caveat}"
    needs = "; ".join(status.missing) if status.missing else "requirements not met"
    months = months_between(today, status.earliest_date) if status.earliest_date is not None else 0
    if status.earliest_date is not None and months > 0:
        unit = "month" if months == 1 else "months"
        when = f"{months} {unit} ({status.earliest_date:%Y-%m})"
        return f"◐ {short}: eligible in {when} — needs {needs}{caveat}"
    return f"○ {short}: not yet — needs {needs}{caveat}"


def earned_text(record: HeldCertification) -> str:
    """When a credential was earned, as typed: a date, a year, or empty when unknown."""
    earned = record.earned
    return earned.isoformat() if isinstance(earned, date) else "" if earned is None else str(earned)


def parse_earned(text: str, today: date, problems: list[str]) -> date | int | None:
    """``YYYY-MM-DD`` (or ``YYYY-MM``), a year alone, or empty: when earned may be unknown."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit() and len(text) == 4:
        if int(text) > today.year:
            problems.append(f"Earned: {text} is in the future (today is {today}).")
        return int(text)
    return parse_date(text, "Earned", today, problems)


class CertificationsPane(RecordsPane[HeldCertification]):
    """Held certifications on top; below, when each of the others becomes possible and why."""

    TITLE = "Certifications you hold"
    NOUN = "certification"
    _renewed: date | None = None
    """The renewal date of the record being edited (not in the form, so kept as it was)."""

    def records(self) -> list[HeldCertification]:
        return list(self.profile.certifications)

    def store(self, records: list[HeldCertification], what: str) -> None:
        self.update_profile(self.profile.model_copy(update={"certifications": records}), what)

    def describe(self, record: HeldCertification) -> str:
        certification = self.catalog.certifications.get(record.id)
        name = certification.short_name if certification else record.id
        return f"{name} · {earned_text(record) or 'earned: unknown'} · {record.status}"

    def compose_form(self) -> ComposeResult:
        options = [(f"{c.short_name} — {c.name}", c.id) for c in self.catalog.certifications.values()]
        with Horizontal(classes="field-row"):
            yield field_label("Certificate")
            yield Select(options, prompt="pick a certification…", id="cert-id", compact=True)
        with Horizontal(classes="field-row"):
            yield field_label("Earned")
            yield Input(placeholder="YYYY-MM-DD, a year, or empty", id="cert-earned", compact=True)
        with Horizontal(classes="field-row"):
            yield field_label("Status")
            yield Select(STATUSES, value="active", allow_blank=False, id="cert-status", compact=True)

    def compose_extra(self) -> Iterable[Widget]:
        yield Label("Eligibility for the others (updates as you edit your profile)", classes="section-title")
        with VerticalScroll(id="eligibility"):
            yield Static("", id="eligibility-text")

    def on_mount(self) -> None:
        self.profile_updated()

    def shown(self) -> None:
        super().shown()
        self.profile_updated()

    def profile_updated(self) -> None:
        from pathfinder.engine import all_certification_statuses

        statuses = all_certification_statuses(self.profile, self.catalog, self.today)
        lines = [escape(describe_status(status, self.today, self.catalog)) for status in statuses]
        self.query_one("#eligibility-text", Static).update("\n".join(lines))

    def load_form(self, record: HeldCertification | None) -> None:
        select: Select[str] = self.query_one("#cert-id", Select)
        if record is None:
            select.clear()
        else:
            select.value = record.id
        self.query_one("#cert-earned", Input).value = earned_text(record) if record else ""
        self._renewed = record.renewed if record else None  # kept on save: the form does not show it
        self.query_one("#cert-status", Select).value = record.status if record else "active"

    def form_is_blank(self) -> bool:
        return (
            self.query_one("#cert-id", Select).is_blank() and not self.query_one("#cert-earned", Input).value
        )

    def read_form(self) -> tuple[HeldCertification | None, list[str]]:
        problems: list[str] = []
        cert_id = self.query_one("#cert-id", Select).value
        if not isinstance(cert_id, str):
            problems.append("Certificate: pick one from the list.")
        earned = parse_earned(self.query_one("#cert-earned", Input).value, self.today, problems)
        status = self.query_one("#cert-status", Select).value
        if problems or not isinstance(cert_id, str):
            return None, problems
        try:
            held = HeldCertification(
                id=cert_id,
                earned=earned,
                status="lapsed" if status == "lapsed" else "active",
                renewed=self._renewed,
            )
        except ValidationError as error:
            return None, [detail["msg"] for detail in error.errors()]
        return held, []
