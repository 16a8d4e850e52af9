"""Certification eligibility at every boundary of the rules (PMP, CAPM, PMI-ACP, PgMP, PRINCE2, CSM, PSM).

Today is 2026-11-15 throughout, so the last complete month is 2026-10 and PMP's 8-year window runs from
2018-11 to 2026-10. An ongoing role starting in month S counts S..2026-10.
"""

from __future__ import annotations

from datetime import date

import pytest
from engine_fixtures import TODAY, degree, held, make_catalog, profile, role

from pathfinder.engine import all_certification_statuses, certification_status
from pathfinder.engine.results import CertificationStatus
from pathfinder.profile import Degree, Profile, Role

CATALOG = make_catalog()


def status(person: Profile, cert_id: str, today: date = TODAY) -> CertificationStatus:
    return certification_status(person, cert_id, CATALOG, today)


def pmp(start: str, degrees: list[Degree], **fields: object) -> CertificationStatus:
    """PMP status for someone leading projects from ``start`` until now."""
    return status(profile(roles=[role(start)], degrees=degrees, **fields), "pmp")


@pytest.mark.parametrize(
    ("degrees", "eligible_start", "short_start", "need", "label"),
    [
        ([degree("bachelor", gac=True)], "2024-11", "2024-12", 24, "GAC degree: 24 months"),
        ([degree("bachelor")], "2023-11", "2023-12", 36, "Four-year degree: 36 months"),
        ([degree("secondary")], "2021-11", "2021-12", 60, "Secondary: 60 months"),
    ],
)
def test_pmp_month_boundaries_per_education_tier(
    degrees: list[Degree], eligible_start: str, short_start: str, need: int, label: str
) -> None:
    met = pmp(eligible_start, degrees)
    assert (met.eligible, met.route, met.missing, met.earliest_date) == (True, label, [], None)
    short = pmp(short_start, degrees)
    assert not short.eligible
    assert short.route == label
    assert short.missing == [
        f"1 more month leading projects within the last 8 years (have {need - 1} of {need})"
    ]
    assert short.earliest_date == date(2026, 12, 1)


def test_master_and_associate_fall_in_the_right_tiers() -> None:
    assert pmp("2023-11", [degree("master")]).eligible
    assert not pmp("2023-11", [degree("associate")]).eligible
    assert pmp("2021-11", [degree("associate")]).eligible
    assert pmp("2024-11", [degree("mba", gac=True)]).route == "GAC degree: 24 months"


def test_gac_flag_on_a_secondary_degree_does_not_lift_the_tier() -> None:
    assert pmp("2023-11", [degree("associate", gac=True)]).eligible is False


def test_training_hours_boundary() -> None:
    assert pmp("2023-11", [degree()], pm_training_hours=35).eligible
    short = pmp("2023-11", [degree()], pm_training_hours=34)
    assert not short.eligible
    assert short.missing == [
        "1 more contact hour of project-management training (have 34 of 35), or an active CAPM"
    ]
    assert short.earliest_date is None  # time alone cannot bring the missing hour


def test_an_active_capm_replaces_the_hours_but_a_lapsed_one_does_not() -> None:
    assert pmp("2023-11", [degree()], pm_training_hours=0, certifications=[held("capm")]).eligible
    lapsed = pmp("2023-11", [degree()], pm_training_hours=20, certifications=[held("capm", "lapsed")])
    assert not lapsed.eligible
    assert lapsed.missing == [
        "15 more contact hours of project-management training (have 20 of 35), or an active CAPM"
    ]


def test_eight_year_window_month_just_inside_and_just_outside() -> None:
    inside = status(profile(roles=[role("2018-11", "2021-10")], degrees=[degree()]), "pmp")
    assert inside.eligible
    outside = status(profile(roles=[role("2018-10", "2021-09")], degrees=[degree()]), "pmp")
    assert not outside.eligible
    assert outside.missing == [
        "1 more month leading projects within the last 8 years (have 35 of 36); "
        "months before 2021-11 fall out of the 8-year window by then"
    ]


def test_overlapping_projects_count_once() -> None:
    person = profile(roles=[role("2023-01", "2024-12"), role("2024-01", "2025-06")], degrees=[degree()])
    result = status(person, "pmp")
    assert result.missing == ["6 more months leading projects within the last 8 years (have 30 of 36)"]


def test_led_from_and_led_to_limit_the_months() -> None:
    person = profile(
        roles=[role("2020-01", "2025-12", led_from="2023-01", led_to="2024-06"), role("2025-01", led=False)],
        degrees=[degree()],
    )
    assert status(person, "pmp").missing == [
        "18 more months leading projects within the last 8 years (have 18 of 36)"
    ]


def test_ongoing_role_counts_through_the_last_complete_month_only() -> None:
    """A role started in 2024-11 with no end: 24 months on 15 Nov 2026; the current month does not count."""
    gac = [degree("bachelor", gac=True)]
    assert status(profile(roles=[role("2024-11")], degrees=gac), "pmp").eligible
    assert not status(profile(roles=[role("2024-11")], degrees=gac), "pmp", date(2026, 10, 31)).eligible
    assert status(profile(roles=[role("2024-11", "2027-03")], degrees=gac), "pmp").eligible
    future_end = status(profile(roles=[role("2024-12", "2026-11")], degrees=gac), "pmp")
    assert future_end.missing[0].startswith("1 more month")


def test_earliest_date_when_still_leading() -> None:
    """34 of 36 months: leading in 2026-11 and 2026-12 closes the gap, so eligible from 1 Jan 2027."""
    result = pmp("2024-01", [degree()])
    assert result.missing == ["2 more months leading projects within the last 8 years (have 34 of 36)"]
    assert result.earliest_date == date(2027, 1, 1)


def test_earliest_date_accounts_for_months_falling_out_of_the_window() -> None:
    """30 months from 2018-11 to 2021-04: each new month pushes an old one out of the window, so the count
    stays at 30 until 2029-04; only 36 new months (2026-11..2029-10) reach 36 — eligible 1 Nov 2029,
    not 1 May 2027 as a naive count would say."""
    result = status(profile(roles=[role("2018-11", "2021-04")], degrees=[degree()]), "pmp")
    assert result.missing == [
        "6 more months leading projects within the last 8 years (have 30 of 36); "
        "months before 2021-11 fall out of the 8-year window by then"
    ]
    assert result.earliest_date == date(2029, 11, 1)


def test_earliest_date_with_part_of_the_history_dropping_out() -> None:
    """24 months from 2018-11 to 2020-10 plus 8 from 2025-01 to 2025-08: 32 of 36. New months 2026-11..
    2027-02 add 4 while 2018-11..2019-02 drop 4; the old block is exhausted at window start 2020-11
    (end 2028-10, 24 new months), when the count is 8 + 24 = 32; 4 more months (to 2029-02) make 36."""
    person = profile(roles=[role("2018-11", "2020-10"), role("2025-01", "2025-08")], degrees=[degree()])
    result = status(person, "pmp")
    assert "(have 32 of 36); months before 2021-03 fall out of the 8-year window" in result.missing[0]
    assert result.earliest_date == date(2029, 3, 1)


def test_nearest_route_is_the_earliest_feasible_one() -> None:
    """With a four-year degree and 30 months the 36-month route is nearer than the 60-month one; the GAC
    route is not feasible by time (no GAC degree)."""
    result = pmp("2024-05", [degree()])
    assert result.route == "Four-year degree: 36 months"


def test_met_route_reported_is_the_one_matching_the_highest_education() -> None:
    assert pmp("2015-01", [degree("bachelor", gac=True)]).route == "GAC degree: 24 months"


def test_no_degree_means_no_date_and_says_what_is_missing() -> None:
    result = status(profile(roles=[role("2010-01")], pm_training_hours=0), "pmp")
    assert not result.eligible
    assert result.earliest_date is None
    assert result.route == "Secondary: 60 months"
    assert result.missing == [
        "a secondary-school diploma (or an associate or higher degree)",
        "35 more contact hours of project-management training (have 0 of 35), or an active CAPM",
    ]


def test_capm_needs_secondary_education_and_23_hours_but_no_experience() -> None:
    assert status(profile(degrees=[degree("secondary")], pm_training_hours=23), "capm").eligible
    short = status(profile(degrees=[degree("secondary")], pm_training_hours=22), "capm")
    assert short.missing == ["1 more contact hour of project-management training (have 22 of 23)"]


def test_pmi_acp_agile_months_or_an_active_pmp() -> None:
    agile_hours = {"agile_training_hours": 28, "degrees": [degree("secondary")]}
    agile_role = role("2024-11", led=False, agile=True)
    assert status(profile(roles=[agile_role], **agile_hours), "pmi-acp").eligible
    short = status(profile(roles=[role("2024-12", led=False, agile=True)], **agile_hours), "pmi-acp")
    assert short.missing == [
        "1 more month of agile project experience within the last 5 years (have 23 of 24), or an active PMP"
    ]
    assert status(profile(certifications=[held("pmp")], **agile_hours), "pmi-acp").eligible
    lapsed = status(profile(certifications=[held("pmp", "lapsed")], **agile_hours), "pmi-acp")
    assert not lapsed.eligible and lapsed.held is False
    waived_but_untrained = status(profile(certifications=[held("pmp")], degrees=[degree()]), "pmi-acp")
    assert waived_but_untrained.missing == ["28 more contact hours of agile training (have 0 of 28)"]


def test_pmi_acp_five_year_window() -> None:
    person = profile(roles=[role("2021-10", "2023-09", led=False, agile=True)], agile_training_hours=28)
    person = person.model_copy(update={"degrees": [degree("secondary")]})
    assert "(have 23 of 24), or an active PMP" in status(person, "pmi-acp").missing[0]


def test_pgmp_needs_program_months_as_well_as_project_months() -> None:
    bachelor = [degree()]
    both = profile(
        roles=[role("2018-01", "2022-12"), role("2023-01", led=False, programs=True)], degrees=bachelor
    )
    result = status(both, "pgmp")
    assert result.route == "Four-year: 48 + 48"
    assert result.missing == ["2 more months managing programs within the last 15 years (have 46 of 48)"]
    assert result.earliest_date == date(2027, 1, 1)
    enough = profile(
        roles=[role("2018-01", "2022-12"), role("2022-11", led=False, programs=True)], degrees=bachelor
    )
    assert status(enough, "pgmp").eligible
    secondary = status(enough.model_copy(update={"degrees": [degree("secondary")]}), "pgmp")
    assert secondary.route == "Secondary: 48 + 84"
    assert secondary.missing == ["36 more months managing programs within the last 15 years (have 48 of 84)"]


def test_prince2_practitioner_needs_a_prerequisite_credential() -> None:
    without = status(profile(), "prince2-practitioner")
    assert not without.eligible
    assert without.missing == ["an active PRINCE2 Foundation, PMP or CAPM"]
    assert without.earliest_date is None
    assert without.unconfirmed
    assert status(profile(certifications=[held("prince2-foundation")]), "prince2-practitioner").eligible
    assert status(profile(certifications=[held("capm")]), "prince2-practitioner").eligible
    assert not status(profile(certifications=[held("pmp", "lapsed")]), "prince2-practitioner").eligible


def test_csm_is_open_to_anyone_but_requires_a_course() -> None:
    result = status(Profile(), "csm")
    assert result.eligible
    assert result.course_required == "a 16-hour live course"
    assert not result.unconfirmed


@pytest.mark.parametrize("cert_id", ["psm-1", "prince2-foundation"])
def test_certifications_without_prerequisites_are_open_to_anyone(cert_id: str) -> None:
    result = status(Profile(), cert_id)
    assert (result.eligible, result.route, result.missing, result.earliest_date) == (True, None, [], None)


def test_held_means_held_and_active() -> None:
    """A lapsed credential is listed but not held: the report says so, as docs/report-json.md promises."""
    lapsed = status(profile(certifications=[held("csm", "lapsed")]), "csm")
    assert lapsed.held is False and lapsed.held_state == "lapsed"
    active = status(profile(certifications=[held("csm")]), "csm")
    assert active.held is True and active.held_state == "active"
    assert not status(profile(), "csm").held and status(profile(), "csm").held_state is None


def test_all_statuses_in_catalog_order_and_unknown_ids_ignored() -> None:
    person = Profile(
        roles=[Role(title="X", background="astronaut", start="2020-01", led_projects=True)],
        degrees=[Degree(level="honorary")],
    )
    statuses = all_certification_statuses(person, CATALOG, TODAY)
    assert [s.certification for s in statuses] == list(CATALOG.certifications)
    assert status(person, "pmp").missing[0] == "a secondary-school diploma (or an associate or higher degree)"


def test_unknown_certification_id_raises_key_error() -> None:
    with pytest.raises(KeyError):
        status(Profile(), "jedi")
