"""The fuzz suite's worker: runs every door a plan file goes through, under a 512 MiB address-space limit.

Started once by tests/test_fuzz_hostile.py (``python tests/fuzz_worker.py``). It limits itself before
importing anything, then reads files to try from stdin (an 8-byte length, then the bytes) and answers each
with one JSON line: ``{"ok": true, "seconds": ...}`` when every door either read the file or refused it
with Pathfinder's own error, or ``{"ok": false, "door": ..., "error": traceback}`` otherwise. Running out
of memory is a failure too (``MemoryError``, or the worker dying).
"""

from __future__ import annotations

import resource

MEMORY_LIMIT = 512 * 1024 * 1024
resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

import contextlib  # noqa: E402  (after the limit: nothing may be allocated outside it)
import io  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from pathfinder.catalog.loader import load_catalog  # noqa: E402
from pathfinder.cli import main as cli  # noqa: E402
from pathfinder.errors import PathfinderError  # noqa: E402
from pathfinder.plan.store import load_plan  # noqa: E402
from pathfinder.tui.drafts import draft_summary, read_draft  # noqa: E402
from pathfinder.tui.plan_files import (  # noqa: E402
    read_plan,
    read_plan_preview,
    unknown_references_note,
    validate_previewed,
)
from pathfinder.tui.plan_list import summarise  # noqa: E402

CATALOG = load_catalog()
FORMATS = ("text", "json", "markdown")


def _cli(*arguments: str) -> None:
    """A headless command, its output discarded; it must end in 0 (done) or 2 (refused, explained)."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = cli(list(arguments))
    if code not in (0, 2):
        raise AssertionError(f"pathfinder {' '.join(arguments)} ended with {code}")


def _app_open(path: Path) -> None:
    """What the app does with a plan file: the welcome list's summary, the preview, the full reading."""
    summarise(path)
    previewed = read_plan_preview(path)
    if previewed is not None:
        with contextlib.suppress(PathfinderError):
            validate_previewed(path, previewed[1])
    with contextlib.suppress(PathfinderError):
        unknown_references_note(read_plan(path).plan, CATALOG)


def _draft(path: Path, data_dir: Path) -> None:
    """The same bytes left behind as an autosaved draft: the start-up offer and the recovery."""
    drafts = data_dir / "drafts"
    drafts.mkdir(exist_ok=True)
    (drafts / "draft.toml").write_bytes(path.read_bytes())
    draft_summary(data_dir)
    read_draft(data_dir)


def check(data: bytes, number: int, folder: Path) -> dict[str, Any]:
    path = folder / "plan.toml"
    path.write_bytes(data)
    doors: dict[str, Callable[[], object]] = {
        "plan check": lambda: _cli("plan", "check", str(path)),
        "report": lambda: _cli("report", str(path), "--today", "2026-12-01", "--format", FORMATS[number % 3]),
        "store": lambda: load_plan(path),
        "app open": lambda: _app_open(path),
        "draft": lambda: _draft(path, folder),
    }
    started = time.perf_counter()
    slowest = 0.0
    for door, action in doors.items():
        began = time.perf_counter()
        try:
            action()
        except PathfinderError:
            pass
        except MemoryError:
            return {"ok": False, "door": door, "error": "ran out of memory (512 MiB address space)"}
        except BaseException:  # anything else is the failure this suite looks for
            return {"ok": False, "door": door, "error": traceback.format_exc(limit=-8)}
        slowest = max(slowest, time.perf_counter() - began)
    return {"ok": True, "seconds": time.perf_counter() - started, "slowest": slowest}


def serve() -> None:
    stdin = sys.stdin.buffer
    stdout = os.fdopen(os.dup(1), "w")  # the answers; anything else written to stdout goes nowhere
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    number = 0
    with tempfile.TemporaryDirectory(prefix="pathfinder-fuzz-") as folder:
        while header := stdin.read(8):
            data = stdin.read(int.from_bytes(header, "big"))
            result = check(data, number, Path(folder))
            stdout.write(json.dumps(result) + "\n")
            stdout.flush()
            number += 1


if __name__ == "__main__":
    serve()
