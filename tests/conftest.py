"""Fixtures shared by the core tests: the shipped and fixture catalogs (loaded once), a wide terminal."""

from __future__ import annotations

import pytest
from core_helpers import SHIPPED_CONTENT, VALID_CONTENT

from pathfinder.catalog.catalog import Catalog
from pathfinder.catalog.loader import load_catalog


@pytest.fixture(scope="session")
def shipped_catalog() -> Catalog:
    """The content shipped with Pathfinder; any problem in it fails the test with the loader's list."""
    return load_catalog(SHIPPED_CONTENT)


@pytest.fixture(scope="session")
def valid_catalog() -> Catalog:
    """The small, complete fixture content in tests/data/content/valid (two paths, four skills)."""
    return load_catalog(VALID_CONTENT)


@pytest.fixture
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich output at a fixed, generous width and without colour, so lines are compared whole."""
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("NO_COLOR", "1")
