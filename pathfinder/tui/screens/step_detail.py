"""One plan step in full: its title, dates, effort and where that figure comes from, what it waits for,
its notes, and the resources that serve it (title, kind, hours, cost, address, source)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

if TYPE_CHECKING:
    from pathfinder.catalog.catalog import Catalog
    from pathfinder.plan.models import Step

EDIT = "edit"


def detail_lines(step: Step, steps: list[Step], catalog: Catalog | None) -> list[str]:
    """The step's facts as lines of Rich markup (user and content text escaped)."""
    facts = [f"[b]Status[/b] {step.status}"]
    if step.due is not None:
        facts.append(f"[b]Due[/b] {step.due.isoformat()}")
    if step.earliest is not None:
        facts.append(f"[b]Not before[/b] {step.earliest.isoformat()}")
    lines = ["  ·  ".join(facts)]
    if step.effort_hours is not None:
        source = escape(step.effort_source) if step.effort_source else "an estimate"
        lines.append(f"[b]Effort[/b] {step.effort_hours} h — {source}")
    titles = {other.id: other.title for other in steps}
    if step.after:
        after = ", ".join(escape(titles.get(dep, dep)) for dep in step.after)
        lines.append(f"[b]After[/b] {after}")
    if step.notes.strip():
        lines += ["", "[b]Notes[/b]", *(escape(line) for line in step.notes.splitlines() if line.strip())]
    resources = [catalog.resources[rid] for rid in step.resources if catalog and rid in catalog.resources]
    lines += ["", f"[b]Resources[/b] ({len(resources)})" if resources else "[b]Resources[/b] none listed"]
    for resource in resources:
        hours = f" · {resource.hours} h" if resource.hours else ""
        lines.append(f"• [b]{escape(resource.title)}[/b] — {resource.kind}{hours} · {resource.cost}")
        lines.append(f"  {escape(resource.url)}")
        lines.append(
            f"  [i]source: {escape(resource.sources[0])} ({resource.as_of}, {resource.confidence})[/i]"
        )
    return lines


class StepDetail(ModalScreen[str | None]):
    """Read-only; returns ``"edit"`` when the person asks to edit the step, else None."""

    BINDINGS = [
        Binding("escape,i", "close", "Close", id="detail-close"),
        Binding("e", "edit", "Edit", id="detail-edit"),
    ]

    def __init__(self, step: Step, steps: list[Step], catalog: Catalog | None) -> None:
        super().__init__()
        self.step, self.steps, self.catalog = step, steps, catalog

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog step-detail"):
            yield Label(escape(self.step.title), classes="dialog-title", id="detail-title")
            with VerticalScroll(id="detail-body"):
                yield Static("\n".join(detail_lines(self.step, self.steps, self.catalog)), id="detail-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Edit", id="detail-edit-button", compact=True)
                yield Button("Close", id="detail-close-button", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#detail-body", VerticalScroll).focus()

    @on(Button.Pressed, "#detail-close-button")
    def action_close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#detail-edit-button")
    def action_edit(self) -> None:
        self.dismiss(EDIT)
