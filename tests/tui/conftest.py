"""Fixtures for the app's tests: a small fixed catalog, a fixed clock and tmp directories."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, TextArea

from pathfinder.catalog.catalog import Catalog
from pathfinder.catalog.loader import load_catalog
from pathfinder.tui import make_app
from pathfinder.tui.app import PathfinderApp

DATA = Path(__file__).resolve().parent.parent / "data" / "tui"
CONTENT = DATA / "content"
TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)

AppFactory = Callable[..., PathfinderApp]


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


async def settle(pilot: Any, until: Callable[[], bool], timeout: float = 10.0) -> None:
    """Let the app run (workers, timers, screen changes) until ``until()`` holds; fail after ``timeout``.

    Polls the condition between idle points, so a fast machine moves on at once and a loaded one waits.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not until():
        if loop.time() > deadline:
            raise AssertionError("the app never reached the expected state")
        await pilot.pause()
        if not until():
            await asyncio.sleep(0.002)
