"""Prometheus metrics and /healthz, scraped while real OpenSSH visitors come and go."""

from __future__ import annotations

import json
import os
import re
import signal
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families
from ssh_helpers import HERE, Server, Terminal, require_tools, run_ssh, ssh_command, start_server, wait_until

pytestmark = pytest.mark.ssh


@pytest.fixture(scope="module")
def metered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, int]]:
    """The stand-in app, one session per IP, metrics on a free port."""
    require_tools()
    server = start_server(
        tmp_path_factory.mktemp("metered"),
        app="standin_app:make_app",
        app_path=str(HERE),
        idle_timeout=30,
        max_sessions=3,
        max_per_ip=1,
        spares=1,
        metrics="127.0.0.1:0",
    )
    banner = r"Metrics on http://127\.0\.0\.1:(\d+)/"
    match = wait_until(lambda: re.search(banner, server.log()), 10, "the metrics banner")
    assert isinstance(match, re.Match)
    yield server, int(match.group(1))
    server.stop()


def scrape(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample: (name, sorted labels) → value."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        text = response.read().decode()
    samples = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def value(samples: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def health(port: int) -> tuple[int, dict[str, object]]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_sessions_refusals_and_render_times_are_counted(
    metered: tuple[Server, int], terminal: Terminal, client_keys: dict[str, Path], visitor_name: str
) -> None:
    server, port = metered
    status, details = health(port)
    assert (status, details["healthy"], details["forkserver"]) == (200, True, "up")
    before = scrape(port)
    first = terminal.open(visitor_name, [*ssh_command(server.port, client_keys["alice"]), "127.0.0.1"])
    terminal.wait_for(first, "Stand-in demo", timeout=15)
    wait_until(lambda: value(scrape(port), "pathfinder_time_to_first_render_seconds_count", door="ssh"), 5,
               "the first render to be counted")  # fmt: skip
    during = scrape(port)
    assert value(during, "pathfinder_sessions_active", door="ssh") == 1
    created = value(during, "pathfinder_sessions_created_total", door="ssh")
    assert created == value(before, "pathfinder_sessions_created_total", door="ssh") + 1
    assert 0 < value(during, "pathfinder_time_to_first_render_seconds_sum", door="ssh") < 15
    # A second session from the same address is over the per-IP limit (1) and counted as such.
    second = terminal.open(visitor_name + "b", [*ssh_command(server.port, None), "127.0.0.1"])
    terminal.wait_for(second, "Too many sessions from your address")
    assert run_ssh(server.port, client_keys["bob"], options=("-T",)).returncode != 0
    refused = scrape(port)
    assert value(refused, "pathfinder_refusals_total", door="ssh", reason="per_ip") == 1
    assert value(refused, "pathfinder_refusals_total", door="ssh", reason="no_terminal") == 1
    assert value(refused, "pathfinder_sessions_active", door="ssh") == 1
    terminal.keys(first, "C-q")
    terminal.wait_for(first, "EXITED 0")
    wait_until(lambda: value(scrape(port), "pathfinder_sessions_active", door="ssh") == 0, 5, "the end")
    after = scrape(port)
    assert value(after, "pathfinder_sessions_finished_total", door="ssh", end="quit") >= 1
    assert value(after, "pathfinder_session_duration_seconds_count", door="ssh") >= 1
    assert value(after, "pathfinder_forkserver_up") == 1


def test_spares_ready_and_health_follow_the_fork_server(metered: tuple[Server, int]) -> None:
    server, port = metered
    wait_until(lambda: value(scrape(port), "pathfinder_spares_ready") == 1, 20, "a spare to be ready")
    starts = value(scrape(port), "pathfinder_forkserver_starts_total")
    zygotes = [pid for pid in Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children")
               .read_text().split()]  # fmt: skip
    assert len(zygotes) == 1
    os.kill(int(zygotes[0]), signal.SIGKILL)
    # The load balancer sees the host unhealthy, and the check itself brings the fork server back.
    wait_until(lambda: value(scrape(port), "pathfinder_forkserver_up") == 0, 5, "the loss to show")
    status, details = health(port)
    assert (status, details["forkserver"], details["healthy"]) == (503, "down", False)
    wait_until(lambda: health(port)[0] == 200, 30, "the fork server to be restarted")
    assert value(scrape(port), "pathfinder_forkserver_starts_total") == starts + 1
    assert value(scrape(port), "pathfinder_forkserver_up") == 1
