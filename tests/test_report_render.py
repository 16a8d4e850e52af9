"""The renderers on a hand-made report: numbers beside bars, words beside symbols, sources, stable JSON."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest
from rich.console import Console

from pathfinder.catalog.catalog import Catalog
from pathfinder.engine.results import (
    CertificationStatus,
    FitComponent,
    PathFit,
    Report,
    SkillGap,
    SkillStrength,
)
from pathfinder.render import REPORT_FORMAT, render_json, render_markdown, render_text, report_json
from pathfinder.render.common import score_bar


@pytest.fixture
def catalog(valid_catalog: Catalog) -> Catalog:
    """The small fixture content (tests/data/content/valid)."""
    return valid_catalog


def component(id_: str, weight: float, score: float) -> FitComponent:
    return FitComponent(
        id=id_,
        label=id_.capitalize(),
        weight=weight,
        score=score,
        contribution=round(weight * score * 100, 1),
        explanation=f"{id_} | explained",
    )


def make_report() -> Report:
    project = PathFit(
        path="project-manager",
        name="Project manager",
        score=72.5,
        rank=1,
        components=[component("skills", 0.5, 0.75), component("experience", 0.5, 0.7)],
        strengths=[
            SkillStrength(skill="project-planning", name="Project planning", importance=5, target=3, level=4)
        ],
        gaps=[
            SkillGap(
                skill="stakeholder-management",
                name="Stakeholder management",
                importance=4,
                target=3,
                level=1,
                shortfall=2,
                cost=8,
            )
        ],
    )
    product = PathFit(
        path="product-manager",
        name="Product manager",
        score=40.0,
        rank=2,
        components=[component("skills", 1.0, 0.4)],
        strengths=[],
        gaps=[],
    )
    certifications = [
        CertificationStatus(
            certification="pmp",
            name="Project Management Professional",
            held=False,
            eligible=False,
            route="Four-year degree",
            missing=["12 more months leading projects (have 24 of 36)"],
            earliest_date=date(2027, 11, 1),
        ),
        CertificationStatus(
            certification="capm",
            name="Certified Associate in Project Management",
            held=False,
            eligible=True,
            route="Secondary",
            missing=[],
            earliest_date=None,
            unconfirmed=True,
        ),
    ]
    return Report(
        today=date(2026, 11, 25),
        content_version="test-1",
        target="project-manager",
        paths=[project, product],
        certifications=certifications,
    )


def test_score_bar_length_and_fill() -> None:
    assert score_bar(0) == "░" * 20
    assert score_bar(100) == "█" * 20
    assert score_bar(72.5) == "█" * 15 + "░" * 5
    assert len(score_bar(250)) == 20


def text_of(report: Report, catalog: Catalog) -> str:
    buffer = io.StringIO()
    render_text(report, catalog, Console(file=buffer, width=160, no_color=True, highlight=False))
    return buffer.getvalue()


def test_text_shows_numbers_words_and_sources(catalog: Catalog) -> None:
    out = text_of(make_report(), catalog)
    assert "Project manager ← target" in out
    assert "███████████████░░░░░  72.5 / 100" in out
    assert "1. Project manager: 72.5 / 100 (your target)" in out
    assert "Total" in out and "72.5" in out
    assert "Strengths: Project planning: expert (target proficient)" in out
    assert "Stakeholder management: aware → proficient (importance 4, cost 8)" in out
    assert "◷ not yet" in out and "earliest 2027-11-01; needs 12 more months leading projects" in out
    assert "✓ eligible now" in out and "⚠ unconfirmed rule" in out
    assert "Project manager (path; checked" in out and "CAPM (certification; checked" in out


def test_markdown_has_tables_and_escapes_pipes(catalog: Catalog) -> None:
    out = render_markdown(make_report(), catalog)
    assert out.startswith("# Pathfinder report\n") and out.endswith("\n")
    assert "| 1 | Project manager **← target** | `███████████████░░░░░` | 72.5 / 100 |" in out
    assert "skills \\| explained" in out  # a pipe in an explanation does not break the table
    assert "| **Total** | | | **72.5** | |" in out
    assert "| Certified Associate in Project Management | ✓ eligible now |  | ⚠ unconfirmed rule |" in out
    assert "## Sources and dates" in out and "- **PMP** (certification; checked" in out


def test_json_shape_is_documented(catalog: Catalog) -> None:
    data = report_json(make_report(), catalog)
    assert list(data) == [
        "report_format",
        "pathfinder_version",
        "content_version",
        "today",
        "target",
        "paths",
        "certifications",
    ]
    assert data["report_format"] == REPORT_FORMAT
    first = data["paths"][0]
    assert list(first) == [
        "id",
        "name",
        "score",
        "rank",
        "is_target",
        "breakdown",
        "strengths",
        "gaps",
        "sources",
        "as_of",
        "confidence",
    ]
    assert first["breakdown"][0] == {
        "id": "skills",
        "label": "Skills",
        "weight": 0.5,
        "score": 0.75,
        "contribution": 37.5,
        "explanation": "skills | explained",
    }
    pmp = data["certifications"][0]
    assert pmp["id"] == "pmp" and pmp["earliest_date"] == "2027-11-01" and pmp["eligible"] is False
    assert json.loads(render_json(make_report(), catalog)) == data


def test_json_without_catalog_has_no_sources() -> None:
    data = report_json(make_report())
    assert "sources" not in data["paths"][0] and "sources" not in data["certifications"][0]


def test_ids_the_catalog_lacks_are_rendered_without_sources(catalog: Catalog) -> None:
    report = make_report().model_copy(
        update={
            "paths": [make_report().paths[0].model_copy(update={"path": "astronaut", "name": "Astronaut"})],
            "target": None,
        }
    )
    out = text_of(report, catalog)
    assert "Astronaut" in out and "Astronaut (path" not in out
    assert "target: none chosen" in out


def test_a_date_that_has_come_is_not_shown_as_a_wait(catalog: Catalog) -> None:
    report = make_report()
    due_now = report.certifications[0].model_copy(update={"earliest_date": report.today})
    out = text_of(report.model_copy(update={"certifications": [due_now]}), catalog)
    assert "✗ not yet" in out and "needs 12 more months" in out and "earliest" not in out


def test_a_narrow_terminal_puts_explanations_under_the_table(catalog: Catalog) -> None:
    buffer = io.StringIO()
    render_text(make_report(), catalog, Console(file=buffer, width=60, no_color=True, highlight=False))
    out = buffer.getvalue()
    assert "How it was computed" not in out
    assert "  Skills: skills | explained" in out
    assert max(len(line) for line in out.splitlines()) <= 60
