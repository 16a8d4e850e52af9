"""Reference checks, history points and the JSON Schema of plan files."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from core_helpers import EXAMPLES, PLAN_FIXTURES

from pathfinder.catalog.catalog import Catalog
from pathfinder.engine.history import with_history_point
from pathfinder.engine.results import FitComponent, PathFit, Report
from pathfinder.plan.models import Step, new_plan
from pathfinder.plan.references import check_references
from pathfinder.plan.schema import plan_json_schema
from pathfinder.plan.store import load_plan

NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)


@pytest.fixture
def catalog(valid_catalog: Catalog) -> Catalog:
    """The small fixture content (tests/data/content/valid)."""
    return valid_catalog


def test_a_plan_with_known_ids_has_no_reference_problems(catalog: Catalog) -> None:
    assert check_references(load_plan(PLAN_FIXTURES / "valid-plan.toml").plan, catalog) == []


def test_every_unknown_id_is_reported_with_a_suggestion_and_line(catalog: Catalog) -> None:
    path = PLAN_FIXTURES / "unknown-ids.toml"
    text = path.read_text(encoding="utf-8")
    problems = check_references(load_plan(path).plan, catalog, source=path, text=text)
    found = {problem.key: problem for problem in problems}
    assert list(found) == [
        "target",
        "profile.roles[0].background",
        "profile.degrees[0].level",
        "profile.certifications[0].id",
        "profile.skills.prioritization",
        "steps[0].ref",
        "steps[0].resources[0]",
    ]
    assert found["target"].hint.startswith("did you mean `product-manager`")
    assert found["target"].line == 4
    assert "`software-engineer`" in found["profile.roles[0].background"].hint
    assert "`bachelor`" in found["profile.degrees[0].level"].hint
    assert "`pmp`" in found["profile.certifications[0].id"].hint
    assert "`prioritisation`" in found["profile.skills.prioritization"].hint
    assert "`project-planning`" in found["steps[0].ref"].hint
    assert found["steps[0].resources[0]"].line == 28


def test_no_close_match_lists_known_ids(catalog: Catalog) -> None:
    plan = new_plan(NOW).model_copy(update={"target": "astronaut"})
    (problem,) = check_references(plan, catalog)
    assert problem.hint.startswith("known career path ids: product-manager")


def report(scores: dict[str, float]) -> Report:
    component = FitComponent(
        id="skills", label="Skills", weight=1.0, score=0.5, contribution=50.0, explanation="half"
    )
    fits = [
        PathFit(path=path, name=path, score=score, rank=rank, components=[component], strengths=[], gaps=[])
        for rank, (path, score) in enumerate(scores.items(), start=1)
    ]
    return Report(today=date(2026, 11, 25), content_version="t", paths=fits, certifications=[])


def test_history_point_records_scores_target_and_steps_done() -> None:
    steps = [
        Step(id="a", title="A", kind="custom", status="done"),
        Step(id="b", title="B", kind="custom", status="skipped"),
    ]
    plan = new_plan(datetime(2026, 1, 1, tzinfo=UTC)).model_copy(
        update={"target": "project-manager", "steps": steps}
    )
    updated = with_history_point(plan, report({"project-manager": 70.0, "product-manager": 40.5}), NOW)
    assert plan.history == [] and updated.updated == NOW
    (point,) = updated.history
    assert point.at == NOW and point.target_score == 70.0 and point.steps_done == 1
    assert point.scores == {"project-manager": 70.0, "product-manager": 40.5}
    again = with_history_point(updated, report({"project-manager": 72.0}), NOW)
    assert [p.target_score for p in again.history] == [70.0, 72.0]


def test_history_point_without_target_has_no_target_score() -> None:
    plan = with_history_point(new_plan(NOW), report({"product-manager": 40.0}), NOW)
    assert plan.history[0].target_score is None


def test_json_schema_describes_plan_files() -> None:
    schema = plan_json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("plan.schema.json") and schema["title"]
    assert set(schema["required"]) == {"created", "updated"}
    assert schema["additionalProperties"] is False
    step = schema["$defs"]["Step"]["properties"]
    assert step["status"]["enum"] == ["todo", "doing", "done", "skipped"]
    assert step["due"]["anyOf"][0]["format"] == "date"
    json.dumps(schema)  # serialisable as is


def test_example_plan_validates_against_the_json_schema() -> None:
    """What an editor with the schema sees: the example plan and a saved plan are valid, a typo is not."""
    import tomllib

    import jsonschema

    from pathfinder.plan.store import plan_to_toml

    def as_json(value: object) -> object:  # Taplo hands TOML dates to the schema as RFC 3339 strings
        if isinstance(value, dict):
            return {key: as_json(item) for key, item in value.items()}
        if isinstance(value, list):
            return [as_json(item) for item in value]
        if isinstance(value, date):
            return value.isoformat()
        return value

    validator = jsonschema.Draft202012Validator(plan_json_schema())
    example = EXAMPLES / "alex-career-switch.toml"
    validator.validate(as_json(tomllib.loads(example.read_text(encoding="utf-8"))))
    validator.validate(as_json(tomllib.loads(plan_to_toml(load_plan(example).plan))))
    broken = as_json(
        tomllib.loads(example.read_text(encoding="utf-8").replace('status = "doing"', 'staus = "doing"'))
    )
    assert not validator.is_valid(broken)


def test_an_unknown_second_target_and_a_missing_step_after_are_reported(catalog: Catalog) -> None:
    plan = load_plan(PLAN_FIXTURES / "valid-plan.toml").plan
    first = plan.steps[0]
    broken = plan.model_copy(
        update={
            "also": "project-manger",
            "steps": [first.model_copy(update={"after": ["training-pmm"]}), *plan.steps[1:]],
        }
    )
    found = {problem.key: problem for problem in check_references(broken, catalog)}
    assert set(found) == {"also", "steps[0].after[0]"}
    assert "`project-manger` is not a career path id" in found["also"].message
    assert "`training-pmm` is not a step id" in found["steps[0].after[0]"].message
