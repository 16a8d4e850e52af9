"""Schema migrations for plan files: step functions vN → vN+1 applied to the raw TOML document.

A migration sees the document exactly as parsed (a plain dict, before any validation), so it can rename,
move or reshape keys that the current models would reject. Each step must accept both shapes a file can
have (a full plan, or a profile-only file: see docs/plan-format.md) and return the document for the next
version. The store applies the steps in order and then stamps ``schema_version`` with the current version.

A file without ``schema_version`` is treated as hand-written at version 1 (the first schema), so it is
validated as it is and never "migrated".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pathfinder.plan.models import SCHEMA_VERSION

Document = dict[str, Any]
Migration = Callable[[Document], Document]

FIRST_VERSION = 1
"""The version assumed for a file that does not say which schema it follows."""

MIGRATIONS: dict[int, Migration] = {}
"""``from_version → step``; the step turns a version ``n`` document into a version ``n + 1`` one."""


class MigrationError(Exception):
    """A document cannot be brought to the current schema (a missing step, or a step that failed)."""


def current_version() -> int:
    """The schema this Pathfinder reads and writes (looked up at call time so tests can change it)."""
    return SCHEMA_VERSION


def migrate(document: Document, from_version: int) -> Document:
    """Apply every step from ``from_version`` up to the current version; return the migrated document.

    The input is not modified. Raises ``MigrationError`` naming the version that could not be migrated.
    """
    target = current_version()
    migrated = dict(document)
    for version in range(from_version, target):
        step = MIGRATIONS.get(version)
        if step is None:
            raise MigrationError(f"no migration from schema {version} to schema {version + 1}")
        try:
            migrated = step(migrated)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
            raise MigrationError(
                f"migration from schema {version} to {version + 1} failed: {error}"
            ) from None
        if not isinstance(migrated, dict):
            raise MigrationError(f"migration from schema {version} to {version + 1} returned no document")
    migrated["schema_version"] = target
    return migrated
