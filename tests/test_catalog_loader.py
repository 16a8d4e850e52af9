"""The catalog loader: valid content loads; each failure mode is reported with file, line, key and a hint."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import cast

import pytest
from core_helpers import PATH_IDS, VALID_CONTENT, overlay

from pathfinder.catalog.loader import check_content, load_catalog
from pathfinder.errors import ContentError, Problem


def only_problem(directory: Path) -> Problem:
    problems = check_content(directory)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def test_valid_fixture_loads_with_entities_in_file_order() -> None:
    catalog = load_catalog(VALID_CONTENT)
    assert list(catalog.paths) == ["product-manager", "project-manager"]
    assert list(catalog.skills) == [
        "product-vision",
        "prioritisation",
        "project-planning",
        "stakeholder-management",
    ]
    assert list(catalog.certifications) == ["capm", "pmp"]
    assert list(catalog.backgrounds) == ["software-engineer", "teacher"]
    assert catalog.meta.version == "test-1"
    assert catalog.degree_level("mba") == 4
    assert catalog.comparison.left == "product-manager"
    assert catalog.paths["project-manager"].certifications[0].certification == "pmp"
    assert check_content(VALID_CONTENT) == []


def test_loading_twice_returns_the_cached_catalog_until_a_file_changes(tmp_path: Path) -> None:
    directory = shutil.copytree(VALID_CONTENT, tmp_path / "content")
    first = load_catalog(directory)
    assert load_catalog(directory) is first
    meta = directory / "meta.toml"
    meta.write_text(meta.read_text().replace('"test-1"', '"test-2"'))
    os.utime(meta, ns=(meta.stat().st_atime_ns, meta.stat().st_mtime_ns + 10_000_000))
    second = load_catalog(directory)
    assert second is not first and second.meta.version == "test-2"


def test_cached_catalog_mappings_are_read_only() -> None:
    catalog = load_catalog(VALID_CONTENT)
    with pytest.raises(TypeError):
        writable = cast("dict[str, object]", catalog.paths)  # what a careless caller might assume
        writable["x"] = catalog.paths["product-manager"]


def test_syntax_error_names_file_line_and_column(tmp_path: Path) -> None:
    problem = only_problem(overlay(tmp_path, "syntax"))
    assert problem.file is not None and problem.file.name == "product-manager.toml"
    assert problem.line == 4 and problem.column is not None
    assert "TOML syntax error" in problem.message
    assert "product-manager.toml:4:" in str(problem)


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    problem = only_problem(overlay(tmp_path, "unknown-key"))
    assert problem.key == "path[0].skills[1].importanse"
    assert problem.line == 23
    assert "unknown key `importanse`" in problem.message
    assert "did you mean `importance`?" in problem.hint


def test_unknown_top_level_table_suggests_the_right_one(tmp_path: Path) -> None:
    problem = only_problem(overlay(tmp_path, "unknown-table"))
    assert problem.file is not None and problem.file.name == "extra.toml"
    assert (problem.key, problem.line) == ("paths", 2)
    assert "did you mean `path`?" in problem.hint


def test_unknown_skill_id_names_key_line_and_close_match(tmp_path: Path) -> None:
    problem = only_problem(overlay(tmp_path, "unknown-skill"))
    assert str(problem).startswith(str(tmp_path / "content" / "paths" / "product-manager.toml") + ":22 ")
    assert problem.key == "path[0].skills[1].skill"
    assert "unknown skill id `prioritization`" in problem.message
    assert "`prioritisation`" in problem.hint


def test_duplicate_id_points_at_both_definitions(tmp_path: Path) -> None:
    problem = only_problem(overlay(tmp_path, "duplicate-id"))
    assert problem.file is not None and problem.file.name == "more.toml"
    assert (problem.key, problem.line) == ("skill[0].id", 3)
    assert "duplicate skill id `product-vision`" in problem.message
    assert "core.toml:9" in problem.hint


def test_weights_that_do_not_add_up_to_one(tmp_path: Path) -> None:
    problem = only_problem(overlay(tmp_path, "weights"))
    assert (problem.key, problem.line) == ("path[0].weights", 33)
    assert "add up to 0.9, expected 1" in problem.message


def test_background_without_an_affinity_for_a_path(tmp_path: Path) -> None:
    problem = only_problem(overlay(tmp_path, "missing-affinity"))
    assert problem.key == "background[1].affinities"
    assert problem.line == 32
    assert "`teacher` has no affinity for path `project-manager`" in problem.message


def test_fact_without_a_source(tmp_path: Path) -> None:
    problem = only_problem(overlay(tmp_path, "missing-source"))
    assert (problem.key, problem.line) == ("certification[0].fees[0].sources", 27)
    assert "at least one source" in problem.message


def test_bad_as_of_says_what_format_is_expected(tmp_path: Path) -> None:
    problem = only_problem(overlay(tmp_path, "as-of"))
    assert (problem.key, problem.line) == ("resource[0].as_of", 8)
    assert "YYYY-MM or YYYY-MM-DD" in problem.message and "'2026-13'" in problem.message


def test_missing_meta_says_what_to_add(tmp_path: Path) -> None:
    directory = overlay(tmp_path, "missing-meta")
    problem = only_problem(directory)
    assert "no [meta] table" in problem.message
    assert str(directory / "meta.toml") in problem.hint


def test_second_meta_table_is_refused(tmp_path: Path) -> None:
    problem = only_problem(overlay(tmp_path, "duplicate-meta"))
    assert problem.file is not None and problem.file.name == "zz-meta.toml"
    assert "a second [meta] table" in problem.message and "meta.toml:2" in problem.hint


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    directory = overlay(tmp_path, "many")
    with pytest.raises(ContentError) as caught:
        load_catalog(directory)
    found = {
        (p.file.relative_to(directory).as_posix() if p.file else "", p.key) for p in caught.value.problems
    }
    assert found == {
        ("paths/project-manager.toml", "path[0].confidence"),
        ("paths/project-manager.toml", "path[0].skills[0].skill"),
        ("certifications/pmp.toml", "certification[0].eligibility.routes[0].training_waived_by[0]"),
        ("backgrounds/backgrounds.toml", "background[1].affinities"),
        ("skills/core.toml", "skill[2].resources[0]"),
        ("skills/core.toml", "skill[3].resources[0]"),
    }
    assert "6 problems" in caught.value.message
    hints = " ".join(problem.hint for problem in caught.value.problems)
    assert "`official`" in hints and "`capm`" in hints and "`pmbok-guide`" in hints
    assert "`project-planning`" in hints  # the bad confidence does not hide the path's unknown skill


def test_an_invalid_entity_does_not_cascade_into_unknown_id_errors(tmp_path: Path) -> None:
    """The broken CAPM entry is reported once; PMP's reference to `capm` is not reported as unknown."""
    problems = check_content(overlay(tmp_path, "missing-source"))
    assert not any("unknown certification id" in problem.message for problem in problems)


def test_missing_directory_raises_content_error(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="not found"):
        load_catalog(tmp_path / "nowhere")


def test_empty_directory_names_each_missing_table(tmp_path: Path) -> None:
    messages = [problem.message for problem in check_content(tmp_path)]
    assert messages == [
        "no [meta] table in any content file",
        "no [degrees] table in any content file",
        "no [comparison] table in any content file",
    ]


def test_shipped_content_loads_cleanly() -> None:
    problems = check_content(None)
    assert problems == [], "\n".join(map(str, problems))
    catalog = load_catalog()
    assert set(catalog.paths) == set(PATH_IDS)
    assert len(catalog.skills) == 61
    assert len(catalog.backgrounds) == 16
    assert len(catalog.certifications) == 15
    assert [level.id for level in catalog.degrees.levels] == [
        "secondary",
        "associate",
        "bachelor",
        "master",
        "mba",
        "doctorate",
    ]


def test_examples_in_the_content_guide_are_valid_entities() -> None:
    """The annotated path and certification examples in docs/content.md pass model validation."""
    import re
    import tomllib

    from pathfinder.catalog.models import CareerPath, Certification

    guide = (Path(__file__).parent.parent / "docs" / "content.md").read_text(encoding="utf-8")
    blocks = [
        block
        for block in re.findall(r"```toml\n(.*?)```", guide, re.DOTALL)
        if block.startswith("# content/")
    ]
    documents = [tomllib.loads(block) for block in blocks]
    paths = [CareerPath.model_validate(item) for document in documents for item in document.get("path", [])]
    certifications = [
        Certification.model_validate(item)
        for document in documents
        for item in document.get("certification", [])
    ]
    assert [path.id for path in paths] == ["delivery-manager"]
    assert [cert.id for cert in certifications] == ["example-cert"]
    assert len(certifications[0].eligibility.routes) == 2


def test_a_kind_written_as_a_single_table_asks_for_an_array(tmp_path: Path) -> None:
    directory = shutil.copytree(VALID_CONTENT, tmp_path / "content")
    (directory / "paths" / "extra.toml").write_text('[skill]\nid = "x"\n', encoding="utf-8")
    problem = only_problem(directory)
    assert (problem.key, problem.line) == ("skill", 1)
    assert "must be an array of tables" in problem.message and "[[skill]]" in problem.hint


def test_a_file_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    directory = shutil.copytree(VALID_CONTENT, tmp_path / "content")
    (directory / "latin1.toml").write_bytes('title = "café"\n'.encode("latin-1"))
    problem = only_problem(directory)
    assert problem.file is not None and problem.file.name == "latin1.toml"
    assert "cannot read the file" in problem.message


@pytest.mark.parametrize(
    ("mode", "file", "line", "key"),
    [
        ("syntax", "paths/product-manager.toml", 4, ""),
        ("unknown-key", "paths/product-manager.toml", 23, "path[0].skills[1].importanse"),
        ("unknown-table", "paths/extra.toml", 2, "paths"),
        ("unknown-skill", "paths/product-manager.toml", 22, "path[0].skills[1].skill"),
        ("duplicate-id", "skills/more.toml", 3, "skill[0].id"),
        ("weights", "paths/project-manager.toml", 33, "path[0].weights"),
        ("missing-affinity", "backgrounds/backgrounds.toml", 32, "background[1].affinities"),
        ("missing-source", "certifications/capm.toml", 27, "certification[0].fees[0].sources"),
        ("as-of", "resources/resources.toml", 8, "resource[0].as_of"),
        ("duplicate-meta", "zz-meta.toml", 1, "meta"),
    ],
)
def test_the_printed_problem_names_file_line_and_key(
    tmp_path: Path, mode: str, file: str, line: int, key: str
) -> None:
    """What `pathfinder content check` prints for each failure mode: `file:line [key]: message`."""
    directory = overlay(tmp_path, mode)
    text = str(only_problem(directory))
    assert text.startswith(f"{directory / file}:{line}")
    if key:
        assert f" [{key}]: " in text
