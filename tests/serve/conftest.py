"""Fixtures for the SSH host tests (helpers live in ssh_helpers.py)."""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ssh_helpers import HERE, Server, Terminal, require_tools, start_server
from web_helpers import chromium_path


@pytest.fixture(scope="session")
def client_keys(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    require_tools()
    directory = tmp_path_factory.mktemp("keys")
    keys = {}
    for name in ("alice", "bob"):
        path = directory / name
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True, timeout=20
        )
        keys[name] = path
    return keys


@pytest.fixture(scope="session")
def terminal() -> Iterator[Terminal]:
    require_tools()
    term = Terminal(f"pf-serve-test-{uuid.uuid4().hex[:8]}")
    yield term
    term.close()


@pytest.fixture(scope="session")
def real_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The real Pathfinder app, as ``pathfinder serve ssh`` launches it by default."""
    require_tools()
    server = start_server(tmp_path_factory.mktemp("real"), idle_timeout=120, max_sessions=10)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def standin_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The stand-in app with tight limits: 3 sessions, a 4-second idle timeout."""
    require_tools()
    server = start_server(
        tmp_path_factory.mktemp("standin"),
        app="standin_app:make_app",
        app_path=str(HERE),
        idle_timeout=4,
        max_sessions=3,
        max_per_ip=3,
    )
    yield server
    server.stop()


@pytest.fixture
def visitor_name() -> str:
    return "v" + uuid.uuid4().hex[:8]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Debian's headless Chromium (not a browser Playwright downloads), driven by Playwright's Python API.
    Per module: Playwright's sync API keeps an event loop running in this thread while it is open, which
    the asyncio tests of other modules must not find."""
    path = chromium_path()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path)
        yield browser
        browser.close()
