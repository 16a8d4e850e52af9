"""Where visitors' files live, and the ``export`` / ``import`` / ``help`` commands.

Layout under the data directory::

    visitors/<key-…>/plans/   plans of a visitor who brought a key (name derived from its fingerprint)
    visitors/<key-…>/data/    that visitor's app data (drafts)
    sessions/<id>/            one session's home, TMPDIR and cwd; deleted when the session ends;
                              an anonymous visitor's plans live in sessions/<id>/plans and go with it

Nothing a visitor types ever names a directory: the key directory comes from the fingerprint, and plan
names given to ``export`` are checked against a strict pattern and opened without following links.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import pwd
import re
import secrets
import shutil
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pathfinder.errors import PathfinderError
from pathfinder.plan.constants import MAX_HOSTED_PLANS
from pathfinder.serve.import_check import MAX_IMPORT_BYTES as MAX_IMPORT_BYTES
from pathfinder.serve.keys import safe_name

MAX_PLANS_PER_VISITOR = MAX_HOSTED_PLANS
_PLAN_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")

HELP_TEXT = """\
Pathfinder demo over SSH. Commands:

  ssh -p PORT HOST                 open the app (needs a terminal)
  ssh -p PORT HOST export [NAME]   print a saved plan as TOML (no NAME: your latest plan;
                                   the others are listed on stderr)
  ssh -p PORT HOST import < FILE   check a plan file (TOML, up to 256 KiB) and save it among your plans
  ssh -p PORT HOST import-profile < FILE
                                   make a plan from a LinkedIn data export (ZIP) or a JSON Resume
                                   (up to 256 KiB); what was mapped and what to check is printed
  ssh -p PORT HOST help            this text

Plans are kept between visits only for visitors who connect with an SSH key (your key's fingerprint
is your identity; nothing else is stored). Without a key, plans last for this visit only.
"""


class CommandRefused(Exception):
    """A visitor's command was refused; the message is shown to them and the exit status is 1."""


@dataclass(frozen=True)
class Owner:
    """Who owns files the app writes: the app user's uid/gid, or None to leave them as the server's."""

    uid: int | None = None
    gid: int | None = None

    @classmethod
    def for_user(cls, user: str | None) -> Owner:
        if not user:
            return cls()
        try:
            record = pwd.getpwnam(user)
        except KeyError as error:
            raise PathfinderError(
                f"There is no user named {user!r} on this machine.", "Bad option"
            ) from error
        return cls(record.pw_uid, record.pw_gid)

    def make_dir(self, path: Path, *, owned: bool = True) -> Path:
        """Create ``path`` (0700, or 0711 for server-owned parents) and hand it to the app user."""
        path.mkdir(mode=0o700 if owned else 0o711, parents=True, exist_ok=True)
        if owned and self.uid is not None and self.gid is not None:
            os.chown(path, self.uid, self.gid)
        return path


def visitor_dirs(plans_root: Path, fingerprint: str, owner: Owner) -> tuple[Path, Path]:
    """(plans, data) directories of the visitor with this key fingerprint, created if needed."""
    base = plans_root / safe_name(fingerprint)
    owner.make_dir(base, owned=False)
    return owner.make_dir(base / "plans"), owner.make_dir(base / "data")


@contextlib.contextmanager
def key_lock(plan_dir: Path, *, exclusive: bool) -> Iterator[None]:
    """Hold the lock of one key holder's plans (``.lock`` beside their ``plans``, the server's own file):
    exclusive to add a plan, shared to read one. Hosts sharing the plans folder (a local disk, or NFS,
    where Linux maps ``flock`` to byte-range locks) never interleave two imports for one key."""
    fd = os.open(plan_dir.parent / ".lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def sweep_sessions(sessions_root: Path) -> int:
    """Delete session directories a previous server left behind (it was killed); returns how many."""
    if not sessions_root.is_dir():
        return 0
    swept = 0
    for entry in sessions_root.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
            swept += 1
        else:
            entry.unlink(missing_ok=True)
    return swept


LOGS_KEPT = 1000
LOGS_BYTES = 64 * 1024 * 1024
"""The per-session logs kept: the newest 1000, and no more than 64 MiB together."""


def prune_logs(logs_root: Path, keep: int = LOGS_KEPT, max_bytes: int = LOGS_BYTES) -> int:
    """Keep only the newest per-session logs (only crashed or noisy sessions leave one): at most ``keep``
    of them and ``max_bytes`` together; returns how many were removed. Run at start and whenever a
    session leaves a log, so that crashes in a loop cannot fill the disk."""
    if not logs_root.is_dir():
        return 0
    found = []
    for path in logs_root.glob("*.log"):
        with contextlib.suppress(OSError):
            info = path.lstat()
            found.append((info.st_mtime, info.st_size, path))
    found.sort(key=lambda item: item[0], reverse=True)
    removed, total = 0, 0
    for index, (_mtime, size, path) in enumerate(found):
        total += size
        if index >= keep or total > max_bytes:
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
    return removed


def secure_dir(path: Path, mode: int) -> bool:
    """Make the server's own directory ``path`` private (``mode``); True if it had to be tightened.

    A directory others may write to is refused when it is not the server's (it cannot be tightened, and
    another user could plant files in it); a symlink is refused too.
    """
    info = path.lstat()
    if not stat.S_ISDIR(info.st_mode):
        raise PathfinderError(f"{path} is not a directory (a link, or a file).", "Unsafe data directory")
    if info.st_uid != os.geteuid():
        if info.st_mode & 0o022:
            raise PathfinderError(
                f"{path} belongs to another user and others may write to it; use a directory of the user the "
                "server runs as (it is created with mode 700).",
                "Unsafe data directory",
            )
        return False
    if stat.S_IMODE(info.st_mode) != mode:
        path.chmod(mode)
        return True
    return False


def saved_plans(plan_dir: Path) -> list[Path]:
    """The visitor's plan files (regular files only), newest first."""
    if not plan_dir.is_dir():
        return []
    found = []
    for entry in plan_dir.iterdir():
        if entry.suffix == ".toml" and _PLAN_NAME.match(entry.stem):
            info = entry.lstat()
            if stat.S_ISREG(info.st_mode):
                found.append((info.st_mtime, entry))
    return [path for _mtime, path in sorted(found, key=lambda pair: (-pair[0], pair[1].name))]


def _read_regular(path: Path, limit: int) -> str:
    """Read a file without following a link (the app user could plant one) and within a size limit."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        raise CommandRefused(f"cannot read plan {path.stem!r}") from error
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise CommandRefused(f"{path.stem!r} is not a plan file")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise CommandRefused(f"plan {path.stem!r} is too large to export")
    return data.decode("utf-8", errors="replace")


def export_plan(plan_dir: Path, name: str | None) -> tuple[str, str]:
    """(TOML text, note for stderr) for ``export [NAME]``; without NAME, the latest plan."""
    with key_lock(plan_dir, exclusive=False):
        return _export_plan(plan_dir, name)


def _export_plan(plan_dir: Path, name: str | None) -> tuple[str, str]:
    plans = saved_plans(plan_dir)
    if name is not None:
        stem = name.removesuffix(".toml")
        if not _PLAN_NAME.match(stem):
            raise CommandRefused("plan names are letters, digits, '.', '_' and '-' (at most 80)")
        chosen = plan_dir / f"{stem}.toml"
        if chosen not in plans:
            listing = ", ".join(path.stem for path in plans) or "none yet"
            raise CommandRefused(f"no plan named {stem!r} (your plans: {listing})")
        return _read_regular(chosen, MAX_IMPORT_BYTES * 4), ""
    if not plans:
        raise CommandRefused("you have no saved plans yet: open the app, make a plan and save it")
    note = ""
    if len(plans) > 1:
        others = ", ".join(path.stem for path in plans[1:])
        note = f"exported {plans[0].stem!r}, your latest plan; also saved: {others} (use: export NAME)\n"
    return _read_regular(plans[0], MAX_IMPORT_BYTES * 4), note


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")
    return slug or "imported-plan"


async def import_upload(plan_dir: Path, data: bytes, user: str | None, owner: Owner) -> str:
    """A plan a visitor uploaded (``import`` over SSH, "Upload plan" in the browser): checked in a child
    process with memory and CPU limits, run as ``user`` (never parsed in the server), then stored under
    a fresh name, which is returned. Raises ``CommandRefused`` with the reason."""
    from pathfinder.serve.import_check import UploadRefused, check_in_child

    if len(data) > MAX_IMPORT_BYTES:
        raise CommandRefused(f"the plan is too large (the limit is {MAX_IMPORT_BYTES // 1024} KiB)")
    try:
        plan_name, toml_text = await check_in_child(data, user)
    except UploadRefused as refusal:
        raise CommandRefused(str(refusal)) from None
    return await asyncio.to_thread(store_import, plan_dir, plan_name, toml_text, owner)


def store_import(plan_dir: Path, name: str, toml_text: str, owner: Owner) -> str:
    """Store a plan checked by ``import_check`` under a fresh name (from its ``name``); returns that name.
    Holds the key's lock: another host sharing the plans folder never takes the same name meanwhile."""
    with key_lock(plan_dir, exclusive=True):
        return _store_new_plan(plan_dir, name, toml_text.encode("utf-8"), owner)


def _store_new_plan(plan_dir: Path, plan_name: str, data: bytes, owner: Owner) -> str:
    """Under the key's lock: a fresh name (never one another host has just taken) and an atomic write."""
    existing = saved_plans(plan_dir)
    if len(existing) >= MAX_PLANS_PER_VISITOR:
        raise CommandRefused(f"you already have {len(existing)} plans, the most kept per visitor")
    stem = _slug(plan_name)
    names = {path.stem for path in plan_dir.iterdir()} if plan_dir.is_dir() else set()
    candidate, number = stem, 2
    while candidate in names:
        candidate, number = f"{stem}-{number}", number + 1
    _write_new(plan_dir / f"{candidate}.toml", data, owner)
    return candidate


def _write_new(path: Path, data: bytes, owner: Owner) -> None:
    """Write through a fresh temporary file (O_EXCL, no links followed), then rename into place."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if owner.uid is not None and owner.gid is not None:
            os.chown(temporary, owner.uid, owner.gid)
        os.rename(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
