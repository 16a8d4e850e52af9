"""Dates as CVs write them: "Mar 2021", "March 2021", "2021-03-01", "2021-03", "2021"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_NAMED = re.compile(r"^([A-Za-z]+)\.?\s+(\d{4})$")
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{4})$")
MIN_YEAR, MAX_YEAR = 1900, 2100


@dataclass(frozen=True)
class PartialDate:
    """A date known to the month, or only to the year (``month`` None)."""

    year: int
    month: int | None = None
    day: int | None = None

    def year_month(self, default_month: int = 1) -> str:
        """``YYYY-MM``; a year-only date takes ``default_month``."""
        return f"{self.year:04d}-{self.month or default_month:02d}"

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        return self.year_month() if self.day is None else f"{self.year_month()}-{self.day:02d}"


def parse_date(text: str) -> PartialDate | None:
    """The date in ``text``, or None when it is empty or not a date this reader knows."""
    text = text.strip()
    if not text or len(text) > 32:
        return None
    year: int
    month: int | None = None
    day: int | None = None
    if named := _NAMED.match(text):
        month = MONTHS.get(named.group(1).lower())
        if month is None:
            return None
        year = int(named.group(2))
    elif iso := _ISO.match(text):
        year = int(iso.group(1))
        month = int(iso.group(2)) if iso.group(2) else None
        day = int(iso.group(3)) if iso.group(3) else None
    elif slashed := _SLASHED.match(text):
        month, year = int(slashed.group(1)), int(slashed.group(2))
    else:
        return None
    if not MIN_YEAR <= year <= MAX_YEAR or (month is not None and not 1 <= month <= 12):
        return None
    if day is not None:
        try:
            date(year, month or 1, day)
        except ValueError:
            return None
    return PartialDate(year, month, day)
