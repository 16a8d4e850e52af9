"""What a visitor's client may tell the server about its terminal, sanitised: TERM, size, environment."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

DEFAULT_TERM = "xterm-256color"
_TERM_PATTERN = re.compile(r"^[A-Za-z0-9._+-]{1,64}$")
_LOCALE_VALUE = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
_LOCALE_NAMES = {"LANG", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "LC_COLLATE", "LC_NUMERIC", "LC_TIME"}

MIN_COLUMNS, MIN_ROWS = 20, 5
MAX_COLUMNS, MAX_ROWS = 500, 200
DEFAULT_SIZE = (80, 24)

RESTORE_TERMINAL = (
    "\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1005l\x1b[?1006l\x1b[?1015l\x1b[?1016l"  # mouse modes off
    "\x1b[?2004l"  # bracketed paste off
    "\x1b[?1004l"  # focus events off
    "\x1b[<u"  # kitty keyboard protocol: pop
    "\x1b[?2048l"  # in-band resize notifications off
    "\x1b[?1049l"  # leave the alternate screen
    "\x1b[?25h"  # show the cursor
    "\x1b[0m"  # reset colours and attributes
)
"""Sent to every visitor at the end, whatever happened to the app, so their terminal is as it was."""


def safe_term(term: str | None) -> str:
    """The client's TERM if it looks like a terminal name, else ``xterm-256color``."""
    if term and _TERM_PATTERN.match(term):
        return term
    return DEFAULT_TERM


def clamp_size(columns: int, rows: int) -> tuple[int, int]:
    """A window size the app can lay out: 0×0 (unknown) → 80×24, else clamped to 20×5 … 500×200."""
    if columns <= 0 and rows <= 0:
        return DEFAULT_SIZE
    if columns <= 0:
        columns = DEFAULT_SIZE[0]
    if rows <= 0:
        rows = DEFAULT_SIZE[1]
    return max(MIN_COLUMNS, min(MAX_COLUMNS, columns)), max(MIN_ROWS, min(MAX_ROWS, rows))


def decode_client_env(raw: Mapping[Any, Any]) -> dict[str, str]:
    """The client's environment requests as text (asyncssh may hand over bytes); undecodable ones dropped."""
    decoded: dict[str, str] = {}
    for key, value in raw.items():
        try:
            name = key.decode("ascii") if isinstance(key, bytes) else str(key)
            text = value.decode("utf-8") if isinstance(value, bytes) else str(value)
        except UnicodeDecodeError:
            continue
        decoded[name] = text
    return decoded


def child_environment(
    client_env: Mapping[str, str],
    *,
    term: str,
    home: str,
    truecolor: bool,
) -> dict[str, str]:
    """The app's whole environment, built by the server: the client's variables are ignored except
    LANG/LC_* with plain locale names and COLORTERM when it says truecolor/24bit.

    No COLUMNS/LINES: they would pin the size and the app would never re-lay out on resize.
    """
    env = {
        "TERM": term,
        "HOME": home,
        "TMPDIR": home,
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "PATHFINDER_HOSTED": "1",
        "TEXTUAL_FPS": "60",
    }
    for name in _LOCALE_NAMES:
        value = client_env.get(name)
        if value and _LOCALE_VALUE.match(value):
            env[name] = value
    colorterm = client_env.get("COLORTERM")
    if truecolor or colorterm in ("truecolor", "24bit"):
        env["COLORTERM"] = "truecolor"
    return env
