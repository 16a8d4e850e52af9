"""Fixtures for the app's tests: a small fixed catalog, a fixed clock and tmp directories."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, TextArea
from tui_helpers import CONTENT, NOW, TODAY, AppFactory

from pathfinder.catalog.catalog import Catalog
from pathfinder.catalog.loader import load_catalog
from pathfinder.tui import make_app
from pathfinder.tui.app import PathfinderApp


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A blinking cursor makes screenshots flaky: keep it solid in every test."""
    monkeypatch.setattr(Input, "cursor_blink", False)
    monkeypatch.setattr(TextArea, "cursor_blink", False)
    yield


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(CONTENT)


@pytest.fixture
def plan_dir(tmp_path: Path) -> Path:
    return tmp_path / "plans"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def build_app(plan_dir: Path, data_dir: Path, catalog: Catalog) -> AppFactory:
    """``build_app(**overrides)``: the app as the CLI builds it, on tmp dirs and a fixed clock."""

    def build(**overrides: Any) -> PathfinderApp:
        arguments: dict[str, Any] = {
            "plan_dir": plan_dir,
            "data_dir": data_dir,
            "catalog": catalog,
            "today": lambda: TODAY,
            "now": lambda: NOW,
            "catch_crashes": False,
        }
        arguments.update(overrides)
        return make_app(**arguments)

    return build
