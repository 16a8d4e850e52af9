"""Helpers for the browser door's tests: a ``pathfinder serve web`` process on 127.0.0.1 and a headless
Chromium (Debian's, driven by Playwright) whose pages collect what the app sends them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from ssh_helpers import REPO, Server, listening_port

CHROMIUM_BINARIES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
_ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def chromium_path() -> str:
    """Debian's Chromium binary (Playwright's own browser download is not used)."""
    for candidate in CHROMIUM_BINARIES:
        if Path(candidate).exists():
            return candidate
    pytest.skip("chromium is not installed (.ci/run installs Debian's chromium)")
    raise AssertionError  # not reached


@dataclass
class WebServer(Server):
    """A running ``pathfinder serve web`` process (its fork server's children, log and stop as for SSH)."""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


def start_web_server(tmp: Path, **settings: object) -> WebServer:
    data_dir = tmp / "data"
    lines = ["web_port = 0", f'data_dir = "{data_dir}"']
    lines += [f"{key} = {json.dumps(value)}" for key, value in settings.items()]
    config = tmp / "serve.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = tmp / "server.out"
    with output.open("w", encoding="utf-8") as handle:
        process = subprocess.Popen(
            [sys.executable, "-m", "pathfinder", "serve", "web", "--config", str(config)],
            stdout=handle, stderr=subprocess.STDOUT, text=True, cwd=REPO,
            env={**os.environ, "PYTHONUNBUFFERED": "1"}, start_new_session=True,
        )  # fmt: skip
    server = WebServer(process, 0, data_dir, output)
    server.port = listening_port(process, server.log, 30)
    return server


@dataclass
class Tab:
    """A browser page and every byte the app sent it over the websocket."""

    page: Any
    received: list[bytes] = field(default_factory=list)

    def text(self) -> str:
        return _ESCAPES.sub(b"", b"".join(self.received)).decode("utf-8", "replace")

    def wait_for_text(self, text: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.text():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {text!r} in what the app sent")
            self.page.wait_for_timeout(50)


def open_tab(context: Any, url: str) -> Tab:
    return open_tab_on(context.new_page(), url)


def open_tab_on(page: Any, url: str) -> Tab:
    tab = Tab(page)

    def on_websocket(websocket: Any) -> None:
        websocket.on("framereceived", lambda frame: tab.received.append(
            frame if isinstance(frame, bytes) else frame.encode()))  # fmt: skip

    page.on("websocket", on_websocket)
    page.goto(url)
    return tab
