"""Benchmark ``pathfinder serve web`` in Debian's headless Chromium (Playwright's Python API).

Measures: (1) page opened → the app's welcome screen received by the page, one visitor at a time
(median of ``--runs``), (2) bursts of ``--burst`` tabs opened at once: the time until every tab has the
welcome screen (median of ``--bursts``), (3) memory per browser session (PSS of each app process, from
/proc/PID/smaps_rollup) with the last burst open.

    .venv/bin/python bench/bench_web.py                       # 5 single visitors, 3 bursts of 30
    .venv/bin/python bench/bench_web.py --burst 10 --bursts 2 --set max_spawns=2

It starts its own server (port 0, a temporary data directory, ``max_sessions`` and ``max_per_ip`` raised
to fit a burst from one address) and stops it at the end. The browser runs on the same two cores as the
server and the apps, so these are upper bounds for a visitor on their own computer.
"""

from __future__ import annotations

import argparse
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ssh_support import session_leader, smaps, zygote_children

REPO = Path(__file__).resolve().parent.parent
MARKER = "What would you like to do?"
SPARES_READY = "apps started ahead of visitors are ready"
CHROMIUM = "/usr/lib/chromium/chromium"
_ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]")


class Tab:
    def __init__(self, page: Any) -> None:
        self.page = page
        self.received: list[bytes] = []
        self.seen_at: float | None = None
        page.on("websocket", self._on_websocket)

    def _on_websocket(self, websocket: Any) -> None:
        websocket.on("framereceived", self._on_frame)

    def _on_frame(self, frame: Any) -> None:
        self.received.append(frame if isinstance(frame, bytes) else frame.encode())
        if self.seen_at is None and MARKER.encode() in _ESCAPES.sub(b"", b"".join(self.received)):
            self.seen_at = time.perf_counter()


def start_server(data: Path, settings: dict[str, str]) -> tuple[subprocess.Popen[str], int, Path]:
    config = data / "serve.toml"
    lines = ["web_port = 0", f'data_dir = "{data / "data"}"', "max_sessions = 100", "max_per_ip = 100"]
    lines += ['metrics = "127.0.0.1:0"', "connections_per_minute = 10000"]
    lines += [f"{key} = {value}" for key, value in settings.items()]
    config.write_text("\n".join(lines) + "\n")
    output = data / "server.out"
    with output.open("w") as handle:
        command = [sys.executable, "-m", "pathfinder", "serve", "web", "--config", str(config)]
        process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, text=True, cwd=REPO)
    deadline = time.monotonic() + 30
    while not (match := re.search(r"listening on 127\.0\.0\.1:(\d+)", output.read_text())):
        if time.monotonic() > deadline or process.poll() is not None:
            raise SystemExit(f"the web server did not start:\n{output.read_text()}")
        time.sleep(0.05)
    return process, int(match.group(1)), output


def open_tabs(context: Any, url: str, count: int, timeout: float = 120) -> tuple[list[Tab], list[float]]:
    """Open ``count`` tabs at once; seconds from the first goto to each tab's welcome screen."""
    tabs = [Tab(context.new_page()) for _ in range(count)]
    started = time.perf_counter()
    for tab in tabs:
        tab.page.goto(url, wait_until="commit")
    deadline = time.monotonic() + timeout
    while any(tab.seen_at is None for tab in tabs):
        if time.monotonic() > deadline:
            raise SystemExit(f"only {sum(tab.seen_at is not None for tab in tabs)} of {count} tabs rendered")
        tabs[0].page.wait_for_timeout(20)
    return tabs, [tab.seen_at - started for tab in tabs if tab.seen_at is not None]


def server_side_renders(output: Path) -> tuple[float, float]:
    """(count, sum) of the server's time-to-first-render histogram for the web door."""
    import urllib.request

    match = re.search(r"Metrics on http://127\.0\.0\.1:(\d+)/", output.read_text())
    if match is None:
        return 0.0, 0.0
    with urllib.request.urlopen(f"http://127.0.0.1:{match.group(1)}/metrics", timeout=5) as response:
        text = response.read().decode()
    values = dict(
        re.findall(r'^pathfinder_time_to_first_render_seconds_(count|sum)\{door="web"\} (\S+)$', text, re.M)
    )
    return float(values.get("count", 0)), float(values.get("sum", 0))


async def websocket_burst(url: str, count: int, timeout: float = 120) -> list[float]:
    """``count`` visitors without a browser: each loads the page (for its token), opens the page's
    websocket as textual.js does and waits for the welcome screen; seconds from the start to each."""
    import asyncio

    import aiohttp

    async def visitor(session: aiohttp.ClientSession, started: float) -> float:
        async with session.get(url) as response:
            page = await response.text()
        match = re.search(r'data-session-websocket-url="([^"]+)"', page)
        assert match is not None, page[:200]
        socket_url = match.group(1).replace("&amp;", "&")
        received = b""
        async with session.ws_connect(socket_url) as websocket:
            await websocket.send_json(["resize", {"width": 100, "height": 30}])
            async for message in websocket:
                if message.type == aiohttp.WSMsgType.BINARY:
                    received += message.data
                    if MARKER.encode() in _ESCAPES.sub(b"", received):
                        seen = time.perf_counter() - started
                        break
            else:
                raise SystemExit("a websocket closed before the welcome screen")
            await asyncio.sleep(0.5)
        return seen

    async with aiohttp.ClientSession() as session:
        started = time.perf_counter()
        return list(await asyncio.wait_for(
            asyncio.gather(*(visitor(session, started) for _ in range(count))), timeout))  # fmt: skip


def app_pids(server_pid: int) -> list[int]:
    """The visitors' apps: children of the web server's fork server leading a session of their own (a
    spare waiting for a visitor does not)."""
    return [pid for pid in zygote_children(server_pid) if session_leader(pid)]


def spare_pids(server_pid: int) -> list[int]:
    return [pid for pid in zygote_children(server_pid) if not session_leader(pid)]


class Spares:
    """Waits until the fork server has refilled its spares (if it keeps any) since they were last used:
    every measurement starts as a visitor after a quiet spell would find the host."""

    def __init__(self, output: Path, keeps: bool) -> None:
        self.output, self.keeps, self.seen = output, keeps, 0

    def wait(self, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while self.keeps:
            count = self.output.read_text(errors="replace").count(SPARES_READY)
            if count > self.seen:
                self.seen = count
                return
            if time.monotonic() > deadline:
                raise SystemExit(f"spares not ready within {timeout:.0f} s")
            time.sleep(0.05)


def close_all(tabs: list[Tab], server_pid: int) -> None:
    for tab in tabs:
        tab.page.close()
    deadline = time.monotonic() + 30
    while app_pids(server_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(0.5)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--burst", type=int, default=30)
    parser.add_argument("--bursts", type=int, default=3)
    parser.add_argument(
        "--websocket-bursts",
        type=int,
        default=3,
        help="bursts of visitors without a browser (websocket clients), to time the server alone",
    )
    parser.add_argument("--set", default="", help="server settings, KEY=VALUE[,KEY=VALUE]")
    args = parser.parse_args()
    settings = dict(part.split("=", 1) for part in args.set.split(",") if part)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-web-") as folder:
        process, port, output = start_server(Path(folder), settings)
        url = f"http://127.0.0.1:{port}/"
        results: dict[str, object] = {}
        spares = Spares(output, settings.get("spares", "30") != "0")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM)
                context = browser.new_context(viewport={"width": 1000, "height": 600})
                singles = []
                for _run in range(args.runs):
                    spares.wait()
                    tabs, seen = open_tabs(context, url, 1)
                    singles.append(seen[0])
                    close_all(tabs, process.pid)
                results["page opened → welcome screen, one visitor, median (s)"] = statistics.median(singles)
                totals, server_means = [], []
                for index in range(args.bursts):
                    spares.wait()
                    if index == 0 and spares.keeps:
                        waiting = [smaps(pid)["Pss"] / 1024 for pid in spare_pids(process.pid)]
                        results["memory per spare waiting for a visitor, PSS mean (MB)"] = statistics.mean(
                            waiting
                        )
                    before = server_side_renders(output)
                    tabs, seen = open_tabs(context, url, args.burst)
                    totals.append(max(seen))
                    after = server_side_renders(output)
                    if after[0] > before[0]:
                        server_means.append((after[1] - before[1]) / (after[0] - before[0]))
                    print(
                        f"burst {index + 1}: all {args.burst} rendered within {max(seen):.2f} s",
                        file=sys.stderr,
                    )
                    if index == args.bursts - 1:
                        apps = app_pids(process.pid)
                        pss = [smaps(pid)["Pss"] / 1024 for pid in apps]
                        results["memory per browser session, PSS mean / max (MB)"] = (
                            statistics.mean(pss),
                            max(pss),
                        )
                        results["web server RSS (MB)"] = smaps(process.pid)["Rss"] / 1024
                    close_all(tabs, process.pid)
                if totals:
                    results[f"burst of {args.burst}: all rendered within, median (s)"] = statistics.median(
                        totals
                    )
                    results["  single bursts (s)"] = [round(total, 2) for total in totals]
                    results[
                        "  server side: session admitted → app's first frame sent, mean per burst (s)"
                    ] = [round(mean, 2) for mean in server_means]
                browser.close()
            import asyncio

            socket_singles = []
            for _run in range(args.runs):
                time.sleep(1.0)
                spares.wait()
                socket_singles.append(asyncio.run(websocket_burst(url, 1))[0])
            if socket_singles:
                results["one websocket client (no browser): page requested → welcome screen, median (s)"] = (
                    statistics.median(socket_singles)
                )
            socket_totals = []
            for _index in range(args.websocket_bursts):
                time.sleep(2.0)
                spares.wait()
                seen = asyncio.run(websocket_burst(url, args.burst))
                socket_totals.append(max(seen))
            if socket_totals:
                results[f"burst of {args.burst} websocket clients (no browser): all rendered within, "
                        "median (s)"] = statistics.median(socket_totals)  # fmt: skip
                results["  single bursts, websocket clients (s)"] = [
                    round(total, 2) for total in socket_totals
                ]
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(30)
        for name, value in results.items():
            shown = value if not isinstance(value, float) else round(value, 3)
            if isinstance(value, tuple):
                shown = " / ".join(f"{part:.2f}" for part in value)
            print(f"{name}: {shown}")


if __name__ == "__main__":
    main()
