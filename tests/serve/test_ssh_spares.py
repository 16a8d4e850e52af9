"""Apps started ahead of visitors ("spares"): a visitor gets one, the pool refills only into free session
slots, and spares never outlive the fork server."""

from __future__ import annotations

import os
import signal
import stat
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from ssh_helpers import (
    HERE,
    Terminal,
    assert_restored,
    assert_sandboxed,
    children,
    run_ssh,
    ssh_command,
    start_server,
    wait_until,
)

from pathfinder.plan.models import new_plan
from pathfinder.plan.store import plan_to_toml
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


def test_the_real_app_drawn_ahead_is_handed_to_its_visitors(
    tmp_path: Path, terminal: Terminal, client_keys: dict[str, Path], visitor_name: str
) -> None:
    """Pathfinder's spares draw the welcome before anyone arrives; each visitor then gets one, drawn on
    their own terminal at their own size, with their own saved plans, or the note for visitors without
    a key, and keys and quitting work as in any session."""
    server = start_server(tmp_path, spares=2, max_sessions=4, idle_timeout=60)
    try:
        plan = new_plan(datetime(2026, 11, 25, 12, 0, tzinfo=UTC)).model_copy(
            update={"name": "Alice goes product"}
        )
        imported = run_ssh(server.port, client_keys["alice"], "import", stdin=plan_to_toml(plan).encode())
        assert imported.returncode == 0, imported.stderr
        wait_until(lambda: f"2 {READY}" in server.log(), 60, "two apps drawn ahead")
        spares = set(server.spare_pids())

        command = [*ssh_command(server.port, client_keys["alice"]), "127.0.0.1"]
        alice = terminal.open(visitor_name, command, 100, 30)
        terminal.wait_for(alice, "What would you like to do?", timeout=15)
        screen = terminal.wait_for(alice, "Alice goes product", timeout=10)  # her saved plan
        assert "No plans yet" not in screen and "connected without an SSH key" not in screen
        (alice_app,) = server.app_pids()
        assert alice_app in spares

        anonymous = terminal.open(visitor_name + "b", [*ssh_command(server.port, None), "127.0.0.1"], 90, 26)
        terminal.wait_for(anonymous, "plans are kept only for this visit", timeout=15)
        screen = terminal.wait_for(anonymous, "No plans yet in your plans folder")
        assert "Pathfinder — hosted demo" in screen and "^p palette" in screen  # all of it, at 90×26
        assert set(server.app_pids()) <= spares

        terminal.keys(alice, "g")  # the app answers keys on the visitor's terminal
        terminal.wait_for(alice, "Product manager or project manager?")
        terminal.tmux("resize-window", "-t", alice, "-x", "70", "-y", "24")
        terminal.keys(alice, "Escape")
        terminal.wait_for(alice, "What would you like to do?")
        for name in (alice, anonymous):
            terminal.keys(name, "C-q")
            screen = terminal.wait_for(name, "EXITED 0")
            assert "Goodbye" in screen
            assert_restored(terminal, name)
        assert not list((server.data_dir / "spares").iterdir())  # spares only look into their folder
    finally:
        server.stop()


def test_a_visitor_needing_other_colours_gets_a_fresh_app(
    tmp_path: Path, terminal: Terminal, client_keys: dict[str, Path], visitor_name: str
) -> None:
    """The apps drawn ahead are built for 256 colours; a terminal that reports fewer (TERM=xterm) gets
    an app built for it, in the same spare process."""
    server = start_server(tmp_path, spares=1, max_sessions=3, idle_timeout=60)
    try:
        wait_until(lambda: f"1 {READY}" in server.log(), 60, "an app drawn ahead")
        (spare,) = server.spare_pids()
        command = ["env", "TERM=xterm", *ssh_command(server.port, client_keys["bob"]), "127.0.0.1"]
        name = terminal.open(visitor_name, command, 100, 30)
        terminal.wait_for(name, "What would you like to do?", timeout=15)
        terminal.wait_for(name, "^p palette")
        assert server.app_pids() == [spare]
        terminal.keys(name, "g")
        terminal.wait_for(name, "Product manager or project manager?")
        terminal.keys(name, "C-q")
        terminal.wait_for(name, "EXITED 0")
        assert '"term": "xterm"' in server.log()
    finally:
        server.stop()


def others_can_enter(directory: Path) -> bool:
    """Whether a user other than the owner may pass through ``directory`` and every directory above
    it (a fresh clone under a 0700 ``mktemp -d``, as in CI, is not: the docs ask for an install the
    app user can read)."""
    return all(part.stat().st_mode & stat.S_IXOTH for part in (directory, *directory.parents))


def test_an_app_drawn_ahead_drops_to_the_app_user_and_a_killed_client_leaves_nothing(
    terminal: Terminal, client_keys: dict[str, Path], visitor_name: str
) -> None:
    """The spare drew the app as the server's user; the visitor's app runs as ``user`` (no groups) and
    still loads what it needs later; kill -9 of the visitor's ssh ends it and removes its session."""
    import pwd
    import shutil
    import tempfile

    nobody = pwd.getpwnam("nobody")
    base = Path(tempfile.mkdtemp(prefix="pf-serve-user-"))  # pytest's tmp dirs are 0700 up the tree
    base.chmod(0o755)
    server = start_server(base, user="nobody", spares=1, max_sessions=2, idle_timeout=60)
    try:
        wait_until(lambda: f"1 {READY}" in server.log(), 60, "an app drawn ahead")
        (spare,) = server.spare_pids()
        name = terminal.open(
            visitor_name, [*ssh_command(server.port, client_keys["alice"]), "127.0.0.1"], 100, 30
        )
        terminal.wait_for(name, "What would you like to do?", timeout=15)
        assert server.app_pids() == [spare]
        status = Path(f"/proc/{spare}/status").read_text()
        uids = next(line for line in status.splitlines() if line.startswith("Uid:")).split()[1:]
        groups = next(line for line in status.splitlines() if line.startswith("Groups:")).split()[1:]
        assert set(uids) == {str(nobody.pw_uid)} and groups == []
        if others_can_enter(Path(sys.prefix)):  # else nobody cannot read the installed packages
            terminal.keys(name, "g")  # a screen the app imports only now, as nobody
            terminal.wait_for(name, "Product manager or project manager?")
        ssh = next(
            pid
            for pid in children(terminal.pane_pid(name))
            if Path(f"/proc/{pid}/comm").read_text().strip() == "ssh"
        )
        os.kill(ssh, signal.SIGKILL)
        wait_until(lambda: not Path(f"/proc/{spare}").exists(), 5, "the app to end")
        wait_until(lambda: not server.session_dirs(), 5, "the session directory to be removed")
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)
