"""Properties of the engine over many generated profiles (hypothesis).

The strongest one checks the earliest-date simulation against the eligibility rule itself: if the person
does the work every month from now until the month before the earliest date, they are eligible on that
date, and one month sooner they are not.
"""

from __future__ import annotations

from datetime import date

from engine_fixtures import TODAY, degree, make_catalog, role
from hypothesis import given, settings
from hypothesis import strategies as st

from pathfinder.engine import all_certification_statuses, build_report, certification_status, plan_steps
from pathfinder.engine.experience import first_day, month_label, month_of
from pathfinder.engine.wording import round_half_up
from pathfinder.profile import Degree, Profile, Role

CATALOG = make_catalog()
FIRST_MONTH = month_of(date(2008, 1, 1))
LAST_MONTH = month_of(TODAY) + 12


@st.composite
def roles(draw: st.DrawFn) -> Role:
    start = draw(st.integers(FIRST_MONTH, LAST_MONTH))
    length = draw(st.integers(0, 150))
    ongoing = draw(st.booleans())
    return role(
        month_label(start),
        None if ongoing else month_label(start + length),
        led=draw(st.booleans()),
        background=draw(
            st.sampled_from([None, "software-engineer", "project-coordinator", "teacher", "pilot"])
        ),
        agile=draw(st.booleans()),
        programs=draw(st.booleans()),
    )


DEGREE_CHOICES: list[list[Degree]] = [
    [],
    [degree("secondary")],
    [degree("associate", "education")],
    [degree("bachelor")],
    [degree("bachelor", gac=True)],
    [degree("master", "history")],
]

profiles = st.builds(
    Profile,
    roles=st.lists(roles(), max_size=3),
    degrees=st.sampled_from(DEGREE_CHOICES),
    skills=st.dictionaries(st.sampled_from([*CATALOG.skills, "unknown-skill"]), st.integers(0, 4)),
    pm_training_hours=st.sampled_from([0, 22, 23, 34, 35, 200]),
    agile_training_hours=st.sampled_from([0, 27, 28]),
)


@settings(max_examples=150, deadline=None)
@given(person=profiles)
def test_fits_are_bounded_add_up_and_rank_in_order(person: Profile) -> None:
    report = build_report(person, CATALOG, TODAY)
    assert [fit.rank for fit in report.paths] == [1, 2, 3]
    assert [fit.score for fit in report.paths] == sorted((fit.score for fit in report.paths), reverse=True)
    for fit in report.paths:
        assert 0 <= fit.score <= 100
        assert fit.score == round_half_up(sum(c.contribution for c in fit.components), 1)
        assert all(0 <= c.score <= 1 for c in fit.components)
    assert report == build_report(person, CATALOG, TODAY)


@settings(max_examples=150, deadline=None)
@given(person=profiles)
def test_status_is_consistent(person: Profile) -> None:
    for status in all_certification_statuses(person, CATALOG, TODAY):
        if status.eligible:
            assert status.missing == [] and status.earliest_date is None
        else:
            assert status.missing
            assert status.earliest_date is None or status.earliest_date >= TODAY


@settings(max_examples=150, deadline=None)
@given(person=profiles)
def test_plan_steps_have_unique_ids_and_undated_steps_last(person: Profile) -> None:
    for path_id in CATALOG.paths:
        steps = plan_steps(person, path_id, CATALOG, TODAY)
        assert len({step.id for step in steps}) == len(steps)
        dated = [step.due for step in steps if step.due is not None]
        assert all(step.due is not None for step in steps[: len(dated)])  # undated steps come last


def keep_working(person: Profile, until_month: int) -> Profile:
    """The profile plus a role doing every kind of work from the current month through ``until_month``."""
    extra = role(month_label(month_of(TODAY)), month_label(until_month), agile=True, programs=True)
    return person.model_copy(update={"roles": [*person.roles, extra], "pm_training_hours": 200})


@settings(max_examples=200, deadline=None)
@given(person=profiles.map(lambda p: p.model_copy(update={"agile_training_hours": 28})))
def test_earliest_date_is_exactly_when_the_work_closes_the_gap(person: Profile) -> None:
    for cert_id in ("pmp", "pmi-acp", "pgmp"):
        trained = person.model_copy(update={"pm_training_hours": 200})
        status = certification_status(trained, cert_id, CATALOG, TODAY)
        if status.eligible or status.earliest_date is None:
            continue
        reached = month_of(status.earliest_date) - 1  # the month in which the count reaches the rule
        on_time = keep_working(trained, reached)
        assert certification_status(on_time, cert_id, CATALOG, status.earliest_date).eligible
        if reached > month_of(TODAY):
            too_soon = keep_working(trained, reached - 1)
            assert not certification_status(too_soon, cert_id, CATALOG, first_day(reached)).eligible
