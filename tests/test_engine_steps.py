"""Plan steps toward a target path: what they are, their stable ids, due dates and order."""

from __future__ import annotations

from datetime import date, timedelta

from engine_fixtures import DELIVERY_SKILLS, TODAY, degree, held, make_catalog, profile, role

from pathfinder.engine import plan_steps
from pathfinder.plan.models import Step
from pathfinder.profile import Profile

CATALOG = make_catalog()
KIND_ORDER = {"education": 0, "skill": 1, "certification": 2, "experience": 3}


def steps_for(person: Profile, target: str = "project-manager") -> list[Step]:
    return plan_steps(person, target, CATALOG, TODAY)


def by_id(steps: list[Step]) -> dict[str, Step]:
    return {step.id: step for step in steps}


def bea() -> Profile:
    """Leads projects since 2024-01 (34 of PMP's 36 months), has a bachelor's and 20 training hours."""
    return profile(
        skills={"project-planning": 1, "stakeholder-management": 3, "scrum": 2, "roadmapping": 2},
        roles=[role("2024-01", background="teacher")],
        degrees=[degree()],
        pm_training_hours=20,
    )


def test_skill_steps_come_in_order_of_fit_gained_per_study_hour() -> None:
    """Risk 45 h for 11.3 points, budgeting 30 h for 6.8, planning 60 h for 8.4: 0.25, 0.23, 0.14 a hour."""
    steps = [step for step in steps_for(bea()) if step.kind == "skill"]
    assert [step.id for step in steps] == [
        "skill-risk-management",
        "skill-budgeting",
        "skill-project-planning",
    ]
    risk, _, planning = steps
    assert planning.title == "Raise Project planning from aware (1) to expert (4)"
    assert planning.effort_hours == 60  # the first resource's 60 h: more than 15 h × 3 levels
    assert risk.effort_hours == 45  # no hours on the resource: 15 h × 3 levels
    assert (planning.ref, planning.resources) == ("project-planning", ["res-planning"])
    assert "Expert looks like" in planning.notes


def test_due_dates_accumulate_at_five_study_hours_a_week() -> None:
    steps = [step for step in steps_for(bea()) if step.effort_hours is not None]
    assert [step.id for step in steps[:3]] == [
        "skill-risk-management",
        "skill-budgeting",
        "cert-prince2-foundation",
    ]
    assert steps[0].due == TODAY + timedelta(days=63)  # 45 h → 9 weeks
    assert steps[1].due == TODAY + timedelta(days=105)  # 45 + 30 = 75 h → 15 weeks
    assert steps[2].due == TODAY + timedelta(days=140)  # + 25 h → 100 h → 20 weeks


def test_a_short_resource_does_not_shrink_the_effort() -> None:
    """Roadmapping's first resource takes 6 h; going from none to working still counts 15 h a level."""
    person = profile(skills=DELIVERY_SKILLS)
    roadmapping = by_id(steps_for(person))["skill-roadmapping"]
    assert roadmapping.effort_hours == 30
    assert roadmapping.effort_source.startswith("Estimate: 15 h")
    assert roadmapping.due == TODAY + timedelta(
        days=119
    )  # after PRINCE2 Foundation (25 h) and Practitioner (30 h)


def test_certification_waiting_for_experience_gets_training_then_a_pinned_due_date() -> None:
    steps = by_id(steps_for(bea()))
    training = steps["training-pm"]
    assert training.kind == "education"
    assert training.title == "Complete 15 contact hours of project-management training"
    assert training.effort_hours == 15
    assert training.notes.startswith("Needed for PMP: you have 20 of 35 contact hours.")
    pmp = steps["cert-pmp"]
    assert (pmp.kind, pmp.title, pmp.effort_hours, pmp.ref) == ("certification", "Earn PMP", 120, "pmp")
    assert pmp.due is not None and pmp.due >= date(2027, 1, 1)
    assert "2027-01-01" in pmp.notes
    order = [step.id for step in steps_for(bea())]
    assert order.index("training-pm") < order.index("cert-pmp")


def test_due_date_is_never_before_the_earliest_eligibility() -> None:
    """Leading since 2025-07 (16 months): eligible from 2028-07-01; the study waits until it would end
    then, and a step for the months of experience comes first."""
    person = profile(roles=[role("2025-07")], degrees=[degree()])
    steps = by_id(steps_for(person))
    pmp, months = steps["cert-pmp"], steps["experience-for-pmp"]
    assert months.due == pmp.earliest == date(2028, 7, 1)
    assert "experience-for-pmp" in pmp.after
    assert pmp.due is not None and pmp.due >= date(2028, 7, 1)


def test_eligible_certifications_are_due_after_their_preparation() -> None:
    person = profile(degrees=[degree("secondary")], certifications=[held("pmp")])
    steps = steps_for(person)
    ids = [step.id for step in steps]
    assert "cert-pmp" not in ids  # held and active: nothing to do
    capm = by_id(steps)["cert-capm"]
    assert capm.title == "Earn CAPM" and capm.effort_hours == 60


def test_prerequisite_credential_comes_first() -> None:
    steps = steps_for(profile(degrees=[degree()]))
    ids = [step.id for step in steps]
    assert ids.index("cert-prince2-foundation") < ids.index("cert-prince2-practitioner")
    practitioner = by_id(steps)["cert-prince2-practitioner"]
    assert "First earn PRINCE2 Foundation" in practitioner.notes
    assert "not confirmed by the issuer" in practitioner.notes


def test_when_only_training_is_missing_the_certification_waits_for_the_training() -> None:
    person = profile(roles=[role("2020-01")], degrees=[degree()], pm_training_hours=30)
    steps = steps_for(person)
    ids = [step.id for step in steps]
    assert ids.index("training-pm") < ids.index("cert-pmp")
    assert "eligible once the training is done" in by_id(steps)["cert-pmp"].notes


def test_a_missing_degree_becomes_an_education_step_instead_of_the_certification() -> None:
    person = profile(roles=[role("2015-01")], pm_training_hours=0)
    steps = by_id(steps_for(person))
    assert "cert-pmp" not in steps and "cert-capm" not in steps
    secondary = steps["education-secondary"]
    assert secondary.kind == "education" and "Needed for PMP" in secondary.notes
    assert steps["education-bachelor"].title == "Earn a four-year degree"
    assert "Project manager roles typically expect a bachelor's degree." in steps["education-bachelor"].notes


def test_lapsed_certification_is_planned_again() -> None:
    person = profile(degrees=[degree("secondary")], certifications=[held("capm", "lapsed")])
    capm = by_id(steps_for(person))["cert-capm"]
    assert "has lapsed" in capm.notes


def test_experience_step_when_experience_is_short() -> None:
    """Bea: 34 led months at 1.0 for project manager → 26 more months, due the first of 2029-01."""
    step = by_id(steps_for(bea()))["experience-project-manager"]
    assert step.kind == "experience"
    assert step.title.startswith("Gain 26 more months of relevant experience")
    assert "project coordinator" in step.title
    assert step.due == date(2029, 1, 1)
    assert step.effort_hours is None


def test_no_steps_when_nothing_is_missing() -> None:
    person = profile(
        skills={skill: 4 for skill in CATALOG.skills},
        roles=[role("2010-01", background="project-coordinator")],
        degrees=[degree("master", "business")],
        certifications=[held(c) for c in ("pmp", "capm", "prince2-practitioner", "prince2-foundation")],
    )
    assert steps_for(person) == []


def test_steps_are_ordered_by_due_date_then_kind() -> None:
    for person in (bea(), profile(), profile(roles=[role("2015-01")], pm_training_hours=0)):
        steps = steps_for(person)
        keys = [(step.due is None, step.due or date.max, KIND_ORDER[step.kind]) for step in steps]
        assert keys == sorted(keys)


def test_ids_are_unique_and_stable_across_days_and_runs() -> None:
    first = steps_for(bea())
    assert len({step.id for step in first}) == len(first)
    assert steps_for(bea()) == first
    later = plan_steps(bea(), "project-manager", make_catalog(), TODAY + timedelta(days=3))
    assert {step.id for step in later} == {step.id for step in first}


def test_other_targets_and_unknown_target() -> None:
    scrum = by_id(steps_for(profile(), "scrum-master"))
    assert scrum["cert-csm"].notes.count("Includes a 16-hour live course.") == 1
    assert "cert-pgmp" not in scrum  # blocked by a missing degree: an education step instead
    assert plan_steps(profile(), "astronaut", CATALOG, TODAY) == []
