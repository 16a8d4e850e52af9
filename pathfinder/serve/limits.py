"""Admission control: connections per minute per IP, sessions in total and per IP, concurrent spawns."""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable


class ConnectionRate:
    """A sliding one-minute window of connection times per IP, remembering at most ``max_ips`` IPs."""

    def __init__(self, per_minute: int, *, max_ips: int = 4096, clock: Callable[[], float] = time.monotonic):
        self.per_minute = per_minute
        self.max_ips = max_ips
        self.clock = clock
        self._seen: OrderedDict[str, deque[float]] = OrderedDict()

    def allow(self, ip: str) -> bool:
        """Record a connection attempt from ``ip``; False if it is over the rate."""
        now = self.clock()
        window = self._seen.pop(ip, None) or deque()
        while window and now - window[0] > 60.0:
            window.popleft()
        allowed = len(window) < self.per_minute
        if allowed:
            window.append(now)
        self._seen[ip] = window
        while len(self._seen) > self.max_ips:
            self._seen.popitem(last=False)
        return allowed


class SessionSlots:
    """Counts live app sessions in total and per IP."""

    def __init__(self, max_total: int, max_per_ip: int) -> None:
        self.max_total = max_total
        self.max_per_ip = max_per_ip
        self.total = 0
        self.by_ip: dict[str, int] = {}

    def refusal_reason(self, ip: str) -> str | None:
        """``capacity`` or ``per_ip`` when a new session from ``ip`` cannot start now, else None."""
        if self.total >= self.max_total:
            return "capacity"
        if self.by_ip.get(ip, 0) >= self.max_per_ip:
            return "per_ip"
        return None

    def refusal(self, ip: str) -> str | None:
        """Why a new session from ``ip`` cannot start now, or None if it can."""
        if self.total >= self.max_total:
            return (
                f"The demo is full right now ({self.max_total} visitors). Please try again in a few minutes."
            )
        if self.by_ip.get(ip, 0) >= self.max_per_ip:
            return f"Too many sessions from your address ({self.max_per_ip}). Close one and try again."
        return None

    def take(self, ip: str) -> None:
        self.total += 1
        self.by_ip[ip] = self.by_ip.get(ip, 0) + 1

    def release(self, ip: str) -> None:
        self.total -= 1
        left = self.by_ip.get(ip, 1) - 1
        if left <= 0:
            self.by_ip.pop(ip, None)
        else:
            self.by_ip[ip] = left
