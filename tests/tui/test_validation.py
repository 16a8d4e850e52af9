"""The wizard's input rules, with the messages a person reads."""

from __future__ import annotations

from datetime import date

import pytest

from pathfinder.tui.validation import check_order, parse_date, parse_due, parse_month, parse_whole_number

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "expected", "message"),
    [
        ("2021-04", "2021-04", ""),
        (" 2021-4 ", "2021-04", ""),
        ("2026-11", "2026-11", ""),
        ("2026-12", None, "2026-12 is in the future (today is 2026-11)"),
        ("2021-13", None, "month 13 does not exist"),
        ("April 2021", None, "is not a month; use YYYY-MM"),
        ("1890-01", None, "too long ago"),
        ("", None, ""),
    ],
)
def test_months(text: str, expected: str | None, message: str) -> None:
    problems: list[str] = []
    assert parse_month(text, "Start", TODAY, problems) == expected
    assert (message in problems[0]) if message else problems == []


def test_a_required_month_says_so() -> None:
    problems: list[str] = []
    parse_month("", "Start", TODAY, problems, required=True)
    assert problems == ["Start: required, as YYYY-MM (e.g. 2021-04)."]


def test_dates_are_real_and_not_in_the_future() -> None:
    problems: list[str] = []
    assert parse_date("2023-06-15", "Earned", TODAY, problems) == date(2023, 6, 15)
    assert parse_date("2023-06", "Earned", TODAY, problems) == date(2023, 6, 1)
    assert parse_date("2023-02-30", "Earned", TODAY, problems) is None
    assert parse_date("2027-01-01", "Earned", TODAY, problems) is None
    assert "is not a date" in problems[0] and "is in the future" in problems[1]


def test_due_dates_may_be_in_the_future() -> None:
    problems: list[str] = []
    assert parse_due("2030-01-31", problems) == date(2030, 1, 31)
    assert parse_due("", problems) is None and problems == []


@pytest.mark.parametrize(
    ("text", "expected", "message"),
    [
        ("35", 35, ""),
        ("", 0, ""),
        ("12.5", None, "not a whole number"),
        ("-3", None, "not a whole number"),
        ("5001", None, "out of range"),
    ],
)
def test_whole_numbers(text: str, expected: int | None, message: str) -> None:
    problems: list[str] = []
    assert parse_whole_number(text, "PM hours", 0, 5000, problems) == expected
    assert (message in problems[0]) if message else problems == []


def test_order_of_months() -> None:
    assert (
        check_order("2020-02", "2019-01", "start", "End")
        == "End (2019-01) is before start (2020-02); it must come after."
    )
    assert check_order("2020-02", "2020-02", "start", "End") is None
    assert check_order(None, "2019-01", "start", "End") is None
