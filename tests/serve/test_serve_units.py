"""The SSH host's pure parts: settings, terminal sanitising, limits, names derived from keys."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pytest

from pathfinder.cli import main
from pathfinder.errors import PathfinderError
from pathfinder.serve.config import build_config
from pathfinder.serve.keys import load_or_create_host_key, safe_name
from pathfinder.serve.limits import ConnectionRate, SessionSlots
from pathfinder.serve.terminal import child_environment, clamp_size, safe_term
from pathfinder.serve.visitors import CommandRefused, export_plan

if TYPE_CHECKING:
    import asyncssh


def test_config_file_then_command_line(tmp_path: Path) -> None:
    config_file = tmp_path / "serve.toml"
    config_file.write_text(
        'port = 2400\nmax-sessions = 7\nidle_timeout = 30\ndata_dir = "d"\napp_path = "a"\n'
    )
    config = build_config(config_file, {"port": 2500, "max_sessions": None})
    assert (config.port, config.max_sessions, config.idle_timeout) == (2500, 7, 30.0)
    assert config.data_dir == (tmp_path / "d").resolve() and config.app_path == (tmp_path / "a").resolve()


def test_config_errors_name_file_line_and_key(tmp_path: Path) -> None:
    config_file = tmp_path / "serve.toml"
    config_file.write_text('port = 2400\n\nmax_sesions = 7\nidle_timeout = "soon"\n')
    with pytest.raises(PathfinderError) as caught:
        build_config(config_file, {})
    problems = {problem.key: problem for problem in caught.value.problems}
    assert problems["max_sesions"].line == 3 and "max_sessions" in problems["max_sesions"].hint
    assert problems["idle_timeout"].line == 4 and problems["idle_timeout"].file == config_file


def test_bad_config_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config_file = tmp_path / "serve.toml"
    config_file.write_text("port = [\n")
    assert main(["serve", "ssh", "--config", str(config_file)]) == 2
    assert "serve.toml" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("size", "expected"),
    [((0, 0), (80, 24)), ((1, 1), (20, 5)), ((100000, 100000), (500, 200)), ((120, 40), (120, 40))],
)
def test_window_sizes_are_clamped(size: tuple[int, int], expected: tuple[int, int]) -> None:
    assert clamp_size(*size) == expected


def test_term_is_validated() -> None:
    assert safe_term("xterm-kitty") == "xterm-kitty"
    assert safe_term("xterm;rm -rf /") == "xterm-256color"
    assert safe_term("x" * 65) == "xterm-256color"
    assert safe_term(None) == "xterm-256color"


def test_child_environment_is_an_allow_list() -> None:
    client = {"PYTHONINSPECT": "1", "LD_PRELOAD": "/x.so", "LANG": "de_DE.UTF-8", "LC_ALL": "$(id)",
              "COLORTERM": "truecolor", "PATH": "/tmp"}  # fmt: skip
    env = child_environment(client, term="xterm", home="/h", truecolor=False)
    assert env["LANG"] == "de_DE.UTF-8" and env["COLORTERM"] == "truecolor" and env["PATH"] != "/tmp"
    assert not any(name.startswith(("PYTHON", "LD_")) for name in env) and "LC_ALL" not in env
    assert "COLORTERM" not in child_environment({"COLORTERM": "yes"}, term="x", home="/h", truecolor=False)


def test_connection_rate_and_slots() -> None:
    now = [0.0]
    rate = ConnectionRate(2, clock=lambda: now[0])
    assert rate.allow("a") and rate.allow("a") and not rate.allow("a") and rate.allow("b")
    now[0] = 61.0
    assert rate.allow("a")
    slots = SessionSlots(max_total=2, max_per_ip=1)
    slots.take("a")
    assert slots.refusal("a") and slots.refusal("b") is None
    slots.take("b")
    assert "full" in (slots.refusal("c") or "")
    slots.release("a")
    assert slots.refusal("a") is None


def test_safe_names_come_only_from_fingerprints() -> None:
    name = safe_name("SHA256:abc/+def")
    assert name.startswith("key-") and name[4:].isalnum() and len(name) == 44
    assert safe_name("SHA256:abc/+def") == name != safe_name("SHA256:abc/+deg")


def test_host_key_is_created_once_0600(tmp_path: Path) -> None:
    path = tmp_path / "ssh_host_ed25519_key"
    first = load_or_create_host_key(path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert load_or_create_host_key(path).public_data == first.public_data


def test_export_refuses_odd_names_and_links(tmp_path: Path) -> None:
    (tmp_path / "good.toml").write_text("x = 1\n")
    (tmp_path / "link.toml").symlink_to("/etc/passwd")
    assert export_plan(tmp_path, "good")[0] == "x = 1\n"
    for name in ("../good", "link", "-rf", ""):
        with pytest.raises(CommandRefused):
            export_plan(tmp_path, name)


class _Channel:
    """Stands in for asyncssh's stdout: records every write."""

    def __init__(self) -> None:
        self.writes: list[bytes] = []

    def write(self, data: bytes) -> None:
        self.writes.append(data)

    async def drain(self) -> None:
        return None


class _Process:
    """Stands in for asyncssh's SSHServerProcess: the bridge only writes to its stdout."""

    def __init__(self, stdout: _Channel) -> None:
        self.stdout = stdout


async def test_pty_output_is_gathered_into_few_writes_and_arrives_whole() -> None:
    import asyncio
    import os

    from pathfinder.serve.pty_bridge import PTY_PIECE, PtyBridge, open_pty

    master, slave = open_pty(80, 24)
    channel = _Channel()
    bridge = PtyBridge(master, cast("asyncssh.SSHServerProcess[Any]", _Process(channel)))
    bridge.gather_wait = 1.0  # a loaded test machine may take a while to refill the PTY's buffer
    frame = bytes(range(32, 127)) * 320  # 30400 bytes: eight pieces of a PTY read
    pump = asyncio.ensure_future(bridge.pump_output())

    async def received(size: int) -> None:
        while sum(map(len, channel.writes)) < size:
            await asyncio.sleep(0.01)

    await asyncio.to_thread(os.write, slave, frame)
    await asyncio.wait_for(received(len(frame)), 10)
    assert b"".join(channel.writes) == frame
    assert len(channel.writes) < len(frame) // PTY_PIECE and bridge.first_frame.is_set()
    writes_so_far = len(channel.writes)
    os.write(slave, b"x")  # a short write (a key's echo) goes out on its own, not held back
    await asyncio.wait_for(received(len(frame) + 1), 10)
    assert channel.writes[writes_so_far:] == [b"x"]
    os.close(slave)
    await asyncio.wait_for(pump, 5)  # the app side hung up: the pump ends
    os.close(master)


def test_theme_colours_are_shared_and_equal_to_textual_own() -> None:
    import subprocess
    import sys

    check = (
        "from textual.theme import BUILTIN_THEMES\n"
        "before = {n: t.to_color_system().generate() for n, t in BUILTIN_THEMES.items()}\n"
        "from pathfinder.tui.compat.style_caches import share_theme_colors\n"
        "assert share_theme_colors() and not share_theme_colors()\n"
        "for n, t in BUILTIN_THEMES.items():\n"
        "    first = t.to_color_system().generate(); first['x'] = 'changed by a caller'\n"
        "    assert t.to_color_system().generate() == before[n], n\n"
    )
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_logs_are_pruned_by_size_as_well_as_by_count(tmp_path: Path) -> None:
    """Crash logs were pruned only by count at start: a crash loop of big logs could fill the disk."""
    import os

    from pathfinder.serve.visitors import prune_logs

    for index in range(10):
        log = tmp_path / f"{index:02d}.log"
        log.write_bytes(b"x" * 1000)
        os.utime(log, (1000 + index, 1000 + index))
    assert prune_logs(tmp_path, keep=100, max_bytes=3500) == 7
    assert sorted(path.name for path in tmp_path.glob("*.log")) == ["07.log", "08.log", "09.log"]
    assert prune_logs(tmp_path, keep=2) == 1


def test_a_loose_data_directory_is_tightened_and_a_foreign_writable_one_refused(tmp_path: Path) -> None:
    import os

    import pytest

    from pathfinder.errors import PathfinderError
    from pathfinder.serve.visitors import secure_dir

    loose = tmp_path / "loose"
    loose.mkdir()
    loose.chmod(0o777)
    assert secure_dir(loose, 0o700) is True
    assert loose.stat().st_mode & 0o777 == 0o700
    assert secure_dir(loose, 0o700) is False
    link = tmp_path / "link"
    link.symlink_to(loose)
    with pytest.raises(PathfinderError, match="not a directory"):
        secure_dir(link, 0o700)
    if os.geteuid() == 0:  # a directory of another user, writable by all
        foreign = tmp_path / "foreign"
        foreign.mkdir()
        os.chown(foreign, 65534, 65534)
        foreign.chmod(0o777)
        with pytest.raises(PathfinderError, match="belongs to another user"):
            secure_dir(foreign, 0o700)


def test_an_import_waits_for_the_lock_of_the_key(tmp_path: Path) -> None:
    """Two hosts sharing the plans folder: an import for a key waits while another holds its lock, and
    two imports of one plan never take the same name."""
    import threading
    from datetime import UTC, datetime

    from pathfinder.plan.models import new_plan
    from pathfinder.plan.store import plan_to_toml
    from pathfinder.serve.visitors import Owner, key_lock, store_import, visitor_dirs

    plan_dir, _data = visitor_dirs(tmp_path, "SHA256:abc", Owner())
    plan = new_plan(datetime(2026, 11, 25, 12, 0, tzinfo=UTC)).model_copy(update={"name": "Shared plan"})
    text = plan_to_toml(plan)
    names: list[str] = []
    with key_lock(plan_dir, exclusive=True):
        worker = threading.Thread(
            target=lambda: names.append(store_import(plan_dir, plan.name, text, Owner()))
        )
        worker.start()
        worker.join(0.5)
        assert worker.is_alive() and not names and not list(plan_dir.glob("*.toml"))
    worker.join(10)
    names.append(store_import(plan_dir, plan.name, text, Owner()))
    assert names == ["shared-plan", "shared-plan-2"]
