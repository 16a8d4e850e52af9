"""The scheduler on its own: dates in a given order, dependencies, pins, and plans saved before steps
carried their dependencies."""

from __future__ import annotations

from datetime import date, timedelta

from engine_fixtures import TODAY, degree, make_catalog, profile, role

from pathfinder.engine import plan_steps
from pathfinder.engine.schedule import Item, due_dates, goal_first_order, redate, with_schedule_facts
from pathfinder.plan.models import Step


def step(step_id: str, hours: int | None, **fields: object) -> Step:
    return Step(id=step_id, title=step_id, kind="skill", effort_hours=hours, **fields)  # type: ignore[arg-type, unused-ignore]


def test_dates_accumulate_in_the_given_order_and_wait_for_pins_and_dependencies() -> None:
    """a 10 h (14 days), b 5 h pinned to day 100, c 5 h after b: due with b, not at its own 28 days."""
    steps = [
        step("a", 10),
        step("b", 5, earliest=TODAY + timedelta(100)),
        step("c", 5, after=["b"]),
        step("d", None),
    ]
    dated = redate(steps, 5, TODAY)
    assert [s.due for s in dated] == [
        TODAY + timedelta(14),
        TODAY + timedelta(100),
        TODAY + timedelta(100),
        None,
    ]


def test_finished_steps_keep_their_dates_and_take_no_study_time() -> None:
    done = step("a", 50, status="done", due=date(2026, 1, 1))
    dated = redate([done, step("b", 5)], 5, TODAY)
    assert dated[0].due == date(2026, 1, 1) and dated[1].due == TODAY + timedelta(7)


def test_a_dependant_listed_first_is_still_due_after_its_dependency() -> None:
    dues = due_dates([Item("exam", 5, after=("course",)), Item("course", 20)], 5, TODAY)
    assert dues["exam"] == dues["course"] == TODAY + timedelta(35)


def test_goal_first_puts_the_unlocking_step_before_the_best_pair() -> None:
    """x: 10 points for 10 h (1/h) after t (10 h, 0 points): the pair 0.5/h beats y (2 points for 10 h)."""
    items = [Item("y", 10), Item("t", 10), Item("x", 10, after=("t",))]
    worth = {"x": 10.0, "y": 2.0, "t": 0.0}
    assert goal_first_order(items, lambda i, _: worth[i], 5, TODAY) == ["t", "x", "y"]


def test_a_pinned_step_waits_until_its_study_would_end_on_its_date() -> None:
    """p is worth most but possible only from day 70; the 5-hour steps (7 days each) go first until p's
    14 days of study would end on or after day 70: after 8 of them (56 + 14 = 70), not 7 (49 + 14 = 63)."""
    items = [Item("p", 10, earliest=TODAY + timedelta(70))] + [Item(f"s{i}", 5) for i in range(10)]
    worth = {"p": 50.0, **{f"s{i}": 1.0 for i in range(10)}}
    order = goal_first_order(items, lambda i, _: worth[i], 5, TODAY)
    assert order.index("p") == 8
    dues = due_dates([next(i for i in items if i.id == x) for x in order], 5, TODAY)
    assert dues["p"] == TODAY + timedelta(70)


def test_a_plan_saved_without_dependencies_gets_them_before_it_is_re_dated() -> None:
    """Leading since 2025-07 with a bachelor's: the PMP is possible from 2028-07-01. A plan saved before
    steps carried that date would, moved to the top, be dated at 24 weeks; with the facts filled in it
    stays on its eligibility date."""
    person = profile(roles=[role("2025-07")], degrees=[degree()])
    fresh = plan_steps(person, "project-manager", make_catalog(), TODAY)
    pmp = next(s for s in fresh if s.id == "cert-pmp")
    legacy = [pmp.model_copy(update={"after": [], "earliest": None, "effort_source": ""})]
    assert redate(legacy, 5, TODAY)[0].due == TODAY + timedelta(168)
    filled = with_schedule_facts(legacy, fresh)
    assert (
        filled[0].earliest == date(2028, 7, 1) and filled[0].after == []
    )  # its dependency is not in this plan
    assert redate(filled, 5, TODAY)[0].due == date(2028, 7, 1)
