"""Visitors' sessions through OpenSSH's ``ssh`` in tmux: the real app, resizes, limits, endings."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import time
from pathlib import Path

import pytest
from ssh_helpers import (
    Server,
    Terminal,
    assert_restored,
    assert_sandboxed,
    children,
    ssh_command,
    wait_until,
)

pytestmark = pytest.mark.ssh


def open_visitor(
    terminal: Terminal,
    server: Server,
    name: str,
    key: Path | None,
    *options: str,
    width: int = 100,
    height: int = 30,
) -> str:
    return terminal.open(name, [*ssh_command(server.port, key, *options), "127.0.0.1"], width, height)


def test_real_app_renders_takes_keys_and_quits_cleanly(
    real_server: Server, terminal: Terminal, client_keys: dict[str, Path], visitor_name: str
) -> None:
    """The real Pathfinder app in hosted mode: welcome screen, the palette takes typing, ctrl+q says
    goodbye and the visitor's terminal is back to normal."""
    name = open_visitor(terminal, real_server, visitor_name, client_keys["alice"])
    screen = terminal.wait_for(name, "What would you like to do?", timeout=15)
    assert "hosted demo" in screen
    terminal.keys(name, "C-z")  # no suspend in a hosted demo: the app must keep answering
    terminal.keys(name, "C-p")
    terminal.wait_for(name, "Search for commands")
    terminal.keys(name, "-l", "theme")
    terminal.wait_for(name, "theme")
    terminal.keys(name, "Escape")
    terminal.keys(name, "C-q")
    screen = terminal.wait_for(name, "EXITED 0")
    assert "Goodbye" in screen
    assert_restored(terminal, name)
    wait_until(lambda: not real_server.app_pids() and not real_server.session_dirs(), 5, "cleanup")


def test_anonymous_visitor_is_told_plans_last_one_visit(
    real_server: Server, terminal: Terminal, visitor_name: str
) -> None:
    name = open_visitor(terminal, real_server, visitor_name, None)
    terminal.wait_for(name, "plans are kept only for this visit", timeout=15)
    terminal.keys(name, "C-q")
    terminal.wait_for(name, "EXITED 0")
    assert '"visitor": "anonymous"' in real_server.log()


def test_resize_relays_out_and_sizes_are_clamped(
    standin_server: Server, terminal: Terminal, client_keys: dict[str, Path], visitor_name: str
) -> None:
    name = open_visitor(terminal, standin_server, visitor_name, client_keys["alice"], width=100, height=30)
    terminal.wait_for(name, "size 100x30")
    terminal.tmux("resize-window", "-t", name, "-x", "60", "-y", "20")
    terminal.wait_for(name, "size 60x20")
    terminal.tmux("resize-window", "-t", name, "-x", "12", "-y", "20")
    terminal.keys(name, "x")  # keep the session from idling out while the app re-lays out
    wait_until(lambda: "size 20x20" in terminal.tmux("capture-pane", "-p", "-J", "-t", name), 5, "clamp")
    terminal.keys(name, "C-q")
    terminal.wait_for(name, "EXITED 0")


def test_env_from_the_client_is_ignored(
    standin_server: Server, terminal: Terminal, client_keys: dict[str, Path], visitor_name: str
) -> None:
    """``ssh -o SetEnv=...`` cannot reach the app: only the server-built environment is there; and the
    per-session rlimits are in force."""
    options = ["-o", "SetEnv=PYTHONINSPECT=1 PYTHONSTARTUP=/tmp/x.py LD_PRELOAD=/tmp/x.so LANG=C.UTF-8"]
    before = set(standin_server.app_pids())
    name = open_visitor(terminal, standin_server, visitor_name, client_keys["alice"], *options)
    screen = terminal.wait_for(name, "Stand-in demo")
    pids = set(standin_server.app_pids()) - before
    assert len(pids) == 1
    (pid,) = pids
    assert_sandboxed(pid, screen)
    terminal.keys(name, "F8")  # "open a link": never a browser on the server
    terminal.wait_for(name, "browser opened: False")
    terminal.keys(name, "C-q")
    terminal.wait_for(name, "EXITED 0")


def test_crash_ends_only_its_session_and_hides_the_traceback(
    standin_server: Server, terminal: Terminal, client_keys: dict[str, Path], visitor_name: str
) -> None:
    calm = open_visitor(terminal, standin_server, visitor_name + "a", client_keys["alice"])
    crashing = open_visitor(terminal, standin_server, visitor_name + "b", client_keys["bob"])
    terminal.wait_for(calm, "Stand-in demo")
    terminal.wait_for(crashing, "Stand-in demo")
    terminal.keys(crashing, "F9")
    screen = terminal.wait_for(crashing, "EXITED 1")
    assert "the demo stopped unexpectedly" in screen
    assert "must-not-see" not in screen and "Traceback" not in screen
    assert_restored(terminal, crashing)
    logs = "".join(path.read_text() for path in (standin_server.data_dir / "logs").glob("*.log"))
    assert "the-visitor-must-not-see-this" in logs
    terminal.keys(calm, "-l", "still here")
    terminal.wait_for(calm, "still here")
    terminal.keys(calm, "C-q")
    terminal.wait_for(calm, "EXITED 0")


def test_session_limit_is_answered_clearly(
    standin_server: Server, terminal: Terminal, client_keys: dict[str, Path], visitor_name: str
) -> None:
    wait_until(lambda: not standin_server.app_pids(), 5, "no sessions left from other tests")
    names = [
        open_visitor(terminal, standin_server, f"{visitor_name}{i}", client_keys["alice"]) for i in range(3)
    ]
    for name in names:
        terminal.wait_for(name, "Stand-in demo")
    extra = open_visitor(terminal, standin_server, visitor_name + "x", client_keys["alice"])
    screen = terminal.wait_for(extra, "EXITED 1")
    assert "The demo is full" in screen
    for name in names:
        terminal.keys(name, "C-q")
        terminal.wait_for(name, "EXITED 0")


def test_idle_timeout_says_so_and_restores(
    standin_server: Server, terminal: Terminal, visitor_name: str
) -> None:
    name = open_visitor(terminal, standin_server, visitor_name, None)
    terminal.wait_for(name, "Stand-in demo")
    screen = terminal.wait_for(name, "EXITED 0", timeout=10)
    assert "idle timeout" in screen
    assert_restored(terminal, name)


def test_killed_client_leaves_nothing_behind(
    standin_server: Server, terminal: Terminal, client_keys: dict[str, Path], visitor_name: str
) -> None:
    """kill -9 of the visitor's ssh: the app, its session directory and any zombie are gone."""
    before = set(standin_server.app_pids())
    name = open_visitor(terminal, standin_server, visitor_name, client_keys["alice"])
    terminal.wait_for(name, "Stand-in demo")
    (app_pid,) = set(standin_server.app_pids()) - before
    ssh_pid = next(
        pid
        for pid in children(terminal.pane_pid(name))
        if Path(f"/proc/{pid}/comm").read_text().strip() == "ssh"
    )
    os.kill(ssh_pid, signal.SIGKILL)

    def gone() -> bool:
        return not Path(f"/proc/{app_pid}").exists()

    wait_until(gone, 5, "the app process to be reaped")
    wait_until(lambda: not standin_server.session_dirs(), 5, "the session directory to be removed")
    zygote_children = [pid for zygote in children(standin_server.process.pid) for pid in children(zygote)]
    assert app_pid not in zygote_children


def test_sigterm_ends_every_session_cleanly(
    tmp_path: Path, terminal: Terminal, client_keys: dict[str, Path], visitor_name: str
) -> None:
    from ssh_helpers import HERE, start_server

    server = start_server(tmp_path, app="standin_app:make_app", app_path=str(HERE), warm_up=False)
    try:
        name = open_visitor(terminal, server, visitor_name, client_keys["alice"])
        terminal.wait_for(name, "Stand-in demo")
        app_pids = server.app_pids() + server.spare_pids()
        server.process.send_signal(signal.SIGTERM)
        screen = terminal.wait_for(name, "EXITED 0", timeout=10)
        assert "shutting down" in screen
        assert_restored(terminal, name)
        assert server.process.wait(10) == 0
        assert not any(Path(f"/proc/{pid}").exists() for pid in app_pids)
        assert not server.session_dirs()
    finally:
        server.stop()


def test_stale_sessions_swept_and_apps_hung_up_when_the_server_is_killed(
    tmp_path: Path, terminal: Terminal, client_keys: dict[str, Path], visitor_name: str
) -> None:
    """A killed server leaves apps and session directories; apps die with it, directories at next start."""
    from ssh_helpers import HERE, start_server

    stale = tmp_path / "data" / "sessions" / "0123456789abcdef"
    stale.mkdir(parents=True)
    server = start_server(tmp_path, app="standin_app:make_app", app_path=str(HERE), warm_up=False)
    try:
        assert not stale.exists()
        name = open_visitor(terminal, server, visitor_name, client_keys["alice"])
        terminal.wait_for(name, "Stand-in demo")
        app_pids = server.app_pids()
        assert app_pids and server.session_dirs()
        app_pids += server.spare_pids()
        server.process.kill()
        server.process.wait(5)
        wait_until(lambda: not any(Path(f"/proc/{pid}").exists() for pid in app_pids), 5, "apps to end")
        terminal.wait_for(name, "EXITED")
    finally:
        server.stop()
    restarted = start_server(tmp_path, app="standin_app:make_app", app_path=str(HERE), warm_up=False)
    try:
        assert not restarted.session_dirs()
        assert restarted.fingerprint == server.fingerprint  # the same host key
    finally:
        restarted.stop()


def test_a_dying_fork_server_ends_its_sessions_and_comes_back(
    standin_server: Server, terminal: Terminal, client_keys: dict[str, Path], visitor_name: str
) -> None:
    """If the fork server dies, its apps end (their PTY is hung up), and the next visitor gets a new one."""
    wait_until(lambda: not standin_server.app_pids(), 5, "no sessions left from other tests")
    name = open_visitor(terminal, standin_server, visitor_name, client_keys["alice"])
    terminal.wait_for(name, "Stand-in demo")
    app_pids = standin_server.app_pids()
    (zygote,) = children(standin_server.process.pid)
    os.kill(zygote, signal.SIGKILL)
    screen = terminal.wait_for(name, "EXITED 1")
    assert "the demo stopped unexpectedly" in screen
    wait_until(lambda: not any(Path(f"/proc/{pid}/status").exists() for pid in app_pids), 5, "orphans to end")
    again = open_visitor(terminal, standin_server, visitor_name + "z", client_keys["alice"])
    terminal.wait_for(again, "Stand-in demo", timeout=20)
    terminal.keys(again, "C-q")
    terminal.wait_for(again, "EXITED 0")
    wait_until(lambda: not standin_server.session_dirs(), 5, "session directories to be removed")


@pytest.mark.skipif(os.geteuid() != 0, reason="dropping privileges needs root")
def test_apps_run_as_the_configured_user(
    tmp_path: Path, terminal: Terminal, client_keys: dict[str, Path], visitor_name: str
) -> None:
    """With ``user = "nobody"`` the app process runs as nobody, with no supplementary groups."""
    import pwd

    from ssh_helpers import HERE, start_server

    nobody = pwd.getpwnam("nobody")
    base = Path(tempfile.mkdtemp(prefix="pf-serve-user-"))  # pytest's tmp dirs are 0700 up the tree
    base.chmod(0o755)
    server = start_server(base, app="standin_app:make_app", app_path=str(HERE), user="nobody")
    try:
        name = open_visitor(terminal, server, visitor_name, client_keys["alice"])
        terminal.wait_for(name, "Stand-in demo", timeout=15)
        (pid,) = server.app_pids()
        status = Path(f"/proc/{pid}/status").read_text()
        uids = next(line for line in status.splitlines() if line.startswith("Uid:")).split()[1:]
        groups = next(line for line in status.splitlines() if line.startswith("Groups:")).split()[1:]
        assert set(uids) == {str(nobody.pw_uid)} and groups == []
        terminal.keys(name, "-l", "kept")
        terminal.keys(name, "Enter")  # the stand-in saves a plan named after the input
        terminal.wait_for(name, "saved kept")
        terminal.keys(name, "C-q")
        terminal.wait_for(name, "EXITED 0")
        (plan,) = (server.data_dir / "visitors").glob("key-*/plans/kept.toml")
        assert plan.stat().st_uid == nobody.pw_uid
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)


def test_sessions_end_at_the_time_limit_even_when_busy(
    tmp_path: Path, terminal: Terminal, client_keys: dict[str, Path], visitor_name: str
) -> None:
    from ssh_helpers import HERE, start_server

    server = start_server(
        tmp_path, app="standin_app:make_app", app_path=str(HERE), warm_up=False, max_duration=2
    )
    try:
        name = open_visitor(terminal, server, visitor_name, client_keys["alice"])
        terminal.wait_for(name, "Stand-in demo")
        for _ in range(10):  # typing does not extend the time limit
            terminal.keys(name, "x")
            if "EXITED" in terminal.screen(name):
                break
            time.sleep(0.3)
        screen = terminal.wait_for(name, "EXITED 0", timeout=5)
        assert "time is up" in screen
        assert '"end": "time limit"' in server.log()
    finally:
        server.stop()


def test_key_holders_find_their_plans_next_visit_anonymous_visitors_do_not(
    standin_server: Server, terminal: Terminal, client_keys: dict[str, Path], visitor_name: str
) -> None:
    def visit(suffix: str, key: Path | None, save: str | None) -> str:
        name = open_visitor(terminal, standin_server, visitor_name + suffix, key)
        screen = terminal.wait_for(name, "Stand-in demo")
        if save:
            terminal.keys(name, "-l", save)
            terminal.keys(name, "Enter")
            terminal.wait_for(name, f"saved {save}")
        terminal.keys(name, "C-q")
        terminal.wait_for(name, "EXITED 0")
        return screen

    visit("k1", client_keys["bob"], "bobs-plan")
    assert "bobs-plan" in visit("k2", client_keys["bob"], None)
    assert "bobs-plan" not in visit("k3", client_keys["alice"], None)
    visit("a1", None, "scratch-plan")
    assert "plans: none" in visit("a2", None, None)
