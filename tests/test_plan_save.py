"""Saving never loses the user's document: a crash at any point leaves the old file whole and no litter."""

from __future__ import annotations

import errno
import os
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from pathfinder.errors import NewerSchemaError, PlanFileError
from pathfinder.plan.models import Plan, new_plan
from pathfinder.plan.store import load_plan, plan_to_toml, save_plan, sweep_temporaries

NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)


def plan_named(name: str) -> Plan:
    return new_plan(NOW).model_copy(update={"name": name})


@pytest.fixture
def saved_twice(tmp_path: Path) -> Path:
    """A plan saved as "first", then "second": the file holds second and the .bak holds first."""
    path = tmp_path / "plan.toml"
    save_plan(plan_named("first"), path)
    save_plan(plan_named("second"), path)
    return path


def files_in(directory: Path) -> list[str]:
    return sorted(item.name for item in directory.iterdir())


def test_save_keeps_the_previous_version_as_bak(saved_twice: Path) -> None:
    assert load_plan(saved_twice).plan.name == "second"
    backup = saved_twice.with_name("plan.toml.bak")
    assert load_plan(backup).plan.name == "first"
    assert files_in(saved_twice.parent) == ["plan.toml", "plan.toml.bak"]


def test_first_save_creates_no_bak(tmp_path: Path) -> None:
    save_plan(plan_named("only"), tmp_path / "new.toml")
    assert files_in(tmp_path) == ["new.toml"]


def test_save_keeps_the_file_mode(saved_twice: Path) -> None:
    os.chmod(saved_twice, 0o640)
    save_plan(plan_named("third"), saved_twice)
    assert saved_twice.stat().st_mode & 0o777 == 0o640


def test_schema_directive_on_the_first_line_survives_a_save(saved_twice: Path) -> None:
    saved_twice.write_text("#:schema ./plan.schema.json\n" + saved_twice.read_text(encoding="utf-8"))
    save_plan(plan_named("third"), saved_twice)
    text = saved_twice.read_text(encoding="utf-8")
    assert text.startswith("#:schema ./plan.schema.json\n#")
    assert load_plan(saved_twice).plan.name == "third"


def fail_on_call(target: Callable[..., Any], failing_call: int, error: OSError) -> Callable[..., Any]:
    """Wrap ``target`` so that its ``failing_call``-th call (1-based) raises ``error``."""
    calls = {"count": 0}

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls["count"] += 1
        if calls["count"] == failing_call:
            raise error
        return target(*args, **kwargs)

    return wrapper


CRASHES = [
    ("os.open", 1, "creating the temporary file"),
    ("os.open", 2, "creating the backup copy"),
    ("os.fsync", 1, "fsync of the new file"),
    ("os.fsync", 2, "fsync of the backup copy"),
    ("os.replace", 1, "renaming the backup into place"),
    ("os.replace", 2, "renaming the new file into place"),
]


@pytest.mark.parametrize(("name", "call", "moment"), CRASHES)
@pytest.mark.parametrize(
    "error",
    [
        OSError(errno.EIO, "Input/output error"),
        OSError(errno.ENOSPC, "No space left on device"),
        PermissionError(errno.EACCES, "Permission denied"),
    ],
    ids=["eio", "enospc", "eacces"],
)
def test_a_failure_at_any_point_leaves_the_old_file_whole(
    saved_twice: Path, monkeypatch: pytest.MonkeyPatch, name: str, call: int, moment: str, error: OSError
) -> None:
    before = saved_twice.read_bytes()
    backup = saved_twice.with_name("plan.toml.bak")
    backup_before = backup.read_bytes()
    _module, function = name.split(".")
    monkeypatch.setattr(os, function, fail_on_call(getattr(os, function), call, error))
    with pytest.raises(PlanFileError) as caught:
        save_plan(plan_named("third"), saved_twice)
    monkeypatch.undo()
    message = str(caught.value)
    assert str(saved_twice) in message, moment
    assert "was not changed" in message
    if error.errno == errno.ENOSPC:
        assert "disk is full" in message
    if error.errno == errno.EACCES:
        assert "not writable" in message
    assert saved_twice.read_bytes() == before
    assert load_plan(saved_twice).plan.name == "second"
    # The backup is a complete earlier version: the old backup, or (after its rename) the current file.
    assert backup.read_bytes() in (backup_before, before)
    assert files_in(saved_twice.parent) == ["plan.toml", "plan.toml.bak"], moment


def test_a_failing_write_leaves_no_temporary_file(saved_twice: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = saved_twice.read_bytes()
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: FullDisk(real_fdopen(fd, mode)))
    with pytest.raises(PlanFileError, match="disk is full"):
        save_plan(plan_named("third"), saved_twice)
    assert saved_twice.read_bytes() == before
    assert files_in(saved_twice.parent) == ["plan.toml", "plan.toml.bak"]


@pytest.mark.parametrize("code", [errno.EACCES, errno.EROFS])
def test_a_read_only_folder_simulated(saved_twice: Path, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    """As root (CI) chmod does not stop writes, so the folder's refusal is simulated at file creation."""
    before = saved_twice.read_bytes()
    real_open = os.open

    def refuse_new_files(path: Any, flags: int, *args: Any) -> int:
        if flags & os.O_CREAT:
            raise PermissionError(code, os.strerror(code))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refuse_new_files)
    with pytest.raises(PlanFileError, match="not writable: save to another folder") as caught:
        save_plan(plan_named("third"), saved_twice)
    assert str(saved_twice) in str(caught.value)
    assert saved_twice.read_bytes() == before
    assert files_in(saved_twice.parent) == ["plan.toml", "plan.toml.bak"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores directory permissions")
def test_a_read_only_folder_is_reported(saved_twice: Path) -> None:
    before = saved_twice.read_bytes()
    os.chmod(saved_twice.parent, 0o555)
    try:
        with pytest.raises(PlanFileError, match="not writable"):
            save_plan(plan_named("third"), saved_twice)
    finally:
        os.chmod(saved_twice.parent, 0o755)
    assert saved_twice.read_bytes() == before


def test_saving_into_a_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(PlanFileError) as caught:
        save_plan(plan_named("x"), tmp_path / "nowhere" / "plan.toml")
    assert "nowhere" in str(caught.value)


def test_saving_onto_a_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(PlanFileError, match="folder"):
        save_plan(plan_named("x"), tmp_path)


def test_a_newer_file_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "future.toml"
    path.write_text("schema_version = 7\ncreated = 2030-01-01T00:00:00Z\nupdated = 2030-01-01T00:00:00Z\n")
    before = path.read_bytes()
    with pytest.raises(NewerSchemaError, match="newer Pathfinder"):
        save_plan(plan_named("x"), path)
    assert path.read_bytes() == before
    assert files_in(tmp_path) == ["future.toml"]


def test_a_broken_file_may_be_replaced_and_is_kept_as_bak(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_bytes(b"this is [not toml")
    save_plan(plan_named("fixed"), path)
    assert load_plan(path).plan.name == "fixed"
    assert path.with_name("broken.toml.bak").read_bytes() == b"this is [not toml"


def test_saved_text_is_the_plans_toml(tmp_path: Path) -> None:
    plan = plan_named("exact")
    save_plan(plan, tmp_path / "p.toml")
    assert (tmp_path / "p.toml").read_text(encoding="utf-8") == plan_to_toml(plan)


@pytest.mark.skipif(os.name != "posix", reason="symlinks need POSIX here")
def test_a_symlinked_plan_is_saved_to_its_target(tmp_path: Path) -> None:
    real = tmp_path / "real" / "plan.toml"
    real.parent.mkdir()
    save_plan(plan_named("first"), real)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    save_plan(plan_named("second"), link)
    assert link.is_symlink()
    assert load_plan(real).plan.name == "second"
    assert load_plan(real.with_name("plan.toml.bak")).plan.name == "first"


def test_text_toml_cannot_store_is_refused_with_the_save_title_and_nothing_written(tmp_path: Path) -> None:
    """A lone surrogate (pasted from a broken clipboard) cannot be UTF-8: the save fails before any write."""
    path = tmp_path / "plan.toml"
    with pytest.raises(PlanFileError) as caught:
        save_plan(plan_named("broken \ud800 name"), path)
    assert caught.value.title == "Plan not saved"
    assert "cannot store" in caught.value.message
    assert files_in(tmp_path) == []


def test_temporaries_of_killed_saves_are_swept_on_the_next_save(tmp_path: Path) -> None:
    """A kill -9 during a save leaves ``.NAME.toml.XXXX.tmp``; they piled up and were never swept."""
    plan_file = tmp_path / "mine.toml"
    stale = [tmp_path / ".mine.toml.0badc0de.tmp", tmp_path / ".mine.toml.0badc0de.bak.tmp"]
    fresh = tmp_path / ".mine.toml.feedf00d.tmp"  # another save, in progress right now: left alone
    other = tmp_path / ".other.toml.0badc0de.tmp"
    for leftover in (*stale, fresh, other):
        leftover.write_text("half a plan")
    an_hour_ago = time.time() - 3600
    for leftover in (*stale, other):
        os.utime(leftover, (an_hour_ago, an_hour_ago))
    save_plan(new_plan(datetime(2026, 11, 25, tzinfo=UTC)), plan_file)
    assert not any(path.exists() for path in stale)
    assert fresh.exists() and other.exists()
    assert sweep_temporaries(tmp_path) == 1 and not other.exists()
