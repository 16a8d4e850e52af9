"""Properties of planned steps over many generated profiles, on the shipped content (hypothesis)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathfinder.catalog.loader import load_catalog
from pathfinder.engine import certification_status, plan_steps
from pathfinder.engine.credentials import active_certifications
from pathfinder.engine.experience import month_label, month_of
from pathfinder.engine.schedule import redate
from pathfinder.plan.models import Step
from pathfinder.profile import Degree, HeldCertification, Profile, Role

CATALOG = load_catalog()
TODAY = date(2026, 12, 1)
PATHS = list(CATALOG.paths)
PLAN_PROPERTIES = settings(max_examples=40, deadline=None)


@st.composite
def roles(draw: st.DrawFn) -> Role:
    start = draw(st.integers(month_of(date(2012, 1, 1)), month_of(TODAY)))
    length = draw(st.integers(0, 120))
    end = None if draw(st.booleans()) else month_label(min(start + length, month_of(TODAY)))
    return Role(
        title="Work",
        background=draw(st.sampled_from([None, *CATALOG.backgrounds])),
        start=month_label(start),
        end=end,
        led_projects=draw(st.booleans()),
        agile=draw(st.booleans()),
        managed_programs=draw(st.booleans()),
    )


held = st.builds(
    HeldCertification,
    id=st.sampled_from(list(CATALOG.certifications)),
    earned=st.just(date(2024, 3, 1)),
    status=st.sampled_from(["active", "lapsed"]),
)
profiles = st.builds(
    Profile,
    roles=st.lists(roles(), max_size=3),
    degrees=st.sampled_from(
        [
            [],
            [Degree(level="secondary")],
            [Degree(level="bachelor", field="business")],
            [Degree(level="master")],
        ]
    ),
    certifications=st.lists(held, max_size=3, unique_by=lambda cert: cert.id),
    skills=st.dictionaries(st.sampled_from(list(CATALOG.skills)), st.integers(0, 4), max_size=20),
    pm_training_hours=st.sampled_from([0, 20, 35]),
    agile_training_hours=st.sampled_from([0, 28]),
)
plans = st.tuples(profiles, st.sampled_from(PATHS), st.sampled_from([None, *PATHS]), st.integers(1, 40))


def _steps(person: Profile, target: str, also: str | None, hours: int) -> list[Step]:
    return plan_steps(person, target, CATALOG, TODAY, hours_per_week=hours, also=also)


@PLAN_PROPERTIES
@given(plan=plans)
def test_no_step_is_due_before_a_step_it_depends_on(plan: tuple[Profile, str, str | None, int]) -> None:
    steps = _steps(*plan)
    due = {step.id: step.due for step in steps}
    for step in steps:
        for dep in step.after:
            assert dep in due, f"{step.id} depends on {dep}, which is not in the plan"
            before = due[dep]
            if step.due is not None and before is not None:
                assert step.due >= before


@PLAN_PROPERTIES
@given(plan=plans)
def test_no_certification_is_due_before_its_earliest_eligibility(
    plan: tuple[Profile, str, str | None, int],
) -> None:
    person = plan[0]
    for step in _steps(*plan):
        if step.kind == "certification" and step.ref is not None and step.due is not None:
            earliest = certification_status(person, step.ref, CATALOG, TODAY).earliest_date
            assert earliest is None or step.due >= earliest


@PLAN_PROPERTIES
@given(plan=plans)
def test_doubling_the_hours_per_week_never_makes_a_date_later(
    plan: tuple[Profile, str, str | None, int],
) -> None:
    steps = _steps(*plan)
    hours = plan[3]
    slow = redate(steps, hours, TODAY)
    fast = redate(steps, hours * 2, TODAY)
    assert slow == steps  # the plan is already dated at its own pace
    for before, after in zip(slow, fast, strict=True):
        assert (before.due is None) == (after.due is None)
        if before.due is not None and after.due is not None:
            assert after.due <= before.due


@PLAN_PROPERTIES
@given(plan=plans)
def test_an_active_credential_is_never_proposed(plan: tuple[Profile, str, str | None, int]) -> None:
    """Active as computed on today (earned + renewal cycle): a lapsed one may be proposed again."""
    active = active_certifications(plan[0], CATALOG, TODAY)
    proposed = {step.ref for step in _steps(*plan) if step.kind == "certification"}
    assert not active & proposed


@PLAN_PROPERTIES
@given(plan=plans)
def test_at_most_one_certification_of_each_overlapping_set(
    plan: tuple[Profile, str, str | None, int],
) -> None:
    proposed = {step.ref for step in _steps(*plan) if step.kind == "certification"}
    kept = set(active_certifications(plan[0], CATALOG, TODAY)) | proposed
    for overlap in CATALOG.overlaps.values():
        chosen = proposed & set(overlap.certifications)
        assert len(chosen) <= 1, f"{sorted(str(c) for c in chosen)} overlap ({overlap.id})"
        if kept & set(overlap.superseded_by):
            prerequisites = {dep.removeprefix("cert-") for step in _steps(*plan) for dep in step.after}
            assert chosen <= prerequisites, (
                f"{sorted(str(c) for c in chosen)} proposed although superseded ({overlap.id})"
            )


@pytest.mark.parametrize("path_id", PATHS)
def test_ids_unique_and_every_dependency_present(path_id: str) -> None:
    for also in (None, *PATHS):
        steps = plan_steps(Profile(), path_id, CATALOG, TODAY, also=also)
        assert len({step.id for step in steps}) == len(steps)
