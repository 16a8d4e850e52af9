"""``pathfinder serve ssh``: host the app for visitors over SSH (see docs/hosting.md)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def default_data_dir() -> Path:
    """Where the host key, visitors' plans and session directories live unless told otherwise."""
    import platformdirs

    return Path(platformdirs.user_data_dir("pathfinder", appauthor=False)) / "ssh-host"


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "serve", help="host the app for visitors (ssh)", description="Host Pathfinder for visitors."
    )
    kinds = parser.add_subparsers(dest="serve_kind", metavar="KIND", required=True)
    ssh = kinds.add_parser(
        "ssh",
        help="serve the app over SSH: one sandboxed app process per visitor",
        description="Serve the app over SSH: visitors run `ssh -p PORT HOST`. Every option can also be "
        "set in a TOML file (--config); the command line wins. See docs/hosting.md.",
    )
    ssh.add_argument("--config", type=Path, default=None, metavar="FILE", help="TOML file of settings")
    ssh.add_argument("--host", default=None, help="address to listen on (default 127.0.0.1)")
    ssh.add_argument("--port", type=int, default=None, help="TCP port (default 2222)")
    ssh.add_argument("--max-sessions", type=int, default=None, metavar="N", help="sessions in all (50)")
    ssh.add_argument("--max-per-ip", type=int, default=None, metavar="N", help="sessions per IP (10)")
    ssh.add_argument(
        "--idle-timeout", type=float, default=None, metavar="SECONDS", help="end a session after this long "
        "without a key press (600)"
    )  # fmt: skip
    ssh.add_argument(
        "--max-duration", type=float, default=None, metavar="SECONDS", help="longest session (3600)"
    )
    ssh.add_argument("--data-dir", type=Path, default=None, metavar="DIR", help="host key, plans, sessions")
    ssh.add_argument("--password-file", type=Path, default=None, metavar="FILE", help="require this password")
    ssh.add_argument("--user", default=None, metavar="NAME", help="run app processes as this user")
    ssh.add_argument(
        "--proxy-protocol-from",
        default=None,
        metavar="ADDRS",
        help="load balancers (addresses or networks, comma-separated) that send a PROXY protocol header",
    )
    ssh.add_argument("--host-key-file", type=Path, default=None, metavar="FILE", help="host key (shared)")
    ssh.add_argument("--plans-dir", type=Path, default=None, metavar="DIR", help="key holders' plans")
    ssh.add_argument(
        "--metrics", default=None, metavar="HOST:PORT", help="serve Prometheus /metrics and /healthz here"
    )
    ssh.add_argument("--app", default=None, metavar="MODULE:FUNCTION", help=argparse.SUPPRESS)
    ssh.set_defaults(handler=run_ssh)
    browser = kinds.add_parser(
        "web",
        help="serve the app in a browser (textual-serve): one sandboxed app process per visitor",
        description="Serve the app in a browser: visitors open http://HOST:PORT/. Same limits and config "
        "file as `serve ssh`; put it behind a TLS reverse proxy. See docs/hosting.md.",
    )
    browser.add_argument("--config", type=Path, default=None, metavar="FILE", help="TOML file of settings")
    browser.add_argument("--host", default=None, help="address to listen on (default 127.0.0.1)")
    browser.add_argument("--port", type=int, default=None, help="TCP port (default 8080)")
    browser.add_argument("--max-sessions", type=int, default=None, metavar="N", help="sessions in all (50)")
    browser.add_argument("--max-per-ip", type=int, default=None, metavar="N", help="sessions per IP (10)")
    browser.add_argument("--data-dir", type=Path, default=None, metavar="DIR", help="sessions and logs")
    browser.add_argument(
        "--password-file", type=Path, default=None, metavar="FILE", help="require this password"
    )
    browser.add_argument("--user", default=None, metavar="NAME", help="run app processes as this user")
    browser.add_argument(
        "--forwarded-from", default=None, metavar="ADDRS",
        help="reverse proxies (comma-separated) whose X-Forwarded-* headers are believed",
    )  # fmt: skip
    browser.add_argument(
        "--metrics", default=None, metavar="HOST:PORT", help="serve Prometheus /metrics and /healthz here"
    )
    browser.add_argument("--app", default=None, metavar="MODULE:FUNCTION", help=argparse.SUPPRESS)
    browser.set_defaults(handler=run_web)


def run_web(args: argparse.Namespace) -> int:
    """``pathfinder serve web``: the browser door, until SIGTERM."""
    import asyncio

    from pathfinder.serve.config import build_config
    from pathfinder.serve.server import setup_logging
    from pathfinder.serve.web import serve_web

    overrides = {
        "host": args.host,
        "web_port": args.port,
        "max_sessions": args.max_sessions,
        "max_per_ip": args.max_per_ip,
        "data_dir": str(args.data_dir) if args.data_dir is not None else None,
        "password_file": str(args.password_file) if args.password_file is not None else None,
        "user": args.user,
        "app": args.app,
        "metrics": args.metrics,
        "forwarded_from": args.forwarded_from,
    }
    default = default_data_dir().with_name("web-host")
    config = build_config(args.config, overrides, default_data_dir=default)
    setup_logging(config)
    return asyncio.run(serve_web(config))


def run_ssh(args: argparse.Namespace) -> int:
    """Build the settings (defaults < file < command line) and run the host until SIGTERM."""
    import asyncio

    from pathfinder.serve.config import build_config
    from pathfinder.serve.server import serve, setup_logging

    overrides = {
        "host": args.host,
        "port": args.port,
        "max_sessions": args.max_sessions,
        "max_per_ip": args.max_per_ip,
        "idle_timeout": args.idle_timeout,
        "max_duration": args.max_duration,
        "data_dir": str(args.data_dir) if args.data_dir is not None else None,
        "password_file": str(args.password_file) if args.password_file is not None else None,
        "user": args.user,
        "app": args.app,
        "metrics": args.metrics,
        "proxy_protocol_from": args.proxy_protocol_from,
        "host_key_file": str(args.host_key_file) if args.host_key_file is not None else None,
        "plans_dir": str(args.plans_dir) if args.plans_dir is not None else None,
    }
    config = build_config(args.config, overrides, default_data_dir=default_data_dir())
    setup_logging(config)
    return asyncio.run(serve(config))
