"""The PROXY protocol (v1 and v2) in front of the SSH server, from trusted load balancers only.

A load balancer in TCP mode (HAProxy ``send-proxy-v2``) opens each connection with a header naming the
visitor's address. From an address in ``proxy_protocol_from`` that header is required and read before
SSH starts, and the SSH server (limits, logs) sees the visitor's address instead of the balancer's.
From any other address a connection that starts with a PROXY header is refused: only the balancer may
say who the visitor is.

The header is parsed by the ``proxy-protocol`` package; this module only frames it (v1: one line of at
most 107 bytes ending in CRLF; v2: a 16-byte prefix whose last two bytes give the length of the rest,
limited here to ``MAX_V2_BODY``) so that the bytes after it go to SSH untouched. asyncssh takes this
listener through its ``tunnel`` hook (an object whose ``create_server`` makes the listening server).
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Callable, Iterable
from typing import Any

from proxyprotocol import ProxyProtocolIncompleteError
from proxyprotocol.detect import ProxyProtocolDetect
from proxyprotocol.result import is_ipv4, is_ipv6

V1_PREFIX = b"PROXY "
V1_MAX = 107
V2_SIGNATURE = b"\r\n\r\n\x00\r\nQUIT\n"
V2_PREFIX = 16
MAX_V2_BODY = 2048
"""Addresses plus a few TLVs; HAProxy sends 12 (IPv4) or 36 (IPv6) bytes of addresses and no TLV
unless told to."""
HEADER_TIMEOUT = 5.0

Refuse = Callable[[str, str, str], None]
"""Called as ``refuse(ip, why, reason)`` when a connection is refused here (for the log and metrics)."""


class HeaderError(ValueError):
    """A PROXY header that cannot be accepted."""


def parse_networks(entries: Iterable[str]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """Addresses or networks (``10.0.0.5``, ``10.0.0.0/24``, ``::1``); ValueError names a bad one."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as error:
            raise ValueError(f"{entry!r} is not an IP address or network") from error
    return tuple(networks)


def trusted(ip: str, networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]) -> bool:
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address in network for network in networks)


def header_length(buffer: bytes) -> int | None:
    """How long the PROXY header at the start of ``buffer`` is; None while more bytes are needed.
    HeaderError when the bytes cannot be the start of a header (or one too long)."""
    if buffer.startswith(V2_SIGNATURE):
        if len(buffer) < V2_PREFIX:
            return None
        body = int.from_bytes(buffer[14:16], "big")
        if body > MAX_V2_BODY:
            raise HeaderError(f"PROXY v2 header too long ({body} bytes)")
        return V2_PREFIX + body if len(buffer) >= V2_PREFIX + body else None
    if buffer.startswith(V1_PREFIX):
        end = buffer.find(b"\r\n", 0, V1_MAX)
        if end >= 0:
            return end + 2
        if len(buffer) >= V1_MAX:
            raise HeaderError("PROXY v1 header without CRLF within 107 bytes")
        return None
    if V2_SIGNATURE.startswith(buffer[: len(V2_SIGNATURE)]) or V1_PREFIX.startswith(buffer[:6]):
        return None
    raise HeaderError("no PROXY header")


def looks_like_header(buffer: bytes) -> bool | None:
    """Whether a connection's first bytes are a PROXY header; None while they could still be one."""
    for signature in (V2_SIGNATURE, V1_PREFIX):
        if buffer.startswith(signature):
            return True
        if signature.startswith(buffer):
            return None
    return False


def visitor_address(header: bytes) -> tuple[str, int] | None:
    """The visitor's (address, port) from a complete header; None for a header that names nobody (v2
    LOCAL, as in the balancer's own health checks, or v1 UNKNOWN): then the connection is the balancer's."""
    try:
        result = ProxyProtocolDetect().unpack(header)
    except (ValueError, ProxyProtocolIncompleteError) as error:  # syntax and checksum errors are ValueErrors
        raise HeaderError(f"bad PROXY header: {type(error).__name__}") from error
    if is_ipv4(result) or is_ipv6(result):
        host, port = result.peername[:2]
        return str(host), int(port)
    return None


class PeerTransport:
    """The real transport, except that ``peername`` is the visitor's address from the PROXY header."""

    def __init__(self, transport: asyncio.Transport, peername: tuple[str, int]) -> None:
        self._transport = transport
        self._peername = peername

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        if name == "peername":
            return self._peername
        return self._transport.get_extra_info(name, default)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class ProxyAwareProtocol(asyncio.Protocol):
    """One accepted TCP connection: read the PROXY header (trusted sender) or make sure there is none
    (anyone else), then hand the connection to SSH."""

    def __init__(
        self,
        make_connection: Callable[[], asyncio.Protocol],
        networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...],
        refuse: Refuse,
    ) -> None:
        self.make_connection = make_connection
        self.networks = networks
        self.refuse = refuse
        self.transport: asyncio.Transport | None = None
        self.connection: asyncio.Protocol | None = None
        self.buffer = b""
        self.peer = ("?", 0)
        self.expect_header = False
        self.sniffing = True
        self.timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        peer = transport.get_extra_info("peername")
        self.peer = (str(peer[0]), int(peer[1])) if peer else ("?", 0)
        self.expect_header = trusted(self.peer[0], self.networks)
        if self.expect_header:
            self.timer = asyncio.get_running_loop().call_later(HEADER_TIMEOUT, self._header_timed_out)
        else:
            self._start_ssh(self.peer)

    def _start_ssh(self, peername: tuple[str, int]) -> None:
        assert self.transport is not None
        self.connection = self.make_connection()
        self.connection.connection_made(PeerTransport(self.transport, peername))  # type: ignore[arg-type]

    def _refuse(self, why: str, reason: str) -> None:
        self.refuse(self.peer[0], why, reason)
        if self.timer is not None:
            self.timer.cancel()
        if self.transport is not None:
            self.transport.abort()

    def _header_timed_out(self) -> None:
        if self.connection is None:
            self._refuse("no PROXY header in time", "proxy_invalid")

    def data_received(self, data: bytes) -> None:
        if not self.sniffing:
            assert self.connection is not None
            self.connection.data_received(data)
            return
        self.buffer += data
        if self.expect_header:
            self._read_header()
        else:
            self._check_no_header()

    def _read_header(self) -> None:
        try:
            length = header_length(self.buffer)
            if length is None:
                return
            header, rest = self.buffer[:length], self.buffer[length:]
            visitor = visitor_address(header)
        except HeaderError as error:
            self._refuse(str(error), "proxy_invalid")
            return
        if self.timer is not None:
            self.timer.cancel()
        self.sniffing, self.buffer = False, b""
        self._start_ssh(visitor or self.peer)
        if rest and self.connection is not None:
            self.connection.data_received(rest)

    def _check_no_header(self) -> None:
        verdict = looks_like_header(self.buffer)
        if verdict is None:
            return
        if verdict:
            self._refuse("PROXY header from an untrusted address", "proxy_untrusted")
            return
        self.sniffing, data, self.buffer = False, self.buffer, b""
        assert self.connection is not None
        self.connection.data_received(data)

    def eof_received(self) -> bool | None:
        if self.connection is None:
            return None
        return self.connection.eof_received()

    def connection_lost(self, exc: Exception | None) -> None:
        if self.timer is not None:
            self.timer.cancel()
        if self.connection is not None:
            self.connection.connection_lost(exc)

    def pause_writing(self) -> None:
        if self.connection is not None:
            self.connection.pause_writing()

    def resume_writing(self) -> None:
        if self.connection is not None:
            self.connection.resume_writing()


class ProxyListener:
    """asyncssh's ``tunnel`` for ``listen``: a TCP server whose connections pass ``ProxyAwareProtocol``."""

    def __init__(self, trusted_from: Iterable[str], refuse: Refuse) -> None:
        self.networks = parse_networks(trusted_from)
        self.refuse = refuse

    async def create_server(
        self, session_factory: Callable[[str, int], asyncio.Protocol], listen_host: str, listen_port: int
    ) -> asyncio.Server:
        loop = asyncio.get_running_loop()

        def protocol() -> ProxyAwareProtocol:
            return ProxyAwareProtocol(lambda: session_factory("", 0), self.networks, self.refuse)

        return await loop.create_server(protocol, listen_host, listen_port, backlog=100, reuse_address=True)
