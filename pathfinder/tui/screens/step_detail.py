"""One plan step in full: its title, dates, effort and where that figure comes from, what it waits for,
its notes, and the resources that serve it (title, kind, hours, cost, address, source), where the person
marks the ones they used."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList, Static
from textual.widgets.option_list import Option

from pathfinder.plan.models import Step

if TYPE_CHECKING:
    from pathfinder.catalog.catalog import Catalog
    from pathfinder.catalog.models import Resource


def detail_lines(step: Step, steps: list[Step]) -> list[str]:
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
    return lines


def resource_prompt(resource: Resource, used: bool) -> str:
    """One resource as an option: title, kind, hours, cost, address and source; ✓ when marked used."""
    hours = f" · {resource.hours} h" if resource.hours else ""
    mark = "✓ used · " if used else ""
    return (
        f"{mark}[b]{escape(resource.title)}[/b] — {resource.kind}{hours} · {resource.cost}\n"
        f"{escape(resource.url)}\n"
        f"[i]source: {escape(resource.sources[0])} ({resource.as_of}, {resource.confidence})[/i]"
    )


@dataclass(frozen=True)
class DetailResult:
    """The step as the dialog leaves it (resources marked used), and whether to edit it next."""

    step: Step
    edit: bool = False


class StepDetail(ModalScreen[DetailResult]):
    """The step in full; enter or space on a resource marks it as the one you used (or unmarks it)."""

    BINDINGS = [
        Binding("escape,i", "close", "Close", id="detail-close"),
        Binding("e", "edit", "Edit", id="detail-edit"),
    ]

    def __init__(self, step: Step, steps: list[Step], catalog: Catalog | None) -> None:
        super().__init__()
        self.step, self.steps = step, steps
        self.resources = [catalog.resources[r] for r in step.resources if catalog and r in catalog.resources]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog step-detail"):
            yield Label(escape(self.step.title), classes="dialog-title", id="detail-title")
            with VerticalScroll(id="detail-body"):
                yield Static("\n".join(detail_lines(self.step, self.steps)), id="detail-text")
                count = len(self.resources)
                heading = f"[b]Resources[/b] ({count}) · enter marks the one you used" if count else ""
                yield Static(heading or "[b]Resources[/b] none listed", id="detail-resources-heading")
                if self.resources:
                    yield OptionList(*self.resource_options(), id="detail-resources")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Edit", id="detail-edit-button", compact=True)
                yield Button("Close", id="detail-close-button", variant="primary", compact=True)

    def resource_options(self) -> list[Option]:
        return [
            Option(resource_prompt(resource, resource.id in self.step.used), id=resource.id)
            for resource in self.resources
        ]

    def on_mount(self) -> None:
        if self.resources:
            self.query_one("#detail-resources", OptionList).focus(scroll_visible=False)
        else:
            self.query_one("#detail-body", VerticalScroll).focus()

    @on(OptionList.OptionSelected, "#detail-resources")
    def toggle_used(self, event: OptionList.OptionSelected) -> None:
        resource_id = event.option.id
        if resource_id is None:
            return
        used = [r for r in self.step.used if r != resource_id]
        if resource_id not in self.step.used:
            used.append(resource_id)
        self.step = self.step.model_copy(update={"used": used})
        options = self.query_one("#detail-resources", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(self.resource_options())
        options.highlighted = highlighted

    @on(Button.Pressed, "#detail-close-button")
    def action_close(self) -> None:
        self.dismiss(DetailResult(self.step))

    @on(Button.Pressed, "#detail-edit-button")
    def action_edit(self) -> None:
        self.dismiss(DetailResult(self.step, edit=True))
