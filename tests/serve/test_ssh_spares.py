"""Apps started ahead of visitors ("spares"): a visitor gets one, the pool refills only into free session
slots, and spares never outlive the fork server."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from ssh_helpers import HERE, Terminal, assert_sandboxed, children, ssh_command, start_server, wait_until

from pathfinder.serve.spares import QUIET_SECONDS

pytestmark = pytest.mark.ssh

READY = "apps started ahead of visitors are ready"


def test_visitors_get_apps_started_ahead_and_the_pool_refills_into_free_slots(
    tmp_path: Path, terminal: Terminal, client_keys: dict[str, Path], visitor_name: str
) -> None:
    server = start_server(tmp_path, app="standin_app:make_app", app_path=str(HERE), spares=5, max_sessions=3)
    try:
        wait_until(lambda: f"3 {READY}" in server.log(), 20, "three spares (capped by max_sessions)")
        spares = set(server.spare_pids())
        assert len(spares) == 3 and not server.app_pids()

        first = terminal.open(
            visitor_name, [*ssh_command(server.port, client_keys["alice"]), "127.0.0.1"], 90, 25
        )
        screen = terminal.wait_for(first, "size 90x25")  # the spare drew on the visitor's own terminal
        assert "plans kept for your key" in screen
        (app_pid,) = server.app_pids()
        assert app_pid in spares  # a spare became the visitor's app: no fork on the visitor's time
        assert_sandboxed(app_pid, screen)  # with the same limits and environment as a fresh fork

        # One session now: room for two spares, and the pool does not grow back to three.
        time.sleep(QUIET_SECONDS + 1.0)
        assert len(server.spare_pids()) == 2

        second = terminal.open(visitor_name + "b", [*ssh_command(server.port, None), "127.0.0.1"], 100, 30)
        screen = terminal.wait_for(second, "size 100x30")
        assert "plans kept for this visit only" in screen  # each spare gets its own visitor's request
        assert len(server.app_pids()) == 2

        for name in (first, second):
            terminal.keys(name, "C-q")
            terminal.wait_for(name, "EXITED 0")
        wait_until(lambda: not server.app_pids(), 5, "the apps to end")
        wait_until(lambda: server.log().count(f"3 {READY}") == 2, 20, "the pool to refill")
        assert len(server.spare_pids()) == 3
    finally:
        server.stop()


def test_spares_end_with_the_fork_server(tmp_path: Path) -> None:
    server = start_server(tmp_path, app="standin_app:make_app", app_path=str(HERE), spares=2)
    try:
        wait_until(lambda: f"2 {READY}" in server.log(), 20, "two spares")
        spares = server.spare_pids()
        (zygote,) = children(server.process.pid)
        os.kill(zygote, signal.SIGKILL)
        wait_until(lambda: not any(Path(f"/proc/{pid}").exists() for pid in spares), 5, "the spares to end")
    finally:
        server.stop()


def test_no_spares_when_turned_off(
    tmp_path: Path, terminal: Terminal, client_keys: dict[str, Path], visitor_name: str
) -> None:
    server = start_server(tmp_path, app="standin_app:make_app", app_path=str(HERE), spares=0)
    try:
        name = terminal.open(
            visitor_name, [*ssh_command(server.port, client_keys["alice"]), "127.0.0.1"], 100, 30
        )
        screen = terminal.wait_for(name, "Stand-in demo")
        (app_pid,) = server.app_pids()
        assert not server.spare_pids()
        assert_sandboxed(app_pid, screen)  # the fresh fork's limits and environment
        terminal.keys(name, "C-q")
        terminal.wait_for(name, "EXITED 0")
    finally:
        server.stop()
