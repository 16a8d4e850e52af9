"""The posting X-ray: the postings set with expected paths, evidence quoted from the posting, the gap."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from pathfinder.catalog.catalog import Catalog
from pathfinder.engine.posting import MAX_POSTING_CHARS, posting_lines, xray_posting
from pathfinder.engine.posting_gaps import posting_gaps
from pathfinder.profile import HeldCertification, Profile, Role

POSTINGS = Path(__file__).parent / "data" / "postings"
EXPECTED = tomllib.loads((POSTINGS / "expected.toml").read_text(encoding="utf-8"))["posting"]
TODAY = date(2026, 12, 5)


def read(name: str) -> str:
    return (POSTINGS / name).read_text(encoding="utf-8")


def test_the_postings_set_is_large_enough_and_has_misleading_titles() -> None:
    assert len(EXPECTED) >= 12
    assert sum(1 for item in EXPECTED if item.get("misleading")) >= 4
    assert {item["path"] for item in EXPECTED} == {
        "product-manager",
        "project-manager",
        "product-owner",
        "program-manager",
        "scrum-master",
        "technical-program-manager",
    }


def test_the_top_path_is_right_on_at_least_nine_of_ten(shipped_catalog: Catalog) -> None:
    misses = [
        (item["file"], item["path"], xray.paths[0].id)
        for item in EXPECTED
        if (xray := xray_posting(read(item["file"]), shipped_catalog)).paths[0].id != item["path"]
    ]
    assert len(misses) <= len(EXPECTED) // 10, misses


@pytest.mark.parametrize(
    "item", [item for item in EXPECTED if item.get("misleading")], ids=lambda item: item["file"]
)
def test_a_misleading_title_does_not_decide(item: dict[str, str], shipped_catalog: Catalog) -> None:
    assert xray_posting(read(item["file"]), shipped_catalog).paths[0].id == item["path"]


def test_every_evidence_line_is_quoted_from_the_posting_with_its_reasons(shipped_catalog: Catalog) -> None:
    text = read("implementation-product-manager.txt")
    xray = xray_posting(text, shipped_catalog)
    top = xray.paths[0]
    assert top.id == "project-manager" and xray.title == "Product Manager (Implementation)"
    assert len(top.evidence) == 3
    for line in top.evidence:
        assert line.text in text
        assert line.reasons[top.id]
    assert any("change requests" in line.text for line in top.evidence)
    assert round(sum(path.score for path in xray.paths)) == 100


def test_what_it_asks_for_skills_certifications_years_and_degree(shipped_catalog: Catalog) -> None:
    xray = xray_posting(read("it-project-manager.txt"), shipped_catalog)
    assert {item.id for item in xray.certifications} == {"pmp", "prince2-practitioner"}
    assert all(item.required for item in xray.certifications)
    skills = {item.id: item for item in xray.skills}
    assert "formal change control process" in skills["change-control"].evidence
    assert {"scheduling", "risk-management", "vendor-management", "budgeting"} <= set(skills)
    assert xray.years is not None and xray.years.value == 5
    assert xray.degree is not None and xray.degree.value == "bachelor"


def test_a_degree_named_only_as_a_plus_is_not_required(shipped_catalog: Catalog) -> None:
    xray = xray_posting("Scrum Master\nAn MBA is a plus.\nFacilitate retrospectives.", shipped_catalog)
    assert xray.degree is None
    xray = xray_posting("Programme manager\nDegree level education; an MBA is desirable.", shipped_catalog)
    assert xray.degree is not None and xray.degree.value == "bachelor"


def test_acronyms_match_their_case_only(shipped_catalog: Catalog) -> None:
    xray = xray_posting(
        "Scrum Master\nKeep the team safe; a pmp is nothing here.\nSAFe and PMP wanted.", shipped_catalog
    )
    assert [(m.id, m.line) for m in xray.certifications] == [("pmp", 3)]
    assert [m.line for m in xray.skills if m.id == "scaled-agile"] == [3]


def test_a_posting_about_something_else_is_said_to_be_weak_evidence(shipped_catalog: Catalog) -> None:
    xray = xray_posting(
        "Registered Nurse\nNight shifts on the cardiology ward.\nValid nursing licence.", shipped_catalog
    )
    assert xray.weak


def test_a_huge_posting_is_cut_and_said_so(shipped_catalog: Catalog) -> None:
    text = read("scrum-master.txt") + "\n" + "Facilitate retrospectives and remove impediments. " * 5000
    xray = xray_posting(text, shipped_catalog)
    assert xray.truncated and len(text) > MAX_POSTING_CHARS
    assert xray.paths[0].id == "scrum-master"
    assert all(len(line) <= 400 for _, line in posting_lines(text[:MAX_POSTING_CHARS]))


def test_the_gap_to_a_posting_names_skills_certifications_experience_and_steps(
    shipped_catalog: Catalog,
) -> None:
    profile = Profile(
        roles=[
            Role(title="Coordinator", background="project-coordinator", start="2024-01", led_projects=True)
        ],
        certifications=[HeldCertification(id="prince2-practitioner", earned=date(2025, 1, 10))],
        skills={"scheduling": 4, "risk-management": 1},
    )
    xray = xray_posting(read("it-project-manager.txt"), shipped_catalog)
    gaps = posting_gaps(xray, profile, shipped_catalog, TODAY)
    assert gaps.path == "project-manager"
    by_id = {gap.id: gap for gap in gaps.gaps}
    assert "scheduling" not in by_id
    assert (by_id["risk-management"].have, by_id["risk-management"].need) == ("1", "4")
    assert by_id["pmp"].kind == "certification" and "prince2-practitioner" not in by_id
    assert by_id["experience"].need == "5 years" and by_id["experience"].have == "2.9 years"
    assert by_id["bachelor"].kind == "degree"
    assert gaps.steps and all(
        step.ref in by_id or step.kind in ("experience", "education") for step in gaps.steps
    )
    assert any(step.ref == "risk-management" for step in gaps.steps)
