"""The user's preferences (a small TOML config) and recent plans (a list in the state folder)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pathfinder import locations
from pathfinder.preferences import CONFIG_FILE, Preferences, read_preferences, write_preferences
from pathfinder.recents import LIMIT, forget, read_recents, remember

WHEN = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


def test_user_folders_follow_pathfinder_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATHFINDER_HOME", str(tmp_path / "home"))
    assert locations.config_dir() == tmp_path / "home" / "config"
    assert locations.state_dir() == tmp_path / "home" / "state"


def test_user_folders_default_to_the_platform_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PATHFINDER_HOME", raising=False)
    monkeypatch.setattr("platformdirs.user_config_path", lambda app, appauthor: tmp_path / "config" / app)
    monkeypatch.setattr("platformdirs.user_state_path", lambda app, appauthor: tmp_path / "state" / app)
    assert locations.config_dir() == tmp_path / "config" / "pathfinder"
    assert locations.state_dir() == tmp_path / "state" / "pathfinder"


def test_no_config_file_means_the_defaults(tmp_path: Path) -> None:
    assert read_preferences(tmp_path) == (Preferences(), None)


def test_preferences_round_trip(tmp_path: Path) -> None:
    write_preferences(tmp_path / "config", Preferences(theme="high-contrast"))
    assert read_preferences(tmp_path / "config") == (Preferences(theme="high-contrast"), None)
    assert 'theme = "high-contrast"' in (tmp_path / "config" / CONFIG_FILE).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('# mine\ntheme = "light\n', 2, "TOML"),
        ('# mine\n\ntheme = "purple"\n', 3, "dark, light, high-contrast"),
        ('theme = "light"\ncolour = "red"\n', 2, "colour"),
        ("theme = 3\n", 1, "text"),
    ],
)
def test_a_broken_config_names_file_line_and_what_to_do(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    (tmp_path / CONFIG_FILE).write_text(text, encoding="utf-8")
    preferences, error = read_preferences(tmp_path)
    assert error is not None
    problem = error.problems[0]
    assert problem.file == tmp_path / CONFIG_FILE and problem.line == line
    assert words in str(error)
    assert "defaults" in error.message
    if words != "colour":  # an unknown key alone still keeps the rest
        assert preferences == Preferences()
    else:
        assert preferences == Preferences(theme="light")


def test_a_config_that_is_not_text_is_explained(tmp_path: Path) -> None:
    (tmp_path / CONFIG_FILE).write_bytes(b"\xff\xfe\x00theme")
    preferences, error = read_preferences(tmp_path)
    assert preferences == Preferences() and error is not None and str(tmp_path / CONFIG_FILE) in str(error)


def test_recents_newest_first_one_entry_per_file_bounded(tmp_path: Path) -> None:
    for index in range(LIMIT + 5):
        remember(tmp_path, tmp_path / f"plan-{index}.toml", f"Plan {index}", "product-manager", WHEN)
    remember(tmp_path, tmp_path / "plan-3.toml", "Renamed", None, WHEN + timedelta(days=1))
    recents = read_recents(tmp_path)
    assert len(recents) == LIMIT
    assert recents[0].path == tmp_path / "plan-3.toml" and recents[0].name == "Renamed"
    assert recents[0].target is None
    assert [entry.path for entry in recents].count(tmp_path / "plan-3.toml") == 1
    assert recents[1].path == tmp_path / f"plan-{LIMIT + 4}.toml"


def test_forgetting_a_recent_plan(tmp_path: Path) -> None:
    remember(tmp_path, tmp_path / "a.toml", "A", None, WHEN)
    remember(tmp_path, tmp_path / "b.toml", "B", None, WHEN)
    forget(tmp_path, tmp_path / "a.toml")
    assert [entry.name for entry in read_recents(tmp_path)] == ["B"]


@pytest.mark.parametrize("text", ["{", "[1, 2]", '{"plans": [{"path": 3}]}', '{"plans": "x"}'])
def test_a_damaged_recents_file_reads_as_what_can_be_used(tmp_path: Path, text: str) -> None:
    (tmp_path / "recent-plans.json").write_text(text, encoding="utf-8")
    assert read_recents(tmp_path) == []
    remember(tmp_path, tmp_path / "a.toml", "A", None, WHEN)  # and is replaced by the next update
    assert [entry.name for entry in read_recents(tmp_path)] == ["A"]


def test_the_app_knows_the_file_names_without_importing_the_modules_at_start() -> None:
    from pathfinder import recents
    from pathfinder.tui import remembered

    assert remembered.CONFIG_FILE == CONFIG_FILE and remembered.RECENTS_FILE == recents.RECENTS_FILE
