"""Saving, save-as and Markdown export of the session's plan, with user-facing messages."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

DEFAULT_NAME = "My plan"
"""The name of a plan nobody has named yet (the plan model's default)."""

if TYPE_CHECKING:
    from pathfinder.engine.results import Report
    from pathfinder.tui.app import PathfinderApp


def current_report(app: PathfinderApp) -> Report | None:
    """The engine's report for the session's profile and target (None before content loads)."""
    from pathfinder.engine import build_report

    if app.session is None or app.catalog is None:
        return None
    plan = app.session.plan
    return build_report(plan.profile, app.catalog, app.today(), target=plan.target)


def resolve_save_path(app: PathfinderApp, text: str) -> tuple[Path | None, str]:
    """Turn what the user typed into a path, or say what is wrong with it."""
    from pathfinder.tui.hosted_text import name_problem

    text = text.strip()
    if not text:
        return None, "Type a file name."
    if problem := name_problem(text):
        return None, problem
    candidate = Path(text).expanduser()
    if app.hosted:
        if candidate.name != text or text.startswith("."):
            return None, "In the hosted demo, type a plain file name (no folders)."
        candidate = app.plan_dir / candidate
    elif not candidate.is_absolute():
        candidate = app.plan_dir / candidate
    if candidate.suffix != ".toml":
        candidate = candidate.with_name(candidate.name + ".toml")
    try:
        if candidate.is_dir():
            return None, f"{app.shown_path(candidate)} is a folder."
    except OSError as error:
        return None, f"That name cannot be used: {error.strerror or error}."
    return candidate, ""


def hosted_plans_refusal(app: PathfinderApp, path: Path) -> str:
    """In a hosted demo, why a new plan file cannot be added ("" when it can): each visitor keeps at most
    ``MAX_HOSTED_PLANS``; saving over one of them is always allowed."""
    from pathfinder.plan.constants import MAX_HOSTED_PLANS

    if not app.hosted or path.exists():
        return ""
    try:
        count = sum(1 for entry in app.plan_dir.glob("*.toml") if entry.is_file())
    except OSError:
        return ""
    if count < MAX_HOSTED_PLANS:
        return ""
    return (
        f"You already have {count} plans, the most kept per visitor: save over one of them "
        "(type its name) instead."
    )


def save_session(app: PathfinderApp, path: Path, name: str | None = None) -> bool:
    """Append a history point, save atomically to ``path`` (under ``name`` when given), clear the draft,
    put the plan first in the recent plans; notify either way."""
    from pathfinder.engine.history import with_history_point
    from pathfinder.errors import PathfinderError
    from pathfinder.plan.store import save_plan
    from pathfinder.tui.drafts import discard_draft

    session = app.session
    if session is None:
        return False
    if refusal := hosted_plans_refusal(app, path):
        app.notify(refusal, title="Not saved", severity="error", timeout=10)
        return False
    report = current_report(app)
    plan = session.plan
    now = app.now()
    if report is not None:
        plan = with_history_point(plan, report, now)
    plan = plan.model_copy(update={"updated": now} | ({"name": name} if name else {}))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        save_plan(plan, path)
    except PathfinderError as error:
        app.notify(str(error), title="Not saved", severity="error", timeout=10)
        return False
    except OSError as error:
        app.notify(
            f"Could not write {app.shown_path(path)}: {error.strerror or error}",
            title="Not saved",
            severity="error",
        )
        return False
    except Exception as error:  # reported, never a traceback; the draft keeps the work
        app.notify(f"Could not save: {error}", title="Not saved", severity="error")
        return False
    session.plan = plan
    session.path = path
    session.dirty = False
    discard_draft(app.data_dir)
    app.session_saved()
    app.plan_used()
    note = " (kept for this visit only)" if app.hosted_keyless else ""
    app.notify(f"Saved to {app.shown_path(path)}{note}", title="Saved")
    return True


def suggested_plan_name(app: PathfinderApp) -> str:
    """The name offered on the first save: the plan's own, or from its target ("Product manager plan")."""
    session = app.session
    if session is None:
        return DEFAULT_NAME
    plan = session.plan
    if plan.name != DEFAULT_NAME or not plan.target:
        return plan.name
    target_name = app.path_names().get(plan.target) or plan.target.replace("-", " ").capitalize()
    return f"{target_name} plan"[:120]  # the longest name a plan file takes


def ask_save_path(app: PathfinderApp) -> None:
    """Open the save dialog with the plan's name and a suggested file in the plan directory."""
    from pathfinder.tui.screens.dialogs import SaveChoice, SaveDialog

    session = app.session
    if session is None:
        return
    suggested = session.path.name if session.path is not None else session.suggested_name()

    def chosen(choice: SaveChoice | None) -> None:
        if choice is not None:
            save_session(app, choice.path, choice.name)

    dialog = SaveDialog(
        app.plan_dir,
        suggested,
        hosted=app.hosted,
        folder_label=app.plan_dir_label,
        name=suggested_plan_name(app),
    )
    app.push_screen(dialog, chosen)


def plan_markdown(app: PathfinderApp) -> str:
    """The plan as Markdown: one H1, the steps with their resources, the fit report, the sources last."""
    from pathfinder.render.plan_export import hedge_lines
    from pathfinder.render.plan_export import plan_markdown as render_plan

    session = app.session
    assert session is not None
    hedge = None
    if app.catalog is not None and session.plan.also:
        hedge = hedge_lines(session.plan, app.catalog)
    return render_plan(session.plan, app.catalog, current_report(app), hedge)


def export_markdown(app: PathfinderApp) -> Path | None:
    """Write ``<plan>.md`` next to the plan file (or into the plan directory)."""
    session = app.session
    if session is None:
        return None
    base = session.path or (app.plan_dir / session.suggested_name())
    target = base.with_suffix(".md")
    try:
        text = plan_markdown(app)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except Exception as error:
        app.notify(f"Could not export: {error}", title="Not exported", severity="error")
        return None
    app.notify(f"Exported to {app.shown_path(target)}", title="Exported")
    return target


def export_calendar(app: PathfinderApp) -> Path | None:
    """Write ``<plan>.ics`` next to the plan file (or into the plan directory): dated steps, eligibility
    days and renewal deadlines, with UIDs a calendar app recognises on the next import."""
    from pathfinder.render.plan_export import plan_ics

    session = app.session
    if session is None:
        return None
    base = session.path or (app.plan_dir / session.suggested_name())
    target = base.with_suffix(".ics")
    try:
        data = plan_ics(session.plan, app.catalog)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except Exception as error:
        app.notify(f"Could not export: {error}", title="Not exported", severity="error")
        return None
    app.notify(f"Exported to {app.shown_path(target)}", title="Exported")
    return target
