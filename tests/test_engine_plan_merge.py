"""Merging fresh engine steps with the user's plan: statuses, notes, order, removals and set-aside steps."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pathfinder.engine.plan_edits import merge_steps
from pathfinder.plan.models import Step


def step(step_id: str, status: str = "todo", notes: str = "", kind: str = "skill") -> Step:
    return Step.model_validate(
        {"id": step_id, "title": step_id.title(), "kind": kind, "status": status, "notes": notes}
    )


def ids(steps: list[Step]) -> list[str]:
    return [s.id for s in steps]


PRODUCT = [step("skill-roadmapping"), step("cert-cspo"), step("skill-research")]
PROJECT = [step("skill-roadmapping"), step("cert-pmp"), step("skill-risk")]


def test_the_same_target_keeps_status_notes_and_the_users_order() -> None:
    mine = [step("skill-research", "doing", "book: Continuous Discovery"), step("skill-roadmapping", "done")]
    mine.append(step("cert-cspo", "skipped"))
    merged = merge_steps(PRODUCT, mine)
    assert ids(merged.steps) == ["skill-research", "skill-roadmapping", "cert-cspo"]
    assert [s.status for s in merged.steps] == ["doing", "done", "skipped"]
    assert merged.steps[0].notes == "book: Continuous Discovery"
    assert merged.set_aside == []


def test_a_new_target_keeps_shared_steps_and_sets_the_others_aside() -> None:
    mine = [
        step("cert-cspo", "doing"),
        step("skill-roadmapping", "done"),
        step("custom-mentor", kind="custom"),
    ]
    merged = merge_steps(PROJECT, mine, target_changed=True)
    assert ids(merged.steps) == ["skill-roadmapping", "custom-mentor", "cert-pmp", "skill-risk"]
    assert merged.steps[0].status == "done"
    assert ids(merged.set_aside) == ["cert-cspo"] and merged.set_aside[0].status == "doing"


def test_turning_back_restores_the_set_aside_steps_in_their_order() -> None:
    """Product (reordered, statuses) → project → product: the product plan is as the user left it."""
    mine = [step("skill-research", "doing"), step("cert-cspo", "skipped"), step("skill-roadmapping", "done")]
    to_project = merge_steps(PROJECT, mine, target_changed=True)
    back = merge_steps(PRODUCT, to_project.steps, target_changed=True, remembered=mine)
    assert back.steps == mine
    assert ids(back.set_aside) == ["cert-pmp", "skill-risk"]


def test_a_removed_step_is_not_proposed_again() -> None:
    merged = merge_steps(PRODUCT, [step("skill-roadmapping")], removed={"cert-cspo"})
    assert "cert-cspo" not in ids(merged.steps)


def test_a_started_step_that_no_longer_applies_stays_while_the_target_is_the_same() -> None:
    mine = [step("skill-old", "doing"), step("skill-untouched")]
    assert ids(merge_steps(PRODUCT, mine).steps) == [
        "skill-old",
        "skill-roadmapping",
        "cert-cspo",
        "skill-research",
    ]


STATUSES = st.sampled_from(["todo", "doing", "done", "skipped"])


@settings(max_examples=150, deadline=None)
@given(
    statuses=st.lists(STATUSES, min_size=3, max_size=3),
    order=st.permutations([0, 1, 2]),
    other_statuses=st.lists(STATUSES, min_size=3, max_size=3),
)
def test_a_target_round_trip_loses_nothing(
    statuses: list[str], order: list[int], other_statuses: list[str]
) -> None:
    """Any statuses and order on A; any work on B's own steps; back to A: A's steps are as they were,
    except a shared step, which has its latest status."""
    mine = [PRODUCT[i].model_copy(update={"status": statuses[i]}) for i in order]
    on_b = merge_steps(PROJECT, mine, target_changed=True)
    worked = [s.model_copy(update={"status": other_statuses[n]}) for n, s in enumerate(on_b.steps)]
    back = merge_steps(PRODUCT, worked, target_changed=True, remembered=mine)
    latest = {s.id: s.status for s in worked}
    assert ids(back.steps) == ids(mine)
    assert [s.status for s in back.steps] == [latest.get(s.id, s.status) for s in mine]


def test_a_kept_step_the_engine_no_longer_proposes_comes_back_with_its_target() -> None:
    """A started step kept although not proposed any more returns with its target after a round trip."""
    mine = [step("training-pm", "doing"), step("skill-roadmapping")]
    away = merge_steps(PRODUCT, mine, target_changed=True)
    assert "training-pm" in ids(away.set_aside)
    back = merge_steps(PROJECT, away.steps, target_changed=True, remembered=mine)
    assert ids(back.steps)[:2] == ["training-pm", "skill-roadmapping"]


def test_a_plan_turning_back_to_its_target_gets_its_steps_from_set_aside() -> None:
    """steps_for_target keeps the plan's own record: the target left goes into set_aside, and choosing
    it again restores its steps and removes it from set_aside."""
    from datetime import UTC, datetime

    from pathfinder.engine.plan_edits import steps_for_target
    from pathfinder.plan.models import new_plan

    mine = [step("skill-research", "doing"), step("cert-cspo", "skipped"), step("skill-roadmapping", "done")]
    plan = new_plan(datetime(2026, 12, 1, tzinfo=UTC)).model_copy(
        update={"target": "product-manager", "steps": mine}
    )
    away = steps_for_target(plan, "project-manager", PROJECT)
    assert [kept.target for kept in away.set_aside] == ["product-manager"]
    assert ids(away.dropped) == ["skill-research", "cert-cspo"]
    moved = plan.model_copy(
        update={"target": "project-manager", "steps": away.steps, "set_aside": away.set_aside}
    )
    back = steps_for_target(moved, "product-manager", PRODUCT)
    assert back.steps == mine
    assert [kept.target for kept in back.set_aside] == ["project-manager"]
