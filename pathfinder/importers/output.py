"""An import's result for people and scripts: a plan TOML with the explanations as comments, JSON, text."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from typing import Any

from pathfinder.importers.records import ImportResult

SOURCE_NAMES = {"linkedin": "a LinkedIn data export", "json-resume": "a JSON Resume"}


def summary_lines(result: ImportResult) -> list[str]:
    """The import explained in plain lines: found, mapped (with scores), unmapped, suggestions, questions."""
    found = result.found
    lines = [
        f"Read {SOURCE_NAMES[found.format]}: {len(found.roles)} roles, {len(found.degrees)} degrees, "
        f"{len(found.certificates)} certificates, {len(found.skills)} skills"
        + (f" (files: {', '.join(found.files_read)})" if found.format == "linkedin" else "")
        + "."
    ]
    if found.files_missing:
        lines.append(f"Not in the export (nothing to read): {', '.join(found.files_missing)}.")
    if result.mappings:
        lines.append("")
        lines.append("Mapped (score 0–100, and the text it came from):")
        for item in result.mappings:
            lines.append(
                f"  {item.kind}: “{item.text}” → {item.target} ({item.target_name}), score {item.score:g} "
                f"via “{item.via}”{'; ' + item.detail if item.detail else ''} [{item.where}]"
            )
    if result.suggestions:
        lines.append("")
        lines.append("Skills to confirm (suggestions, not ratings):")
        for suggestion in result.suggestions:
            given = f"“{suggestion.level_text}”" if suggestion.level_text else "no level given"
            lines.append(f"  {suggestion.skill} = {suggestion.level}  ({given}; from “{suggestion.text}”)")
    if result.unmapped:
        lines.append("")
        lines.append("Not mapped:")
        for missed in result.unmapped:
            where = f" [{missed.where}]" if missed.where else ""
            lines.append(f"  {missed.kind}: “{missed.text}” — {missed.reason}{where}")
    if result.questions:
        lines.append("")
        lines.append("Questions the file cannot answer (answer them in the app's wizard):")
        for question in result.questions:
            lines.append(f"  ? {question.text}")
    return lines


def plan_toml(result: ImportResult, now: datetime, content_version: str) -> str:
    """A plan file for the imported profile: the explanation and the skill suggestions as comments."""
    from pathfinder.plan.models import new_plan
    from pathfinder.plan.toml_format import plan_to_toml

    plan = new_plan(now, content_version, result.profile)
    if result.found.name:
        plan = plan.model_copy(update={"name": f"{result.found.name[:100]}'s plan"})
    header = ["# Imported by `pathfinder import`. What it found and how it mapped it:", "#"]
    header += [f"# {line}".rstrip() for line in summary_lines(result)]
    body = plan_to_toml(plan)
    footer: list[str] = []
    if result.suggestions:
        footer = [
            "",
            "# Skill suggestions from your file: confirm them in the app (Skills step, key a),",
            "# or uncomment the lines you agree with.",
            "# [profile.skills]",
        ]
        footer += [
            f"# {item.skill} = {item.level}    # “{item.text}” ({item.where}, match {item.score:g})"
            for item in result.suggestions
        ]
    return "\n".join(header) + "\n\n" + body + ("\n".join(footer) + "\n" if footer else "")


def result_json(result: ImportResult) -> dict[str, Any]:
    """The whole result as plain data (the ``--format json`` output)."""
    found = result.found
    return {
        "format": found.format,
        "files_read": found.files_read,
        "files_missing": found.files_missing,
        "profile": result.profile.model_dump(mode="json", exclude_defaults=True),
        "mappings": [asdict(item) for item in result.mappings],
        "suggestions": [asdict(item) for item in result.suggestions],
        "unmapped": [asdict(item) for item in result.unmapped],
        "questions": [asdict(item) for item in result.questions],
    }


def render_json(result: ImportResult) -> str:
    return json.dumps(result_json(result), indent=2, ensure_ascii=False) + "\n"
