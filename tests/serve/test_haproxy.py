"""Two SSH hosts behind a real HAProxy (TCP mode, send-proxy-v2, health checks on /healthz), visited
with OpenSSH's ssh from several loopback addresses (127.0.0.x, as if from several visitors)."""

from __future__ import annotations

import re
import shutil
import signal
import socket
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from ssh_helpers import HERE, Server, Terminal, require_tools, run_ssh, ssh_command, start_server, wait_until

from pathfinder.plan.models import new_plan
from pathfinder.plan.store import plan_to_toml

pytestmark = pytest.mark.ssh

HAPROXY_CONFIG = """\
global
    maxconn 200
    stats socket {stats} level admin
defaults
    mode tcp
    timeout connect 2s
    timeout client 1h
    timeout server 1h
    timeout check 1s
    retries 2
    option redispatch
frontend pathfinder_ssh
    bind 127.0.0.1:{front}
    default_backend pathfinder_hosts
backend pathfinder_hosts
    balance source
    option httpchk GET /healthz
    default-server inter 300ms fall 2 rise 1 send-proxy-v2
    server a 127.0.0.1:{port_a} check port {metrics_a}
    server b 127.0.0.1:{port_b} check port {metrics_b}
"""
VISITORS = [f"127.0.0.{last}" for last in range(2, 12)]


@dataclass
class Balanced:
    front: int
    hosts: dict[str, Server]
    stats: Path
    haproxy: subprocess.Popen[bytes]

    def states(self) -> dict[str, str]:
        """Each backend server's status as HAProxy sees it (UP, DOWN, ...)."""
        with socket.socket(socket.AF_UNIX) as sock:
            sock.connect(str(self.stats))
            sock.sendall(b"show stat\n")
            text = b""
            while chunk := sock.recv(65536):
                text += chunk
        rows = [
            line.split(",") for line in text.decode().splitlines() if line.startswith("pathfinder_hosts,")
        ]
        return {row[1]: row[17] for row in rows if row[1] in self.hosts}

    def served_by(self, ip: str) -> set[str]:
        return {name for name, host in self.hosts.items() if f'"ip": "{ip}"' in host.log()}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def metrics_port(server: Server) -> int:
    match = wait_until(
        lambda: re.search(r"Metrics on http://127\.0\.0\.1:(\d+)/", server.log()), 10, "metrics"
    )
    assert isinstance(match, re.Match)
    return int(match.group(1))


@pytest.fixture
def balanced(tmp_path: Path) -> Iterator[Balanced]:
    require_tools()
    if shutil.which("haproxy") is None:
        pytest.skip("haproxy is not installed (.ci/run installs it)")
    shared = tmp_path / "shared"
    shared.mkdir()
    settings = {
        "app": "standin_app:make_app",
        "app_path": str(HERE),
        "max_per_ip": 2,
        "spares": 0,
        "proxy_protocol_from": ["127.0.0.1"],
        "host_key_file": str(shared / "ssh_host_ed25519_key"),
        "plans_dir": str(shared / "plans"),
        "metrics": "127.0.0.1:0",
    }
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    hosts = {name: start_server(tmp_path / name, **settings) for name in ("a", "b")}
    config = tmp_path / "haproxy.cfg"
    front, stats = free_port(), tmp_path / "haproxy.sock"
    config.write_text(HAPROXY_CONFIG.format(
        stats=stats, front=front, port_a=hosts["a"].port, port_b=hosts["b"].port,
        metrics_a=metrics_port(hosts["a"]), metrics_b=metrics_port(hosts["b"]),
    ))  # fmt: skip
    haproxy = subprocess.Popen(
        ["haproxy", "-db", "-f", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    balanced = Balanced(front, hosts, stats, haproxy)
    try:
        wait_until(
            lambda: stats.exists() and balanced.states() == {"a": "UP", "b": "UP"}, 15, "both hosts UP"
        )
        yield balanced
    finally:
        haproxy.send_signal(signal.SIGTERM)
        try:
            haproxy.wait(5)
        except subprocess.TimeoutExpired:
            haproxy.kill()
            haproxy.wait(5)
        for host in hosts.values():
            host.stop()


def visit(
    balanced: Balanced, ip: str, key: Path | None, *remote: str, stdin: bytes = b""
) -> subprocess.CompletedProcess[bytes]:
    return run_ssh(balanced.front, key, *remote, options=("-b", ip), stdin=stdin)


def test_two_hosts_behind_haproxy(
    balanced: Balanced, terminal: Terminal, client_keys: dict[str, Path], visitor_name: str
) -> None:
    a, b = balanced.hosts["a"], balanced.hosts["b"]
    assert a.fingerprint == b.fingerprint  # one host key: visitors see one server
    # Visitors spread over both hosts, and each host sees the visitor's address, not HAProxy's.
    for ip in VISITORS:
        assert visit(balanced, ip, None, "help").returncode == 0
    homes = {ip: balanced.served_by(ip) for ip in VISITORS}
    assert all(len(names) == 1 for names in homes.values()), homes
    on_a = [ip for ip in VISITORS if homes[ip] == {"a"}]
    on_b = [ip for ip in VISITORS if homes[ip] == {"b"}]
    assert len(on_a) >= 2 and on_b, homes
    assert '"ip": "127.0.0.1"' not in a.log() + b.log()

    # Per-IP limits count the visitor's address: a third app session from one address is refused,
    # while another visitor on the same host (same HAProxy address behind them) is let in.
    crowded, neighbour = on_a[0], on_a[1]
    names = [f"{visitor_name}{n}" for n in range(4)]
    for name, ip in zip(names, [crowded, crowded, crowded, neighbour], strict=True):
        terminal.open(name, [*ssh_command(balanced.front, None, "-b", ip), "127.0.0.1"])
        if name != names[2]:
            terminal.wait_for(name, "Stand-in demo", timeout=15)
    terminal.wait_for(names[2], "Too many sessions from your address")
    for name in (names[0], names[1], names[3]):
        terminal.keys(name, "C-q")
        terminal.wait_for(name, "EXITED 0")

    # A key holder's plan saved through one host is read through the other.
    plan = new_plan(datetime(2026, 11, 25, 12, 0, tzinfo=UTC)).model_copy(update={"name": "Across hosts"})
    imported = visit(balanced, on_a[0], client_keys["alice"], "import", stdin=plan_to_toml(plan).encode())
    assert imported.returncode == 0, imported.stderr
    exported = visit(balanced, on_b[0], client_keys["alice"], "export")
    assert exported.returncode == 0 and b'name = "Across hosts"' in exported.stdout
    assert '"command": "import"' in a.log() and '"command": "export"' in b.log()

    # With one host killed, new visitors are served by the other.
    a.process.send_signal(signal.SIGKILL)
    a.process.wait(5)
    for ip in on_a:
        assert visit(balanced, ip, None, "help").returncode == 0
    wait_until(lambda: balanced.states()["a"] != "UP", 5, "HAProxy to see host a down")
    assert all(f'"ip": "{ip}"' in b.log() for ip in on_a)
