"""Month arithmetic and the person's work history as sets of calendar months.

A month is an integer index (``year × 12 + month − 1``) so that ranges, windows and sets are cheap.
Only complete months count: an ongoing role (or one ending in the future) counts through the last complete
month before ``today``; the current month is never counted yet.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from pathfinder.profile import Profile, Role

Month = int
"""A calendar month as ``year × 12 + (month − 1)``."""


def month_index(year_month: str) -> Month:
    """``"2024-03"`` → its month index."""
    year, month = year_month.split("-")
    return int(year) * 12 + int(month) - 1


def month_of(day: date) -> Month:
    """The month index of the month containing ``day``."""
    return day.year * 12 + day.month - 1


def month_label(month: Month) -> str:
    """A month index back to ``YYYY-MM``."""
    return f"{month // 12:04d}-{month % 12 + 1:02d}"


def first_day(month: Month) -> date:
    """The first day of a month."""
    return date(month // 12, month % 12 + 1, 1)


def last_complete_month(today: date) -> Month:
    """The last month that has fully ended before ``today`` (the month before today's)."""
    return month_of(today) - 1


def _span(start: str, end: str | None, last: Month) -> range:
    """Months from ``start`` to ``end`` inclusive (``None``: ongoing), clipped at ``last``."""
    first = month_index(start)
    final = last if end is None else min(month_index(end), last)
    return range(first, final + 1)


def role_months(role: Role, last: Month) -> range:
    """The complete months a role covers."""
    return _span(role.start, role.end, last)


def led_months(role: Role, last: Month) -> range:
    """The complete months in which the person led projects in this role (empty if they did not)."""
    if not role.led_projects:
        return range(0)
    return _span(role.led_from or role.start, role.led_to or role.end, last)


def _union(ranges: Iterable[range]) -> tuple[Month, ...]:
    """Unique months of several ranges, sorted (overlapping roles count once)."""
    months: set[Month] = set()
    for span in ranges:
        months.update(span)
    return tuple(sorted(months))


@dataclass(frozen=True)
class WorkHistory:
    """The person's unique months leading projects, on agile work and managing programs."""

    last_complete: Month
    leading: tuple[Month, ...]
    agile: tuple[Month, ...]
    programs: tuple[Month, ...]

    def window_start(self, window_years: int | None, end: Month | None = None) -> Month | None:
        """First month of the ``window_years`` window ending at ``end`` (default: last complete month)."""
        if window_years is None:
            return None
        return (self.last_complete if end is None else end) - 12 * window_years + 1

    @staticmethod
    def count_between(months: tuple[Month, ...], first: Month | None, last: Month) -> int:
        """How many of ``months`` (sorted) fall in ``first..last`` (``first`` None: no lower bound)."""
        low = 0 if first is None else bisect_left(months, first)
        return max(0, bisect_right(months, last) - low)


def work_history(profile: Profile, today: date) -> WorkHistory:
    """The unique months of each kind of experience, through the last complete month."""
    last = last_complete_month(today)
    roles = profile.roles
    return WorkHistory(
        last_complete=last,
        leading=_union(led_months(role, last) for role in roles),
        agile=_union(role_months(role, last) for role in roles if role.agile),
        programs=_union(role_months(role, last) for role in roles if role.managed_programs),
    )
