"""The report as printable Markdown: the same sections as the text report, in tables and lists."""

from __future__ import annotations

from pathfinder.catalog.catalog import Catalog
from pathfinder.engine.results import PathFit, Report
from pathfinder.engine.wording import percent
from pathfinder.render.common import (
    UNCONFIRMED_NOTE,
    breakdown_title,
    certification_words,
    path_name,
    points,
    score_bar,
    score_text,
    source_notes,
    strengths_line,
    target_name,
    top_gaps,
)


def cell(text: str) -> str:
    """Text made safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def _ranking(report: Report) -> list[str]:
    lines = ["## Career paths, best fit first", "", "| # | Path | Fit | Score |", "|---:|---|---|---:|"]
    for fit in report.paths:
        name = cell(path_name(fit)) + (" **← target**" if fit.path == report.target else "")
        lines.append(f"| {fit.rank} | {name} | `{score_bar(fit.score)}` | {score_text(fit.score)} |")
    return lines


def _breakdown(fit: PathFit, is_target: bool) -> list[str]:
    lines = [
        f"### {breakdown_title(fit, is_target)}",
        "",
        "| Component | Weight | Score | Points | How it was computed |",
        "|---|---:|---:|---:|---|",
    ]
    for component in fit.components:
        lines.append(
            f"| {cell(component.label)} | {percent(component.weight)} | {percent(component.score)} "
            f"| {points(component.contribution)} | {cell(component.explanation)} |"
        )
    lines.append(f"| **Total** | | | **{points(fit.score)}** | |")
    if fit.strengths:
        lines += ["", "**Strengths:** " + strengths_line(fit)]
    if fit.gaps:
        lines += ["", "**Top gaps (largest first):**", ""]
        lines += [f"- {gap}" for gap in top_gaps(fit)]
    return lines


def _certifications(report: Report) -> list[str]:
    lines = [
        "## Certifications",
        "",
        "| Certification | Status | When / what is missing | Note |",
        "|---|---|---|---|",
    ]
    for status in report.certifications:
        words = certification_words(status, report.today)
        note = UNCONFIRMED_NOTE if status.unconfirmed else ""
        lines.append(
            f"| {cell(status.name)} | {words.symbol} {words.label} | {cell(words.detail)} | {note} |"
        )
    return lines


def _sources(report: Report, catalog: Catalog) -> list[str]:
    lines = ["## Sources and dates", ""]
    for note in source_notes(report, catalog):
        lines.append(f"- **{note.name}** ({note.details}): {note.sources_text}")
    return lines


def report_sections(report: Report, catalog: Catalog) -> tuple[list[str], list[str]]:
    """The report's sections as Markdown lines (H2 and below): (ranking to certifications, sources)."""
    lines = _ranking(report)
    lines += ["", "## How each score is made", ""]
    for fit in report.paths:
        lines += [*_breakdown(fit, fit.path == report.target), ""]
    lines += [*_certifications(report), ""]
    return lines, [*_sources(report, catalog), ""]


def render_markdown(report: Report, catalog: Catalog) -> str:
    """The whole report as a Markdown document (ends with a newline)."""
    lines = [
        "# Pathfinder report",
        "",
        f"Date: {report.today.isoformat()} · Content version: {report.content_version} · "
        f"Target: {target_name(report)}",
        "",
    ]
    body, sources = report_sections(report, catalog)
    return "\n".join([*lines, *body, *sources])
