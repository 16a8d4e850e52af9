"""Prometheus metrics and a health check for load balancers (``--metrics HOST:PORT``).

``GET /metrics`` is Prometheus' text format (``prometheus-client``), ``GET /healthz`` answers 200 while
the host takes visitors and 503 when it does not (shutting down, or its fork server down), with a short
JSON body saying why. Both doors (``ssh``, ``web``) count into the same names, told apart by a label.
The JSON session lines in the log stay: metrics are counts, the log says who and why.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from pathfinder.errors import PathfinderError

if TYPE_CHECKING:
    from pathfinder.serve.config import ServeConfig
    from pathfinder.serve.forkserver import ForkServer

REFUSAL_REASONS = (
    "rate",
    "per_ip",
    "capacity",
    "auth",
    "busy",
    "shutting_down",
    "proxy_untrusted",
    "proxy_invalid",
    "no_terminal",
)
"""Why a connection or a session was refused (the ``reason`` label of ``pathfinder_refusals_total``)."""

DURATION_BUCKETS = (5.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1200.0, 1800.0, 3600.0, 7200.0)
RENDER_BUCKETS = (0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0)


class Metrics:
    """The host's counters, gauges and histograms, in a registry of its own."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        registry = self.registry
        self.sessions_active = Gauge(
            "pathfinder_sessions_active", "App sessions running now.", ["door"], registry=registry
        )
        self.sessions_created = Counter(
            "pathfinder_sessions_created", "App sessions started.", ["door"], registry=registry
        )
        self.sessions_finished = Counter(
            "pathfinder_sessions_finished",
            "App sessions ended, by why they ended (quit, idle timeout, time limit, disconnected, ...).",
            ["door", "end"],
            registry=registry,
        )
        self.refusals = Counter(
            "pathfinder_refusals",
            "Connections or sessions refused, by reason.",
            ["door", "reason"],
            registry=registry,
        )
        self.session_duration = Histogram(
            "pathfinder_session_duration_seconds",
            "How long app sessions lasted.",
            ["door"],
            buckets=DURATION_BUCKETS,
            registry=registry,
        )
        self.first_render = Histogram(
            "pathfinder_time_to_first_render_seconds",
            "From a visitor's session request to the app's first frame on their screen.",
            ["door"],
            buckets=RENDER_BUCKETS,
            registry=registry,
        )
        self.spares_ready = Gauge(
            "pathfinder_spares_ready", "Apps started ahead of visitors, ready for one.", registry=registry
        )
        self.forkserver_up = Gauge(
            "pathfinder_forkserver_up", "1 while the fork server runs, else 0.", registry=registry
        )
        self.forkserver_starts = Counter(
            "pathfinder_forkserver_starts",
            "Fork server starts (more than one: it was restarted).",
            registry=registry,
        )
        for door in ("ssh", "web"):
            for reason in REFUSAL_REASONS:
                self.refusals.labels(door, reason)
            self.sessions_active.labels(door)
            self.sessions_created.labels(door)

    def refused(self, door: str, reason: str) -> None:
        self.refusals.labels(door, reason).inc()

    def session_started(self, door: str) -> None:
        self.sessions_created.labels(door).inc()
        self.sessions_active.labels(door).inc()

    def session_ended(self, door: str, end: str, duration: float) -> None:
        self.sessions_active.labels(door).dec()
        self.sessions_finished.labels(door, end).inc()
        self.session_duration.labels(door).observe(duration)

    def rendered(self, door: str, seconds: float) -> None:
        self.first_render.labels(door).observe(seconds)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


@dataclass(frozen=True)
class Health:
    """What ``/healthz`` says: healthy or not, and the figures behind it."""

    healthy: bool
    details: dict[str, Any]


def parse_listen_address(text: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:9464`` for IPv6) → (host, port), or a PathfinderError saying what to write."""
    host, separator, port_text = text.rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    if not separator or not host or not port_text.isdigit() or not 0 <= int(port_text) <= 65535:
        raise PathfinderError(
            f"--metrics {text!r}: expected HOST:PORT, for example 127.0.0.1:9464", "Bad option"
        )
    return host, int(port_text)


class MetricsServer:
    """``/metrics`` and ``/healthz`` over HTTP (aiohttp), on an address of the operator's choosing."""

    def __init__(self, metrics: Metrics, health: Callable[[], Health]) -> None:
        self.metrics = metrics
        self.health = health
        self._runner: Any = None
        self.port = 0

    async def start(self, host: str, port: int) -> int:
        from aiohttp import web

        async def serve_metrics(_request: web.Request) -> web.Response:
            body = self.metrics.exposition()
            return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

        async def serve_health(_request: web.Request) -> web.Response:
            state = self.health()
            text = json.dumps({"healthy": state.healthy, **state.details}, sort_keys=True)
            return web.Response(
                text=text, status=200 if state.healthy else 503, content_type="application/json"
            )

        app = web.Application()
        app.router.add_get("/metrics", serve_metrics)
        app.router.add_get("/healthz", serve_health)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        try:
            await site.start()
        except OSError as error:
            await self._runner.cleanup()
            raise PathfinderError(
                f"Cannot listen for metrics on {host}:{port}: {error.strerror}", "Cannot start"
            ) from error
        addresses = self._runner.addresses
        self.port = int(addresses[0][1]) if addresses else port
        return self.port

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


def watch_forkserver(metrics: Metrics, forkserver: ForkServer) -> None:
    """Count a door's fork server into the metrics: its starts (it has just started once), whether it is
    up, and its spares ready."""
    metrics.forkserver_starts.inc()
    forkserver.on_start = metrics.forkserver_starts.inc
    metrics.forkserver_up.set_function(lambda: 1 if forkserver.serving else 0)
    metrics.spares_ready.set_function(lambda: forkserver.spares_ready)


def door_health(
    forkserver: ForkServer, sessions: int, max_sessions: int, shutting_down: bool, tasks: set[Any]
) -> Health:
    """A door's ``/healthz``: healthy while it takes visitors (not shutting down, its fork server up). A
    fork server that has gone is started again here, in the background (its task kept in ``tasks`` until
    done), so a host nobody is sent to does not stay unhealthy."""
    if not forkserver.alive and not shutting_down:
        restart = asyncio.get_running_loop().create_task(_restart_quietly(forkserver))
        tasks.add(restart)
        restart.add_done_callback(tasks.discard)
    details = {
        "sessions": sessions,
        "max_sessions": max_sessions,
        "forkserver": "up" if forkserver.serving else "down",
        "shutting_down": shutting_down,
        "spares_ready": forkserver.spares_ready,
    }
    return Health(forkserver.serving and not shutting_down, details)


async def _restart_quietly(forkserver: ForkServer) -> None:
    from pathfinder.serve.forkserver import ForkServerError

    with contextlib.suppress(ForkServerError):
        await forkserver.start()


async def serve_metrics(
    config: ServeConfig, metrics: Metrics, health: Callable[[], Health]
) -> MetricsServer | None:
    """Serve ``/metrics`` and ``/healthz`` where ``--metrics`` says (None without it), and say where."""
    if config.metrics is None:
        return None
    server = MetricsServer(metrics, health)
    await server.start(*parse_listen_address(config.metrics))
    shown = config.metrics.rpartition(":")[0]
    print(f"Metrics on http://{shown}:{server.port}/metrics and /healthz", flush=True)
    return server
