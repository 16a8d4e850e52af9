"""Benchmark two ``pathfinder serve ssh`` hosts behind one HAProxy (TCP mode, send-proxy-v2), on this box.

Measures bursts of ``--burst`` real ``ssh`` clients at once through HAProxy: the time until every one
shows the welcome screen, and how many visitors each host took. Both hosts run on the same cores as the
clients, so this shows that visitors are spread, not a speed-up (that takes a second machine).
HAProxy balances ``roundrobin`` here: every bench client comes from 127.0.0.1, where the ``balance
source`` of docs/hosting.md would send them all to one host.

    .venv/bin/python bench/bench_two_hosts.py --burst 30 --bursts 3
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ssh import COLUMNS, LINES, MARKER, REPO, Server, Visitors, start_server
from ssh_support import app_pids, start_haproxy, wait_no_apps
from tui_support import BenchError, compile_bytecode, isolated_env


def run(args: argparse.Namespace, scratch: Path) -> dict[str, object]:
    key = scratch / "key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    settings = {"max_sessions": str(args.burst + 10), "max_per_ip": str(args.burst + 10),
                "proxy_protocol_from": '["127.0.0.1"]', "spares": str(args.spares)}  # fmt: skip
    home = scratch / "home"
    home.mkdir()
    tmux = Visitors(isolated_env(home, columns=COLUMNS, lines=LINES), columns=COLUMNS, lines=LINES)
    hosts: list[Server] = []
    haproxy = None
    totals: list[float] = []
    spread: list[tuple[int, int]] = []
    try:
        hosts = [start_server(scratch, name, settings, key) for name in ("a", "b")]
        port_at = hosts[0].command.index("-p") + 1
        haproxy, front = start_haproxy(scratch, [host.command[port_at] for host in hosts])
        command = [*hosts[0].command[:port_at], str(front), *hosts[0].command[port_at + 1 :]]
        for index in range(args.bursts):
            for host in hosts:
                wait_no_apps(host.pid)
                host.wait_spares()
                host.spares_used = True
            time.sleep(1.0)
            panes, started = tmux.launch_many(command, args.burst)
            seen = tmux.wait_all(panes, MARKER, 60)
            totals.append(max(seen.values()) - started)
            spread.append((len(app_pids(hosts[0].pid)), len(app_pids(hosts[1].pid))))
            print(f"burst {index + 1}: all {args.burst} within {totals[-1]:.2f} s, "
                  f"hosts a/b took {spread[-1][0]}/{spread[-1][1]}", file=sys.stderr)  # fmt: skip
            for pane in panes:
                tmux.close_pane(pane)
    finally:
        tmux.close()
        if haproxy is not None:
            haproxy.terminate()
            haproxy.wait(10)
        for host in hosts:
            host.stop()
    return {
        f"burst of {args.burst} through HAProxy to two hosts: all rendered within, median (s)": (
            statistics.median(totals)
        ),
        "each burst (s)": [round(total, 2) for total in totals],
        "visitors per host (a, b), each burst": spread,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--burst", type=int, default=30)
    parser.add_argument("--bursts", type=int, default=3)
    parser.add_argument("--spares", type=int, default=30, help="each host's spares (the default: 30)")
    args = parser.parse_args()
    compile_bytecode([REPO / "pathfinder", Path(sys.executable).parent.parent / "lib"])
    with tempfile.TemporaryDirectory(prefix="pf-bench-hosts-") as scratch:
        try:
            results = run(args, Path(scratch))
        except BenchError as error:
            print(f"bench_two_hosts: {error}", file=sys.stderr)
            raise SystemExit(2) from error
    for label, value in results.items():
        print(f"{label}: {value}")
    print(json.dumps(results), file=sys.stderr)


if __name__ == "__main__":
    main()
