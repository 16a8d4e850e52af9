"""Uploads are parsed in a limited child process: a hostile or buggy parse ends the child, not the server."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest

from pathfinder.serve.import_check import UploadRefused, check_in_child

HERE = Path(__file__).resolve().parent
DOTTED_BOMB = ("[" + ".".join(["a"] * 40000) + "]\nx=1\n").encode()


def _own_peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


async def test_a_valid_upload_comes_back_as_pathfinder_writes_it() -> None:
    name, text = await check_in_child(b'name = "Mine"\n[profile]\npm_training_hours = 10\n')
    assert name == "Mine"
    assert "pm_training_hours = 10" in text and "schema_version = 1" in text


async def test_the_dotted_key_bomb_is_refused_with_its_reason() -> None:
    started = time.perf_counter()
    with pytest.raises(UploadRefused, match="more than 8 parts"):
        await check_in_child(DOTTED_BOMB)
    assert time.perf_counter() - started < 5.0  # a fresh Python starting on a loaded machine included


async def test_a_parse_that_eats_memory_dies_in_the_child_and_the_caller_stays_small() -> None:
    """Even a bug no limit foresaw cannot grow the server: the child hits its 512 MiB limit and ends."""
    before = _own_peak_kib()
    with pytest.raises(UploadRefused, match="within the server's limits"):
        await check_in_child(b"x = 1\n", module="hungry_import", path=str(HERE))
    assert _own_peak_kib() - before < 50 * 1024


async def test_an_answer_without_end_is_no_answer() -> None:
    before = _own_peak_kib()
    with pytest.raises(UploadRefused, match="within the server's limits"):
        await check_in_child(b"x = 1\n", module="chatty_import", path=str(HERE))
    assert _own_peak_kib() - before < 40 * 1024
