"""Helpers for the SSH host tests: a server process on 127.0.0.1 (free port, tmp data dir), a private tmux
server in which OpenSSH's ``ssh`` runs like a visitor's terminal, and ssh command lines.

A plain module (not conftest) so that test files import it by name: pytest puts this directory on
sys.path, while the repository root is not importable when the project is installed non-editable.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

HERE = Path(__file__).parent
REPO = HERE.parent.parent
SSH_OPTIONS = [
    "-o", "StrictHostKeyChecking=no",
    "-o", "UserKnownHostsFile=/dev/null",
    "-o", "LogLevel=ERROR",
    "-o", "ConnectTimeout=10",
]  # fmt: skip


def require_tools() -> None:
    for tool in ("ssh", "ssh-keygen", "tmux"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed")


def wait_until(check: Callable[[], object], timeout: float, what: str, interval: float = 0.02) -> object:
    """Poll ``check`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


@dataclass
class Server:
    """A running ``pathfinder serve ssh`` process."""

    process: subprocess.Popen[str]
    port: int
    data_dir: Path
    output: Path
    fingerprint: str = ""

    def app_pids(self) -> list[int]:
        """The visitors' app processes: children of the fork server that lead their own session (a
        visitor's app has the visitor's PTY as its controlling terminal; a spare waiting for one has not)."""
        return [pid for pid in self.zygote_children() if session_leader(pid)]

    def spare_pids(self) -> list[int]:
        """The apps started ahead of visitors, waiting for one."""
        return [pid for pid in self.zygote_children() if not session_leader(pid)]

    def zygote_children(self) -> list[int]:
        return [pid for zygote in children(self.process.pid) for pid in children(zygote)]

    def log(self) -> str:
        return self.output.read_text(encoding="utf-8", errors="replace")

    def session_dirs(self) -> list[Path]:
        return list((self.data_dir / "sessions").iterdir())

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        return self.process.returncode


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(part) for part in text.split()]


def session_leader(pid: int) -> bool:
    """Whether ``pid`` leads its own session (False once it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return int(fields[3]) == pid


def assert_sandboxed(pid: int, screen: str) -> None:
    """The app process ``pid`` runs under the per-session rlimits, with the server-built environment
    only; ``screen`` is the stand-in app's screen, which lists the app's own os.environ."""
    limits = Path(f"/proc/{pid}/limits").read_text()
    for label, value in (("Max address space", 1024**3), ("Max file size", 16 * 1024**2),
                         ("Max open files", 256), ("Max core file size", 0)):  # fmt: skip
        line = next(line for line in limits.splitlines() if line.startswith(label))
        assert line.split()[-3:-1] == [str(value), str(value)], line
    # The process image's environment is the fork server's, which the server built from scratch...
    environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    names = {entry.split(b"=", 1)[0].decode() for entry in environ if entry}
    assert names <= {"TERM", "PATH", "LANG", "MALLOC_ARENA_MAX"}
    # ...and the app's os.environ (shown by the stand-in) is the session's allow-listed one.
    shown = set(screen.split("env: ", 1)[1].split("\n", 1)[0].split())
    assert shown == {"HOME", "LANG", "PATH", "PATHFINDER_HOSTED", "TERM", "TEXTUAL_FPS", "TMPDIR"}


def listening_port(process: subprocess.Popen[str], log: Callable[[], str], timeout: float) -> int:
    """The port of a server's "listening on 127.0.0.1:PORT" line, once it has printed it (its output
    in the failure if it exits first)."""

    def banner() -> re.Match[str] | None:
        if process.poll() is not None:
            raise AssertionError(f"server exited early:\n{log()}")
        return re.search(r"listening on 127\.0\.0\.1:(\d+)", log())

    match = wait_until(banner, timeout, "the server banner")
    assert isinstance(match, re.Match)
    return int(match.group(1))


def start_server(tmp: Path, **settings: object) -> Server:
    """Start a server with these config-file settings (port 0: any free port) and wait for its banner."""
    data_dir = tmp / "data"
    lines = ["port = 0", f'data_dir = "{data_dir}"', "keepalive_interval = 5"]
    for key, value in settings.items():
        lines.append(f"{key} = {json.dumps(value)}")
    config = tmp / "serve.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = tmp / "server.out"
    handle = output.open("w", encoding="utf-8")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "pathfinder", "serve", "ssh", "--config", str(config)],
        stdout=handle,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=REPO,
        env=env,
        start_new_session=True,
    )
    handle.close()
    server = Server(process, 0, data_dir, output)
    server.port = listening_port(process, server.log, 60)
    wait_until(lambda: "Visitors connect with" in server.log(), 10, "the visitor command")
    fingerprint = re.search(r"fingerprint: (SHA256:\S+)", server.log())
    server.fingerprint = fingerprint.group(1) if fingerprint else ""
    return server


@dataclass
class Terminal:
    """A private tmux server: each visitor is a window running ``ssh``; its pane is their screen."""

    socket: str
    windows: list[str] = field(default_factory=list)

    def tmux(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=10, check=False
        )
        if check and result.returncode != 0:
            raise AssertionError(f"tmux {args}: {result.stderr}")
        return result.stdout

    def open(self, name: str, command: list[str], width: int = 100, height: int = 30) -> str:
        """Run ``command`` in a new window; afterwards the pane shows EXITED <status> and stays."""
        shell = shlex.join(command) + '; echo "EXITED $?"; sleep 600'
        self.tmux("new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), shell)
        self.windows.append(name)
        return name

    def screen(self, name: str) -> str:
        return self.tmux("capture-pane", "-p", "-t", name, check=False)

    def wait_for(self, name: str, text: str, timeout: float = 10) -> str:
        """Poll the pane until ``text`` shows; return the screen (fail with the last screen seen)."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen(name)
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout}s waiting for {text!r}; screen:\n{screen}")
            time.sleep(0.02)

    def keys(self, name: str, *keys: str) -> None:
        self.tmux("send-keys", "-t", name, *keys)

    def flags(self, name: str) -> dict[str, str]:
        """Terminal modes tmux tracks for the pane (what the app left switched on)."""
        names = [
            "alternate_on",
            "cursor_flag",
            "mouse_any_flag",
            "mouse_button_flag",
            "mouse_sgr_flag",
            "mouse_standard_flag",
            "mouse_all_flag",
        ]
        text = self.tmux("display", "-p", "-t", name, " ".join(f"#{{{flag}}}" for flag in names))
        return dict(zip(names, text.split(), strict=True))

    def pane_pid(self, name: str) -> int:
        return int(self.tmux("display", "-p", "-t", name, "#{pane_pid}").strip())

    def close(self) -> None:
        self.tmux("kill-server", check=False)
        Path(f"/tmp/tmux-{os.getuid()}/{self.socket}").unlink(missing_ok=True)


def assert_restored(terminal: Terminal, name: str) -> None:
    """The visitor's terminal is as it was: main screen, cursor shown, no mouse reporting."""
    flags = terminal.flags(name)
    assert flags["alternate_on"] == "0", flags
    assert flags["cursor_flag"] == "1", flags
    assert all(flags[flag] == "0" for flag in flags if flag.startswith("mouse")), flags


def ssh_command(port: int, key: Path | None, *extra: str) -> list[str]:
    """An OpenSSH client command for a key holder (``key``) or an anonymous visitor (None)."""
    command = ["ssh", "-p", str(port), *SSH_OPTIONS]
    if key is not None:
        command += ["-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-i", str(key)]
    else:
        command += ["-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=keyboard-interactive"]
    return [*command, *extra]


def run_ssh(
    port: int, key: Path | None, *remote: str, options: tuple[str, ...] = (), stdin: bytes = b""
) -> subprocess.CompletedProcess[bytes]:
    """Run ``ssh [options] 127.0.0.1 [remote...]`` without a terminal; returns its result."""
    return subprocess.run(
        [*ssh_command(port, key, *options), "127.0.0.1", *remote],
        input=stdin,
        capture_output=True,
        timeout=30,
        check=False,
    )
