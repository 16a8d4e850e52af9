"""The fork server's bookkeeping of spares: when to start one, how many, and backing off from failures."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from pathfinder.serve.spares import QUIET_SECONDS, READY, SparePool


@pytest.fixture
def sockets() -> Iterator[list[socket.socket]]:
    opened: list[socket.socket] = []
    yield opened
    for sock in opened:
        sock.close()


def add_spare(pool: SparePool, pid: int, sockets: list[socket.socket], *, ready: bool) -> socket.socket:
    """A spare whose other end (returned) plays the spare process."""
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    ours.setblocking(False)
    sockets.extend((ours, theirs))
    pool.add(pid, ours)
    if ready:
        theirs.send(READY)
        assert pool.hear(pid)
    return theirs


def quiet(pool: SparePool) -> None:
    pool.last_demand = time.monotonic() - QUIET_SECONDS


def test_spares_start_one_at_a_time_after_a_quiet_spell_up_to_the_free_slots(
    sockets: list[socket.socket],
) -> None:
    pool = SparePool(size=3, max_apps=4)
    assert not pool.wanted(sessions=0)  # a visitor may be arriving right after start
    quiet(pool)
    assert pool.wanted(sessions=0)
    warming = add_spare(pool, 101, sockets, ready=False)
    assert not pool.wanted(sessions=0) and pool.seconds_until_wanted(0) is None  # one is warming
    add_spare(pool, 102, sockets, ready=True)
    taken = pool.take_ready()
    assert taken is not None and taken.pid == 102  # 101 is not ready yet
    assert pool.take_ready() is None
    warming.send(READY)
    assert pool.hear(101)
    assert not pool.wanted(sessions=1)  # a visitor just arrived: wait for a quiet spell
    quiet(pool)
    assert pool.wanted(sessions=1)  # 1 spare, room for min(3, 4 - 1) = 3
    assert not pool.wanted(sessions=3) and pool.full(sessions=3)  # room for 4 - 3 = 1


def test_a_spare_that_dies_before_it_is_ready_backs_off(sockets: list[socket.socket]) -> None:
    pool = SparePool(size=2, max_apps=10)
    waits = []
    for pid in (201, 202, 203):
        theirs = add_spare(pool, pid, sockets, ready=False)
        theirs.close()  # the spare crashed while warming up
        assert not pool.hear(pid)
        pool.drop(pid)
        waits.append(pool.seconds_until_wanted(0))
    assert waits == pytest.approx([1.0, 2.0, 4.0], abs=0.05)
    add_spare(pool, 204, sockets, ready=True)
    assert pool.failures == 0  # a spare that made it resets the back-off
    assert pool.take_ready() is not None
