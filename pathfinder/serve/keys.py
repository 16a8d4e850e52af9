"""The server's host key (created once, kept 0600) and visitor key fingerprints turned into safe names."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import asyncssh

from pathfinder.errors import PathfinderError

HOST_KEY_NAME = "ssh_host_ed25519_key"


def load_or_create_host_key(path: Path) -> asyncssh.SSHKey:
    """Load the host key at ``path``; create it first (ed25519, 0600, O_EXCL) if missing (a host that
    loses the race to create a shared one loads the winner's).

    Keeping the key across restarts spares returning visitors the "host identification has changed"
    warning; hosts behind one load balancer share one so that visitors see one server.
    """
    if not path.exists():
        key = asyncssh.generate_private_key("ssh-ed25519")
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another server created it in between: load theirs
        else:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(key.export_private_key())
            return key
    try:
        return asyncssh.read_private_key(str(path))
    except (OSError, asyncssh.KeyImportError) as error:
        raise PathfinderError(
            f"Cannot read the host key {path}: {error}",
            title="Host key unreadable",
        ) from error


def host_key_fingerprint(key: asyncssh.SSHKey) -> str:
    """The host key's ``SHA256:...`` fingerprint, as OpenSSH shows it to a visitor."""
    return str(key.get_fingerprint("sha256"))


def visitor_fingerprint(key: asyncssh.SSHKey) -> str:
    """A visitor key's ``SHA256:...`` fingerprint (what the log records)."""
    return str(key.get_fingerprint("sha256"))


def safe_name(fingerprint: str) -> str:
    """A directory name derived only from a fingerprint: ``key-`` and 40 hex digits, nothing typed."""
    return "key-" + hashlib.sha256(fingerprint.encode("ascii")).hexdigest()[:40]
