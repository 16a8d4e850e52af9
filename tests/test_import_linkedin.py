"""Importing a LinkedIn data export: the ZIP as downloaded or its folder, each mapping rule explained."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from import_helpers import LINKEDIN_FOLDER, zip_folder

from pathfinder.catalog.catalog import Catalog
from pathfinder.importers import map_found, read_found
from pathfinder.importers.records import ImportResult

TODAY = date(2026, 12, 5)


@pytest.fixture(scope="module")
def folder_result(shipped_catalog: Catalog) -> ImportResult:
    return map_found(read_found(LINKEDIN_FOLDER), shipped_catalog, TODAY)


def test_the_zip_and_the_folder_give_the_same_profile(
    tmp_path: Path, folder_result: ImportResult, shipped_catalog: Catalog
) -> None:
    archive = zip_folder(LINKEDIN_FOLDER, tmp_path / "Basic_LinkedInDataExport_12-05-2026.zip")
    from_zip = map_found(read_found(archive), shipped_catalog, TODAY)
    assert from_zip.profile == folder_result.profile
    assert from_zip.found.files_read == [
        "Profile.csv",
        "Positions.csv",
        "Education.csv",
        "Certifications.csv",
        "Skills.csv",
    ]


def test_an_export_zipped_inside_its_folder_is_read_too(
    tmp_path: Path, folder_result: ImportResult, shipped_catalog: Catalog
) -> None:
    archive = zip_folder(LINKEDIN_FOLDER, tmp_path / "export.zip", prefix="Basic_LinkedInDataExport/")
    assert map_found(read_found(archive), shipped_catalog, TODAY).profile == folder_result.profile


def test_roles_keep_titles_and_months_and_the_current_role_is_ongoing(folder_result: ImportResult) -> None:
    roles = [(role.title, role.start, role.end) for role in folder_result.profile.roles]
    assert roles == [
        ("Working Student", "2015-10", "2016-12"),
        ("Software Engineer", "2017-09", "2021-02"),
        ("Senior Software Engineer / Tech Lead", "2021-03", None),
    ]
    assert folder_result.profile.name == "Alex Kowalski"


def test_titles_map_to_backgrounds_with_score_and_source_text(folder_result: ImportResult) -> None:
    roles = {item.text: item for item in folder_result.mappings if item.kind == "role"}
    engineer = roles["Software Engineer"]
    assert (engineer.target, engineer.score, engineer.where) == (
        "software-engineer",
        100.0,
        "Positions.csv row 3",
    )
    assert roles["Senior Software Engineer / Tech Lead"].target in {"team-lead", "software-engineer"}
    assert all(0 < item.score <= 100 and item.via for item in folder_result.mappings)


def test_degree_level_and_field_and_a_coursera_certificate_is_no_degree(folder_result: ImportResult) -> None:
    degrees = folder_result.profile.degrees
    assert [(d.level, d.field, d.completed) for d in degrees] == [("bachelor", "computer-science", "2017-09")]
    google = next(item for item in folder_result.mappings if item.target == "google-pm")
    assert google.where == "Education.csv row 3" and google.kind == "certification"


def test_certifications_earned_from_start_and_lapsed_when_the_end_has_passed(
    folder_result: ImportResult,
) -> None:
    held = {c.id: (c.earned, c.status) for c in folder_result.profile.certifications}
    assert held == {
        "csm": (date(2022, 6, 1), "lapsed"),
        "psm-1": (date(2023, 11, 1), "active"),
        "google-pm": (date(2023, 4, 1), "active"),
    }
    csm = next(item for item in folder_result.mappings if item.target == "csm")
    assert csm.text == "Certified ScrumMaster® (CSM)" and csm.score == 100.0


def test_a_certificate_pathfinder_does_not_know_is_listed_not_invented(folder_result: ImportResult) -> None:
    unmapped = {(item.kind, item.text): item.reason for item in folder_result.unmapped}
    reason = unmapped[("certification", "AWS Certified Solutions Architect – Associate")]
    assert reason == "not a certification Pathfinder knows"
    assert ("skill", "Kubernetes") in unmapped


def test_skills_arrive_as_suggestions_never_as_ratings(folder_result: ImportResult) -> None:
    assert folder_result.profile.skills == {}
    suggested = {item.skill: item.level for item in folder_result.suggestions}
    assert suggested == {"stakeholder-management": 1, "scrum": 1, "roadmapping": 1, "risk-management": 1}


def test_open_questions_ask_what_the_file_cannot_say(folder_result: ImportResult) -> None:
    texts = [question.text for question in folder_result.questions]
    assert (
        "Did you lead projects as Senior Software Engineer / Tech Lead at Northwind Payments? From when?"
        in texts
    )
    assert any("only the year" in text and "2016" in text for text in texts)
    assert any("agile" in text and "sprint" in text for text in texts)


def test_columns_in_another_order_without_bom_and_missing_files(
    tmp_path: Path, shipped_catalog: Catalog
) -> None:
    (tmp_path / "Positions.csv").write_text(
        "Finished On,Started On,Description,Title,Company Name,Location\n,Jan 2024,,Product Owner,Acme,\n",
        encoding="utf-8",
    )
    (tmp_path / "Rich_Media.csv").write_text("x\n1\n", encoding="utf-8")
    result = map_found(read_found(tmp_path), shipped_catalog, TODAY)
    assert [(r.title, r.start, r.end) for r in result.profile.roles] == [("Product Owner", "2024-01", None)]
    assert result.found.files_missing == ["Profile.csv", "Education.csv", "Certifications.csv", "Skills.csv"]
