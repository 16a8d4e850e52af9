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
    return schema
