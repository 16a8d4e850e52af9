"""What a visitor cannot do (shell, exec, file transfer, forwarding, no-PTY app) and the plan commands."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from ssh_helpers import SSH_OPTIONS, Server, run_ssh

from pathfinder.plan.models import new_plan
from pathfinder.plan.store import plan_from_toml, plan_to_toml
from pathfinder.serve.visitors import MAX_IMPORT_BYTES

pytestmark = pytest.mark.ssh


@pytest.mark.parametrize(
    "command", [["id"], ["sh", "-c", "id"], ["export;id"], ["/bin/sh"], ["scp", "-t", "/tmp"]]
)
def test_exec_requests_run_nothing(
    real_server: Server, client_keys: dict[str, Path], command: list[str]
) -> None:
    result = run_ssh(real_server.port, client_keys["alice"], *command)
    assert result.returncode != 0
    assert b"uid=" not in result.stdout + result.stderr
    assert b"Unknown command" in result.stderr or b"usage" in result.stderr


def test_no_terminal_no_app(real_server: Server, client_keys: dict[str, Path]) -> None:
    result = run_ssh(real_server.port, client_keys["alice"], options=("-T",))
    assert result.returncode != 0 and result.stdout == b""
    assert b"full-screen app" in result.stderr


def test_sftp_is_refused(real_server: Server, client_keys: dict[str, Path]) -> None:
    result = subprocess.run(
        ["sftp", "-P", str(real_server.port), *SSH_OPTIONS, "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
         "-i", str(client_keys["alice"]), "-b", "-", "127.0.0.1"],
        input=b"ls /\n", capture_output=True, timeout=30, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert b"etc" not in result.stdout


def test_port_forwarding_is_refused(real_server: Server, client_keys: dict[str, Path]) -> None:
    local = run_ssh(real_server.port, client_keys["alice"], options=("-W", f"127.0.0.1:{real_server.port}"))
    assert local.returncode != 0 and b"SSH-2.0" not in local.stdout
    remote = run_ssh(
        real_server.port, client_keys["alice"], "help",
        options=("-o", "ExitOnForwardFailure=yes", "-R", "0:127.0.0.1:9"),
    )  # fmt: skip
    assert remote.returncode != 0 and b"forwarding failed" in remote.stderr


def test_help_lists_the_commands(real_server: Server) -> None:
    result = run_ssh(real_server.port, None, "help")
    assert result.returncode == 0
    for command in (b"export", b"import", b"help"):
        assert command in result.stdout
    with_terminal = run_ssh(real_server.port, None, "help", options=("-tt",))
    assert with_terminal.returncode == 0 and b"Commands:\r\n" in with_terminal.stdout


def test_export_import_need_a_key(real_server: Server) -> None:
    for command in ("export", "import"):
        result = run_ssh(real_server.port, None, command)
        assert result.returncode != 0 and b"needs an SSH key" in result.stderr


def sample_plan_toml(name: str) -> str:
    plan = new_plan(datetime(2026, 11, 25, 12, 0, tzinfo=UTC)).model_copy(update={"name": name})
    return plan_to_toml(plan)


def test_import_export_round_trip_and_keys_are_isolated(
    real_server: Server, client_keys: dict[str, Path]
) -> None:
    alice, bob = client_keys["alice"], client_keys["bob"]
    text = sample_plan_toml("Alice goes product")
    imported = run_ssh(real_server.port, alice, "import", stdin=text.encode())
    assert imported.returncode == 0, imported.stderr
    assert b"alice-goes-product" in imported.stderr
    exported = run_ssh(real_server.port, alice, "export", "alice-goes-product")
    assert exported.returncode == 0, exported.stderr
    assert plan_from_toml(exported.stdout.decode()) == plan_from_toml(text)
    latest = run_ssh(real_server.port, alice, "export")
    assert latest.stdout == exported.stdout
    # Bob sees none of Alice's plans, by name or as his latest.
    assert b"no plan named" in run_ssh(real_server.port, bob, "export", "alice-goes-product").stderr
    assert b"no saved plans" in run_ssh(real_server.port, bob, "export").stderr
    # Alice's plans sit under a directory named from her key's fingerprint only.
    plan_dirs = list((real_server.data_dir / "visitors").glob("key-*/plans/alice-goes-product.toml"))
    assert len(plan_dirs) == 1


def test_bad_or_huge_imports_are_refused(real_server: Server, client_keys: dict[str, Path]) -> None:
    key = client_keys["bob"]
    broken = run_ssh(real_server.port, key, "import", stdin=b"schema_version = 1\nname = [\n")
    assert broken.returncode != 0 and b"not imported" in broken.stderr
    huge = run_ssh(real_server.port, key, "import", stdin=b"#" * (MAX_IMPORT_BYTES + 10))
    assert huge.returncode != 0 and b"too large" in huge.stderr
    bad_name = run_ssh(real_server.port, key, "export", "../../etc/passwd")
    assert bad_name.returncode != 0 and b"plan names" in bad_name.stderr


async def test_password_file_gates_the_demo(tmp_path: Path) -> None:
    """With --password-file, only the right password gets in, and keys alone do not."""
    import asyncssh
    from ssh_helpers import HERE, start_server

    password_file = tmp_path / "password"
    password_file.write_text("open sesame\n")
    server = start_server(
        tmp_path,
        app="standin_app:make_app",
        app_path=str(HERE),
        warm_up=False,
        password_file=str(password_file),
    )
    try:
        options = {"known_hosts": None, "agent_path": None, "client_keys": None}
        async with asyncssh.connect(
            "127.0.0.1", server.port, username="v", password="open sesame", **options
        ) as conn:
            result = await conn.run("help", check=False)
            assert result.exit_status == 0 and "export" in str(result.stdout)
        with pytest.raises(asyncssh.PermissionDenied):
            await asyncssh.connect("127.0.0.1", server.port, username="v", password="wrong", **options)
        key = asyncssh.generate_private_key("ssh-ed25519")
        with pytest.raises(asyncssh.PermissionDenied):
            await asyncssh.connect(
                "127.0.0.1", server.port, username="v", known_hosts=None, agent_path=None, client_keys=[key]
            )
    finally:
        server.stop()


def test_connection_rate_per_ip_is_limited(tmp_path: Path) -> None:
    from ssh_helpers import HERE, start_server

    server = start_server(
        tmp_path, app="standin_app:make_app", app_path=str(HERE), warm_up=False, connections_per_minute=2
    )
    try:
        assert [run_ssh(server.port, None, "help").returncode for _ in range(3)] == [0, 0, 255]
        assert '"why": "connection rate"' in server.log()
    finally:
        server.stop()


def test_an_app_that_cannot_load_stops_the_server_with_exit_2(tmp_path: Path) -> None:
    from pathfinder.cli import main

    config = tmp_path / "serve.toml"
    config.write_text(f'port = 0\ndata_dir = "{tmp_path / "data"}"\napp = "no_such_module:make_app"\n')
    assert main(["serve", "ssh", "--config", str(config)]) == 2
