"""An OpenSSH ProxyCommand that opens the connection with a PROXY protocol header, like a load balancer:
``python proxy_relay.py HOST PORT v1|v2 VISITOR_IP``; then relays stdin/stdout to the connection."""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
import threading


def header(version: str, visitor: str, port: int) -> bytes:
    if version == "v1":
        return f"PROXY TCP4 {visitor} 127.0.0.1 40000 {port}\r\n".encode()
    addresses = ipaddress.IPv4Address(visitor).packed + ipaddress.IPv4Address("127.0.0.1").packed
    addresses += (40000).to_bytes(2, "big") + port.to_bytes(2, "big")
    return b"\r\n\r\n\x00\r\nQUIT\n" + bytes([0x21, 0x11]) + len(addresses).to_bytes(2, "big") + addresses


def main() -> None:
    host, port, version, visitor = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    sock = socket.create_connection((host, port))
    sock.sendall(header(version, visitor, port))

    def upstream() -> None:
        while data := os.read(0, 65536):
            sock.sendall(data)
        sock.shutdown(socket.SHUT_WR)

    threading.Thread(target=upstream, daemon=True).start()
    while data := sock.recv(65536):
        os.write(1, data)


if __name__ == "__main__":
    main()
