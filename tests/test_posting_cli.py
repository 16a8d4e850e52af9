"""`pathfinder posting FILE|- [--profile PLAN.toml] [--format text|json|markdown]`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from core_helpers import unwrapped

from pathfinder.cli import main

POSTINGS = Path(__file__).parent / "data" / "postings"
EXAMPLE = Path(__file__).parent.parent / "docs" / "examples" / "profile-only.toml"


def test_json_has_the_documented_fields(capsys: pytest.CaptureFixture[str]) -> None:
    posting = POSTINGS / "product-manager-backlog.txt"
    assert (
        main(
            ["posting", str(posting), "--format", "json", "--profile", str(EXAMPLE), "--today", "2026-12-05"]
        )
        == 0
    )
    document = json.loads(capsys.readouterr().out)
    assert set(document) >= {"paths", "skills", "certifications", "requirements", "gaps"}
    top = document["paths"][0]
    assert set(top) >= {"id", "score", "evidence"} and top["id"] == "product-owner"
    assert all(line in posting.read_text(encoding="utf-8") for line in top["evidence"])
    assert set(document["requirements"]) >= {"years", "degree"}
    assert document["requirements"]["years"] == 2
    assert any(gap["kind"] == "skill" and gap["id"] == "backlog-management" for gap in document["gaps"])
    assert {
        "id": "cspo",
        "name": "CSPO",
        "evidence": "CSPO or PSPO certification preferred.",
        "required": False,
    } in document["certifications"]


def test_text_from_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = (POSTINGS / "scrum-master.txt").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["posting", "-"]) == 0
    out = capsys.readouterr().out
    assert (
        "1. Scrum master" in out
        and "“Strong facilitation and coaching skills; knowledge of Kanban is a plus.”" in out
    )


def test_markdown_quotes_evidence(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["posting", str(POSTINGS / "tpm-infrastructure.txt"), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Posting X-ray: Technical Program Manager, Infrastructure")
    assert "### 1. Technical program manager" in out and "\n> “" in out


def test_an_empty_or_huge_posting_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    assert main(["posting", str(empty)]) == 2
    assert "is empty" in unwrapped(capsys.readouterr().err)
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"x" * (1024 * 1024 + 1))
    assert main(["posting", str(huge)]) == 2
    assert "larger than 1 MiB" in unwrapped(capsys.readouterr().err)
    assert main(["posting", str(tmp_path / "missing.txt")]) == 2
