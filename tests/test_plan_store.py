"""Plan files: exact round trips, both profile-only shapes, and a located message for every bad fixture."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from core_helpers import PLAN_FIXTURES

from pathfinder.errors import NewerSchemaError, PlanFileError
from pathfinder.plan.models import HistoryPoint, Plan, Step
from pathfinder.plan.store import load_plan, plan_from_toml, plan_to_toml, save_plan
from pathfinder.profile import Degree, HeldCertification, Profile, Role

NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)


def full_plan() -> Plan:
    profile = Profile(
        name="Alex",
        roles=[
            Role(
                title="Software engineer", background="software-engineer", start="2018-01", led_projects=True
            )
        ],
        degrees=[Degree(level="bachelor", field="computer-science", completed="2017-06")],
        certifications=[HeldCertification(id="csm", earned=date(2024, 3, 1))],
        pm_training_hours=20,
        skills={"roadmapping": 2, "sql": 3},
    )
    steps = [
        Step(id="learn-roadmapping", title="Learn roadmapping", kind="skill", notes='two\nlines "quoted"'),
        Step(id="earn-pmp", title="Earn the PMP", kind="certification", status="done", due=date(2027, 1, 1)),
    ]
    history = [HistoryPoint(at=NOW, target_score=55.5, scores={"product-manager": 55.5}, steps_done=1)]
    return Plan(
        created=NOW, updated=NOW, target="product-manager", profile=profile, steps=steps, history=history
    )


def test_save_then_load_gives_the_same_plan(tmp_path: Path) -> None:
    plan = full_plan()
    save_plan(plan, tmp_path / "alex.toml")
    loaded = load_plan(tmp_path / "alex.toml")
    assert loaded.plan == plan
    assert loaded.kind == "plan"
    assert loaded.migrated_from is None
    assert plan_to_toml(loaded.plan) == plan_to_toml(plan)


def test_written_file_is_readable_in_the_documented_order() -> None:
    text = plan_to_toml(full_plan())
    keys = [line.split(" =")[0] for line in text.splitlines() if line and not line.startswith(("#", " "))]
    assert keys[:5] == ["schema_version", "name", "created", "updated", "target"]
    headers = [key for key in keys if key.startswith("[")]
    assert headers == [
        "[profile]",
        "[[profile.roles]]",
        "[[profile.degrees]]",
        "[[profile.certifications]]",
        "[profile.skills]",
        "[[steps]]",
        "[[steps]]",
        "[[history]]",
        "[history.scores]",
    ]
    assert "null" not in text and "None" not in text
    assert 'notes = """\ntwo\nlines' in text  # multi-line notes stay readable


def test_odd_offsets_are_written_as_valid_toml() -> None:
    """A zone whose offset has seconds (old local mean time) cannot be written as is: it is saved in UTC."""
    odd = datetime(1900, 1, 1, 12, 0, tzinfo=timezone(timedelta(minutes=19, seconds=32)))
    plan = Plan(created=odd, updated=NOW)
    assert plan_from_toml(plan_to_toml(plan)) == plan


def test_profile_table_file_loads_as_a_fresh_plan() -> None:
    loaded = load_plan(PLAN_FIXTURES / "valid-profile.toml", now=NOW)
    assert loaded.kind == "profile"
    assert loaded.plan.created == loaded.plan.updated == NOW
    assert loaded.plan.target == "product-manager"
    assert loaded.plan.profile.roles[0].background == "teacher"
    assert loaded.plan.steps == []


def test_top_level_profile_file_loads_and_uses_the_file_time_without_now() -> None:
    path = PLAN_FIXTURES / "valid-profile-top-level.toml"
    loaded = load_plan(path)
    assert loaded.kind == "profile"
    assert loaded.plan.profile.name == "Kim"
    assert loaded.plan.profile.skills == {"prioritisation": 2}
    assert loaded.plan.created == datetime.fromtimestamp(os.stat(path).st_mtime, tz=UTC)


def test_hand_written_plan_without_timestamps_gets_them() -> None:
    plan = plan_from_toml('[[steps]]\nid = "a"\ntitle = "A"\nkind = "custom"\n', now=NOW)
    assert plan.created == plan.updated == NOW
    assert [step.id for step in plan.steps] == ["a"]


def test_full_fixture_loads() -> None:
    loaded = load_plan(PLAN_FIXTURES / "valid-plan.toml")
    assert loaded.plan.target == "project-manager"
    assert loaded.plan.steps[0].status == "doing"
    assert loaded.plan.history[0].scores["project-manager"] == 61.5


def problems_of(path: Path) -> list[str]:
    with pytest.raises(PlanFileError) as caught:
        load_plan(path)
    assert str(path) in str(caught.value)
    return [str(problem) for problem in caught.value.problems]


def test_syntax_error_names_line_and_column() -> None:
    (problem,) = problems_of(PLAN_FIXTURES / "bad-syntax.toml")
    assert "bad-syntax.toml:7:17" in problem and "TOML syntax error" in problem


def test_wrong_type_names_the_field_and_line() -> None:
    (problem,) = problems_of(PLAN_FIXTURES / "bad-wrong-type.toml")
    assert "bad-wrong-type.toml:6 [profile.pm_training_hours]" in problem
    assert "valid integer" in problem and "'lots'" in problem


def test_unknown_key_suggests_the_right_one() -> None:
    (problem,) = problems_of(PLAN_FIXTURES / "bad-unknown-key.toml")
    assert "bad-unknown-key.toml:9 [steps[0].stauts]" in problem
    assert "did you mean `status`?" in problem


def test_bad_date_says_what_a_date_looks_like() -> None:
    (problem,) = problems_of(PLAN_FIXTURES / "bad-date.toml")
    assert "bad-date.toml:9 [steps[0].due]" in problem and "2026-12-01" in problem


def test_every_problem_is_reported_at_once_in_line_order() -> None:
    problems = problems_of(PLAN_FIXTURES / "bad-many.toml")
    keys = [problem.split("[", 1)[1].split("]:")[0] for problem in problems]
    assert keys == [
        "created",
        "profile.pm_training_hours",
        "profile.roles[0].start",
        "steps[0].id",
        "steps[0].kind",
        "steps[0].status",
    ]
    assert "offset" in problems[0] and "YYYY-MM" in problems[2] and "did you mean `skill`?" in problems[4]


def test_newer_schema_is_refused_and_the_file_is_unchanged() -> None:
    path = PLAN_FIXTURES / "bad-newer-schema.toml"
    before = path.read_bytes()
    with pytest.raises(NewerSchemaError) as caught:
        load_plan(path)
    message = str(caught.value)
    assert "newer Pathfinder (schema 99)" in message and "reads up to schema 1" in message
    assert "the file was not changed" in message
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "holds no plan and no profile"),
        ("schema_version = 'one'\n", "expected a whole number"),
        ("schema_version = 0\n", "expected a whole number"),
        ("schema_version = true\n", "expected a whole number"),
        ("profile = 3\n", "profile"),
        ("[profile]\nskills = { sql = 9 }\n", "profile.skills.sql"),
    ],
)
def test_odd_documents_raise_plan_file_errors(text: str, expected: str) -> None:
    with pytest.raises(PlanFileError) as caught:
        plan_from_toml(text, now=NOW)
    assert expected in str(caught.value)


def test_missing_file_folder_and_binary_are_plan_file_errors(tmp_path: Path) -> None:
    with pytest.raises(PlanFileError, match="no file"):
        load_plan(tmp_path / "missing.toml")
    with pytest.raises(PlanFileError, match="is a folder"):
        load_plan(tmp_path)
    if Path("/dev/null").exists():
        with pytest.raises(PlanFileError, match="not a regular file"):
            load_plan(Path("/dev/null"))
    binary = tmp_path / "photo.toml"
    binary.write_bytes(b"name = 'x'\n\xff\xfe\x00garbage")
    with pytest.raises(PlanFileError) as caught:
        load_plan(binary)
    assert "not UTF-8" in str(caught.value) and ":2" in str(caught.value)


def test_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes("\ufeff[profile]\nname = 'Ana'\n".encode())
    assert load_plan(path, now=NOW).plan.profile.name == "Ana"


@pytest.mark.parametrize("target", ["../../../../tmp/x/ESCAPED", "/tmp/x", "Product Manager", "a" * 65])
def test_a_target_that_is_not_an_id_is_refused(target: str) -> None:
    """The target names files (``<target>-plan.toml``, its export): a path there wrote outside the folder."""
    text = f'name = "x"\ntarget = "{target}"\n[profile]\n'
    with pytest.raises(PlanFileError) as caught:
        plan_from_toml(text, Path("t.toml"))
    assert caught.value.problems[0].key == "target"
    assert (
        "kebab-case id" in caught.value.problems[0].message
        or "at most 64" in caught.value.problems[0].message
    )
