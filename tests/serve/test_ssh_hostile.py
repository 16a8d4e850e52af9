"""Hostile input over the real ``ssh`` client: the server refuses it quickly and does not grow."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from ssh_helpers import HERE, Server, run_ssh, start_server

pytestmark = pytest.mark.ssh

DOTTED_BOMB = ("[" + ".".join(["a"] * 40000) + "]\nx=1\n").encode()
"""80 KB: one table name of 40,000 parts. It once ran the server at 100 % CPU for 32 s, up to 6.3 GB."""


def resident_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def test_the_dotted_key_bomb_import_is_refused_and_the_server_does_not_grow(
    real_server: Server, client_keys: dict[str, Path]
) -> None:
    key = client_keys["alice"]
    run_ssh(real_server.port, key, "help")  # the server has served a command: its memory has settled
    before = resident_kib(real_server.process.pid)
    started = time.perf_counter()
    result = run_ssh(real_server.port, key, "import", stdin=DOTTED_BOMB)
    elapsed = time.perf_counter() - started
    assert result.returncode != 0
    assert b"more than 8 parts" in result.stderr, result.stderr
    assert elapsed < 10.0  # ssh's own handshake and a fresh checker process on a loaded machine
    assert resident_kib(real_server.process.pid) - before < 8 * 1024
    assert real_server.process.poll() is None


def test_a_refused_connection_gets_the_ssh_banner_and_a_reason(tmp_path: Path) -> None:
    """A refusal was sent before the SSH banner: clients said "banner line contains invalid characters"."""
    server = start_server(tmp_path, app="standin_app:make_app", app_path=str(HERE), connections_per_minute=1)
    try:
        first = run_ssh(server.port, None, "help")
        assert first.returncode == 0, first.stderr
        refused = run_ssh(server.port, None, "help")
        assert refused.returncode != 0
        assert b"banner line" not in refused.stderr and b"kex_exchange_identification" not in refused.stderr
        assert b"Too many connections from your address" in refused.stderr, refused.stderr
    finally:
        server.stop()


def test_the_server_tightens_a_loose_data_directory(tmp_path: Path) -> None:
    """An existing data folder with loose permissions was used as it was."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    data_dir.chmod(0o777)
    server = start_server(tmp_path, app="standin_app:make_app", app_path=str(HERE))
    try:
        assert data_dir.stat().st_mode & 0o777 == 0o700
        assert "tightened" in server.log()
    finally:
        server.stop()


async def _storm_one_session(port: int, changes: int) -> bytes:
    """A keyless visitor: open the app, send ``changes`` window changes in a tight loop, then type."""
    import asyncio

    import asyncssh

    key = asyncssh.generate_private_key("ssh-ed25519")  # any key gets in
    options: dict[str, Any] = {"known_hosts": None, "agent_path": None, "client_keys": [key]}
    async with asyncssh.connect("127.0.0.1", port, username="v", **options) as conn:
        process = await conn.create_process(term_type="xterm-256color", term_size=(80, 24), encoding=None)
        seen = await asyncio.wait_for(process.stdout.read(65536), 30)
        for index in range(changes):
            process.change_terminal_size(60 + index % 120, 20 + index % 40)
        await asyncio.sleep(1.0)
        process.change_terminal_size(100, 30)
        process.stdin.write(b"still-here")
        async with asyncio.timeout(30):
            while b"still-here" not in seen.replace(b"\x1b", b""):
                chunk = await process.stdout.read(65536)
                if not chunk:
                    break
                seen += chunk
        process.close()
        return bytes(seen)


async def test_a_resize_storm_does_not_end_the_session(tmp_path: Path) -> None:
    """5,000 window changes in a loop ended sessions: the app's resize handling re-entered itself."""
    import asyncio

    server = start_server(
        tmp_path, app="standin_app:make_app", app_path=str(HERE), idle_timeout=60, max_sessions=4
    )
    try:
        screens = await asyncio.gather(*(_storm_one_session(server.port, 5000) for _ in range(3)))
        for screen in screens:
            assert b"still-here" in screen, screen[-400:]
        assert '"end": "crash"' not in server.log()
    finally:
        server.stop()
