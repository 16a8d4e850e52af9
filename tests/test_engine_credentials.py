"""Credentials over time: a held credential's state is computed from when it was earned and renewed.

Against the shipped content (its real renewal cycles): expiry by date, renewal due, a renewal that extends
the cycle, a year-only or unknown ``earned``, a lapsed CAPM that no longer stands in for PMP's hours, each
waiver kind on its own, and the property that ``held`` in the report always means active on ``today``.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from pathfinder.catalog.catalog import Catalog
from pathfinder.catalog.loader import load_catalog
from pathfinder.engine import all_certification_statuses, certification_status
from pathfinder.engine.credentials import add_years, standing
from pathfinder.profile import Degree, HeldCertification, Profile, Role
from pathfinder.render.common import certification_words

CATALOG = load_catalog()
TODAY = date(2026, 11, 25)


def state_on(held: HeldCertification, day: date, catalog: Catalog = CATALOG) -> tuple[str, date | None]:
    result = standing(held, catalog.certifications[held.id], day)
    return result.state, result.active_until


def test_a_pmp_runs_three_years_from_the_day_earned() -> None:
    pmp = HeldCertification(id="pmp", earned=date(2023, 6, 10))
    assert state_on(pmp, date(2025, 12, 8)) == ("active", date(2026, 6, 10))
    assert state_on(pmp, date(2025, 12, 9)) == ("renewal_due", date(2026, 6, 10))  # 183 days before
    assert state_on(pmp, date(2026, 6, 9)) == ("renewal_due", date(2026, 6, 10))
    assert state_on(pmp, date(2026, 6, 10)) == ("lapsed", date(2026, 6, 10))


def test_a_renewal_renews_the_cycle_whose_end_is_nearest() -> None:
    early = HeldCertification(id="csm", earned=date(2021, 3, 1), renewed=date(2023, 1, 20))
    late = HeldCertification(id="csm", earned=date(2021, 3, 1), renewed=date(2023, 5, 2))
    for held in (early, late):
        assert state_on(held, date(2024, 6, 1)) == ("active", date(2025, 3, 1))
        assert state_on(held, date(2025, 3, 1))[0] == "lapsed"


def test_a_credential_that_never_expires_stays_active() -> None:
    psm = HeldCertification(id="psm-1", earned=date(2012, 1, 1))
    assert state_on(psm, TODAY) == ("active", None)


def test_earned_may_be_a_year_only_or_unknown() -> None:
    year_only = HeldCertification(id="pmp", earned=2025)
    assert state_on(year_only, TODAY) == ("active", date(2028, 1, 1))
    assert "taken as 1 January" in standing(year_only, CATALOG.certifications["pmp"], TODAY).explanation
    unknown = HeldCertification(id="pmp")
    result = standing(unknown, CATALOG.certifications["pmp"], TODAY)
    assert (result.state, result.active_until) == ("active", None)
    assert "add when you earned it" in result.explanation
    assert HeldCertification.model_validate({"id": "csm", "earned": 2019}).earned == 2019


def test_marked_lapsed_is_lapsed_whatever_the_dates() -> None:
    assert state_on(HeldCertification(id="psm-1", earned=2020, status="lapsed"), TODAY)[0] == "lapsed"


def test_a_lapsed_capm_is_not_held_and_does_not_stand_in_for_pmp_hours() -> None:
    """The old behaviour: a CAPM earned in 2020 reported held and showed "✓ held" in 2026."""
    person = Profile(
        roles=[Role(title="Lead", start="2020-01", led_projects=True)],
        degrees=[Degree(level="bachelor")],
        certifications=[HeldCertification(id="capm", earned=date(2020, 3, 1))],
        pm_training_hours=20,
    )
    capm = certification_status(person, "capm", CATALOG, TODAY)
    assert capm.held is False and capm.held_state == "lapsed" and capm.active_until == date(2023, 3, 1)
    words = certification_words(capm, TODAY)
    assert words.label != "held" and "lapsed on 2023-03-01" in words.detail
    pmp = certification_status(person, "pmp", CATALOG, TODAY)
    assert not pmp.eligible
    assert pmp.missing == [
        "15 more contact hours of project-management training (have 20 of 35), or an active CAPM"
    ]
    assert pmp.earliest_date is None  # the hours are still to take: time alone does not close the gap
    renewed = person.model_copy(
        update={
            "certifications": [
                HeldCertification(id="capm", earned=date(2020, 3, 1), renewed=date(2026, 2, 1))
            ]
        }
    )
    assert certification_status(renewed, "pmp", CATALOG, TODAY).eligible


PGMP_RECORD = [
    Role(title="PM", start="2019-01", end="2021-12", led_projects=True),  # 36 project months
    Role(title="Program lead", start="2022-01", managed_programs=True),  # 58 program months by 2026-11
]


def test_an_active_pmp_stands_in_for_pgmp_project_months_only() -> None:
    bachelor = [Degree(level="bachelor")]
    without = certification_status(Profile(roles=PGMP_RECORD, degrees=bachelor), "pgmp", CATALOG, TODAY)
    assert without.missing == [
        "12 more months leading projects within the last 15 years (have 36 of 48), or an active PMP"
    ]
    pmp = HeldCertification(id="pmp", earned=date(2025, 1, 10))
    with_pmp = certification_status(
        Profile(roles=PGMP_RECORD, degrees=bachelor, certifications=[pmp]), "pgmp", CATALOG, TODAY
    )
    assert with_pmp.eligible
    programs_short = Profile(roles=PGMP_RECORD[:1], degrees=bachelor, certifications=[pmp])
    result = certification_status(programs_short, "pgmp", CATALOG, TODAY)
    assert result.missing == ["48 more months managing programs within the last 15 years (have 0 of 48)"]
    lapsed_pmp = HeldCertification(id="pmp", earned=date(2021, 1, 10))
    lapsed = Profile(roles=PGMP_RECORD, degrees=bachelor, certifications=[lapsed_pmp])
    assert not certification_status(lapsed, "pgmp", CATALOG, TODAY).eligible


def _with_route(update: dict[str, object]) -> Catalog:
    """The shipped catalog with PgMP's four-year route changed (a rule written differently in the data)."""
    pgmp = CATALOG.certifications["pgmp"]
    routes = [route.model_copy(update=update) for route in pgmp.eligibility.routes]
    changed = pgmp.model_copy(update={"eligibility": pgmp.eligibility.model_copy(update={"routes": routes})})
    certifications = {**CATALOG.certifications, "pgmp": changed}
    return dataclasses.replace(CATALOG, certifications=certifications)


def test_each_waiver_drops_only_its_own_requirement() -> None:
    pmp = [HeldCertification(id="pmp", earned=date(2025, 1, 10))]
    bachelor = [Degree(level="bachelor")]
    nothing = Profile(degrees=bachelor, certifications=pmp)
    programs_waived = _with_route({"leading_months_waived_by": [], "program_months_waived_by": ["pmp"]})
    result = certification_status(nothing, "pgmp", programs_waived, TODAY)
    assert [text.split(" (")[0] for text in result.missing] == [
        "48 more months leading projects within the last 15 years"
    ]
    everything = _with_route({"leading_months_waived_by": [], "experience_waived_by": ["pmp"]})
    assert certification_status(nothing, "pgmp", everything, TODAY).eligible
    training = _with_route(
        {"leading_months_waived_by": [], "training_hours": 35, "training_waived_by": ["pmp"]}
    )
    trained = certification_status(Profile(roles=PGMP_RECORD, degrees=bachelor), "pgmp", training, TODAY)
    assert any("contact hours" in text for text in trained.missing)
    assert not any("contact hours" in text for text in certification_status(
        Profile(roles=PGMP_RECORD, degrees=bachelor, certifications=pmp), "pgmp", training, TODAY
    ).missing)  # fmt: skip


CERT_IDS = sorted(CATALOG.certifications)
held_credentials = st.builds(
    HeldCertification,
    id=st.sampled_from(CERT_IDS),
    earned=st.one_of(st.none(), st.integers(1995, 2026), st.dates(date(1995, 1, 1), TODAY)),
    status=st.sampled_from(["active", "lapsed"]),
    renewed=st.one_of(st.none(), st.dates(date(1995, 1, 1), TODAY)),
)


def plainly_active(held: HeldCertification, cycle: int | None, today: date) -> bool:
    """A deliberately simple, independent bound: a renewal can carry a credential at most two cycles."""
    if held.status == "lapsed":
        return False
    if cycle is None or held.earned is None:
        return True
    start = held.earned if isinstance(held.earned, date) else date(held.earned, 1, 1)
    if held.renewed is not None and held.renewed >= start:
        return today < add_years(max(start, held.renewed), 2 * cycle)
    return today < add_years(start, cycle)


@settings(max_examples=150, deadline=None)
@given(
    credentials=st.lists(held_credentials, max_size=4), today=st.dates(date(2000, 1, 1), date(2035, 12, 31))
)
def test_held_implies_active_on_today(credentials: list[HeldCertification], today: date) -> None:
    """Whatever a profile lists, `held` is only true for a credential that is active on the day."""
    person = Profile(certifications=credentials, pm_training_hours=35)
    for status in all_certification_statuses(person, CATALOG, today):
        listed = [held for held in credentials if held.id == status.certification]
        if not status.held:
            continue
        assert listed and status.held_state in {"active", "renewal_due"}
        renewal = CATALOG.certifications[status.certification].renewal
        cycle = renewal.cycle_years if renewal else None
        assert any(plainly_active(held, cycle, today) for held in listed), (status.certification, listed)


def test_a_credential_earned_at_the_end_of_the_calendar_does_not_overflow() -> None:
    """A hand-edited `earned = 9999-12-31` (found by the fuzz suite: the report ended in a ValueError)."""
    from datetime import date

    from pathfinder.engine.credentials import add_years

    assert add_years(date(9999, 12, 31), 3) == date.max
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
