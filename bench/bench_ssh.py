"""Benchmark ``pathfinder serve ssh`` with real OpenSSH clients in tmux on loopback.

Measures: (1) ssh start → first render for one visitor (median of ``--runs``), (2) bursts of
``--burst`` visitors connecting at once: the time until all have rendered (median of ``--bursts``)
and the CPU each party used meanwhile, (3) keystroke echo for one visitor typing while ``--sessions``
sessions are open (p50/p95), (4) memory per session (PSS from /proc/PID/smaps_rollup).

    env -u PYTHONDONTWRITEBYTECODE .venv/bin/python bench/bench_ssh.py            # the record
    .venv/bin/python bench/bench_ssh.py --set max_spawns=2 --variant settled_nice=19   # A/B bursts

Every visitor is a real ``ssh`` process in its own tmux window (started directly, no shell). The harness
drives tmux through one control-mode client (bench/tui_support.py): starting a visitor is one
``new-window`` command, and a pane is captured only when tmux reports output from it (and every 0.5 s
regardless), so the harness itself uses about 1-2 % of the CPU a burst takes; the CPU rows show it.
A burst is timed from just before the first ``ssh`` is started to the capture that shows the app's
marker in the last visitor's terminal; before each one the bench waits until the server has made its
spares (apps started ahead of visitors) again, as a host would have after a quiet spell.
``--variant KEY=VALUE[,KEY=VALUE]`` starts one more server per
variant with those settings and runs the bursts of all servers interleaved, so they can be compared.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ssh_support import CpuMeter, app_pids, children, smaps, start_haproxy, wait_no_apps, zygote_children
from tui_support import BenchError, Pane, TmuxControl, compile_bytecode, isolated_env, percentile, quote_tmux

REPO = Path(__file__).resolve().parent.parent
MARKER = "What would you like to do?"
COLUMNS, LINES = 100, 30
SSH_OPTIONS = ["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
               "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes"]  # fmt: skip
SPARES_READY = "apps started ahead of visitors are ready"
SWEEP_SECONDS = 0.5
"""Capture every pending pane at least this often, even without output notifications (a safety net)."""


class Visitors(TmuxControl):
    """The tmux control client, able to wait for many panes at once."""

    def __init__(self, env: dict[str, str], *, columns: int, lines: int) -> None:
        super().__init__(env, columns=columns, lines=lines)
        self.command("set-option -g remain-on-exit on")  # a visitor whose ssh ended keeps its last screen

    def wait_all(self, panes: Iterable[Pane], marker: str, timeout: float) -> dict[str, float]:
        """perf_counter time at which each pane's screen was first seen to show ``marker``."""
        pending = {pane.pane_id: pane for pane in panes}
        seen: dict[str, float] = {}
        deadline = time.perf_counter() + timeout
        next_sweep = 0.0
        while pending:
            now = time.perf_counter()
            sweep = now >= next_sweep
            if sweep:
                next_sweep = now + SWEEP_SECONDS
            for pane_id in list(pending):
                if not sweep and pane_id not in self.output_seen:
                    continue
                self.output_seen.discard(pane_id)
                asked = time.perf_counter()
                screen = self.command(f"capture-pane -p -t {pane_id}")
                if any(marker in line for line in screen):
                    seen[pane_id] = asked
                    del pending[pane_id]
                elif sweep and not Path(f"/proc/{pending[pane_id].pid}").exists():
                    shown = "\n".join(screen).strip()
                    raise BenchError(f"a visitor's ssh ended before the app showed; its screen:\n{shown}")
            if now > deadline:
                raise BenchError(f"only {len(seen)} sessions showed {marker!r} within {timeout:.0f} s")
            if pending and not self.output_seen.intersection(pending):
                self._read_some(max(0.0, min(0.05, next_sweep - time.perf_counter())))
        return seen

    def launch_many(self, argv: list[str], count: int) -> tuple[list[Pane], float]:
        """Start ``count`` copies of ``argv`` at once: all the ``new-window`` commands go in one write and
        the replies are read afterwards, so tmux forks them back to back; returns the panes and the time."""
        words = " ".join(quote_tmux(word) for word in argv)
        request = f"new-window -d -P -F '#{{pane_id}} #{{window_id}} #{{pane_pid}}' -t bench: {words}\n"
        started = time.perf_counter()
        self._in.write(request.encode() * count)
        self._in.flush()
        deadline = started + 10.0
        panes = []
        for _index in range(count):
            while not self._next_line(deadline).startswith(b"%begin") or not self._last_begin_is_ours():
                pass
            reply = self._next_line(deadline).decode()
            if not self._next_line(deadline).startswith(b"%end"):
                raise BenchError(f"tmux could not start {argv[0]}: {reply}")
            pane_id, window_id, pid = reply.split()
            panes.append(Pane(pane_id, window_id, int(pid)))
        return panes, started

    def server_pid(self) -> int:
        return int(self.command("display-message -p '#{pid}'")[0])


@dataclass
class Server:
    """One ``pathfinder serve ssh`` process with its settings, and the bursts measured on it."""

    name: str
    process: subprocess.Popen[bytes]
    command: list[str]
    output: Path
    keeps_spares: bool
    spares_seen: int = 0
    """How many times its spares (apps started ahead of visitors) have been reported ready so far."""
    spares_used: bool = True
    """Whether visitors have come since the spares were last seen ready (at the start: not yet ready)."""
    totals: list[float] = field(default_factory=list)
    medians: list[float] = field(default_factory=list)
    cpus: list[dict[str, float]] = field(default_factory=list)
    haproxy: subprocess.Popen[bytes] | None = None
    """HAProxy in front of it (``--haproxy``), or None."""

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_spares(self, timeout: float = 60.0) -> None:
        """Wait until the fork server has refilled its spares since they were last used (if it keeps any):
        every burst starts as a visitor after a quiet spell would find the host."""
        deadline = time.monotonic() + timeout
        while self.keeps_spares and self.spares_used:
            count = self.output.read_text(errors="replace").count(SPARES_READY)
            if count > self.spares_seen:
                self.spares_seen, self.spares_used = count, False
                return
            if time.monotonic() > deadline:
                raise BenchError(f"server {self.name}: spares not ready within {timeout:.0f} s")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.haproxy is not None:
            self.haproxy.terminate()
            self.haproxy.wait(10)
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def put_haproxy_in_front(server: Server, directory: Path) -> None:
    """HAProxy in front of ``server``; its visitors connect through it."""
    port_at = server.command.index("-p") + 1
    server.haproxy, front = start_haproxy(directory, [server.command[port_at]])
    server.command[port_at] = str(front)


def start_server(
    scratch: Path, name: str, settings: dict[str, str], key: Path, *, haproxy: bool = False
) -> Server:
    """A server on a free port with a throwaway data directory; ``settings`` are TOML values. With
    ``haproxy``, visitors reach it through HAProxy (the server trusts PROXY headers from 127.0.0.1)."""
    if haproxy:
        settings = {**settings, "proxy_protocol_from": '["127.0.0.1"]'}
    directory = scratch / f"server-{len(list(scratch.glob('server-*')))}"
    directory.mkdir()
    values = {"port": "0", "data_dir": json.dumps(str(directory / "data")), "idle_timeout": "600",
              "connections_per_minute": "10000", **settings}  # fmt: skip
    (directory / "serve.toml").write_text("".join(f"{key} = {value}\n" for key, value in values.items()))
    output = directory / "server.out"
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    process = subprocess.Popen(
        [sys.executable, "-m", "pathfinder", "serve", "ssh", "--config", str(directory / "serve.toml")],
        stdout=output.open("wb"), stderr=subprocess.STDOUT, cwd=REPO, start_new_session=True, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        text = output.read_text()
        match = re.search(r"listening on 127\.0\.0\.1:(\d+)", text)
        if match and "Visitors connect" in text:
            ssh = ["ssh", "-p", match.group(1), *SSH_OPTIONS, "-i", str(key), "127.0.0.1"]
            server = Server(name, process, ssh, output, keeps_spares=settings.get("spares", "1") != "0")
            if haproxy:
                put_haproxy_in_front(server, directory)
            return server
        if process.poll() is not None:
            raise BenchError(f"server {name} failed:\n{text}")
        time.sleep(0.05)
    raise BenchError(f"server {name} did not start in 60 s")


# ----- the measures ------------------------------------------------------------------------------------


def first_renders(tmux: Visitors, server: Server, runs: int, marker: str) -> list[float]:
    times = []
    for _run in range(runs):
        server.wait_spares()
        server.spares_used = True
        pane, started = tmux.launch(server.command, REPO)
        times.append(tmux.wait_all([pane], marker, 10)[pane.pane_id] - started)
        tmux.close_pane(pane)
        wait_no_apps(server.pid)
        time.sleep(0.3)
    return times


def burst(tmux: Visitors, server: Server, size: int, marker: str) -> list[Pane]:
    """Start ``size`` ssh clients at once; time until the last shows the marker, and the CPU used."""
    meter = CpuMeter(server.pid, tmux.server_pid(), tmux.proc.pid)
    server.spares_used = True
    panes, burst_start = tmux.launch_many(server.command, size)
    launched = time.perf_counter() - burst_start
    seen = tmux.wait_all(panes, marker, 60)
    cpu = meter.used([pane.pid for pane in panes])
    cpu["starting the ssh clients (wall)"] = launched
    server.totals.append(max(seen.values()) - burst_start)
    server.medians.append(statistics.median(seen[pane.pane_id] - burst_start for pane in panes))
    server.cpus.append(cpu)
    print(f"{server.name}: all {size} rendered within {server.totals[-1]:.2f} s", file=sys.stderr)
    return panes


def echo_latencies(tmux: Visitors, pane: Pane, count: int) -> list[float]:
    """Open the command palette and type one letter at a time, timing each until it shows."""
    tmux.send_key(pane, "C-p")
    palette = time.perf_counter()
    tmux.wait_for(
        pane, lambda lines: any("Search for commands" in line for line in lines), palette, "palette"
    )
    typed, latencies = "", []
    for index in range(count):
        typed += "abcdefghijklmnopqrstuvwxyz"[index % 26]
        started = tmux.send_literal(pane, typed[-1])
        tail = typed[-12:]
        shows_tail = lambda lines, tail=tail: any(tail in line for line in lines)  # noqa: E731
        latencies.append(tmux.wait_for(pane, shows_tail, started, tail))
        time.sleep(0.05)
    tmux.send_key(pane, "Escape")
    return latencies


def echo_and_memory(
    args: argparse.Namespace, tmux: Visitors, server: Server, panes: list[Pane], results: dict[str, object]
) -> None:
    """Fill up to ``--sessions`` open sessions (the last burst stays open), then type and weigh."""
    more = []
    server.spares_used = True
    for _index in range(args.sessions - len(panes)):
        more.append(tmux.launch(server.command, REPO)[0])
        time.sleep(0.05)
    tmux.wait_all(more, args.marker, 60)
    if len(app_pids(server.pid)) < int(args.set.get("max_sessions", "50")):
        server.wait_spares()  # (with every session slot taken there is no room for spares to wait for)
    panes = panes + more
    pids = app_pids(server.pid)
    results["sessions open"] = len(pids)
    time.sleep(2.0)
    dirty_before = {pid: smaps(pid)["Private_Dirty"] for pid in pids}
    latencies = echo_latencies(tmux, panes[0], args.keystrokes)
    results[f"keystroke echo with {len(pids)} sessions, p50 / p95 (ms)"] = (
        1000 * statistics.median(latencies),
        1000 * percentile(latencies, 0.95),
    )
    pss = {pid: smaps(pid)["Pss"] / 1024 for pid in pids}
    results["memory per session, PSS mean / max (MB)"] = (statistics.mean(pss.values()), max(pss.values()))
    typist = max(pids, key=lambda pid: smaps(pid)["Private_Dirty"] - dirty_before[pid])
    results["  the session that typed (palette open), PSS (MB)"] = pss[typist]
    results["  the largest other session, PSS (MB)"] = max(pss[pid] for pid in pids if pid != typist)
    results["memory per session, Private_Dirty mean (MB)"] = statistics.mean(
        smaps(pid)["Private_Dirty"] / 1024 for pid in pids
    )
    results["fork server RSS (MB)"] = smaps(children(server.pid)[0])["Rss"] / 1024
    spares = [pid for pid in zygote_children(server.pid) if pid not in pids]
    results["spares waiting meanwhile"] = len(spares)
    if spares:
        spare_pss = [smaps(pid)["Pss"] / 1024 for pid in spares]
        results["memory per spare, PSS mean (MB)"] = statistics.mean(spare_pss)
    results["SSH server RSS (MB)"] = smaps(server.pid)["Rss"] / 1024


def settings(text: str) -> dict[str, str]:
    """``key=value,key=value`` → TOML values (numbers and booleans as they are, anything else quoted)."""
    pairs = [part.split("=", 1) for part in text.split(",") if part.strip()]
    if any(len(pair) != 2 for pair in pairs):
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE[,KEY=VALUE]: {text!r}")
    plain = re.compile(r"-?\d+(\.\d+)?|true|false")
    return {key.strip(): value if plain.fullmatch(value) else json.dumps(value) for key, value in pairs}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, default=50, help="sessions open during the echo test")
    parser.add_argument("--burst", type=int, default=30, help="visitors per burst")
    parser.add_argument("--bursts", type=int, default=5, help="bursts per server (the median is reported)")
    parser.add_argument("--runs", type=int, default=5, help="single visitors for the first-render median")
    parser.add_argument("--keystrokes", type=int, default=40)
    parser.add_argument("--app", default="pathfinder.tui:make_app")
    parser.add_argument("--app-path", default=None, help="extra import directory for --app")
    parser.add_argument("--marker", default=MARKER, help="text that shows the app has rendered")
    parser.add_argument("--set", type=settings, default={}, help="server settings, KEY=VALUE[,KEY=VALUE]")
    parser.add_argument(
        "--variant",
        type=settings,
        action="append",
        default=[],
        help="one more server: settings on top of --set",
    )
    parser.add_argument("--no-echo", action="store_true", help="skip the echo and memory measures")
    parser.add_argument("--haproxy", action="store_true", help="visitors connect through HAProxy (PROXY v2)")
    parser.add_argument("--seed", type=int, default=7, help="the order of the servers in each round")
    return parser.parse_args()


def run(args: argparse.Namespace, scratch: Path, results: dict[str, object]) -> None:
    key = scratch / "key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    base = {"app": json.dumps(args.app), "max_sessions": str(args.sessions + 10),
            "max_per_ip": str(args.sessions + 10), **args.set}  # fmt: skip
    if args.app_path:
        base["app_path"] = json.dumps(str(Path(args.app_path).resolve()))
    cases = [("this run's settings", base)]
    cases += [
        (",".join(f"{k}={v}" for k, v in variant.items()), {**base, **variant}) for variant in args.variant
    ]
    servers: list[Server] = []
    home = scratch / "home"
    home.mkdir()
    tmux = Visitors(isolated_env(home, columns=COLUMNS, lines=LINES), columns=COLUMNS, lines=LINES)
    try:
        servers.extend(
            start_server(scratch, name, values, key, haproxy=args.haproxy) for name, values in cases
        )
        single = first_renders(tmux, servers[0], args.runs, args.marker)
        results["first render, one visitor (median / max s)"] = (statistics.median(single), max(single))
        order, last = random.Random(args.seed), servers[0]
        panes: list[Pane] = []
        for _round in range(args.bursts):
            for server in order.sample(servers, len(servers)):
                for pane in panes:
                    tmux.close_pane(pane)
                for each in servers:
                    wait_no_apps(each.pid)
                    each.wait_spares()
                time.sleep(1.0)
                panes = burst(tmux, server, args.burst, args.marker)
                last = server
        for server in servers:
            label = f"burst of {args.burst}" + (f" [{server.name}]" if len(servers) > 1 else "")
            results[f"{label}: all rendered within, median of {len(server.totals)} (s)"] = statistics.median(
                server.totals
            )
            results[f"{label}: each burst (s)"] = tuple(server.totals)
            results[f"{label}: per-visitor first render, median (s)"] = statistics.median(server.medians)
            for name in server.cpus[0]:
                results[f"  {label} CPU (s): {name}"] = statistics.median(cpu[name] for cpu in server.cpus)
        if not args.no_echo:
            if last is not servers[0]:  # echo and memory are measured on this run's settings
                for pane in panes:
                    tmux.close_pane(pane)
                panes = []
            echo_and_memory(args, tmux, servers[0], panes, results)
    finally:
        tmux.close()
        for server in servers:
            server.stop()


def main() -> None:
    args = parse_args()
    compile_bytecode(
        [REPO / "pathfinder", REPO / "tests" / "serve", Path(sys.executable).parent.parent / "lib"]
    )
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="pf-bench-") as scratch:
        try:
            run(args, Path(scratch), results)
        except BenchError as error:
            for log in sorted(Path(scratch).glob("server-*/server.out")):
                print(f"{log.parent.name}, last lines:", *log.read_text().splitlines()[-6:], sep="\n  ")
            print(f"bench_ssh: {error}", file=sys.stderr)
            raise SystemExit(2) from error
    width = max(len(label) for label in results)
    print(f"{'figure'.ljust(width)}  value")
    for label, value in results.items():
        shown = " / ".join(f"{part:.3g}" for part in value) if isinstance(value, tuple) else f"{value:.3g}"
        print(f"{label.ljust(width)}  {shown}")
    print(json.dumps(results), file=sys.stderr)


if __name__ == "__main__":
    main()
