"""`pathfinder import FILE [-o PLAN.toml] [--format toml|json]`: the plan it writes opens and reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from core_helpers import unwrapped
from import_helpers import JSON_RESUME, LINKEDIN_FOLDER, TODAY_TEXT, zip_folder

from pathfinder.cli import main
from pathfinder.plan.store import load_plan


def test_import_writes_a_plan_that_loads_and_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = zip_folder(LINKEDIN_FOLDER, tmp_path / "export.zip")
    target = tmp_path / "alex.toml"
    assert main(["import", str(archive), "-o", str(target), "--today", TODAY_TEXT]) == 0
    err = capsys.readouterr().err
    assert "Not mapped:" in err and "AWS Certified Solutions Architect" in err
    assert f"Wrote {target}" in err
    text = target.read_text(encoding="utf-8")
    assert "# scrum = 1" in text and "[profile.skills]\n" not in text.replace("# [profile.skills]\n", "")
    plan = load_plan(target).plan
    assert [c.id for c in plan.profile.certifications] == ["csm", "psm-1", "google-pm"]
    assert plan.created.date().isoformat() == TODAY_TEXT
    assert main(["report", str(target), "--format", "json", "--today", TODAY_TEXT]) == 0
    report = json.loads(capsys.readouterr().out)
    assert len(report["paths"]) == 6


def test_import_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "plan.toml"
    target.write_text("# mine\n", encoding="utf-8")
    assert main(["import", str(JSON_RESUME), "-o", str(target)]) == 2
    assert target.read_text(encoding="utf-8") == "# mine\n"
    assert "exists already" in unwrapped(capsys.readouterr().err)


def test_import_json_format_lists_mappings_with_scores_and_sources(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["import", str(JSON_RESUME), "--format", "json", "--today", TODAY_TEXT]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["format"] == "json-resume"
    capm = next(item for item in document["mappings"] if item["target"] == "capm")
    assert capm["text"] == "Certified Associate in Project Management (CAPM)"
    assert capm["score"] == 100.0 and capm["where"] == "certificates[0]"
    assert {"skill": "sql", "level": 2}.items() <= next(
        s for s in document["suggestions"] if s["skill"] == "sql"
    ).items()
    assert any(
        q["text"].startswith("Did you lead projects as Senior Business Analyst")
        for q in document["questions"]
    )
    assert document["profile"]["certifications"] == [{"id": "capm", "earned": "2021-11-15"}]


def test_a_missing_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(tmp_path / "nope.zip")]) == 2
    assert "no such file or folder" in unwrapped(capsys.readouterr().err)
