"""`pathfinder plan new` and `pathfinder plan export`: what scripts and calendars get, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest
from core_helpers import PLAN_FIXTURES

from pathfinder.cli import main
from pathfinder.plan.store import load_plan

MARCUS = PLAN_FIXTURES / "marcus-profile.toml"
NEW = ["plan", "new", str(MARCUS), "--target", "project-manager", "--today", "2026-12-01"]
STEP_KEYS = {"id", "kind", "title", "due", "status", "after", "effort_hours", "effort_source", "resources"}
pytestmark = pytest.mark.usefixtures("wide_terminal")


def test_new_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*NEW, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"target", "also", "hours_per_week", "ready_by", "steps"} <= set(data)
    assert (data["target"], data["also"], data["hours_per_week"]) == ("project-manager", None, 5)
    assert [step["id"] for step in data["steps"][:2]] == ["training-pm", "cert-pmp"]
    assert [step["due"] for step in data["steps"][:2]] == ["2026-12-22", "2027-06-08"]
    for step in data["steps"]:
        assert set(step) >= STEP_KEYS
        for resource in step["resources"]:
            assert {"id", "title", "url", "hours", "cost"} <= set(resource)
            assert resource["url"].startswith("https://")
    pmp = data["steps"][1]
    assert pmp["after"] == ["training-pm"] and "pmproad.com" in pmp["effort_source"]
    assert pmp["resources"], "the PMP step shows its resources"
    assert data["ready_by"] == max(step["due"] for step in data["steps"] if step["due"])


def test_new_at_a_faster_pace_and_with_a_second_target(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*NEW, "--format", "json", "--hours-per-week", "10", "--also", "program-manager"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["hours_per_week"] == 10 and data["also"] == "program-manager"
    assert data["steps"][1]["due"] == "2027-03-06"
    assert set(data["hedge"]["ready_by"]) == {"project-manager", "program-manager"}
    assert any("Settling on project manager" in line for line in data["hedge"]["switching"])


def test_new_writes_a_plan_that_checks_and_reopens(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "marcus.toml"
    assert main([*NEW, "--hours-per-week", "8", "-o", str(out)]) == 0
    assert "hours_per_week = 8" in out.read_text(encoding="utf-8")
    plan = load_plan(out).plan
    assert plan.target == "project-manager" and plan.hours_per_week == 8
    assert plan.steps[1].id == "cert-pmp" and plan.steps[1].after == ["training-pm"]
    assert main(["plan", "check", str(out)]) == 0


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--target", "project-managr"], "did you mean `project-manager`"),
        (["--target", "project-manager", "--hours-per-week", "0"], "from 1 to 80"),
        (["--target", "project-manager", "--also", "project-manager"], "--also names the target itself"),
        (["--target", "project-manager", "--today", "2026-13-01"], "is not a date"),
    ],
)
def test_new_refuses_bad_arguments_with_a_clear_message(
    extra: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", "new", str(MARCUS), *extra]) == 2
    err = " ".join(capsys.readouterr().err.replace("│", " ").split())
    assert message in err and "Traceback" not in err


def test_new_refuses_a_missing_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "new", str(tmp_path / "nobody.toml"), "--target", "project-manager"]) == 2
    assert "nobody.toml" in capsys.readouterr().err


@pytest.fixture
def marcus_plan(tmp_path: Path) -> Path:
    out = tmp_path / "marcus.toml"
    assert main([*NEW, "-o", str(out)]) == 0
    return out


def _events(data: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    return {
        str(event["UID"]): event for event in calendar.walk("VEVENT") if isinstance(event, icalendar.Event)
    }


def test_ics_parses_and_a_re_export_keeps_every_uid(marcus_plan: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert main(["plan", "export", str(marcus_plan), "--format", "ics", "-o", str(first)]) == 0
    plan = load_plan(marcus_plan).plan
    plan.steps = plan.steps[::-1]  # a reordered, re-dated plan is still the same events
    from pathfinder.engine.schedule import redate
    from pathfinder.plan.store import save_plan

    save_plan(plan.model_copy(update={"steps": redate(plan.steps, 5, plan.created.date())}), marcus_plan)
    assert main(["plan", "export", str(marcus_plan), "--format", "ics", "-o", str(second)]) == 0
    before, after = _events(first.read_bytes()), _events(second.read_bytes())
    assert set(before) == set(after)
    dated = [step for step in plan.steps if step.due is not None]
    assert len([uid for uid in before if uid.startswith("step-")]) == len(dated)
    pmp = before["step-cert-pmp-20261201T000000@pathfinder"]
    assert str(pmp["SUMMARY"]) == "Due: Earn PMP" and pmp.decoded("DTSTART").isoformat() == "2027-06-08"
    assert "pmi.org" in str(pmp["DESCRIPTION"])  # its resources
    renewal = before["renew-csm-20261201T000000@pathfinder"]
    assert str(renewal["SUMMARY"]) == "Renew CSM" and renewal.decoded("DTSTART").isoformat() == "2027-03-10"


def test_ics_has_eligibility_days(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Leading projects only since 2025-07 with a bachelor's: the PMP is possible from 2028-07-01."""
    profile = tmp_path / "new-lead.toml"
    profile.write_text(
        '[profile]\npm_training_hours = 35\n[[profile.roles]]\ntitle = "Lead"\nstart = "2025-07"\n'
        'led_projects = true\n[[profile.degrees]]\nlevel = "bachelor"\n',
        encoding="utf-8",
    )
    plan = tmp_path / "plan.toml"
    assert (
        main(
            [
                "plan",
                "new",
                str(profile),
                "--target",
                "project-manager",
                "--today",
                "2026-12-01",
                "-o",
                str(plan),
            ]
        )
        == 0
    )
    assert main(["plan", "export", str(plan), "--format", "ics"]) == 0
    events = _events(capsys.readouterr().out.encode())
    eligible = events["eligible-cert-pmp-20261201T000000@pathfinder"]
    assert (
        str(eligible["SUMMARY"]) == "Eligible for PMP"
        and eligible.decoded("DTSTART").isoformat() == "2028-07-01"
    )


def test_markdown_export_has_one_title_steps_with_resources_then_sources(
    marcus_plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", "export", str(marcus_plan), "--format", "markdown", "--today", "2026-12-01"]) == 0
    out = capsys.readouterr().out
    assert [line for line in out.splitlines() if line.startswith("# ")] == ["# Marcus"]
    assert out.index("## Steps") < out.index("## Career paths") < out.index("## Sources and dates")
    assert "5 study hours a week · ready by " in out
    assert "    - PMP Examination Content Outline (PMI) — guide, free — https://www.pmi.org/" in out
    assert "  - Effort: 45 h (Estimate: 15 h of study per skill level)" in out


def test_resources_marked_used_show_in_json_and_markdown(
    marcus_plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathfinder.plan.store import save_plan

    plan = load_plan(marcus_plan).plan
    pmp = plan.steps[1].model_copy(update={"used": ["pmp-exam-taking-guide"]})
    save_plan(plan.model_copy(update={"steps": [plan.steps[0], pmp, *plan.steps[2:]]}), marcus_plan)
    assert main(["plan", "export", str(marcus_plan), "--format", "json"]) == 0
    resources = json.loads(capsys.readouterr().out)["steps"][1]["resources"]
    assert [(r["id"], r["used"]) for r in resources] == [
        ("pmp-exam-content-outline", False),
        ("pmp-exam-taking-guide", True),
        ("pmp-2026-exam-update", False),
    ]
    assert main(["plan", "export", str(marcus_plan), "--format", "markdown", "--today", "2026-12-01"]) == 0
    assert (
        "    - ✓ used: Taking the PMP exam: PMI's PMP page and certification handbook — guide, free —"
        in capsys.readouterr().out
    )


def test_json_export_matches_plan_new(marcus_plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "export", str(marcus_plan), "--format", "json"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert main([*NEW, "--format", "json"]) == 0
    assert exported == json.loads(capsys.readouterr().out)


def test_export_of_a_broken_plan_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "export", str(PLAN_FIXTURES / "bad-syntax.toml"), "--format", "ics"]) == 2
    assert "bad-syntax.toml" in capsys.readouterr().err
