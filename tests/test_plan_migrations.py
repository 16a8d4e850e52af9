"""The migration mechanism: older files are brought up to date on load; the chain cannot silently break."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from pathfinder.errors import NewerSchemaError, PlanFileError
from pathfinder.plan import migrations
from pathfinder.plan.models import SCHEMA_VERSION
from pathfinder.plan.store import load_plan, save_plan

NOW = datetime(2026, 1, 1, tzinfo=UTC)
VERSION_1 = """schema_version = 1
created = 2026-01-01T00:00:00Z
updated = 2026-01-01T00:00:00Z

[[steps]]
id = "read"
title = "Read a book"
kind = "custom"
todo_notes = "chapters 1-3"
"""


def rename_todo_notes(document: dict[str, Any]) -> dict[str, Any]:
    """A pretend v1 → v2 step: version 1 called step notes ``todo_notes``."""
    steps = [dict(step) for step in document.get("steps", [])]
    for step in steps:
        if "todo_notes" in step:
            step["notes"] = step.pop("todo_notes")
    return {**document, "steps": steps}


@pytest.fixture
def version_2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend this Pathfinder writes schema 2, with one registered migration from schema 1."""
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: rename_todo_notes})


def test_every_older_schema_has_a_migration_step() -> None:
    assert migrations.current_version() == SCHEMA_VERSION
    assert all(version in migrations.MIGRATIONS for version in range(1, SCHEMA_VERSION))


def test_an_older_file_is_migrated_on_load(version_2: None, tmp_path: Path) -> None:
    path = tmp_path / "old.toml"
    path.write_text(VERSION_1, encoding="utf-8")
    loaded = load_plan(path)
    assert loaded.migrated_from == 1
    assert loaded.plan.schema_version == 2
    assert loaded.plan.steps[0].notes == "chapters 1-3"
    assert path.read_text(encoding="utf-8") == VERSION_1  # loading never writes


def test_a_migrated_plan_saves_as_the_current_schema(version_2: None, tmp_path: Path) -> None:
    path = tmp_path / "old.toml"
    path.write_text(VERSION_1, encoding="utf-8")
    save_plan(load_plan(path).plan, path)
    assert "schema_version = 2" in path.read_text(encoding="utf-8")
    assert path.with_name("old.toml.bak").read_text(encoding="utf-8") == VERSION_1
    again = load_plan(path)
    assert again.migrated_from is None and again.plan.steps[0].notes == "chapters 1-3"


def test_a_file_without_a_version_is_read_as_hand_written_version_1(version_2: None) -> None:
    from pathfinder.plan.store import plan_from_toml

    text = VERSION_1.replace("schema_version = 1\n", "").replace("todo_notes", "notes")
    assert plan_from_toml(text).steps[0].notes == "chapters 1-3"


def test_a_missing_step_is_a_plan_file_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: rename_todo_notes})
    path = tmp_path / "old.toml"
    path.write_text(VERSION_1, encoding="utf-8")
    with pytest.raises(PlanFileError, match="no migration from schema 2 to schema 3"):
        load_plan(path)


def test_a_failing_step_is_a_plan_file_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def broken(document: dict[str, Any]) -> dict[str, Any]:
        return {**document, "name": document["no-such-key"]}

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(migrations, "MIGRATIONS", {1: broken})
    path = tmp_path / "old.toml"
    path.write_text(VERSION_1, encoding="utf-8")
    with pytest.raises(PlanFileError, match="migration from schema 1 to 2 failed"):
        load_plan(path)


def test_newer_than_the_patched_version_is_still_refused(version_2: None, tmp_path: Path) -> None:
    path = tmp_path / "new.toml"
    path.write_text(VERSION_1.replace("schema_version = 1", "schema_version = 3"), encoding="utf-8")
    with pytest.raises(NewerSchemaError, match="reads up to schema 2"):
        load_plan(path, now=NOW)
