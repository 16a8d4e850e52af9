"""“Why this number?”: the components, weights, skills that counted and the sources behind a result."""

from __future__ import annotations

from datetime import date

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from pathfinder.catalog.catalog import Catalog
from pathfinder.engine.results import CertificationStatus, FitComponent, PathFit
from pathfinder.tui.screens.dialog_base import Dialog
from pathfinder.tui.widgets.fit import fit_bar, sources_line


class ExplainScreen(Dialog[None]):
    """A scrollable explanation in a dialog; escape or enter closes it."""

    BINDINGS = [Binding("escape,enter", "close", "Close", id="explain-close")]

    def __init__(self, title: str, body: str) -> None:
        super().__init__(id="explain")
        self.title_text, self.body = title, body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog explain-dialog"):
            yield Label(escape(self.title_text), classes="dialog-title")
            with VerticalScroll(id="explain-body"):
                yield Static(self.body)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", id="close", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#explain-body").focus()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(None)


def components_table(fit: PathFit) -> list[str]:
    lines = ["[b]How the score adds up[/b]  (points = weight × score × 100)"]
    for component in fit.components:
        lines.append(
            f"  {escape(component.label):<16} weight {component.weight:4.2f} × {component.score:4.0%}"
            f" = {component.contribution:5.1f} pts"
        )
    lines.append(f"  {'Total':<16} {'':>20} = {fit.score:5.1f} / 100")
    return lines


def skills_lines(fit: PathFit) -> list[str]:
    lines = ["", "[b]Skills that counted most[/b]"]
    for strength in fit.strengths[:6]:
        lines.append(
            f"  ✓ {escape(strength.name)}: you {strength.level}/4, path wants {strength.target}"
            f" (importance {strength.importance})"
        )
    for gap in fit.gaps[:6]:
        lines.append(
            f"  ✗ {escape(gap.name)}: you {gap.level}/4, path wants {gap.target}"
            f" (importance {gap.importance} × shortfall {gap.shortfall} = cost {gap.cost})"
        )
    return lines


def path_sources(catalog: Catalog, path_id: str) -> list[str]:
    path = catalog.paths.get(path_id)
    if path is None:
        return []
    lines = ["", "[b]Where the facts come from[/b]", sources_line(path.sources, path.as_of, path.confidence)]
    for fact in path.facts:
        lines.append(
            f"  • {escape(fact.label)}: {escape(fact.value)}"
            f" [dim]({escape(fact.as_of)}, {fact.confidence})[/dim]"
        )
    for occupation in path.occupations:
        proxy = " — a proxy" if occupation.proxy else ""
        lines.append(f"  • {occupation.system} {escape(occupation.code)} {escape(occupation.title)}{proxy}")
    return lines


def explain_fit(fit: PathFit, catalog: Catalog) -> ExplainScreen:
    """The whole fit score: every component, the skills that counted, and the path's sources."""
    lines = [f"Fit [b]{fit.score:.1f}[/b] / 100 — rank {fit.rank}", fit_bar(fit.score), ""]
    lines += components_table(fit)
    for component in fit.components:
        lines.append(f"  [dim]{escape(component.label)}:[/dim] {escape(component.explanation)}")
    lines += skills_lines(fit)
    lines += path_sources(catalog, fit.path)
    return ExplainScreen(f"Why {fit.name} scores {fit.score:.1f}", "\n".join(lines))


def explain_component(fit: PathFit, component: FitComponent, catalog: Catalog) -> ExplainScreen:
    """One component: its weight, score, contribution and the sentence that explains it."""
    lines = [
        f"[b]{escape(component.label)}[/b] for {escape(fit.name)}",
        "",
        f"Score {component.score:.0%} × weight {component.weight:.2f} → {component.contribution:.1f} points "
        f"of the {fit.score:.1f} total.",
        "",
        escape(component.explanation),
    ]
    if component.id == "skills":
        lines += skills_lines(fit)
    lines += path_sources(catalog, fit.path)
    return ExplainScreen(f"{component.label}: {component.contribution:.1f} points", "\n".join(lines))


def explain_certification(status: CertificationStatus, catalog: Catalog, today: date) -> ExplainScreen:
    """A certification's eligibility: the rule, the route, what is missing, and its sources."""
    from pathfinder.tui.screens.certifications import describe_status

    certification = catalog.certifications.get(status.certification)
    lines = [escape(describe_status(status, today, catalog)), ""]
    if certification is not None:
        lines += [
            f"[b]{escape(certification.name)}[/b] — {escape(certification.issuer)}",
            escape(certification.summary),
            "",
        ]
        lines += ["[b]The rule[/b]", escape(certification.eligibility.statement)]
    if status.route:
        lines += ["", f"Nearest route: {escape(status.route)}"]
    if status.missing:
        lines += ["", "[b]Still needed[/b]"] + [f"  • {escape(item)}" for item in status.missing]
    if status.unconfirmed:
        lines += ["", "[i]This rule is not confirmed by the issuer: treat it as a guide, not a promise.[/i]"]
    if certification is not None:
        eligibility = certification.eligibility
        lines += ["", sources_line(eligibility.sources, eligibility.as_of, eligibility.confidence)]
        for fee in certification.fees:
            lines.append(f"  • {escape(fee.label)}: {escape(fee.value)} [dim]({escape(fee.as_of)})[/dim]")
    return ExplainScreen(f"{status.name}: eligibility", "\n".join(lines))
