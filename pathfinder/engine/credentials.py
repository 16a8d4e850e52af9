"""Held credentials over time: whether each is active on a given day, computed rather than trusted.

A credential with a renewal cycle (``certification.renewal.cycle_years``) is active for that many years
after it was earned, and "renewal due" in the last months before it runs out; after that it has lapsed.
A renewal (``renewed``, the day the person renewed) renews the cycle whose end is nearest to it, so the
credential then runs one more cycle from that end. A credential marked ``status = "lapsed"`` is lapsed
whatever the dates say. When ``earned`` is a year only, the cycle is counted from 1 January of that year
(the earliest it can have started, so a renewal is never shown as later than it is); when it is unknown,
the person's own word (``status``) is all there is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from pathfinder.catalog.catalog import Catalog
from pathfinder.catalog.models import Certification
from pathfinder.profile import HeldCertification, Profile

CredentialState = Literal["active", "renewal_due", "lapsed"]
RENEWAL_DUE_DAYS = 183
"""How long before the end of a cycle a credential counts as "renewal due" (about six months)."""
MAX_CYCLES = 200
"""Far more cycles than any career holds: bounds the search for the cycle a renewal belongs to."""


@dataclass(frozen=True)
class Standing:
    """A held credential on one day: its state, until when it is active, and why, in words."""

    certification: str
    state: CredentialState
    active_until: date | None
    """The day it runs out (None: it does not expire, or when cannot be known)."""
    explanation: str

    @property
    def active(self) -> bool:
        """Held and active on the day (renewal due still counts as active)."""
        return self.state != "lapsed"


def add_years(day: date, years: int) -> date:
    """``day`` moved by whole years (29 February becomes 28 February in a year without one); a year
    beyond the calendar's last (a hand-edited date such as 9999-12-31) stays at ``date.max``."""
    if not 1 <= day.year + years <= date.max.year:
        return date.max if years > 0 else date.min
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def cycle_start(held: HeldCertification) -> date | None:
    """When the first cycle began: the day earned, 1 January of a year-only ``earned``, or None."""
    if isinstance(held.earned, date):
        return held.earned
    if isinstance(held.earned, int):
        return date(held.earned, 1, 1)
    return None


def _renewed_until(start: date, cycle: int, renewed: date) -> date:
    """The end of the cycle after the one whose end is nearest to the renewal day."""
    end = add_years(start, cycle)
    for _ in range(MAX_CYCLES):
        following = add_years(end, cycle)
        if abs((following - renewed).days) >= abs((end - renewed).days):
            break
        end = following
    return add_years(end, cycle)


def expiry(held: HeldCertification, cycle: int) -> date | None:
    """The day a credential with a ``cycle``-year renewal cycle runs out (None if ``earned`` is unknown)."""
    start = cycle_start(held)
    if start is None:
        return None
    if held.renewed is not None and held.renewed >= start:
        return _renewed_until(start, cycle, held.renewed)
    return add_years(start, cycle)


def standing(held: HeldCertification, certification: Certification | None, today: date) -> Standing:
    """A held credential's state on ``today``, from when it was earned and its renewal cycle."""
    name = certification.short_name if certification is not None else held.id
    if held.status == "lapsed":
        return Standing(held.id, "lapsed", None, f"{name}: marked as lapsed.")
    renewal = certification.renewal if certification is not None else None
    cycle = renewal.cycle_years if renewal is not None else None
    if cycle is None:
        return Standing(held.id, "active", None, f"{name}: does not need renewing.")
    until = expiry(held, cycle)
    if until is None:
        return Standing(
            held.id,
            "active",
            None,
            f"{name}: active as you say; add when you earned it to see when it must be renewed "
            f"(every {cycle} years).",
        )
    assumed = " (earned date taken as 1 January)" if isinstance(held.earned, int) else ""
    if today >= until:
        return Standing(
            held.id,
            "lapsed",
            until,
            f"{name}: lapsed on {until.isoformat()}{assumed}; renewal is every {cycle} years.",
        )
    if today >= until - timedelta(days=RENEWAL_DUE_DAYS):
        return Standing(
            held.id, "renewal_due", until, f"{name}: renewal due by {until.isoformat()}{assumed}."
        )
    return Standing(held.id, "active", until, f"{name}: active until {until.isoformat()}{assumed}.")


def standings(profile: Profile, catalog: Catalog, today: date) -> dict[str, Standing]:
    """Each held credential's standing by id; held twice, the better standing counts."""
    found: dict[str, Standing] = {}
    for held in profile.certifications:
        result = standing(held, catalog.certifications.get(held.id), today)
        best = found.get(held.id)
        if best is None or (result.active, result.active_until or date.max) > (
            best.active,
            best.active_until or date.max,
        ):
            found[held.id] = result
    return found


def active_certifications(profile: Profile, catalog: Catalog, today: date) -> frozenset[str]:
    """The ids of the credentials held and active on ``today``."""
    return frozenset(
        cert_id for cert_id, result in standings(profile, catalog, today).items() if result.active
    )
