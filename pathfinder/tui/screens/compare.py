"""Wizard step 5: two paths side by side (product vs project manager by default) and the ranking.

Every number sits in an option list: enter (or a click) opens why — components, weights, the skills
that counted, and where the facts come from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from pathfinder.engine.results import PathFit
from pathfinder.tui.screens.certifications import describe_status
from pathfinder.tui.screens.pane import WizardPane
from pathfinder.tui.widgets.fit import fit_bar

if TYPE_CHECKING:
    from pathfinder.catalog.models import CareerPath


class PathColumn(Vertical):
    """One path: selector, score, breakdown, strengths, gaps, certifications, typical week.

    Data comes down (the paths to choose from, then :meth:`render_fit`); what the person does goes up
    as messages (:class:`Switched`, :class:`NumberOpened`), which the compare pane handles.
    """

    class Switched(Message):
        """Another path was chosen in this column."""

        def __init__(self, column: PathColumn) -> None:
            super().__init__()
            self.column = column

    class NumberOpened(Message):
        """Enter (or a click) on a number of the column: ``option_id`` is ``fit``, ``component-<id>``
        or a certification id (``certification`` True)."""

        def __init__(self, column: PathColumn, option_id: str, *, certification: bool) -> None:
            super().__init__()
            self.column, self.option_id, self.certification = column, option_id, certification

    def __init__(self, side: str, path_id: str, paths: list[tuple[str, str]]) -> None:
        super().__init__(id=f"column-{side}", classes="path-column")
        self.side, self.path_id, self.paths = side, path_id, paths

    def compose(self) -> ComposeResult:
        yield Select(
            self.paths, value=self.path_id, allow_blank=False, id=f"select-{self.side}", compact=True
        )
        yield Label("Fit score · ⏎ on a number: why", classes="muted")
        yield OptionList(id=f"numbers-{self.side}", classes="numbers")
        yield Static("", id=f"skills-{self.side}", classes="column-text")
        yield Label("Certifications", classes="section-title")
        yield OptionList(id=f"certs-{self.side}", classes="numbers")
        yield Static("", id=f"about-{self.side}", classes="column-text")

    @on(Select.Changed)
    def path_switched(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str) and event.value != self.path_id:
            self.path_id = event.value
            self.post_message(self.Switched(self))

    @on(OptionList.OptionSelected)
    def number_opened(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        certification = (event.option_list.id or "").startswith("certs-")
        self.post_message(self.NumberOpened(self, event.option_id or "", certification=certification))

    def render_fit(
        self, fit: PathFit, total: int, path: CareerPath, certifications: list[tuple[str, str]]
    ) -> None:
        """Show ``fit`` (ranked among ``total`` paths) for ``path``, with its ``certifications`` as
        (id, what the person's status is) pairs."""
        numbers = self.query_one(f"#numbers-{self.side}", OptionList)
        numbers.set_options(
            [
                Option(
                    f"[b]Fit {fit.score:5.1f}[/b] {fit_bar(fit.score, number=False)} rank {fit.rank}/{total}",
                    id="fit",
                )
            ]
            + [
                Option(
                    f"  {escape(c.label):<14} {c.contribution:4.1f} pts"
                    f" [dim]{c.weight:.0%}×{c.score:.0%}[/dim]",
                    id=f"component-{c.id}",
                )
                for c in fit.components
            ]
        )
        numbers.highlighted = 0
        strengths = (
            ", ".join(f"{escape(s.name)} {s.level}/{s.target}" for s in fit.strengths[:3]) or "none yet"
        )
        gaps = ", ".join(f"{escape(g.name)} {g.level}/{g.target}" for g in fit.gaps[:3]) or "none"
        self.query_one(f"#skills-{self.side}", Static).update(
            f"[b]✓ Strengths:[/b] {strengths}\n[b]✗ Gaps:[/b] {gaps}"
        )
        certs = self.query_one(f"#certs-{self.side}", OptionList)
        cert_options = [Option(escape(text), id=cert_id) for cert_id, text in certifications]
        certs.set_options(cert_options or [Option("No certifications listed for this path", disabled=True)])
        week = "\n".join(f"  • {escape(item)}" for item in path.typical_week)
        self.query_one(f"#about-{self.side}", Static).update(
            f"[b]Goal:[/b] {escape(path.goal)}\n[b]Focus:[/b] {escape(path.focus)}\n"
            f"[b]A typical week:[/b]\n{week}"
        )


class ComparePane(WizardPane):
    """Two columns and the ranked list of every path."""

    def compose(self) -> ComposeResult:
        comparison = self.catalog.comparison
        paths = [(path.name, path.id) for path in self.catalog.paths.values()]
        with VerticalScroll(id="compare-scroll"):
            with Horizontal(id="compare-columns"):
                yield PathColumn("left", comparison.left, paths)
                yield PathColumn("right", comparison.right, paths)
            with Vertical(id="ranked-box"):
                yield Label("All paths, best fit first", classes="section-title")
                yield OptionList(id="ranked", classes="numbers")

    def on_mount(self) -> None:
        self.shown()

    def focus_first(self) -> None:
        self.query_one("#numbers-left", OptionList).focus()

    def shown(self) -> None:
        """Ask the engine for every path's fit and each certification's status, then render."""
        from pathfinder.engine import all_certification_statuses, rank_paths

        self.fits = {fit.path: fit for fit in rank_paths(self.profile, self.catalog, self.today)}
        self.statuses = {
            s.certification: s for s in all_certification_statuses(self.profile, self.catalog, self.today)
        }
        for column in self.query(PathColumn):
            self.render_column(column)
        ranked = sorted(self.fits.values(), key=lambda fit: fit.rank)
        self.query_one("#ranked", OptionList).set_options(
            Option(f"{fit.rank}. {escape(fit.name):<26} {fit_bar(fit.score)}", id=fit.path) for fit in ranked
        )

    def render_column(self, column: PathColumn) -> None:
        fit = self.fits.get(column.path_id)
        if fit is None:
            return
        path = self.catalog.paths[fit.path]
        certifications = [
            (item.certification, describe_status(status, self.today, self.catalog))
            for item in path.certifications
            if (status := self.statuses.get(item.certification)) is not None
        ]
        column.render_fit(fit, len(self.fits), path, certifications)

    @on(PathColumn.Switched)
    def path_switched(self, event: PathColumn.Switched) -> None:
        self.render_column(event.column)

    @on(PathColumn.NumberOpened)
    def column_number_opened(self, event: PathColumn.NumberOpened) -> None:
        from pathfinder.tui.screens.explain import explain_certification, explain_component, explain_fit

        fit, option_id = self.fits[event.column.path_id], event.option_id
        if event.certification and option_id in self.statuses:
            self.app.push_screen(explain_certification(self.statuses[option_id], self.catalog, self.today))
        elif option_id == "fit":
            self.app.push_screen(explain_fit(fit, self.catalog))
        elif option_id.startswith("component-"):
            component = next(c for c in fit.components if c.id == option_id.removeprefix("component-"))
            self.app.push_screen(explain_component(fit, component, self.catalog))

    @on(OptionList.OptionSelected, "#ranked")
    def ranked_opened(self, event: OptionList.OptionSelected) -> None:
        from pathfinder.tui.screens.explain import explain_fit

        self.app.push_screen(explain_fit(self.fits[event.option_id or ""], self.catalog))
