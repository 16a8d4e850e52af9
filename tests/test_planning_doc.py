"""docs/planning.md's worked example, recomputed from the shipped content."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from pathfinder.catalog.loader import load_catalog
from pathfinder.engine import plan_steps
from pathfinder.profile import Degree, Profile, Role

DOC = Path(__file__).resolve().parent.parent / "docs" / "planning.md"
TODAY = date(2026, 12, 1)
ROW = re.compile(r"^\| (\d+) \| ([a-z0-9-]+) \| (\d+) \| (\d+) \| (\d{4}-\d{2}-\d{2}) \|$")


def worked_example() -> list[tuple[str, int, int, date]]:
    text = DOC.read_text(encoding="utf-8")
    table = text.split("<!-- worked-example:start", 1)[1].split("<!-- worked-example:end", 1)[0]
    rows = [ROW.match(line) for line in table.splitlines()]
    found = [(m[2], int(m[3]), int(m[4]), date.fromisoformat(m[5])) for m in rows if m]
    assert len(found) == 5, "the worked example's table has five steps"
    return found


def test_the_worked_example_is_what_the_engine_plans() -> None:
    marcus = Profile(
        roles=[Role(title="Site project lead", background="operations", start="2019-12", led_projects=True)],
        degrees=[Degree(level="secondary")],
        pm_training_hours=20,
    )
    steps = plan_steps(marcus, "project-manager", load_catalog(), TODAY)
    expected = worked_example()
    assert [(s.id, s.effort_hours, s.due) for s in steps[: len(expected)]] == [
        (step_id, hours, due) for step_id, hours, _, due in expected
    ]
    so_far = 0
    for _, hours, total, due in expected:
        so_far += hours
        assert total == so_far
        assert due == TODAY + timedelta(days=-(-so_far * 7 // 5))  # ⌈hours × 7 ÷ 5⌉ days


def test_the_doubled_pace_sentence_holds() -> None:
    marcus = Profile(
        roles=[Role(title="Site project lead", background="operations", start="2019-12", led_projects=True)],
        degrees=[Degree(level="secondary")],
        pm_training_hours=20,
    )
    steps = plan_steps(marcus, "project-manager", load_catalog(), TODAY, hours_per_week=10)
    assert "At 10 hours a week the same order gives the PMP on 2027-03-06" in DOC.read_text(encoding="utf-8")
    assert (steps[1].id, steps[1].due) == ("cert-pmp", date(2027, 3, 6))
