"""A visitor's uploaded plan, read in a child process with CPU-time and memory limits.

The SSH server never parses what a visitor sends: ``import`` starts ``python -I -m
pathfinder.serve.import_check``, which limits itself (address space, CPU seconds, file size, no core dump)
before it reads a byte, then reads the upload on stdin, validates it as a plan, and answers on stdout with one
JSON object: ``{"name": ..., "toml": ...}`` (the plan as Pathfinder writes it) or ``{"refused": ...}``.
Whatever the upload does, even through a bug no limit foresaw, it can only end this process: the server
sees no answer and refuses the import.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import resource
import sys
from pathlib import Path

MiB = 1024 * 1024
MAX_IMPORT_BYTES = 256 * 1024
"""The largest upload ``import`` takes (here, so that the child imports nothing it does not need)."""
MEMORY_LIMIT = 512 * MiB
CPU_SECONDS = 5
ANSWER_LIMIT = 8 * MiB
"""The most the server reads of an answer (a plan of 256 KiB is rewritten in far less)."""


def limit_self() -> None:
    """Address space, CPU time, file size and no core dump: set before the upload is read."""
    limits = {
        resource.RLIMIT_AS: MEMORY_LIMIT,
        resource.RLIMIT_CPU: CPU_SECONDS,
        resource.RLIMIT_FSIZE: ANSWER_LIMIT,
        resource.RLIMIT_CORE: 0,
    }
    for which, value in limits.items():
        resource.setrlimit(which, (value, value))


def answer(data: bytes) -> dict[str, str]:
    """The plan in ``data`` as Pathfinder writes it, or why it was refused (in words for the visitor)."""
    from pathfinder.errors import PathfinderError
    from pathfinder.plan.limits import check_limits, limits_error

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return {"refused": "the plan is not UTF-8 text"}
    exceeded = check_limits(text)  # first, before the models (and pydantic) are even imported
    if exceeded is not None:
        return {"refused": f"the plan was not imported:\n{limits_error(exceeded, Path('<import>'))}"}
    from pathfinder.plan.store import plan_from_toml, plan_to_toml

    try:
        plan = plan_from_toml(text, Path("<import>"))
        return {"name": plan.name, "toml": plan_to_toml(plan)}
    except PathfinderError as error:
        return {"refused": f"the plan was not imported:\n{error}"}


WALL_SECONDS = 20.0
"""How long the server waits for the child's answer (start-up included) before killing it."""


class UploadRefused(Exception):
    """The upload is not a plan that can be imported; the message is for the visitor."""


async def _exchange(process: asyncio.subprocess.Process, data: bytes) -> bytes:
    """Send the upload, then read the answer up to ``ANSWER_LIMIT`` (more is no answer: b"")."""
    assert process.stdin is not None and process.stdout is not None
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # it may end before reading all
        process.stdin.write(data)
        await process.stdin.drain()
        process.stdin.close()
    chunks: list[bytes] = []
    size = 0
    while chunk := await process.stdout.read(65536):
        chunks.append(chunk)
        size += len(chunk)
        if size > ANSWER_LIMIT:
            return b""
    return b"".join(chunks)


async def check_in_child(
    data: bytes, user: str | None = None, *, module: str = "pathfinder.serve.import_check", path: str = ""
) -> tuple[str, str]:
    """(plan name, plan TOML) of an upload, checked in a limited child process run as ``user``.

    Raises ``UploadRefused`` with the child's reason, or a generic one when the child ran out of time
    or memory, or died: the server's own memory and CPU are never spent on the upload. (``module`` and
    ``path``, for tests: another checker to run, and a folder to find it in.)
    """
    command = [sys.executable, "-I", "-B", "-X", "utf8", "-m", module]
    if path:  # -I leaves PYTHONPATH out: a tiny script adds the folder, then runs the module
        run = f"runpy.run_module({module!r}, run_name='__main__')"
        command[5:] = ["-c", f"import runpy, sys; sys.path.insert(0, {path!r}); {run}"]
    process = await asyncio.create_subprocess_exec(
        *command,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
        env={"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"},
        cwd="/",
        user=user or None,
    )
    try:
        output = await asyncio.wait_for(_exchange(process, data), WALL_SECONDS)
    except (TimeoutError, ValueError, OSError):
        output = b""
    finally:
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
    try:
        result = json.loads(output.decode("utf-8")) if output else {}
    except (UnicodeDecodeError, ValueError):
        result = {}
    if isinstance(result.get("refused"), str):
        raise UploadRefused(result["refused"])
    if not isinstance(result.get("name"), str) or not isinstance(result.get("toml"), str):
        raise UploadRefused("the plan was not imported: it could not be read within the server's limits")
    return result["name"], result["toml"]


def main() -> None:
    limit_self()
    data = sys.stdin.buffer.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        result = {"refused": f"the plan is too large (the limit is {MAX_IMPORT_BYTES // 1024} KiB)"}
    else:
        result = answer(data)
    sys.stdout.write(json.dumps(result))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
