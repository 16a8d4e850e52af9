"""The report as Rich text for the terminal: ranked bars, each path's breakdown, certifications, sources.

Every bar carries its number and every status a symbol and a word, so nothing depends on colour
(``NO_COLOR`` and piped output read the same).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


def _ranking(report: Report) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    table = Table(title="Career paths, best fit first", title_justify="left", box=None, pad_edge=False)
    table.add_column("#", justify="right")
    table.add_column("Path")
    table.add_column("Fit", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    for fit in report.paths:
        name = Text(path_name(fit), style="bold" if fit.path == report.target else "")
        if fit.path == report.target:
            name.append(" ← target")
        table.add_row(str(fit.rank), name, Text(score_bar(fit.score), style="cyan"), score_text(fit.score))
    return table


NARROW = 72
"""Below this many columns the explanations go under the breakdown table instead of in a column."""


def _breakdown(fit: PathFit, is_target: bool, width: int) -> list[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    narrow = width < NARROW
    table = Table(
        title=breakdown_title(fit, is_target),
        title_justify="left",
        title_style="bold",
        show_footer=True,
        expand=not narrow,
    )
    table.add_column("Component", footer="Total")
    table.add_column("Weight", justify="right")
    table.add_column("Score", justify="right")
    table.add_column("Points", justify="right", footer=points(fit.score))
    if not narrow:
        table.add_column("How it was computed", ratio=1, overflow="fold")
    for component in fit.components:
        cells: list[RenderableType] = [
            component.label,
            percent(component.weight),
            percent(component.score),
            points(component.contribution),
        ]
        if not narrow:
            cells.append(Text(component.explanation))
        table.add_row(*cells)
    lines: list[RenderableType] = [table]
    if narrow:
        lines.extend(Text(f"  {c.label}: {c.explanation}") for c in fit.components)
    if fit.strengths:
        lines.append(Text.assemble(("  Strengths: ", "bold"), strengths_line(fit)))
    if fit.gaps:
        lines.append(Text("  Top gaps (largest first):", style="bold"))
        lines.extend(Text(f"    • {gap}") for gap in top_gaps(fit))
    return lines


def _certifications(report: Report) -> RenderableType:
    from rich.table import Table
    from rich.text import Text

    table = Table(title="Certifications", title_justify="left", expand=True)
    table.add_column("Certification", ratio=3, overflow="fold")
    table.add_column("Status", no_wrap=True)
    table.add_column("When / what is missing", ratio=4, overflow="fold")
    for status in report.certifications:
        words = certification_words(status, report.today)
        state = Text(f"{words.symbol} {words.label}", style=words.style)
        if status.unconfirmed:
            state.append(f"\n{UNCONFIRMED_NOTE}", style="yellow")
        table.add_row(Text(status.name), state, Text(words.detail))
    return table


def _sources(report: Report, catalog: Catalog) -> list[RenderableType]:
    from rich.text import Text

    lines: list[RenderableType] = [Text("Sources and dates of the figures above", style="bold")]
    for note in source_notes(report, catalog):
        lines.append(
            Text.assemble((f"• {note.name} ({note.details}): ", "dim bold"), (note.sources_text, "dim"))
        )
    return lines


def render_text(report: Report, catalog: Catalog, console: Console) -> None:
    """Print the whole report to ``console``."""
    from rich.text import Text

    header = Text.assemble(
        ("Pathfinder report", "bold"),
        f" · {report.today.isoformat()} · content {report.content_version} · target: {target_name(report)}",
    )
    console.print(header)
    console.print()
    console.print(_ranking(report))
    for fit in report.paths:
        console.print()
        for part in _breakdown(fit, fit.path == report.target, console.width):
            console.print(part)
    console.print()
    console.print(_certifications(report))
    console.print()
    for line in _sources(report, catalog):
        console.print(line)
