"""The state one SSH host shares between its connections and sessions."""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, field
from typing import Any

from pathfinder.serve.config import ServeConfig
from pathfinder.serve.forkserver import ForkServer
from pathfinder.serve.limits import ConnectionRate, SessionSlots
from pathfinder.serve.metrics import Metrics
from pathfinder.serve.visitors import Owner

session_log = logging.getLogger("pathfinder.serve.sessions")
logger = logging.getLogger("pathfinder.serve")


@dataclass(frozen=True)
class Visitor:
    """Who is connected: their key's fingerprint (None: anonymous), address and client."""

    ip: str
    fingerprint: str | None
    client: str


@dataclass
class Host:
    """Configuration, limits, the fork server and the live sessions of one running host."""

    config: ServeConfig
    forkserver: ForkServer
    owner: Owner
    password: str | None = None
    rate: ConnectionRate = field(init=False)
    slots: SessionSlots = field(init=False)
    spawns: asyncio.Semaphore = field(init=False)
    shutting_down: asyncio.Event = field(default_factory=asyncio.Event)
    sessions: set[asyncio.Task[Any]] = field(default_factory=set)
    background: set[asyncio.Task[Any]] = field(default_factory=set)
    connections_by_ip: dict[str, int] = field(default_factory=dict)
    metrics: Metrics = field(default_factory=Metrics)

    def __post_init__(self) -> None:
        self.rate = ConnectionRate(self.config.connections_per_minute)
        self.slots = SessionSlots(self.config.max_sessions, self.config.max_per_ip)
        self.spawns = asyncio.Semaphore(self.config.max_spawns)


def log_session(record: dict[str, Any]) -> None:
    """One JSON line per session (and per refused connection) for the operator."""
    session_log.info(json.dumps(record, sort_keys=True))
