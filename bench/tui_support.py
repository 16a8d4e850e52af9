"""Helpers for bench_tui.py: one tmux control-mode client, screen polling driven by pane output, stats.

Why control mode: spawning a ``tmux`` process per poll adds 4-8 ms of noise. One ``tmux -C`` client
answers ``capture-pane`` in well under a millisecond, and its ``%output`` notifications tell us when
a pane has new output, so we capture only then (plus a slow fallback poll) instead of spinning a CPU
that the measured app needs on this 2-core machine.
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

FALLBACK_POLL_SECONDS = 0.010
"""Capture at least this often even without pane output (output can land between two captures)."""

TMUX_CONFIG = """\
set -g status off
set -g remain-on-exit off
set -g escape-time 0
set -g default-terminal tmux-256color
"""


class BenchError(RuntimeError):
    """A measurement could not be taken (a marker never appeared, tmux failed); the message says which."""


def quote_tmux(word: str) -> str:
    """One tmux command-language word, single-quoted (tmux reads single quotes literally)."""
    if "'" in word or "\n" in word:
        raise BenchError(f"cannot pass {word!r} to tmux: it contains a quote or newline")
    return f"'{word}'"


def isolated_env(home: Path, *, columns: int, lines: int) -> dict[str, str]:
    """The environment for every measured process: a throwaway HOME, bytecode allowed, no tmux/pyenv leaks."""
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("TMUX", "PYENV", "TEXTUAL"))
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # without .pyc files startup is ~4x slower
    env.pop("NO_COLOR", None)
    env.update(
        HOME=str(home),
        PATHFINDER_HOME=str(home / "pathfinder"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_CACHE_HOME=str(home / ".cache"),
        LANG=env.get("LANG", "C.UTF-8") if "UTF-8" in env.get("LANG", "") else "C.UTF-8",
        COLUMNS=str(columns),
        LINES=str(lines),
    )
    return env


@dataclass
class Pane:
    """A tmux window running one measured process."""

    pane_id: str
    window_id: str
    pid: int


class TmuxControl:
    """A private tmux server (``-L socket``) with one persistent control-mode client attached."""

    def __init__(self, env: Mapping[str, str], *, columns: int, lines: int) -> None:
        tmux = shutil.which("tmux")
        if tmux is None:
            raise BenchError("tmux is not installed (apt-get install tmux)")
        self.tmux = tmux
        self.socket = f"pf-bench-{os.getpid()}"
        self.columns, self.lines = columns, lines
        self._config = tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False)  # noqa: SIM115
        self._config.write(TMUX_CONFIG + f"set -g default-size {columns}x{lines}\n")
        self._config.close()
        self.proc = subprocess.Popen(
            [tmux, "-L", self.socket, "-f", self._config.name, "-C", "new-session", "-s", "bench",
             "-x", str(columns), "-y", str(lines), "cat"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=dict(env),
        )  # fmt: skip
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self._in = self.proc.stdin
        self._fd = self.proc.stdout.fileno()
        os.set_blocking(self._fd, False)
        self._buffer = b""
        self._lines: list[bytes] = []
        self._last_line = b""
        self.output_seen: set[str] = set()
        """Pane ids that produced output since the caller last cleared them."""
        self.command("refresh-client -C " + f"{columns}x{lines}")

    # ----- the control-mode protocol ---------------------------------------------------------------

    def _read_some(self, timeout: float) -> None:
        """Read what tmux sent (waiting up to ``timeout``); note which panes had output."""
        ready, _, _ = select.select([self._fd], [], [], timeout)
        if not ready:
            return
        try:
            chunk = os.read(self._fd, 1 << 20)
        except BlockingIOError:
            return
        if not chunk:
            raise BenchError("the tmux control client exited")
        self._buffer += chunk
        *complete, self._buffer = self._buffer.split(b"\n")
        for line in complete:
            if line.startswith(b"%output ") or line.startswith(b"%extended-output "):
                self.output_seen.add(line.split(b" ", 2)[1].decode())
            else:
                self._lines.append(line)

    def _next_line(self, deadline: float) -> bytes:
        while not self._lines:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise BenchError("tmux did not answer a command within 5 s")
            self._read_some(remaining)
        self._last_line = self._lines.pop(0)
        return self._last_line

    def _last_begin_is_ours(self) -> bool:
        return self._last_line.rsplit(b" ", 1)[-1] == b"1"  # flags 1: a command this client sent

    def command(self, text: str) -> list[str]:
        """Run one tmux command through the control client; its output lines (raises on %error)."""
        self._in.write(text.encode() + b"\n")
        self._in.flush()
        deadline = time.perf_counter() + 5.0
        while not self._next_line(deadline).startswith(b"%begin") or not self._last_begin_is_ours():
            pass
        body: list[str] = []
        while True:
            line = self._next_line(deadline)
            if line.startswith((b"%end", b"%error")):
                if line.startswith(b"%error"):
                    raise BenchError(f"tmux refused {text!r}: {' '.join(body)}")
                return body
            body.append(line.decode("utf-8", "replace"))

    # ----- panes -----------------------------------------------------------------------------------

    def launch(self, argv: Sequence[str], cwd: Path) -> tuple[Pane, float]:
        """Start ``argv`` (executed directly, no shell) in a new window; returns the pane and start time."""
        words = " ".join(quote_tmux(word) for word in argv)
        request = (
            f"new-window -d -P -F '#{{pane_id}} #{{window_id}} #{{pane_pid}}' -t bench: "
            f"-c {quote_tmux(str(cwd))} {words}"
        )
        started = time.perf_counter()
        pane_id, window_id, pid = self.command(request)[0].split()
        return Pane(pane_id, window_id, int(pid)), started

    def screen(self, pane: Pane) -> list[str]:
        """The pane's visible lines as plain text."""
        return self.command(f"capture-pane -p -t {pane.pane_id}")

    def send_literal(self, pane: Pane, text: str) -> float:
        """Type ``text`` into the pane; returns the time it was sent."""
        self.output_seen.discard(pane.pane_id)
        started = time.perf_counter()
        self.command(f"send-keys -t {pane.pane_id} -l {quote_tmux(text)}")
        return started

    def send_key(self, pane: Pane, key: str) -> None:
        """Press a named key (``F5``, ``C-s``, ``Enter``)."""
        self.command(f"send-keys -t {pane.pane_id} {key}")

    def wait_for(
        self, pane: Pane, found: Callable[[list[str]], bool], started: float, what: str, timeout: float = 10.0
    ) -> float:
        """Seconds from ``started`` until ``found(screen)`` holds: the time the successful capture was asked.

        Captures whenever the pane produced output (and every 10 ms regardless); gives up after
        ``timeout`` seconds with a message that shows the last screen.
        """
        deadline = started + timeout
        while True:
            self.output_seen.discard(pane.pane_id)
            asked = time.perf_counter()
            lines = self.screen(pane)
            if found(lines):
                return asked - started
            if asked > deadline:
                shown = "\n".join(lines).rstrip()
                raise BenchError(f"{what} never appeared within {timeout:.0f} s; the screen was:\n{shown}")
            wait_until = time.perf_counter() + FALLBACK_POLL_SECONDS
            while pane.pane_id not in self.output_seen and (left := wait_until - time.perf_counter()) > 0:
                self._read_some(left)

    def settle(self, pane: Pane, quiet: float = 0.15, timeout: float = 10.0) -> None:
        """Wait until the pane, colours included, has not changed for ``quiet`` seconds.

        Textual moves focus a frame after it paints a new step; keys sent before that land elsewhere.
        """
        deadline = time.perf_counter() + timeout
        previous, since = [""], time.perf_counter()
        while time.perf_counter() < deadline:
            current = self.command(f"capture-pane -p -e -t {pane.pane_id}")
            now = time.perf_counter()
            if current != previous:
                previous, since = current, now
            elif now - since >= quiet:
                return
            self._read_some(0.02)
        raise BenchError(f"the screen kept changing for {timeout:.0f} s")

    def close_pane(self, pane: Pane) -> None:
        """Kill the window and wait (up to 5 s) for its process to go, so it cannot disturb the next case."""
        with contextlib.suppress(BenchError):  # the process may have exited and taken its window along
            self.command(f"kill-window -t {pane.window_id}")
        deadline = time.perf_counter() + 5.0
        while Path(f"/proc/{pane.pid}").exists() and time.perf_counter() < deadline:
            self._read_some(0.005)
        if Path(f"/proc/{pane.pid}").exists():
            os.kill(pane.pid, signal.SIGKILL)

    def close(self) -> None:
        """Stop the private tmux server."""
        subprocess.run([self.tmux, "-L", self.socket, "kill-server"], check=False, capture_output=True)
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        Path(self._config.name).unlink(missing_ok=True)
        socket_dir = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}"
        (socket_dir / self.socket).unlink(missing_ok=True)  # tmux leaves the socket file behind


# ----- process facts and statistics ---------------------------------------------------------------


def rss_mib(pid: int) -> float:
    """VmRSS of ``pid`` in MiB, read from /proc."""
    status = Path(f"/proc/{pid}/status").read_text()
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    if match is None:
        raise BenchError(f"no VmRSS for process {pid}")
    return int(match.group(1)) / 1024


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by every thread of ``pid`` (from /proc/PID/task/*/schedstat, nanoseconds).

    Unlike wall time, this barely moves when other work shares the machine, so it backs up the ratios.
    """
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
            continue  # the thread ended while we looked
    return total / 1e9


def percentile(values: Sequence[float], share: float) -> float:
    """Linear-interpolated percentile (``share`` in 0..1)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def compile_bytecode(paths: Sequence[Path]) -> None:
    """Make sure .pyc files exist: this machine sets PYTHONDONTWRITEBYTECODE=1 (4x slower start)."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", *map(str, paths)], check=False, capture_output=True
    )
