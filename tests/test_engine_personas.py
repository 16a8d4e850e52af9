"""Two new users, as the plan must serve them: the decisive step first, no redundant credential.

Each test's docstring writes out the expected plan by hand from the shipped content; the test recomputes it.
"""

from __future__ import annotations

from datetime import date

import pytest

from pathfinder.catalog.catalog import Catalog
from pathfinder.catalog.loader import load_catalog
from pathfinder.engine import plan_steps
from pathfinder.plan.models import Step
from pathfinder.profile import Degree, Profile, Role

TODAY = date(2026, 12, 1)
ENTRY_LEVEL = {"cert-capm", "cert-google-pm", "cert-comptia-project-plus", "cert-prince2-foundation"}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def marcus() -> Profile:
    """Secondary diploma, 84 months leading site projects (2019-12 to now), 20 h of PM training."""
    site_lead = Role(title="Site project lead", background="operations", start="2019-12", led_projects=True)
    return Profile(roles=[site_lead], degrees=[Degree(level="secondary")], pm_training_hours=20)


def priya() -> Profile:
    """A software engineer since 2019-01 with a bachelor's in computer science, no certification yet."""
    engineer = Role(title="Software engineer", background="software-engineer", start="2019-01")
    return Profile(roles=[engineer], degrees=[Degree(level="bachelor", field="computer-science")])


def ids(steps: list[Step]) -> list[str]:
    return [step.id for step in steps]


def test_marcus_takes_the_pmp_first_and_no_entry_level_credential(catalog: Catalog) -> None:
    """Marcus, target project manager, 5 study hours a week from 2026-12-01.

    He has the 60 months a secondary diploma asks for; only 15 of the PMP's 35 training hours are missing.
    The PMP alone earns the whole certifications component (importance 5 of 5): 0.20 × 100 = 20 points
    for 15 + 120 = 135 hours, 0.15 points an hour, against at most 0.05 for a skill step (2.1 points for
    45 hours). So:

    1. training-pm: 15 h → 3 weeks → due 2026-12-22;
    2. cert-pmp: 120 h more, 135 h in all → 27 weeks = 189 days → due 2027-06-08;
    3. then the skill steps. No CAPM, Google certificate, Project+ or PRINCE2 anywhere: the PMP supersedes
       the entry-level ones, and PRINCE2 Practitioner covers the same ground as the PMP.
    """
    steps = plan_steps(marcus(), "project-manager", catalog, TODAY)
    assert ids(steps)[:2] == ["training-pm", "cert-pmp"]
    assert [step.due for step in steps[:2]] == [date(2026, 12, 22), date(2027, 6, 8)]
    assert steps[1].after == ["training-pm"]
    assert steps[2].kind == "skill"
    assert not ENTRY_LEVEL & set(ids(steps))
    assert "cert-prince2-practitioner" not in ids(steps)
    assert "Not proposed: CAPM, Google PM, Project+ and PRINCE2 Foundation." in steps[1].notes
    assert "Not proposed: PRINCE2 Practitioner." in steps[1].notes
    assert "Raises your project manager fit by about 20 points." in steps[1].notes
    assert steps[0].notes == "Needed for PMP: you have 20 of 35 contact hours."


def test_priya_gets_one_product_owner_credential_and_realistic_skill_targets(catalog: Catalog) -> None:
    """Priya, target product manager, 5 study hours a week from 2026-12-01.

    CSPO and PSPO I certify the same thing (importance 3 each, 20 h each): the first, CSPO, is kept.
    Pragmatic and AIPMM CPM overlap too: Pragmatic (importance 3) beats AIPMM (2). Certifications are worth
    0.10 × 100 = 10 points, full at 5 importance points: CSPO 3/5 → 6 points for 20 h (0.3 an hour), then
    Pragmatic the remaining 2/5 → 4 points for 24 h. So:

    1. cert-cspo: 20 h → 4 weeks → due 2026-12-29;
    2. cert-pragmatic-pmc: 44 h → 61.6 days, rounded up to 62 → due 2027-02-01;
    3. then skill steps, none aiming above proficient (3): a first role does not ask for expert.
    """
    steps = plan_steps(priya(), "product-manager", catalog, TODAY)
    assert ids(steps)[:2] == ["cert-cspo", "cert-pragmatic-pmc"]
    assert [step.due for step in steps[:2]] == [date(2026, 12, 29), date(2027, 2, 1)]
    assert "cert-pspo-1" not in ids(steps) and "cert-aipmm-cpm" not in ids(steps)
    assert "Not proposed: PSPO I." in steps[0].notes
    skills = [step for step in steps if step.kind == "skill"]
    assert skills and not [step.title for step in skills if "expert (4)" in step.title]
    assert all("to proficient (3)" in step.title or "to working (2)" in step.title for step in skills)


def test_a_held_pmp_leaves_no_entry_level_step(catalog: Catalog) -> None:
    """Marcus with an active PMP: nothing entry-level, no PMP, no training for it."""
    from pathfinder.profile import HeldCertification

    person = marcus().model_copy(
        update={"certifications": [HeldCertification(id="pmp", earned=date(2025, 5, 1))]}
    )
    steps = ids(plan_steps(person, "project-manager", catalog, TODAY))
    assert not ENTRY_LEVEL & set(steps)
    assert "cert-pmp" not in steps and "training-pm" not in steps


def test_faster_pace_brings_the_pmp_forward(catalog: Catalog) -> None:
    """At 10 hours a week the same 135 hours take 94.5 days: the PMP is due 2027-03-06."""
    steps = plan_steps(marcus(), "project-manager", catalog, TODAY, hours_per_week=10)
    assert ids(steps)[:2] == ["training-pm", "cert-pmp"]
    assert steps[1].due == date(2027, 3, 6)
