"""Wizard step 5: two paths side by side (product vs project manager by default) and the ranking.

Every number sits in an option list: enter (or a click) opens why — components, weights, the skills
that counted, and where the facts come from.
"""

from __future__ import annotations

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from pathfinder.engine.results import CertificationStatus, PathFit
from pathfinder.tui.screens.certifications import describe_status
from pathfinder.tui.screens.pane import WizardPane
from pathfinder.tui.widgets.fit import fit_bar


class PathColumn(Vertical):
    """One path: selector, score, breakdown, strengths, gaps, certifications, typical week."""

    def __init__(self, side: str, path_id: str) -> None:
        super().__init__(id=f"column-{side}", classes="path-column")
        self.side, self.path_id = side, path_id

    def compose(self) -> ComposeResult:
        pane = self.pane
        options = [(path.name, path.id) for path in pane.catalog.paths.values()]
        yield Select(options, value=self.path_id, allow_blank=False, id=f"select-{self.side}", compact=True)
        yield Label("Fit score · ⏎ on a number: why", classes="muted")
        yield OptionList(id=f"numbers-{self.side}", classes="numbers")
        yield Static("", id=f"skills-{self.side}", classes="column-text")
        yield Label("Certifications", classes="section-title")
        yield OptionList(id=f"certs-{self.side}", classes="numbers")
        yield Static("", id=f"about-{self.side}", classes="column-text")

    @property
    def pane(self) -> ComparePane:
        return next(a for a in self.ancestors if isinstance(a, ComparePane))

    def render_fit(self, fit: PathFit, statuses: dict[str, CertificationStatus], total: int) -> None:
        pane = self.pane
        path = pane.catalog.paths[fit.path]
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
        cert_options = []
        for item in path.certifications:
            status = statuses.get(item.certification)
            if status is not None:
                cert_options.append(
                    Option(escape(describe_status(status, pane.today, pane.catalog)), id=item.certification)
                )
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
        with VerticalScroll(id="compare-scroll"):
            with Horizontal(id="compare-columns"):
                yield PathColumn("left", comparison.left)
                yield PathColumn("right", comparison.right)
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
        if fit is not None:
            column.render_fit(fit, self.statuses, len(self.fits))

    @on(Select.Changed, ".path-column Select")
    def path_switched(self, event: Select.Changed) -> None:
        column = next(a for a in event.select.ancestors if isinstance(a, PathColumn))
        if isinstance(event.value, str) and event.value != column.path_id:
            column.path_id = event.value
            self.render_column(column)

    @on(OptionList.OptionSelected, ".numbers")
    def number_opened(self, event: OptionList.OptionSelected) -> None:
        from pathfinder.tui.screens.explain import explain_certification, explain_component, explain_fit

        list_id = event.option_list.id or ""
        option_id = event.option_id or ""
        if list_id == "ranked":
            self.app.push_screen(explain_fit(self.fits[option_id], self.catalog))
            return
        column = next(a for a in event.option_list.ancestors if isinstance(a, PathColumn))
        fit = self.fits[column.path_id]
        if list_id.startswith("certs-") and option_id in self.statuses:
            self.app.push_screen(explain_certification(self.statuses[option_id], self.catalog, self.today))
        elif option_id == "fit":
            self.app.push_screen(explain_fit(fit, self.catalog))
        elif option_id.startswith("component-"):
            component = next(c for c in fit.components if c.id == option_id.removeprefix("component-"))
            self.app.push_screen(explain_component(fit, component, self.catalog))
