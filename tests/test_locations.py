"""User folders: platform defaults, or everything under PATHFINDER_HOME; created on first use."""

from __future__ import annotations

from pathlib import Path

import pytest

from pathfinder import locations
from pathfinder.errors import PathfinderError


def test_pathfinder_home_puts_every_folder_under_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATHFINDER_HOME", str(tmp_path / "home"))
    assert locations.data_dir() == tmp_path / "home" / "data"
    assert locations.plan_dir() == tmp_path / "home" / "plans"
    assert locations.drafts_dir() == tmp_path / "home" / "data" / "drafts"
    assert all(path.is_dir() for path in (locations.data_dir(), locations.plan_dir(), locations.drafts_dir()))


def test_platform_folders_are_used_without_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PATHFINDER_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr("platformdirs.user_data_path", lambda app, appauthor: tmp_path / "xdg" / app)
    assert locations.data_dir() == tmp_path / "xdg" / "pathfinder"
    assert locations.plan_dir() == tmp_path / "xdg" / "pathfinder" / "plans"
    assert locations.drafts_dir().is_dir()


def test_an_unusable_home_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("PATHFINDER_HOME", str(blocker))
    with pytest.raises(PathfinderError, match="PATHFINDER_HOME"):
        locations.plan_dir()
