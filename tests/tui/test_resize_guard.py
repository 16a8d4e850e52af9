"""A storm of resize signals cannot nest the resize handler until the recursion limit."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from types import FrameType

import pytest

from pathfinder.tui.resize_guard import guard_resize_signal

STORM = 3000


@pytest.fixture
def restore_handler() -> Iterator[None]:
    previous = signal.getsignal(signal.SIGWINCH)
    yield
    signal.signal(signal.SIGWINCH, previous)


def storming_handler(calls: list[int]) -> object:
    """A handler that, like a client's resize loop, gets another SIGWINCH while it runs (STORM times)."""

    def handler(signum: int, frame: FrameType | None) -> None:
        calls.append(signum)
        if len(calls) < STORM:
            os.kill(os.getpid(), signal.SIGWINCH)
            for _ in range(20):  # a few bytecodes: Python runs the pending handler here, inside this one
                pass

    return handler


def test_without_the_guard_the_storm_nests_until_the_recursion_limit(restore_handler: None) -> None:
    calls: list[int] = []
    signal.signal(signal.SIGWINCH, storming_handler(calls))  # type: ignore[arg-type]
    with pytest.raises(RecursionError):
        os.kill(os.getpid(), signal.SIGWINCH)


def test_with_the_guard_the_storm_is_handled_without_nesting(restore_handler: None) -> None:
    calls: list[int] = []
    signal.signal(signal.SIGWINCH, storming_handler(calls))  # type: ignore[arg-type]
    assert guard_resize_signal() is True
    assert guard_resize_signal() is False  # once
    os.kill(os.getpid(), signal.SIGWINCH)
    for _ in range(100):
        pass
    assert len(calls) == STORM
