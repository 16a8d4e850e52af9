"""`pathfinder content check|list|compare`: exit codes and what a user reads."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from core_helpers import VALID_CONTENT, overlay, unwrapped

from pathfinder.cli import main


def test_check_valid_content_prints_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "check", str(VALID_CONTENT)]) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith("Content OK")
    assert out.endswith(
        "2 paths, 4 skills, 2 categories, 2 certifications, 2 backgrounds, 2 resources, 0 overlaps, "
        "2 issuers, 2 denied_sources"
    )
    assert len(out.splitlines()) == 1


def test_check_bad_content_lists_every_problem_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], wide_terminal: None
) -> None:
    directory = overlay(tmp_path, "many")
    assert main(["content", "check", str(directory)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    err = unwrapped(captured.err)
    assert "has 6 problems" in err
    assert "pmp.toml:26 [certification[0].eligibility.routes[0].training_waived_by[0]]" in err
    assert "unknown certification id `capn` (did you mean `capm`?)" in err
    assert "project-manager.toml:12 [path[0].confidence]" in err
    assert "core.toml:35 [skill[2].resources[0]]" in err
    assert "no affinity for path `product-manager`" in err
    assert "[[background.affinities]]" in err
    assert "Traceback" not in captured.err


def test_check_missing_meta_is_readable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], wide_terminal: None
) -> None:
    directory = overlay(tmp_path, "missing-meta")
    assert main(["content", "check", str(directory)]) == 2
    assert "no [meta] table in any content file" in capsys.readouterr().err


def test_check_missing_directory_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "check", str(tmp_path / "nowhere")]) == 2
    assert "not found" in capsys.readouterr().err


def test_list_json_is_a_stable_list_of_objects(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "list", "skills", "--format", "json", "--content", str(VALID_CONTENT)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["id"] for row in rows] == [
        "product-vision",
        "prioritisation",
        "project-planning",
        "stakeholder-management",
    ]
    assert rows[0]["name"] == "Product vision"
    assert rows[0]["category"] == "strategy-and-vision"
    assert rows[0]["category_name"] == "Strategy and vision"


@pytest.mark.parametrize(
    ("kind", "first_id"),
    [
        ("paths", "product-manager"),
        ("certifications", "capm"),
        ("backgrounds", "software-engineer"),
        ("degrees", "secondary"),
        ("categories", "strategy-and-vision"),
        ("resources", "inspired-book"),
    ],
)
def test_list_json_every_kind_has_id_and_name(
    kind: str, first_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["content", "list", kind, "--format", "json", "--content", str(VALID_CONTENT)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["id"] == first_id
    assert all(set(row) >= {"id", "name"} for row in rows)


def test_list_text_is_a_table_of_paths_by_default(
    capsys: pytest.CaptureFixture[str], wide_terminal: None
) -> None:
    assert main(["content", "list", "--content", str(VALID_CONTENT)]) == 0
    out = capsys.readouterr().out
    assert "Paths (2)" in out
    assert "product-manager" in out and "Project manager" in out and "pmp" in out


def test_list_backgrounds_text_shows_closest_paths(
    capsys: pytest.CaptureFixture[str], wide_terminal: None
) -> None:
    assert main(["content", "list", "backgrounds", "--content", str(VALID_CONTENT)]) == 0
    out = capsys.readouterr().out
    assert "software-engineer" in out and "product-manager (4/5)" in out


def test_list_unknown_kind_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["content", "list", "planets"])
    assert caught.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_compare_text_shows_both_sides_week_and_sections(
    capsys: pytest.CaptureFixture[str], wide_terminal: None
) -> None:
    assert main(["content", "compare", "--content", str(VALID_CONTENT)]) == 0
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if "Product manager" in line)
    assert header.index("Product manager") < header.index("Project manager")
    assert "Time horizon" in out and "A start and an end." in out
    assert "• Customer interviews" in out and "• Status meeting" in out
    assert "The what and the why" in out and "Build the right product." in out
    assert "Working together" in out and "When one person holds both roles" in out


def test_compare_markdown_is_a_printable_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "compare", "--format", "markdown", "--content", str(VALID_CONTENT)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Product vs project management\n")
    assert "| | Product manager | Project manager |\n|---|---|---|\n" in out
    assert "| **Time horizon** | Ongoing, for the product's whole life. | A start and an end. |" in out
    week_row = (
        "| **A typical week** | • Customer interviews<br>• Roadmap review |"
        " • Status meeting<br>• Risk review |"
    )
    assert week_row in out
    assert "## Working together\n\n- The product manager says what and why" in out
    assert "## When one person holds both roles\n\nOne person doing both" in out


def test_compare_on_broken_content_exits_2_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = overlay(tmp_path, "syntax")
    assert main(["content", "compare", "--content", str(directory)]) == 2
    err = capsys.readouterr().err
    assert "TOML syntax error" in err and "Traceback" not in err


def test_list_offers_exactly_the_kinds_the_catalog_can_list() -> None:
    from pathfinder.catalog.listing import LISTINGS
    from pathfinder.commands.content import KINDS

    assert tuple(LISTINGS) == KINDS


def test_compare_calls_the_path_weeks_detail_when_an_aspect_sums_up_the_week(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = shutil.copytree(VALID_CONTENT, tmp_path / "content")
    comparison = directory / "comparison.toml"
    week_aspect = '[[comparison.aspects]]\nid = "typical-week"\ntitle = "A typical week"\nproduct = "P"\n'
    week_aspect = "\n" + week_aspect + 'project = "Q"\n'
    comparison.write_text(comparison.read_text(encoding="utf-8") + week_aspect, encoding="utf-8")
    assert main(["content", "compare", "--format", "markdown", "--content", str(directory)]) == 0
    out = capsys.readouterr().out
    assert "| **A typical week** | P | Q |" in out
    assert "| **A typical week, in detail** | • Customer interviews" in out
