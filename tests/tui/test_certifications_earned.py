"""The Certifications step accepts an earned date, a year alone, or nothing (unknown), and shows each back."""

from __future__ import annotations

from datetime import date

from pathfinder.profile import HeldCertification
from pathfinder.tui.screens.certifications import earned_text, parse_earned

TODAY = date(2026, 11, 25)


def test_earned_may_be_a_date_a_year_or_left_empty() -> None:
    problems: list[str] = []
    assert parse_earned("2023-04-15", TODAY, problems) == date(2023, 4, 15)
    assert parse_earned("2023-04", TODAY, problems) == date(2023, 4, 1)
    assert parse_earned(" 2019 ", TODAY, problems) == 2019
    assert parse_earned("", TODAY, problems) is None
    assert problems == []
    parse_earned("2031", TODAY, problems)
    parse_earned("spring", TODAY, problems)
    assert len(problems) == 2 and "future" in problems[0]


def test_each_form_of_earned_is_shown_back_as_typed() -> None:
    assert earned_text(HeldCertification(id="pmp", earned=date(2023, 4, 15))) == "2023-04-15"
    assert earned_text(HeldCertification(id="pmp", earned=2019)) == "2019"
    assert earned_text(HeldCertification(id="pmp")) == ""
