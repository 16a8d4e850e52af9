"""A real terminal for tests: a private tmux server (one socket per test) running a shell at 80x24.

Used by conftest.py's ``terminal`` fixture; a module of its own (not conftest) so tests can import it.

The installed ``pathfinder`` console script is typed into that shell, driven with ``send-keys`` and read
with ``capture-pane``. Waits are bounded polls (every 20 ms, 20 s at most), never fixed sleeps.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

COLUMNS, LINES = 80, 24
POLL_SECONDS = 0.02
TIMEOUT_SECONDS = 20.0
PROMPT = "pf-shell$ "
PATHFINDER = Path(sys.executable).parent / "pathfinder"
"""The console script installed next to the interpreter running the tests (the venv's)."""


class Terminal:
    """One tmux session with a shell in it, and ways to type into it and read it."""

    def __init__(self, tmux: str, socket: str, root: Path) -> None:
        self.tmux, self.socket, self.root = tmux, socket, root
        self.home = root / "home"
        self.pathfinder_home = root / "pathfinder-home"
        self.home.mkdir()
        self.last_screen = ""

    @property
    def plan_dir(self) -> Path:
        """Where the app saves plans under this test's PATHFINDER_HOME."""
        return self.pathfinder_home / "plans"

    def env(self) -> dict[str, str]:
        """The shell's environment: this test's own HOME and PATHFINDER_HOME; nothing of the user's."""
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("TMUX", "PYTEST", "TEXTUAL", "XDG_", "NO_COLOR"))
        }
        env.update(
            HOME=str(self.home),
            PATHFINDER_HOME=str(self.pathfinder_home),
            XDG_DATA_HOME=str(self.home / ".local" / "share"),
            XDG_CONFIG_HOME=str(self.home / ".config"),
            XDG_STATE_HOME=str(self.home / ".local" / "state"),
            XDG_CACHE_HOME=str(self.home / ".cache"),
            LANG="C.UTF-8",
            ENV="/dev/null",
        )
        return env

    def run(self, *args: str) -> str:
        """One tmux command against this test's server; its standard output."""
        done = subprocess.run(
            [self.tmux, "-u", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            env=self.env(),
            timeout=10,
        )
        if done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def start_shell(self) -> None:
        """Start the server with a plain ``sh`` at 80x24 (no status line, so the app gets all 24 rows)."""
        config = self.root / "tmux.conf"
        config.write_text("set -g status off\nset -g default-terminal tmux-256color\nset -g escape-time 0\n")
        subprocess.run(
            [self.tmux, "-u", "-L", self.socket, "-f", str(config), "new-session", "-d", "-s", "main",
             "-x", str(COLUMNS), "-y", str(LINES), "-c", str(self.root), "sh"],
            check=True, env=self.env(), timeout=10,
        )  # fmt: skip
        self.type(f"PS1='{PROMPT}'")  # sh keeps its own prompt for root whatever the environment says
        self.press("Enter")
        self.wait_for(PROMPT.strip(), what="the shell prompt")

    def launch(self, *args: str) -> None:
        """Type ``pathfinder ARGS`` into the shell, followed by an echo of its exit code."""
        command = " ".join([str(PATHFINDER), *args]) + "; echo pathfinder-exit=$?"
        self.type(command)
        self.press("Enter")

    def type(self, text: str) -> None:
        self.run("send-keys", "-t", "main", "-l", text)

    def press(self, *keys: str) -> None:
        """Named keys, as tmux spells them: ``Enter``, ``Tab``, ``C-s``, ``F5``, ``Down``."""
        self.run("send-keys", "-t", "main", *keys)

    def screen(self) -> str:
        self.last_screen = self.run("capture-pane", "-p", "-t", "main")
        return self.last_screen

    def settle(self, quiet: float = 0.15, timeout: float = TIMEOUT_SECONDS) -> None:
        """Wait until the screen, colours included, has not changed for ``quiet`` seconds.

        Focus moves show only as colour and often land a frame after a new step is painted; keys sent
        before that go to the previously focused widget, so the journey settles before typing.
        """
        deadline = time.monotonic() + timeout
        previous, since = "", time.monotonic()
        while time.monotonic() < deadline:
            current = self.run("capture-pane", "-p", "-e", "-t", "main")
            now = time.monotonic()
            if current != previous:
                previous, since = current, now
            elif now - since >= quiet:
                return
            time.sleep(POLL_SECONDS)
        pytest.fail(f"the screen kept changing for {timeout:.0f} s:\n{self.screen()}")

    def pane(self, field: str) -> str:
        """A tmux format value for the pane, e.g. ``alternate_on`` or ``pane_current_command``."""
        return self.run("display-message", "-p", "-t", "main", f"#{{{field}}}").strip()

    def wait_until(self, check: Callable[[str], bool], what: str, timeout: float = TIMEOUT_SECONDS) -> str:
        """Poll the screen until ``check(screen)`` holds; fail showing the last screen otherwise."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if check(screen):
                return screen
            if time.monotonic() > deadline:
                pytest.fail(f"{what} did not appear within {timeout:.0f} s. The screen was:\n{screen}")
            time.sleep(POLL_SECONDS)

    def wait_for(self, text: str, what: str | None = None, timeout: float = TIMEOUT_SECONDS) -> str:
        """Wait for ``text`` (a plain substring) on screen."""
        return self.wait_until(lambda screen: text in screen, what or repr(text), timeout)

    def wait_for_pattern(self, pattern: str, what: str | None = None) -> re.Match[str]:
        """Wait for a regular expression on screen; the match."""
        regex = re.compile(pattern, re.MULTILINE)
        screen = self.wait_until(lambda text: regex.search(text) is not None, what or pattern)
        match = regex.search(screen)
        assert match is not None
        return match

    def kill(self) -> None:
        """Stop this test's tmux server and remove its socket file (tmux leaves it behind)."""
        subprocess.run(
            [self.tmux, "-L", self.socket, "kill-server"], capture_output=True, timeout=10, check=False
        )
        socket_dir = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}"
        (socket_dir / self.socket).unlink(missing_ok=True)
