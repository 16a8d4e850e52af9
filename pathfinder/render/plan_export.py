"""A plan for other tools: JSON for scripts, Markdown to read or print, iCalendar for a calendar app.

All three show each step with its resources (title, kind, hours, cost, address, source). The calendar
holds the dated steps, the days a certification becomes possible and the renewal deadlines of the
credentials held; every event's UID is derived from the plan's creation time and the step's stable id, so
importing a re-export updates the events instead of duplicating them. See docs/plan-json.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pathfinder.catalog.catalog import Catalog
from pathfinder.catalog.models import Resource
from pathfinder.engine.credentials import expiry
from pathfinder.engine.results import Report
from pathfinder.engine.schedule import ready_by
from pathfinder.plan.models import Plan, Step

MARKS = {"todo": "[ ]", "doing": "[~]", "done": "[x]", "skipped": "[-]"}
ESTIMATE = "estimate"


@dataclass(frozen=True)
class HedgeLines:
    """What the hedge adds to an export: each target's ready-by date and the cost of switching."""

    ready_by: dict[str, date | None]
    switching: list[str]


def hedge_lines(plan: Plan, catalog: Catalog) -> HedgeLines | None:
    """Both ready-by dates and the switching cost when the plan keeps a second path open."""
    if not plan.target or not plan.also:
        return None
    from pathfinder.engine.hedge import hedge_summary, switching_words

    hedge = hedge_summary(plan.profile, plan.steps, plan.target, plan.also, catalog)
    if hedge is None:
        return None
    return HedgeLines(
        ready_by={hedge.first.path: hedge.first.ready_by, hedge.second.path: hedge.second.ready_by},
        switching=switching_words(hedge),
    )


def step_resources(step: Step, catalog: Catalog | None) -> list[Resource]:
    """The catalog resources a step names, in its order (unknown ids are left out)."""
    if catalog is None:
        return []
    return [catalog.resources[rid] for rid in step.resources if rid in catalog.resources]


def resource_line(resource: Resource) -> str:
    """``Title — course, 60 h, paid — https://… (source: …)``."""
    facts = [resource.kind, *([f"{resource.hours} h"] if resource.hours else []), resource.cost]
    return f"{resource.title} — {', '.join(facts)} — {resource.url} (source: {resource.sources[0]})"


def plan_json(plan: Plan, catalog: Catalog | None, hedge: HedgeLines | None = None) -> dict[str, Any]:
    """The plan as plain JSON-ready data (the shape docs/plan-json.md describes)."""
    due = ready_by(plan.steps)
    data: dict[str, Any] = {
        "name": plan.name,
        "target": plan.target,
        "also": plan.also,
        "hours_per_week": plan.hours_per_week,
        "ready_by": due.isoformat() if due else None,
        "steps": [
            {
                "id": step.id,
                "kind": step.kind,
                "title": step.title,
                "due": step.due.isoformat() if step.due else None,
                "status": step.status,
                "after": list(step.after),
                "effort_hours": step.effort_hours,
                "effort_source": step.effort_source or (ESTIMATE if step.effort_hours is not None else None),
                "earliest": step.earliest.isoformat() if step.earliest else None,
                "notes": step.notes,
                "resources": [
                    {
                        "id": resource.id,
                        "title": resource.title,
                        "kind": resource.kind,
                        "url": resource.url,
                        "hours": resource.hours,
                        "cost": resource.cost,
                        "source": resource.sources[0],
                        "used": resource.id in step.used,
                    }
                    for resource in step_resources(step, catalog)
                ],
            }
            for step in plan.steps
        ],
    }
    if hedge is not None:
        data["hedge"] = {
            "ready_by": {path: day.isoformat() if day else None for path, day in hedge.ready_by.items()},
            "switching": hedge.switching,
        }
    return data


def _path_name(path_id: str | None, catalog: Catalog | None) -> str:
    if path_id is None:
        return "none"
    if catalog is not None and path_id in catalog.paths:
        return catalog.paths[path_id].name
    return path_id


def _step_lines(step: Step, catalog: Catalog | None) -> list[str]:
    due = f" — due {step.due.isoformat()}" if step.due else ""
    lines = [f"- {MARKS[step.status]} **{step.title}** ({step.status}){due}"]
    if step.effort_hours is not None:
        lines.append(f"  - Effort: {step.effort_hours} h ({step.effort_source or ESTIMATE})")
    if step.after:
        lines.append(f"  - After: {', '.join(step.after)}")
    for note in step.notes.splitlines():
        if note.strip():
            lines.append(f"  - {note.strip()}")
    resources = step_resources(step, catalog)
    if resources:
        lines.append("  - Resources:")
        lines += [
            f"    - {'✓ used: ' if resource.id in step.used else ''}{resource_line(resource)}"
            for resource in resources
        ]
    return lines


def plan_markdown(
    plan: Plan, catalog: Catalog | None, report: Report | None = None, hedge: HedgeLines | None = None
) -> str:
    """The plan as one Markdown document: a single H1, the plan and its steps with their resources, then
    the fit report (when given), and the sources last."""
    done, skipped, total = plan.status_counts()
    due = ready_by(plan.steps)
    lines = [
        f"# {plan.name}",
        "",
        f"Target: {_path_name(plan.target, catalog)}"
        + (f" · also kept open: {_path_name(plan.also, catalog)}" if plan.also else "")
        + f" · {plan.hours_per_week} study hours a week · ready by {due.isoformat() if due else '—'}",
        "",
    ]
    if hedge is not None:
        lines += ["## Two targets", ""]
        lines += [
            f"- {_path_name(p, catalog)}: ready by {d.isoformat() if d else '—'}"
            for p, d in hedge.ready_by.items()
        ]
        lines += [f"- {sentence}" for sentence in hedge.switching]
        lines.append("")
    lines += [f"## Steps ({done} done · {skipped} skipped of {total})", ""]
    for step in plan.steps:
        lines += _step_lines(step, catalog)
    lines.append("")
    if report is not None and catalog is not None:
        from pathfinder.render.markdown import report_sections

        body, sources = report_sections(report, catalog)
        lines += [*body, *sources]
    return "\n".join(lines).rstrip("\n") + "\n"


def _uid(plan: Plan, kind: str, key: str) -> str:
    return f"{kind}-{key}-{plan.created.strftime('%Y%m%dT%H%M%S')}@pathfinder"


def plan_ics(plan: Plan, catalog: Catalog | None) -> bytes:
    """The plan's dated steps, eligibility days and renewal deadlines as an iCalendar file."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Pathfinder//plan export//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Pathfinder: {plan.name}")
    stamp = plan.updated

    def event(uid: str, day: date, summary: str, description: str) -> None:
        item = Event()
        item.add("uid", uid)
        item.add("dtstamp", stamp)
        item.add("dtstart", day)
        item.add("dtend", day + timedelta(days=1))
        item.add("summary", summary)
        if description:
            item.add("description", description)
        calendar.add_component(item)

    for step in plan.steps:
        if step.due is not None and step.status != "skipped":
            text = [step.notes, *(resource_line(r) for r in step_resources(step, catalog))]
            event(_uid(plan, "step", step.id), step.due, f"Due: {step.title}", "\n".join(filter(None, text)))
        if (
            step.kind == "certification"
            and step.earliest is not None
            and step.status not in ("done", "skipped")
        ):
            name = step.title.removeprefix("Earn ")
            event(_uid(plan, "eligible", step.id), step.earliest, f"Eligible for {name}", step.notes)
    for held in plan.profile.certifications:
        certification = catalog.certifications.get(held.id) if catalog is not None else None
        if held.status != "active" or certification is None or certification.renewal is None:
            continue
        years = certification.renewal.cycle_years
        if years is None:
            continue
        deadline = expiry(held, years)  # the renewal already made counts; unknown when earned is unknown
        if deadline is None:
            continue
        requirement = " ".join(certification.renewal.requirement.split())
        event(_uid(plan, "renew", held.id), deadline, f"Renew {certification.short_name}", requirement)
    return bytes(calendar.to_ical())
