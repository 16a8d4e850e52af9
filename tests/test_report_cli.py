"""`pathfinder report` and `pathfinder plan check|schema`: exit codes and what people read."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from core_helpers import EXAMPLES, PATH_IDS, PLAN_FIXTURES, VALID_CONTENT, unwrapped

from pathfinder.cli import main

EXAMPLE = EXAMPLES / "alex-career-switch.toml"
PROFILE_ONLY = EXAMPLES / "profile-only.toml"
pytestmark = pytest.mark.usefixtures("wide_terminal")


def test_text_report_compares_every_path(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(EXAMPLE), "--today", "2026-11-25"]) == 0
    out = capsys.readouterr().out
    assert "Pathfinder report · 2026-11-25" in out and "target: Product manager" in out
    assert "Product manager ← target" in out
    assert out.count(" / 100") >= 12  # a bar line and a breakdown title per path
    assert "█" in out and "░" in out
    assert "How it was computed" in out and "Total" in out
    assert "Top gaps" in out
    assert "Certifications" in out and "✓ held" in out and "⚠ unconfirmed rule" in out
    assert "Sources and dates" in out and "checked 2026-" in out


def test_json_report_is_stable_and_complete(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(EXAMPLE), "--today", "2026-11-25", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["report_format"] == 1 and data["pathfinder_version"] and data["content_version"]
    assert data["today"] == "2026-11-25" and data["target"] == "product-manager"
    assert {path["id"] for path in data["paths"]} == set(PATH_IDS)
    assert [path["rank"] for path in data["paths"]] == list(range(1, 7))
    for path in data["paths"]:
        assert set(path) >= {"id", "name", "score", "rank", "is_target", "breakdown", "strengths", "gaps"}
        assert path["sources"] and path["as_of"]
        total = sum(component["contribution"] for component in path["breakdown"])
        assert abs(total - path["score"]) < 0.05
    held = {cert["id"]: cert for cert in data["certifications"]}
    assert held["csm"]["held"] is True and held["cspo"]["held"] is True
    # CSM renews every 2 years: renewed in March 2025, it runs to April 2027, so renewal is due by then
    assert held["csm"]["held_state"] == "renewal_due" and held["csm"]["active_until"] == "2027-04-15"
    assert held["pmp"]["held"] is False and held["pmp"]["held_state"] is None
    assert all("sources" in cert and "as_of" in cert for cert in data["certifications"])


def test_today_defaults_to_the_current_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(PROFILE_ONLY), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["today"] == date.today().isoformat()


def test_markdown_report_is_printable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(EXAMPLE), "--today", "2026-11-25", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Pathfinder report\n")
    assert "| 1 |" in out and "## Certifications" in out and "## Sources and dates" in out
    assert out.count("| **Total** |") == 6


def test_report_on_a_profile_only_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(PROFILE_ONLY), "--today", "2026-11-25", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["target"] == "project-manager" and len(data["paths"]) == 6


def test_report_with_other_content_warns_about_unknown_ids(capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "report",
        str(EXAMPLE),
        "--today",
        "2026-11-25",
        "--content",
        str(VALID_CONTENT),
        "--format",
        "json",
    ]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert {path["id"] for path in json.loads(captured.out)["paths"]} == {
        "product-manager",
        "project-manager",
    }
    assert "warning:" in captured.err and "`csm` is not a certification id" in captured.err


def test_report_warnings_name_the_line_of_an_unknown_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["report", str(PLAN_FIXTURES / "unknown-ids.toml"), "--today", "2026-11-25", "--format", "json"])
        == 0
    )
    assert "unknown-ids.toml:4 [target]: `product-manger` is not a career path id" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["report", "missing.toml"], "There is no file missing.toml"),
        (["report", str(PLAN_FIXTURES)], "is a folder"),
        (["report", str(EXAMPLE), "--today", "2026-02-30"], "is not a date; write it as YYYY-MM-DD"),
        (["report", str(PLAN_FIXTURES / "bad-syntax.toml")], "bad-syntax.toml:7:17"),
        (["report", str(PLAN_FIXTURES / "bad-newer-schema.toml")], "newer Pathfinder (schema 99)"),
        (["report", str(EXAMPLE), "--content", str(PLAN_FIXTURES)], "Content error"),
    ],
)
def test_bad_input_exits_2_with_a_message(
    args: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    captured = capsys.readouterr()
    assert expected in unwrapped(captured.err)
    assert captured.out == "" and "Traceback" not in captured.err


def test_plan_check_valid_prints_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "check", str(EXAMPLE)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip().splitlines() == [
        f"OK {EXAMPLE}: plan 'Alex: engineer to product manager': 6 steps (3 finished), 2 history points, "
        "target product-manager"
    ]
    assert captured.err == ""


def test_plan_check_warns_about_unknown_ids_but_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "check", str(PLAN_FIXTURES / "unknown-ids.toml")]) == 0
    captured = capsys.readouterr()
    assert "7 warnings about ids the content does not know" in captured.out
    assert "unknown-ids.toml:4 [target]: `product-manger` is not a career path id" in captured.err
    assert "did you mean `product-manager`" in captured.err


def test_plan_check_profile_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "check", str(PROFILE_ONLY)]) == 0
    assert "profile-only file (2 roles), target project-manager" in capsys.readouterr().out


def test_plan_check_invalid_lists_every_problem_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "check", str(PLAN_FIXTURES / "bad-many.toml")]) == 2
    captured = capsys.readouterr()
    err = unwrapped(captured.err)
    assert captured.out == ""
    assert "has 6 problems" in err
    for key in ("[created]", "[profile.pm_training_hours]", "[profile.roles[0].start]", "[steps[0].status]"):
        assert key in err


def test_plan_schema_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Pathfinder plan file" and "steps" in schema["properties"]


@pytest.mark.parametrize("day", ["9999-12-31", "1899-12-31", "2201-01-01", "0001-01-01"])
def test_today_out_of_range_is_refused_with_a_clear_message(
    day: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """9999-12-31 once ended in a traceback (year 10006 is out of range)."""
    assert main(["report", str(EXAMPLE), "--today", day]) == 2
    captured = capsys.readouterr()
    assert "from 1900 to 2200" in unwrapped(captured.err) and "Traceback" not in captured.err


@pytest.mark.parametrize("day", ["1900-01-01", "1999-01-01", "2200-12-31"])
def test_today_within_range_gives_a_report(day: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(EXAMPLE), "--today", day, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["today"] == day


def test_terminal_escapes_in_a_plan_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name holding ESC]0;PWNED BEL ESC[2J was printed raw by `plan check` (retitling, clearing)."""
    plan = tmp_path / "esc.toml"
    plan.write_text('name = "\\u001b]0;PWNED\\u0007\\u001b[2J"\nsteps = []\n[profile]\nname = "\\u202eabc"\n')
    assert main(["plan", "check", str(plan)]) == 0
    captured = capsys.readouterr()
    printed = captured.out + captured.err
    assert "\x1b" not in printed and "\x07" not in printed and "\u202e" not in printed
    assert "plan '\\x1b]0;PWNED\\x07\\x1b[2J'" in captured.out
    # A file's name is the user's text too.
    odd = tmp_path / "odd\x1b[2J\u202e.toml"
    odd.write_text("steps = []\n")
    assert main(["plan", "check", str(odd)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out and "odd\\x1b[2J\\u202e.toml" in out


def test_a_plans_control_characters_are_read_as_visible_escapes() -> None:
    """In the app too: the models never hold a raw control character read from a file."""
    from pathfinder.plan.store import plan_from_toml

    plan = plan_from_toml('name = "a\\u001bb"\nsteps = []\n[profile.skills]\n"s\\u0007" = 2\n')
    assert plan.name == "a\\x1bb" and list(plan.profile.skills) == ["s\\x07"]
    assert plan_from_toml('name = "tab\\there"\nsteps = []\n').name == "tab\there"
