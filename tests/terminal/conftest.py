"""The ``terminal`` fixture: a fresh tmux server and shell per test (see tmux_terminal.py)."""

from __future__ import annotations

import shutil
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from tmux_terminal import PATHFINDER, Terminal


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    """A fresh tmux server and shell for one test, killed afterwards (whatever the outcome)."""
    tmux = shutil.which("tmux")
    if tmux is None:
        pytest.skip("tmux is not installed: the real-terminal tests need it (apt-get install tmux)")
    if not PATHFINDER.exists():
        pytest.fail(f"the pathfinder console script is not installed next to {sys.executable}")
    term = Terminal(tmux, f"pf-test-{uuid.uuid4().hex[:12]}", tmp_path)
    try:
        term.start_shell()
        yield term
    finally:
        term.kill()
