"""A plan with two targets: steps that raise both fits first, both ready-by dates, the cost of switching."""

from __future__ import annotations

import pytest
from test_engine_personas import TODAY, priya

from pathfinder.catalog.catalog import Catalog
from pathfinder.catalog.loader import load_catalog
from pathfinder.engine import plan_steps
from pathfinder.engine.hedge import hedge_summary, switching_words
from pathfinder.plan.readiness import ready_by


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def test_steps_that_raise_both_fits_come_before_those_that_raise_one(catalog: Catalog) -> None:
    """Priya, product manager with project manager kept open. After the two cheap product credentials
    (CSPO 0.30 points an hour, Pragmatic 0.17), the skills both paths list come first: stakeholder
    management is worth 1.9 + 1.6 points for 45 hours, more than customer interviews (2.3, product only)."""
    steps = plan_steps(priya(), "product-manager", catalog, TODAY, also="project-manager")
    ids = [step.id for step in steps]
    assert ids[:4] == [
        "cert-cspo",
        "cert-pragmatic-pmc",
        "skill-stakeholder-management",
        "skill-cross-functional-collaboration",
    ]
    assert ids.index("skill-stakeholder-management") < ids.index("skill-customer-interviews")
    both = steps[2].notes.splitlines()[-1]
    assert both == (
        "Raises your product manager fit by about 1.9 points and your project manager fit by about "
        "1.6 points."
    )
    alone = plan_steps(priya(), "product-manager", catalog, TODAY)
    assert "skill-stakeholder-management" not in [step.id for step in alone]  # not in its own top 8


def test_both_ready_by_dates_and_what_switching_would_cost(catalog: Catalog) -> None:
    steps = plan_steps(priya(), "product-manager", catalog, TODAY, also="project-manager")
    hedge = hedge_summary(priya(), steps, "product-manager", "project-manager", catalog)
    assert hedge is not None
    product, project = hedge.first, hedge.second
    assert "skill-stakeholder-management" in hedge.shared_steps
    assert "cert-cspo" in product.only_steps and "cert-pmp" in project.only_steps
    assert "training-pm" in project.only_steps  # it serves the PMP, which serves only project manager
    assert project.only_hours == sum(s.effort_hours or 0 for s in steps if s.id in project.only_steps)
    assert product.ready_by == ready_by(
        [s for s in steps if s.id in {*product.only_steps, *hedge.shared_steps}]
    )
    assert (
        project.ready_by is not None and product.ready_by is not None and product.ready_by < project.ready_by
    )
    words = switching_words(hedge)
    assert words[0] == (
        f"Settling on product manager later leaves {len(project.only_steps)} steps "
        f"({project.only_hours} h) that serve only project manager."
    )


def test_no_hedge_without_two_known_paths(catalog: Catalog) -> None:
    steps = plan_steps(priya(), "product-manager", catalog, TODAY)
    assert hedge_summary(priya(), steps, "product-manager", "product-manager", catalog) is None
    assert hedge_summary(priya(), steps, "product-manager", "astronaut", catalog) is None
