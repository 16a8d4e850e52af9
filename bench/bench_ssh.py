"""Benchmark ``pathfinder serve ssh`` with real OpenSSH clients in tmux on loopback.

Measures: (1) ssh start → first render for one visitor (median of several), (2) a burst of visitors
connecting at once (time until all have rendered), (3) keystroke echo for one visitor typing while
50 sessions are open (p50/p95), (4) memory per session (PSS from /proc/PID/smaps_rollup).

    .venv/bin/python bench/bench_ssh.py [--sessions 50] [--burst 30] [--runs 7] [--app module:function]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MARKER = "What would you like to do?"
SSH_OPTIONS = ["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
               "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes"]  # fmt: skip


class Tmux:
    """A private tmux server (its own socket), so nothing else on the machine is touched."""

    def __init__(self) -> None:
        self.socket = f"pf-bench-{uuid.uuid4().hex[:8]}"

    def run(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=10
        )
        return result.stdout

    def open(self, name: str, command: list[str]) -> None:
        self.run(
            "new-session", "-d", "-s", name, "-x", "100", "-y", "30", shlex.join(command) + "; sleep 600"
        )

    def open_async(self, name: str, command: list[str]) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            ["tmux", "-L", self.socket, "new-session", "-d", "-s", name, "-x", "100", "-y", "30",
             shlex.join(command) + "; sleep 600"]
        )  # fmt: skip

    def screen(self, name: str) -> str:
        return self.run("capture-pane", "-p", "-t", name)

    def close(self, name: str) -> None:
        self.run("kill-session", "-t", name)

    def stop(self) -> None:
        self.run("kill-server")
        Path(f"/tmp/tmux-{os.getuid()}/{self.socket}").unlink(missing_ok=True)


def start_server(
    scratch: Path, app: str, sessions: int, spawns: int, nice: int = 10, app_path: str | None = None
) -> tuple[subprocess.Popen[bytes], int]:
    config = scratch / "serve.toml"
    extra = f'app_path = "{Path(app_path).resolve()}"\n' if app_path else ""
    config.write_text(
        extra + f'port = 0\ndata_dir = "{scratch / "data"}"\napp = "{app}"\nmax_sessions = {sessions + 10}\n'
        f"max_per_ip = {sessions + 10}\nconnections_per_minute = 10000\nidle_timeout = 600\n"
        f"max_spawns = {spawns}\nsettled_nice = {nice}\n"
    )
    output = scratch / "server.out"
    process = subprocess.Popen(
        [sys.executable, "-m", "pathfinder", "serve", "ssh", "--config", str(config)],
        stdout=output.open("wb"), stderr=subprocess.STDOUT, cwd=REPO, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        match = re.search(r"listening on 127\.0\.0\.1:(\d+)", output.read_text())
        if match and "Visitors connect" in output.read_text():
            return process, int(match.group(1))
        if process.poll() is not None:
            raise SystemExit(f"server failed:\n{output.read_text()}")
        time.sleep(0.05)
    raise SystemExit("server did not start in 60 s")


def wait_rendered(
    tmux: Tmux, names: list[str], started: dict[str, float], timeout: float, marker: str = MARKER
) -> dict[str, float]:
    """Poll every pane until the marker shows; returns seconds from each one's start to its render."""
    done: dict[str, float] = {}
    deadline = time.monotonic() + timeout
    while len(done) < len(names) and time.monotonic() < deadline:
        for name in names:
            if name not in done and marker in tmux.screen(name):
                done[name] = time.monotonic() - started[name]
        time.sleep(0.005)
    if len(done) < len(names):
        raise SystemExit(f"only {len(done)}/{len(names)} sessions rendered within {timeout} s")
    return done


def app_pids(server_pid: int) -> list[int]:
    def children(pid: int) -> list[int]:
        try:
            return [int(part) for part in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        except OSError:
            return []

    return [pid for zygote in children(server_pid) for pid in children(zygote)]


def smaps(pid: int) -> dict[str, int]:
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        key, value = line.split(":", 1)
        values[key] = int(value.split()[0])
    return values


def echo_latencies(tmux: Tmux, name: str, count: int) -> list[float]:
    """Open the command palette and type one letter at a time, timing each until it shows."""
    tmux.run("send-keys", "-t", name, "C-p")
    deadline = time.monotonic() + 10
    while "Search for commands" not in tmux.screen(name) and time.monotonic() < deadline:
        time.sleep(0.01)
    typed, latencies = "", []
    for index in range(count):
        letter = "abcdefghijklmnopqrstuvwxyz"[index % 26]
        started = time.monotonic()
        tmux.run("send-keys", "-t", name, "-l", letter)
        typed += letter
        deadline = started + 5
        while typed[-12:] not in tmux.screen(name) and time.monotonic() < deadline:
            time.sleep(0.002)
        latencies.append(time.monotonic() - started)
        time.sleep(0.05)
    tmux.run("send-keys", "-t", name, "Escape")
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--burst", type=int, default=30)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keystrokes", type=int, default=40)
    parser.add_argument("--app", default="pathfinder.tui:make_app")
    parser.add_argument("--app-path", default=None, help="extra import directory for --app")
    parser.add_argument("--marker", default=MARKER, help="text that shows the app has rendered")
    parser.add_argument("--max-spawns", type=int, default=4, help="the server's max_spawns setting")
    parser.add_argument("--settled-nice", type=int, default=10, help="the server's settled_nice setting")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="pf-bench-"))
    key = scratch / "key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    server, port = start_server(
        scratch, args.app, args.sessions, args.max_spawns, args.settled_nice, args.app_path
    )
    tmux = Tmux()
    command = ["ssh", "-p", str(port), *SSH_OPTIONS, "-i", str(key), "127.0.0.1"]
    results: dict[str, object] = {}
    try:
        single = []
        for run in range(args.runs):
            name = f"single{run}"
            started = {name: time.monotonic()}
            tmux.open(name, command)
            single.append(wait_rendered(tmux, [name], started, 10, args.marker)[name])
            tmux.close(name)
            time.sleep(0.3)
        results["first render, one visitor (median / max s)"] = (statistics.median(single), max(single))
        time.sleep(1.0)
        names = [f"burst{index}" for index in range(args.burst)]
        started = {}
        burst_start = time.monotonic()
        openers = []
        for name in names:  # all at once: one tmux client per visitor, not waited for one by one
            started[name] = time.monotonic()
            openers.append(tmux.open_async(name, command))
        for opener in openers:
            opener.wait(10)
        rendered = wait_rendered(tmux, names, started, 30, args.marker)
        all_done = max(started[name] + rendered[name] for name in names) - burst_start
        burst_times = sorted(rendered.values())
        results[f"burst of {args.burst}: all rendered within (s)"] = all_done
        results[f"burst of {args.burst}: per-visitor first render median / max (s)"] = (
            statistics.median(burst_times),
            burst_times[-1],
        )
        more = [f"load{index}" for index in range(args.sessions - args.burst)]
        for name in more:
            started[name] = time.monotonic()
            tmux.open(name, command)
            time.sleep(0.05)
        wait_rendered(tmux, more, started, 60, args.marker)
        pids = app_pids(server.pid)
        results["sessions open"] = len(pids)
        time.sleep(2.0)
        latencies = sorted(echo_latencies(tmux, names[0], args.keystrokes))
        p95 = latencies[min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))]
        results[f"keystroke echo with {len(pids)} sessions, p50 / p95 (ms)"] = (
            1000 * statistics.median(latencies),
            1000 * p95,
        )
        pss = [smaps(pid)["Pss"] / 1024 for pid in pids]
        private = [smaps(pid)["Private_Dirty"] / 1024 for pid in pids]
        results["memory per session, PSS mean / max (MB)"] = (statistics.mean(pss), max(pss))
        results["memory per session, Private_Dirty mean (MB)"] = statistics.mean(private)
        zygote = [
            int(part) for part in Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        ]
        results["fork server RSS (MB)"] = smaps(zygote[0])["Rss"] / 1024
        results["SSH server RSS (MB)"] = smaps(server.pid)["Rss"] / 1024
    finally:
        tmux.stop()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(scratch, ignore_errors=True)
    width = max(len(label) for label in results)
    print(f"{'figure'.ljust(width)}  value")
    for label, value in results.items():
        shown = " / ".join(f"{part:.3g}" for part in value) if isinstance(value, tuple) else f"{value:.3g}"
        print(f"{label.ljust(width)}  {shown}")
    print(json.dumps({label: value for label, value in results.items()}), file=sys.stderr)


if __name__ == "__main__":
    main()
