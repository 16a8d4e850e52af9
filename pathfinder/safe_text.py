"""Text from a user's file, made safe for a terminal: control characters never reach it raw.

An ESC in a plan's name (``\\u001b]0;PWNED\\u0007\\u001b[2J``) would, printed as it is, retitle or clear
the reader's terminal. The plan models read such characters (``UNPRINTABLE``) as their visible escapes,
and every line the CLI prints from a file goes through ``printable`` as well.
"""

from __future__ import annotations

import re

UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Control characters (tab, line feed and carriage return aside) and the bidirectional overrides that
make text read other than it is written."""


def printable(text: str) -> str:
    """``text`` with each character of ``UNPRINTABLE`` written as its escape (ESC → ``\\x1b``)."""
    return UNPRINTABLE.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


def first_unprintable(text: str) -> str | None:
    """The first character of ``UNPRINTABLE`` in ``text``, as its escape; None when there is none."""
    match = UNPRINTABLE.search(text)
    return printable(match.group()) if match else None
