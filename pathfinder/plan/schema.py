"""A JSON Schema of the plan file, for editors (Taplo / Even Better TOML) to validate and complete it.

``pathfinder plan schema > plan.schema.json``, then ``#:schema ./plan.schema.json`` as the first line of a
plan file (see docs/plan-format.md). The schema describes full plan files (profile-only files have no
``created``); it uses only ``$ref`` into ``$defs``, which Taplo's validator resolves.
"""

from __future__ import annotations

from typing import Any

from pathfinder.plan.models import Plan

SCHEMA_ID = "https://pathfinder.invalid/schemas/plan.schema.json"
"""A stable identifier for the schema (not a download location)."""


DESCRIPTIONS: dict[str, dict[str, str]] = {
    "Plan": {
        "schema_version": "The plan file format. Pathfinder migrates older files and refuses newer ones.",
        "name": "A name for this plan.",
        "created": "When the plan was started: a date and time with an offset (2026-03-02T19:15:00+01:00).",
        "updated": "When the plan was last saved.",
        "content_version": "The career content version the steps and scores were computed with.",
        "target": "The target career path id, e.g. product-manager or project-manager.",
        "profile": "The person: roles, degrees, certifications, training hours and skill self-ratings.",
        "steps": "Things to do on the way to the target path.",
        "history": "Fit scores at each save, oldest first.",
        "removed": "Ids of suggested steps you removed; they are not suggested again.",
        "set_aside": "Steps kept from other targets the plan had, restored if you choose that target again.",
    },
    "Profile": {
        "skills": "Self-ratings by skill id: 0 none, 1 aware, 2 working, 3 proficient, 4 expert.",
        "pm_training_hours": "Contact hours of project-management education (PMP and CAPM count these).",
        "agile_training_hours": "Contact hours of agile training (PMI-ACP counts these).",
    },
    "Role": {
        "start": "First month in the role, YYYY-MM.",
        "end": "Last month in the role, YYYY-MM; leave out for the current role.",
        "background": "The background id this role is closest to, e.g. software-engineer.",
        "led_projects": "Led and directed projects in this role (PMI's test, whatever the job title).",
    },
    "Step": {
        "id": "A kebab-case id, unique in the plan.",
        "status": "todo, doing, done or skipped.",
        "due": "A date (2026-12-18), no quotes.",
        "ref": "The skill or certification id the step is about.",
        "resources": "Resource ids from the content that help with this step.",
    },
    "HistoryPoint": {
        "at": "When the scores were recorded.",
        "scores": "Fit score (0-100) by path id.",
        "target_score": "The target path's score at that time.",
        "steps_done": "How many steps were done at that time.",
    },
}
"""Descriptions editors show on hover, for the fields people edit most (added where the model has none)."""


def _describe(schema: dict[str, Any]) -> None:
    tables = {"Plan": schema, **schema.get("$defs", {})}
    for model, fields in DESCRIPTIONS.items():
        properties = tables.get(model, {}).get("properties", {})
        for field, text in fields.items():
            if field in properties:
                properties[field].setdefault("description", text)


def plan_json_schema() -> dict[str, Any]:
    """The plan file's JSON Schema (draft 2020-12), generated from the ``Plan`` model."""
    generated = Plan.model_json_schema(mode="validation")
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Pathfinder plan file",
        "description": "A Pathfinder career plan: schema_version, the person's profile, the target career "
        "path, dated steps with a status (todo, doing, done, skipped) and a history of fit scores. "
        "See docs/plan-format.md.",
    }
    schema.update({key: value for key, value in generated.items() if key not in ("title", "description")})
    _describe(schema)
    return schema
