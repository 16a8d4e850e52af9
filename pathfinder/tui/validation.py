"""Checks on what the user typed, with messages that say what is wrong and how to fix it.

Plain Python (no Textual), so the rules are unit-testable and shared by every wizard step.
"""

from __future__ import annotations

import re
from datetime import date

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{1,2})$")
DATE_PATTERN = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_month(text: str, label: str, today: date, errors: list[str], required: bool = False) -> str | None:
    """A ``YYYY-MM`` month, not in the future; appends a message to ``errors`` when it is not."""
    text = text.strip()
    if not text:
        if required:
            errors.append(f"{label}: required, as YYYY-MM (e.g. 2021-04).")
        return None
    match = MONTH_PATTERN.match(text)
    if match is None:
        errors.append(f"{label}: “{text}” is not a month; use YYYY-MM (e.g. 2021-04).")
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        errors.append(f"{label}: month {month} does not exist; use 01–12.")
        return None
    if year < 1940:
        errors.append(f"{label}: {year} is too long ago; check the year.")
        return None
    if (year, month) > (today.year, today.month):
        errors.append(f"{label}: {year}-{month:02d} is in the future (today is {today:%Y-%m}).")
        return None
    return f"{year}-{month:02d}"


def parse_date(text: str, label: str, today: date, errors: list[str], required: bool = True) -> date | None:
    """A ``YYYY-MM-DD`` date, not in the future (``YYYY-MM`` means the 1st of that month)."""
    text = text.strip()
    if not text:
        if required:
            errors.append(f"{label}: required, as YYYY-MM-DD (e.g. 2023-06-15).")
        return None
    if MONTH_PATTERN.match(text):
        text += "-01"
    match = DATE_PATTERN.match(text)
    try:
        if match is None:
            raise ValueError
        value = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        errors.append(f"{label}: “{text}” is not a date; use YYYY-MM-DD (e.g. 2023-06-15).")
        return None
    if value > today:
        errors.append(f"{label}: {value} is in the future (today is {today}).")
        return None
    return value


def parse_due(text: str, errors: list[str]) -> date | None:
    """A due date (may be in the future); empty means none."""
    text = text.strip()
    if not text:
        return None
    match = DATE_PATTERN.match(text)
    try:
        if match is None:
            raise ValueError
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        errors.append(f"Due: “{text}” is not a date; use YYYY-MM-DD.")
        return None


def parse_whole_number(text: str, label: str, low: int, high: int, errors: list[str]) -> int | None:
    """A whole number in ``low..high``; empty means ``low``."""
    text = text.strip()
    if not text:
        return low
    if not text.isdigit():
        errors.append(f"{label}: “{text}” is not a whole number ({low}–{high}).")
        return None
    value = int(text)
    if not low <= value <= high:
        errors.append(f"{label}: {value} is out of range; use a whole number {low}–{high}.")
        return None
    return value


def check_order(first: str | None, second: str | None, first_label: str, second_label: str) -> str | None:
    """A message when ``second`` (a YYYY-MM) is before ``first``."""
    if first and second and second < first:
        return f"{second_label} ({second}) is before {first_label} ({first}); it must come after."
    return None


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (negative if ``end`` is earlier)."""
    return (end.year - start.year) * 12 + (end.month - start.month)
