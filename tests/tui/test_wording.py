"""How eligibility reads: never “1 months”, never a date in the past as a promise."""

from __future__ import annotations

from datetime import date

from pathfinder.engine.results import CertificationStatus
from pathfinder.tui.screens.certifications import describe_status

TODAY = date(2026, 11, 25)


def status(**changes: object) -> CertificationStatus:
    values: dict[str, object] = {
        "certification": "pmp",
        "name": "Project Management Professional",
        "held": False,
        "eligible": False,
        "route": "Four-year degree",
        "missing": ["14 more months leading projects (have 22 of 36)"],
        "earliest_date": date(2028, 1, 1),
    }
    values.update(changes)
    return CertificationStatus.model_validate(values)


def test_eligible_later_says_when_and_what_is_missing() -> None:
    text = describe_status(status(), TODAY)
    assert text.startswith("◐ Project Management Professional: eligible in 14 months (2028-01)")
    assert "have 22 of 36" in text


def test_one_month_is_singular() -> None:
    assert "eligible in 1 month (2026-12)" in describe_status(status(earliest_date=date(2026, 12, 1)), TODAY)


def test_a_date_this_month_is_not_a_promise() -> None:
    text = describe_status(
        status(earliest_date=date(2026, 11, 1), missing=["35 contact hours (have 12)"]), TODAY
    )
    assert text.startswith("○ Project Management Professional: not yet — needs 35 contact hours")


def test_held_eligible_and_unconfirmed() -> None:
    assert describe_status(status(held=True), TODAY).startswith("✓ ")
    eligible = describe_status(
        status(eligible=True, unconfirmed=True, course_required="a 2-day course"), TODAY
    )
    assert eligible.startswith("● ") and "a 2-day course" in eligible and "not confirmed" in eligible
