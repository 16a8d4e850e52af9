"""The plan file's fixed values, importable without the models (and pydantic)."""

from __future__ import annotations

from typing import Literal

SCHEMA_VERSION = 1
"""The plan file schema this Pathfinder writes. Older files are migrated on load; newer are refused."""

DEFAULT_HOURS_PER_WEEK = 5
"""Study hours a week a new plan assumes until the person says otherwise."""

StepStatus = Literal["todo", "doing", "done", "skipped"]
STEP_STATUSES: tuple[StepStatus, ...] = ("todo", "doing", "done", "skipped")
"""A step's statuses in the order the plan step cycles through them."""

MAX_HOSTED_PLANS = 50
"""The most plans a visitor of a hosted demo keeps (saves in the app and ``import`` alike)."""
