"""The PROXY protocol in front of the SSH host: header framing, and real ssh through a relay that
sends one (trusted) or through a connection that is not trusted to."""

from __future__ import annotations

import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from proxy_relay import header
from ssh_helpers import HERE, Server, require_tools, run_ssh, start_server, wait_until

from pathfinder.errors import PathfinderError
from pathfinder.serve.config import build_config
from pathfinder.serve.proxy import HeaderError, header_length, looks_like_header, trusted, visitor_address

V2_LOCAL = b"\r\n\r\n\x00\r\nQUIT\n" + bytes([0x20, 0x00, 0x00, 0x00])


@pytest.mark.parametrize("version", ["v1", "v2"])
def test_a_header_is_framed_and_read_whatever_its_pieces(version: str) -> None:
    data = header(version, "203.0.113.7", 2222) + b"SSH-2.0-OpenSSH_9.2\r\n"
    length = len(header(version, "203.0.113.7", 2222))
    for cut in range(1, length):
        assert header_length(data[:cut]) is None  # more bytes needed, never a wrong answer
    assert header_length(data) == length
    assert visitor_address(data[:length]) == ("203.0.113.7", 40000)


def test_headers_that_name_nobody_or_are_broken() -> None:
    assert header_length(V2_LOCAL) == 16 and visitor_address(V2_LOCAL) is None  # a balancer's own check
    assert visitor_address(b"PROXY UNKNOWN\r\n") is None
    for bad in (b"SSH-2.0-x\r\n", b"PROXY " + b"1" * 120, b"\r\n\r\n\x00\r\nQUIT\n\x21\x11\xff\xff"):
        with pytest.raises(HeaderError):
            header_length(bad)
    with pytest.raises(HeaderError):
        visitor_address(b"PROXY TCP4 300.1.1.1 127.0.0.1 1 2\r\n")


def test_sniffing_an_untrusted_connection() -> None:
    assert looks_like_header(b"") is None and looks_like_header(b"PRO") is None
    assert looks_like_header(b"PROXY TCP4") and looks_like_header(V2_LOCAL)
    assert looks_like_header(b"SSH-2.0-") is False


def test_trusted_addresses_and_networks() -> None:
    networks = build_config(None, {"proxy_protocol_from": "10.0.0.0/24, 127.0.0.1"}).proxy_protocol_from
    from pathfinder.serve.proxy import parse_networks

    parsed = parse_networks(networks)
    assert trusted("10.0.0.9", parsed) and trusted("127.0.0.1", parsed) and trusted("::ffff:10.0.0.1", parsed)
    assert not trusted("10.0.1.1", parsed) and not trusted("127.0.0.2", parsed) and not trusted("?", parsed)
    with pytest.raises(PathfinderError, match="not an IP address"):
        build_config(None, {"proxy_protocol_from": "10.0.0.0/24,example.org"})


@pytest.fixture(scope="module")
def behind_relay(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The stand-in app, trusting PROXY headers from 127.0.0.1 only, one session per visitor address."""
    require_tools()
    server = start_server(
        tmp_path_factory.mktemp("proxied"),
        app="standin_app:make_app",
        app_path=str(HERE),
        max_per_ip=1,
        spares=0,
        proxy_protocol_from=["127.0.0.1/32"],
    )
    yield server
    server.stop()


def relay_options(server: Server, version: str, visitor: str) -> tuple[str, ...]:
    command = f"{sys.executable} {HERE / 'proxy_relay.py'} 127.0.0.1 {server.port} {version} {visitor}"
    return ("-o", f"ProxyCommand={command}")


@pytest.mark.ssh
@pytest.mark.parametrize("version", ["v1", "v2"])
def test_the_host_sees_the_visitor_named_by_a_trusted_header(
    behind_relay: Server, client_keys: dict[str, Path], version: str
) -> None:
    visitor = "198.51.100.4" if version == "v1" else "203.0.113.9"
    result = run_ssh(
        behind_relay.port, client_keys["alice"], "help", options=relay_options(behind_relay, version, visitor)
    )
    assert result.returncode == 0, result.stderr
    wait_until(lambda: f'"ip": "{visitor}"' in behind_relay.log(), 5, "the visitor's address in the log")


@pytest.mark.ssh
def test_a_trusted_sender_must_send_a_header(behind_relay: Server, client_keys: dict[str, Path]) -> None:
    result = run_ssh(behind_relay.port, client_keys["alice"], "help")  # straight from 127.0.0.1, no header
    assert result.returncode != 0
    wait_until(lambda: "no PROXY header" in behind_relay.log(), 5, "the refusal in the log")


@pytest.mark.ssh
def test_an_untrusted_sender_of_a_header_is_refused(behind_relay: Server) -> None:
    untrusted = ("127.0.0.2", 0)  # the server trusts 127.0.0.1 only
    with socket.create_connection(
        ("127.0.0.1", behind_relay.port), timeout=5, source_address=untrusted
    ) as sock:
        sock.sendall(header("v2", "192.0.2.1", behind_relay.port) + b"SSH-2.0-OpenSSH_9.2\r\n")
        received = b""
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and (chunk := sock.recv(4096)):
            received += chunk
    assert b"SSH-2.0-" in received and b"\x14" not in received[received.find(b"\r\n") :]  # no key exchange
    wait_until(lambda: "PROXY header from an untrusted address" in behind_relay.log(), 5, "the refusal")
    assert '"ip": "192.0.2.1"' not in behind_relay.log()
