"""One visitor's SSH session: the app on its own PTY, or one of the commands export/import/help."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import shutil
import signal
import time
from pathlib import Path
from typing import Any

import asyncssh

from pathfinder.serve.forkserver import CRASHED_STATUS, ForkServerError, close_quietly
from pathfinder.serve.host import Host, Visitor, log_session, logger
from pathfinder.serve.pty_bridge import PtyBridge, open_pty
from pathfinder.serve.terminal import (
    RESTORE_TERMINAL,
    child_environment,
    clamp_size,
    decode_client_env,
    safe_term,
)
from pathfinder.serve.visitors import (
    HELP_TEXT,
    MAX_IMPORT_BYTES,
    CommandRefused,
    export_plan,
    import_upload,
    prune_logs,
    visitor_dirs,
)

SPAWN_WAIT = 20.0
FIRST_FRAME_WAIT = 3.0
HANGUP_STEPS = ((signal.SIGHUP, 1.0), (signal.SIGTERM, 1.0), (signal.SIGKILL, 5.0))

GOODBYES = {
    "quit": "Thanks for trying Pathfinder. Goodbye!",
    "idle timeout": "Disconnected after {idle} without a key press (idle timeout). Goodbye!",
    "time limit": "Sessions last at most {limit}; time is up. Thanks for visiting!",
    "crash": "Sorry, the demo stopped unexpectedly. Please try again later.",
    "server shutdown": "The demo server is shutting down. Goodbye!",
    "disconnected": "",
}


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:g} minutes" if seconds >= 60 else f"{seconds:g} seconds"


async def handle_session(host: Host, process: asyncssh.SSHServerProcess[Any]) -> None:
    """Entry point for every session channel (asyncssh's process_factory)."""
    connection = process.get_extra_info("connection")
    owner = connection.get_owner()
    visitor: Visitor = owner.visitor() if owner is not None else Visitor("?", None, "")
    if owner is not None:
        owner.active_sessions += 1
    task = asyncio.current_task()
    if task is not None:
        host.sessions.add(task)
    started = time.monotonic()
    record: dict[str, Any] = {
        "event": "session",
        "visitor": visitor.fingerprint or "anonymous",
        "ip": visitor.ip,
        "client": visitor.client,
    }
    try:
        if process.subsystem:
            record.update(kind="subsystem", end="refused")
            await _refuse(process, "This demo offers no file transfer (no SFTP or SCP).")
        elif process.command is not None:
            record.update(kind="command", command=str(process.command).split(" ", 1)[0][:32])
            record["end"] = await run_command(host, process, visitor)
        elif process.get_terminal_type() is None:
            record.update(kind="app", end="refused: no terminal")
            host.metrics.refused("ssh", "no_terminal")
            await _refuse(process, "This demo is a full-screen app: connect with a terminal (ssh -t).")
        else:
            record.update(kind="app")
            await run_app(host, process, visitor, record)
    except Exception:
        logger.exception("session failed")
        record.setdefault("end", "server error")
        with contextlib.suppress(Exception):
            process.exit(1)
    finally:
        record["duration"] = round(time.monotonic() - started, 3)
        log_session(record)
        if task is not None:
            host.sessions.discard(task)
        if owner is not None:
            owner.active_sessions -= 1
            owner.close_when_idle(2.0)


def _write(process: asyncssh.SSHServerProcess[Any], text: str, *, stderr: bool = False) -> None:
    """Text to the visitor; with a terminal (``ssh -t``) lines end in CRLF, as a raw terminal needs."""
    if process.get_terminal_type():
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    (process.stderr if stderr else process.stdout).write(text.encode("utf-8"))


async def _refuse(process: asyncssh.SSHServerProcess[Any], message: str, status: int = 1) -> None:
    _write(process, message + "\n", stderr=True)
    with contextlib.suppress(Exception):
        await asyncio.wait_for(process.stderr.drain(), 2.0)
    process.exit(status)


async def run_command(host: Host, process: asyncssh.SSHServerProcess[Any], visitor: Visitor) -> str:
    """``help``, ``export [NAME]``, ``import`` or ``import-profile``; anything else is refused (no shell)."""
    words = str(process.command).split()
    name, arguments = (words[0], words[1:]) if words else ("", [])
    if name in ("help", "--help", "-h") and not arguments:
        _write(process, HELP_TEXT)
        process.exit(0)
        return "help"
    if name not in ("export", "import", "import-profile"):
        await _refuse(process, "Unknown command. This demo runs no shell; try: help")
        return "refused: unknown command"
    if visitor.fingerprint is None:
        await _refuse(
            process,
            f"{name} needs an SSH key: plans are kept only for visitors who connect with a key "
            "(anonymous plans last for one visit).",
        )
        return "refused: no key"
    plan_dir, _data_dir = visitor_dirs(host.config.plans_root, visitor.fingerprint, host.owner)
    try:
        if name == "export":
            if len(arguments) > 1:
                raise CommandRefused("usage: export [NAME]")
            text, note = await asyncio.to_thread(export_plan, plan_dir, arguments[0] if arguments else None)
            _write(process, text)
            if note:
                _write(process, note, stderr=True)
        elif name == "import-profile":
            from pathfinder.serve.profile_import import USAGE, import_profile_upload

            if arguments:
                raise CommandRefused(USAGE)
            data = await asyncio.wait_for(_read_upload(process), 30.0)
            stored, summary = await asyncio.to_thread(import_profile_upload, plan_dir, data, host.owner)
            _write(process, summary, stderr=True)
            _write(process, f"Imported as {stored!r}. It opens in the app on your next visit.\n", stderr=True)
        else:
            if arguments:
                raise CommandRefused("usage: import < PLAN.toml")
            data = await asyncio.wait_for(_read_upload(process), 30.0)
            stored = await import_upload(plan_dir, data, host.config.user, host.owner)
            _write(process, f"Imported as {stored!r}. It opens in the app on your next visit.\n", stderr=True)
    except CommandRefused as refusal:
        await _refuse(process, str(refusal))
        return f"refused: {name}"
    except TimeoutError:
        await _refuse(process, f"{name}: timed out waiting for the file on stdin")
        return "refused: import timeout"
    await process.stdout.drain()
    process.exit(0)
    return name


async def _read_upload(process: asyncssh.SSHServerProcess[Any]) -> bytes:
    """stdin up to EOF, but never more than the limit plus one byte (then it is refused as too big)."""
    chunks: list[bytes] = []
    size = 0
    while size <= MAX_IMPORT_BYTES:
        chunk = await process.stdin.read(65536)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


async def run_app(
    host: Host, process: asyncssh.SSHServerProcess[Any], visitor: Visitor, record: dict[str, Any]
) -> None:
    """The app for one visitor: admit, spawn on a PTY, pump until it ends, then clean up and say why."""
    config = host.config
    term = safe_term(process.get_terminal_type())
    columns, rows = clamp_size(*process.get_terminal_size()[:2])
    record.update(term=term, size=f"{columns}x{rows}")
    refusal = host.slots.refusal(visitor.ip)
    reason = host.slots.refusal_reason(visitor.ip)
    if host.shutting_down.is_set():
        refusal, reason = "The demo server is shutting down.", "shutting_down"
    if refusal:
        record["end"] = "refused: full"
        host.metrics.refused("ssh", reason or "capacity")
        await _refuse(process, refusal)
        return
    host.slots.take(visitor.ip)
    host.metrics.session_started("ssh")
    begun = time.monotonic()
    session = secrets.token_hex(8)
    home = host.owner.make_dir(config.sessions_root / session)
    master = slave = -1
    exit_status: asyncio.Future[int] | None = None
    reason = "crash"
    bridge: PtyBridge | None = None
    try:
        if visitor.fingerprint is not None:
            plan_dir, data_dir = visitor_dirs(config.plans_root, visitor.fingerprint, host.owner)
        else:
            plan_dir, data_dir = host.owner.make_dir(home / "plans"), host.owner.make_dir(home / "data")
        master, slave = open_pty(columns, rows)
        env = child_environment(
            decode_client_env(process.env), term=term, home=str(home), truecolor=config.truecolor
        )
        request = {
            "env": env,
            "home": str(home),
            "plan_dir": str(plan_dir),
            "data_dir": str(data_dir),
            "keyless": visitor.fingerprint is None,
            "log_path": str(config.logs_root / f"{session}.log"),
            "user": config.user,
            "memory_limit_mb": config.memory_limit_mb,
            "file_size_limit_mb": config.file_size_limit_mb,
            "open_files_limit": config.open_files_limit,
        }
        bridge = PtyBridge(master, process)
        bridge.size = (columns, rows)
        try:
            await asyncio.wait_for(host.spawns.acquire(), SPAWN_WAIT)
        except TimeoutError:
            reason = "busy"
            host.metrics.refused("ssh", "busy")
            await _refuse(process, "The demo is busy starting other sessions. Please try again.")
            return
        try:
            exit_status = await host.forkserver.spawn(session, request, slave)
        except (ForkServerError, TimeoutError, OSError):
            host.spawns.release()
            raise
        finally:
            close_quietly(slave)
        releaser = asyncio.get_running_loop().create_task(
            _release_on_first_frame(host, bridge, session, begun)
        )
        host.background.add(releaser)  # a task nobody references may be garbage-collected mid-wait
        releaser.add_done_callback(host.background.discard)
        reason = await _pump_until_end(host, bridge, exit_status)
    finally:
        status = await _stop_app(host, session, exit_status)
        if bridge is not None and reason in ("quit", "crash"):
            await bridge.drain_remaining(0.5)
        if reason == "quit" and status not in (0, None):
            reason = "crash"
        if bridge is not None:
            bridge.stop_resizing()
        if master >= 0:
            close_quietly(master)
        shutil.rmtree(home, ignore_errors=True)
        if not _remove_empty_log(config.logs_root / f"{session}.log"):
            await asyncio.to_thread(prune_logs, config.logs_root)  # it left a log: keep the logs in budget
        host.forkserver.forget(session)
        host.slots.release(visitor.ip)
        host.metrics.session_ended("ssh", reason, time.monotonic() - begun)
        record.update(end=reason, exit=status)
        if reason != "busy":
            await _say_goodbye(process, reason, config.idle_timeout, config.max_duration)


async def _release_on_first_frame(host: Host, bridge: PtyBridge, session: str, begun: float) -> None:
    """Once this app has drawn its first frame: let the next spawn start, and lower the app's priority.

    Start-up is CPU-bound. In a burst of visitors, apps still starting then come before the settling
    work of apps already on screen, so everyone sees the app sooner.
    """
    try:
        await asyncio.wait_for(bridge.first_frame.wait(), FIRST_FRAME_WAIT)
        host.metrics.rendered("ssh", time.monotonic() - begun)
    except TimeoutError:
        pass
    finally:
        host.spawns.release()
    if host.config.settled_nice > 0:
        await host.forkserver.renice(session, host.config.settled_nice)
    if not bridge.first_frame.is_set():
        with contextlib.suppress(TimeoutError):  # a late first frame still counts in the histogram
            await asyncio.wait_for(bridge.first_frame.wait(), 60.0)
            host.metrics.rendered("ssh", time.monotonic() - begun)


async def _pump_until_end(host: Host, bridge: PtyBridge, exit_status: asyncio.Future[int]) -> str:
    """Run the pumps and the watchdog; return why the session ends."""
    output = asyncio.ensure_future(bridge.pump_output())
    typed = asyncio.ensure_future(bridge.pump_input())
    watchdog = asyncio.ensure_future(_watchdog(host, bridge))
    tasks: set[asyncio.Future[Any]] = {output, typed, watchdog, exit_status}
    try:
        done, _pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        if watchdog in done:
            return watchdog.result()
        if output in done and output.exception() is not None:
            return "disconnected"  # writing to the visitor failed: they are gone
        app_ended = output in done or exit_status in done
        if typed in done and (typed.exception() is not None or not app_ended):
            return "disconnected"
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(exit_status), 2.0)
        if exit_status.done() and exit_status.result() == 0:
            return "quit"
        return "crash"
    finally:
        for task in (output, typed, watchdog):
            task.cancel()
        await asyncio.gather(output, typed, watchdog, return_exceptions=True)


async def _watchdog(host: Host, bridge: PtyBridge) -> str:
    """Idle timeout (no input), absolute time limit, or the server shutting down."""
    config = host.config
    started = time.monotonic()
    tick = max(0.05, min(1.0, config.idle_timeout / 10))
    while True:
        try:
            await asyncio.wait_for(host.shutting_down.wait(), tick)
            return "server shutdown"
        except TimeoutError:
            pass
        now = time.monotonic()
        if now - bridge.last_input >= config.idle_timeout:
            return "idle timeout"
        if now - started >= config.max_duration:
            return "time limit"


async def _stop_app(host: Host, session: str, exit_status: asyncio.Future[int] | None) -> int | None:
    """Hang up the app's process group, escalate to TERM then KILL, and wait until it is reaped."""
    if exit_status is None:
        return None
    for signum, grace in HANGUP_STEPS:
        if exit_status.done():
            break
        await host.forkserver.signal(session, signum)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(exit_status), grace)
    return exit_status.result() if exit_status.done() else CRASHED_STATUS


def _remove_empty_log(path: Path) -> bool:
    """Remove the session's log if it is empty; True unless a log with something in it is left."""
    with contextlib.suppress(OSError):
        if path.stat().st_size == 0:
            path.unlink()
            return True
        return False
    return True


async def _say_goodbye(
    process: asyncssh.SSHServerProcess[Any], reason: str, idle: float, limit: float
) -> None:
    """Restore the visitor's terminal, say why the session ended, and close the channel."""
    message = GOODBYES.get(reason, GOODBYES["crash"]).format(idle=_minutes(idle), limit=_minutes(limit))
    with contextlib.suppress(Exception):
        process.stdout.write((RESTORE_TERMINAL + "\r\n" + (message + "\r\n" if message else "")).encode())
        await asyncio.wait_for(process.stdout.drain(), 2.0)
    with contextlib.suppress(Exception):
        process.exit(0 if reason in ("quit", "idle timeout", "time limit", "server shutdown") else 1)
