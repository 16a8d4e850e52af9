"""Helpers for bench_ssh.py: the host's processes, their memory, who used how much CPU in a burst, and
HAProxy in front of hosts."""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tui_support import BenchError, cpu_seconds

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    try:
        return [int(part) for part in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def zygote_children(server_pid: int) -> list[int]:
    """The visitors' apps and the spares (apps started ahead of visitors)."""
    return [pid for zygote in children(server_pid) for pid in children(zygote)]


def session_leader(pid: int) -> bool:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return int(fields[3]) == pid


def app_pids(server_pid: int) -> list[int]:
    """The visitors' apps: a spare becomes one by leading a session on the visitor's PTY."""
    return [pid for pid in zygote_children(server_pid) if session_leader(pid)]


def wait_no_apps(server_pid: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while app_pids(server_pid) and time.monotonic() < deadline:
        time.sleep(0.05)


def smaps(pid: int) -> dict[str, int]:
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        key, value = line.split(":", 1)
        values[key] = int(value.split()[0])
    return values


def precise_cpu(pid: int) -> float:
    """CPU seconds of a process's live threads in nanoseconds (schedstat): /proc/PID/stat counts whole
    clock ticks, which under-counts 60 short-lived processes by about half a second."""
    try:
        return cpu_seconds(pid)
    except OSError:
        return process_cpu(pid)


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of a process (all its threads, living and ended), from /proc/PID/stat."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def all_processes() -> dict[int, float]:
    """CPU seconds of every process now on the machine, by pid."""
    return {
        int(entry.name): process_cpu(int(entry.name)) for entry in os.scandir("/proc") if entry.name.isdigit()
    }


def machine_busy() -> float:
    """CPU seconds the whole machine has spent busy (all cores), from /proc/stat."""
    values = [int(part) for part in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return (sum(values[:8]) - values[3] - values[4]) / CLOCK_TICKS


class CpuMeter:
    """CPU used during a burst by the SSH server, the fork server, the new apps, the ssh clients, tmux,
    the harness and everything else on the machine (other people's work included)."""

    def __init__(self, server_pid: int, tmux_server: int, tmux_client: int) -> None:
        self.fixed = {"SSH server (asyncssh)": [server_pid], "fork server": children(server_pid),
                      "tmux server (the visitors' terminals)": [tmux_server]}  # fmt: skip
        self.tmux_client = tmux_client
        self.server_pid = server_pid
        self.before = {pid: precise_cpu(pid) for pid in zygote_children(server_pid)}
        """The spares (and any apps) already there, and the CPU they had used before the burst."""
        self.start = self.snapshot()
        self.everyone = all_processes()

    def snapshot(self) -> dict[str, float]:
        values = {name: sum(map(precise_cpu, pids)) for name, pids in self.fixed.items()}
        usage = resource.getrusage(resource.RUSAGE_SELF)
        harness = usage.ru_utime + usage.ru_stime + precise_cpu(self.tmux_client)
        return {**values, "harness (bench + its tmux client)": harness, "machine busy": machine_busy()}

    def used(self, ssh_pids: list[int]) -> dict[str, float]:
        end = self.snapshot()
        used = {name: end[name] - self.start[name] for name in end}
        apps = zygote_children(self.server_pid)
        before = self.before
        used["apps (since the burst began)"] = sum(precise_cpu(pid) - before.get(pid, 0.0) for pid in apps)
        used["ssh clients"] = sum(map(precise_cpu, ssh_pids))
        cores = os.cpu_count() or 1
        floor = sum(used[name] for name in used if name != "machine busy") / cores
        ours = {os.getpid(), self.tmux_client, *apps, *ssh_pids, *self.before}
        ours.update(pid for pids in self.fixed.values() for pid in pids)
        others = all_processes().items()
        used["other processes"] = sum(
            cpu - self.everyone.get(pid, 0.0) for pid, cpu in others if pid not in ours
        )
        busy = used.pop("machine busy")
        used["unaccounted (processes that ended, interrupts)"] = busy - sum(used.values())
        used[f"machine busy ({cores} cores)"] = busy
        used[f"host, apps, clients, harness / {cores} cores (floor of the wall time)"] = floor
        bound = [pid for pid in apps if pid in self.before and session_leader(pid)]
        used["spares' warm-up before the burst (not in the above)"] = sum(self.before[pid] for pid in bound)
        return used


HAPROXY = """\
global
    maxconn 1000
defaults
    mode tcp
    timeout connect 2s
    timeout client 1h
    timeout server 1h
frontend bench
    bind 127.0.0.1:{front}
    default_backend hosts
backend hosts
    balance roundrobin
{servers}
"""


def start_haproxy(directory: Path, ports: list[str]) -> tuple[subprocess.Popen[bytes], int]:
    """HAProxy (TCP mode, send-proxy-v2, round robin) in front of SSH hosts on ``ports``: the process
    and the port visitors connect to."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        front = probe.getsockname()[1]
    servers = "\n".join(
        f"    server host{index} 127.0.0.1:{port} send-proxy-v2" for index, port in enumerate(ports)
    )
    (directory / "haproxy.cfg").write_text(HAPROXY.format(front=front, servers=servers))
    process = subprocess.Popen(["haproxy", "-db", "-f", str(directory / "haproxy.cfg")])
    deadline = time.monotonic() + 10
    while socket.socket().connect_ex(("127.0.0.1", front)) != 0:
        if time.monotonic() > deadline:
            raise BenchError("haproxy did not start")
        time.sleep(0.05)
    return process, front
