"""Settings of ``pathfinder serve ssh``: defaults, a TOML config file, and command-line overrides.

Every option can be set in the file (``max_sessions = 50`` or ``max-sessions = 50``); the command line
wins. A mistake in the file names the file, the line and the key, and becomes a PathfinderError (exit 2).
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from pathfinder.catalog.toml_lines import key_lines, line_of
from pathfinder.errors import PathfinderError, Problem

DEFAULT_APP = "pathfinder.tui:make_app"


@dataclass(frozen=True)
class ServeConfig:
    """Everything the SSH host needs to run; times in seconds, sizes in MiB."""

    host: str = "127.0.0.1"
    port: int = 2222
    data_dir: Path = Path("pathfinder-ssh")
    max_sessions: int = 50
    max_per_ip: int = 10
    connections_per_minute: int = 120
    """Per-IP connection rate; generous because a conference NAT is one IP."""
    max_spawns: int = 4
    """How many app processes may be starting at once (start-up is CPU-bound)."""
    spares: int = 30
    """Apps kept started ahead of visitors (each drawn on a terminal of its own, then handed to a
    visitor), never more than the free session slots; 0: fork each visitor's app when they arrive."""
    settled_nice: int = 10
    """Niceness an app gets once it has drawn its first frame, so apps still starting come first
    (0: never lowered)."""
    idle_timeout: float = 600.0
    max_duration: float = 3600.0
    login_timeout: float = 30.0
    keepalive_interval: float = 30.0
    password_file: Path | None = None
    user: str | None = None
    """Run the app processes as this (unprivileged) user; the server must start as root for it."""
    app: str = DEFAULT_APP
    """The app factory, ``module:function``, called like ``pathfinder.tui.make_app``."""
    app_path: Path | None = None
    """An extra import directory for ``app`` (for a stand-in app in tests)."""
    warm_up: bool = True
    """Run one app headlessly in the fork server before forking (faster first frames)."""
    memory_limit_mb: int = 1024
    file_size_limit_mb: int = 16
    open_files_limit: int = 256
    truecolor: bool = False
    """Tell every app the terminal has 24-bit colour (OpenSSH does not forward COLORTERM)."""
    log_file: Path | None = None
    """Where the one-line JSON session records go (default: stderr)."""
    proxy_protocol_from: tuple[str, ...] = ()
    """Load balancers (addresses or networks) whose connections start with a PROXY protocol header
    (v1 or v2) naming the visitor; from them the header is required, from anyone else refused."""
    host_key_file: Path | None = None
    """The host key (default DATA_DIR/ssh_host_ed25519_key); several hosts behind one balancer share one."""
    plans_dir: Path | None = None
    """Where key holders' plans live (default DATA_DIR/visitors); several hosts may share one folder."""
    web_port: int = 8080
    """The browser door's TCP port (``pathfinder serve web``)."""
    forwarded_from: tuple[str, ...] = ()
    """Reverse proxies (addresses or networks) whose X-Forwarded-For/-Proto/-Host the web door believes."""
    metrics: str | None = None
    """``HOST:PORT`` to serve Prometheus metrics (``/metrics``) and a health check (``/healthz``) on."""

    @property
    def plans_root(self) -> Path:
        return self.plans_dir if self.plans_dir is not None else self.data_dir / "visitors"

    @property
    def host_key_path(self) -> Path:
        return (
            self.host_key_file if self.host_key_file is not None else self.data_dir / "ssh_host_ed25519_key"
        )

    @property
    def sessions_root(self) -> Path:
        return self.data_dir / "sessions"

    @property
    def web_sessions_root(self) -> Path:
        return self.data_dir / "web-sessions"

    @property
    def spares_root(self) -> Path:
        """The empty folder spares start their apps with (emptied at every start)."""
        return self.data_dir / "spares"

    @property
    def web_spares_root(self) -> Path:
        """The browser door's ``spares_root`` (both doors may share a data directory)."""
        return self.data_dir / "web-spares"

    @property
    def logs_root(self) -> Path:
        return self.data_dir / "logs"


_TYPES: dict[str, type] = {field.name: field.type for field in fields(ServeConfig)}  # type: ignore[misc]
_KINDS: dict[str, tuple[type, ...]] = {}
for _field in fields(ServeConfig):
    _annotation = str(_field.type)
    if "Path" in _annotation:
        _KINDS[_field.name] = (str,)
    elif _annotation.startswith("tuple"):
        _KINDS[_field.name] = (list, str)
    elif _annotation == "int":
        _KINDS[_field.name] = (int,)
    elif _annotation == "float":
        _KINDS[_field.name] = (int, float)
    elif _annotation == "bool":
        _KINDS[_field.name] = (bool,)
    else:
        _KINDS[_field.name] = (str,)
_POSITIVE = {"max_sessions", "max_per_ip", "connections_per_minute", "max_spawns"}
_POSITIVE |= {"idle_timeout", "max_duration", "login_timeout", "keepalive_interval"}
_POSITIVE |= {"memory_limit_mb", "file_size_limit_mb", "open_files_limit"}


def _is_one_of(value: Any, kinds: tuple[type, ...]) -> bool:
    return isinstance(value, kinds)


def _networks(value: list[Any] | str) -> tuple[str, ...]:
    """A list of addresses/networks, or one comma-separated string of them (the command line's)."""
    from pathfinder.serve.proxy import parse_networks

    entries = value.split(",") if isinstance(value, str) else value
    if not all(isinstance(entry, str) for entry in entries):
        raise ValueError("expected a list of IP addresses or networks")
    texts = tuple(entry.strip() for entry in entries if entry.strip())
    parse_networks(texts)
    return texts


def _is_host_port(text: str) -> bool:
    host, separator, port = text.rpartition(":")
    return bool(separator and host.strip("[]") and port.isdigit() and int(port) <= 65535)


def _coerce(name: str, value: Any) -> Any:
    """Turn a TOML/CLI value into the field's type, or raise ValueError saying what was expected."""
    kinds = _KINDS[name]
    if isinstance(value, bool) and bool not in kinds:
        raise ValueError(f"expected {kinds[0].__name__}, got a boolean")
    if not _is_one_of(value, kinds):
        raise ValueError(f"expected {kinds[0].__name__}, got {type(value).__name__}")
    if name in _POSITIVE and value <= 0:
        raise ValueError("must be greater than 0")
    if name in ("port", "web_port") and not 0 <= value <= 65535:
        raise ValueError("must be a TCP port (1-65535, or 0 for any free port)")
    if name == "spares" and value < 0:
        raise ValueError("must be 0 or more")
    if name == "settled_nice" and not 0 <= value <= 19:
        raise ValueError("must be a niceness from 0 to 19")
    if name in ("proxy_protocol_from", "forwarded_from"):
        return _networks(value)
    if name == "metrics" and not _is_host_port(value):
        raise ValueError("expected HOST:PORT, for example 127.0.0.1:9464")
    if name == "app" and (":" not in value or value.startswith(":") or value.endswith(":")):
        raise ValueError("expected module:function")
    if "Path" in str(_TYPES[name]):
        return Path(value).expanduser()
    if float in kinds:
        return float(value)
    return value


def load_config_file(path: Path) -> dict[str, Any]:
    """Read a config file into field values; every problem is reported at once with its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise PathfinderError(
            f"Cannot read the config file {path}: {error.strerror}", "Config error"
        ) from error
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", None)
        raise PathfinderError(
            f"The config file {path} is not valid TOML.",
            "Config error",
            [Problem(path, str(error), line=line)],
        ) from error
    lines = key_lines(text)
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, value in document.items():
        name = key.replace("-", "_")
        line = line_of(lines, (key,))
        if name not in _KINDS:
            close = difflib.get_close_matches(name, list(_KINDS), n=1)
            hint = f"did you mean {close[0]!r}?" if close else "known keys: " + ", ".join(sorted(_KINDS))
            problems.append(Problem(path, "unknown setting", key=key, line=line, hint=hint))
            continue
        try:
            values[name] = _coerce(name, value)
        except ValueError as error:
            problems.append(Problem(path, str(error), key=key, line=line))
    if problems:
        raise PathfinderError(f"The config file {path} has problems.", "Config error", problems)
    for name in ("data_dir", "app_path", "password_file", "log_file", "host_key_file", "plans_dir"):
        if values.get(name) is not None and not values[name].is_absolute():
            values[name] = (path.parent / values[name]).resolve()
    return values


def build_config(
    config_file: Path | None, overrides: dict[str, Any], *, default_data_dir: Path | None = None
) -> ServeConfig:
    """Defaults, then the file, then command-line values that were given (None means not given)."""
    values: dict[str, Any] = {"data_dir": default_data_dir} if default_data_dir is not None else {}
    if config_file is not None:
        values.update(load_config_file(config_file))
    for name, value in overrides.items():
        if value is None:
            continue
        try:
            values[name] = _coerce(name, value)
        except ValueError as error:
            raise PathfinderError(f"--{name.replace('_', '-')}: {error}", "Bad option") from error
    config = replace(ServeConfig(), **values)
    app_path = config.app_path.absolute() if config.app_path is not None else None
    return replace(config, data_dir=config.data_dir.expanduser().absolute(), app_path=app_path)
