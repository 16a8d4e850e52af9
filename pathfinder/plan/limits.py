"""Limits on the size and shape of a plan file, checked before the TOML parser ever sees the text.

A plan is small: a profile, a few dozen steps and one history point per save. A file far outside that
shape is refused at once, in one linear pass over the text, so that no input (a 40,000-part dotted key,
tables nested a thousand deep, a million-element array) can make parsing, validating or locating an error
slow or large. The limits are documented in docs/plan-format.md ("Limits").

The pass is a small tokenizer that knows where TOML keys, strings, comments, arrays and inline tables are.
It does not validate: it only counts. On text that is not TOML it may count oddly, but it stays linear,
and the parser then rejects such text anyway.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from pathfinder.errors import PlanFileError, Problem

MAX_FILE_BYTES = 1024 * 1024
"""A plan file's size (1 MiB: thousands of saves' history; a plan with 50 steps is about 20 KiB)."""
MAX_DEPTH = 12
"""Levels of nesting of a key: tables, keys and arrays together (``profile.roles[0].title`` has 4)."""
MAX_KEY_PARTS = 8
"""Parts of one dotted key or table header (``[history.scores]`` has 2)."""
MAX_KEY_LENGTH = 128
"""Characters in one key (a skill id is at most 64)."""
MAX_KEYS = 50_000
"""Keys and table headers in the whole file."""
MAX_ARRAY_ITEMS = 10_000
"""Elements of one array, or blocks of one array of tables (``[[history]]``: one per save)."""
MAX_STRING_CHARS = 20_000
"""Characters of one string as written (notes are at most 5,000 characters)."""

_TOKEN = (
    r'(?P<string>"""(?:[^"\\]++|\\[\s\S]|"(?!""))*+(?:"""|$)'  # multi-line basic (or unterminated)
    r"|'''(?:[^']++|'(?!''))*+(?:'''|$)"  # multi-line literal
    r'|"(?:[^"\\\n]++|\\[^\n])*+"?'  # basic (an unterminated one stops at the line's end)
    r"|'[^'\n]*+'?)"  # literal
    r"|(?P<blank>[ \t\r]++|#[^\n]*+)"
    r"|(?P<newline>\n)"
    r"|(?P<open>[\[{])"
    r"|(?P<close>[\]}])"
    r"|(?P<comma>,)"
    r"|(?P<equals>=)"
    r"|(?P<dots>\.++)"
    r"|(?P<word>[^\s\"'#\[\]{},=.]++)"
)
"""One token: a string, blanks or a comment, a newline, one punctuation mark, dots, or a run of the rest."""


@functools.cache
def _tokens() -> re.Pattern[str]:
    """The token pattern, compiled when first needed (a few milliseconds kept out of start-up)."""
    return re.compile(_TOKEN)


@dataclass(frozen=True)
class LimitExceeded:
    """Why a text was refused: what went over which limit, and on which line."""

    message: str
    line: int


class _NotToml(Exception):
    """The text cannot be TOML from here on: counting stops, and the parser says where it is wrong."""


class _Refused(Exception):
    """A limit was exceeded."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _Frame:
    """An open array or inline table in a value."""

    __slots__ = ("depth", "expect_key", "is_table", "items", "key_parts")

    def __init__(self, is_table: bool, depth: int) -> None:
        self.is_table = is_table
        self.depth = depth
        self.items = 0
        self.expect_key = is_table
        self.key_parts = 0


class _Counter:
    """The counting pass: every limit checked as its token goes by."""

    def __init__(self) -> None:
        self.line = 1
        self.keys = 0
        self.array_tables: dict[str, int] = {}
        self.stack: list[_Frame] = []
        self.mode = "key"
        """At the top level: "key" (a statement's key), "header" (inside ``[...]``), "value" (after ``=``)
        or "end" (after a header: only blanks may follow on that line)."""
        self.table_depth = 0
        """Depth of the table the statements are in (``[a.b]``: 2)."""
        self.header: list[str] = []
        self.header_is_array = False
        self.closers = 0
        """``]`` still expected to end the header (2 for ``[[a]]``)."""
        self.key_parts = 0
        self.value_depth = 0
        """The depth of the key whose value is being read (arrays and inline tables in it go deeper)."""
        self.stopped = False
        """Counting stopped early, at text that cannot be TOML."""

    # -- checks -----------------------------------------------------------------------------------------
    @staticmethod
    def check_depth(depth: int) -> None:
        if depth > MAX_DEPTH:
            raise _Refused(f"keys, tables and arrays are nested more than {MAX_DEPTH} levels deep")

    def key_part(self, kind: str, text: str, parts: int, depth: int) -> None:
        """One name of a (dotted) key: checked for its length, the key's parts and its depth."""
        if kind == "dots":
            if len(text) > 1:
                raise _NotToml
            return
        if kind not in ("string", "word") or "\n" in text:
            raise _NotToml
        if len(text) > MAX_KEY_LENGTH + (2 if kind == "string" else 0):  # a key's quotes do not count
            raise _Refused(f"a key is longer than {MAX_KEY_LENGTH} characters")
        if parts > MAX_KEY_PARTS:
            raise _Refused(f"a dotted key or table name has more than {MAX_KEY_PARTS} parts")
        self.check_depth(depth)

    def count_key(self) -> None:
        self.keys += 1
        if self.keys > MAX_KEYS:
            raise _Refused(f"the file has more than {MAX_KEYS:,} keys")

    # -- the top level ----------------------------------------------------------------------------------
    def key_token(self, kind: str, text: str) -> None:
        """A token of a statement's key, before ``=`` (or the ``[`` of a table header)."""
        if kind == "open" and text == "[" and self.key_parts == 0:
            self.mode, self.header, self.header_is_array, self.closers = "header", [], False, 1
        elif kind == "equals" and self.key_parts > 0:
            self.count_key()
            self.mode, self.value_depth, self.key_parts = "value", self.table_depth + self.key_parts, 0
        else:
            if kind != "dots":
                self.key_parts += 1
            self.key_part(kind, text, self.key_parts, self.table_depth + self.key_parts)

    def header_token(self, kind: str, text: str) -> None:
        """A token inside ``[a.b]`` or ``[[a.b]]``."""
        if kind == "open" and text == "[" and not self.header and not self.header_is_array:
            self.header_is_array, self.closers = True, 2
        elif kind == "close" and text == "]" and self.header:
            self.closers -= 1
            if self.closers == 0:
                self.end_header()
        elif self.closers != (2 if self.header_is_array else 1):  # between the two ] of [[a]]
            raise _NotToml
        else:
            if kind != "dots":
                self.header.append(text)
            self.key_part(kind, text, len(self.header), len(self.header))

    def end_header(self) -> None:
        name = ".".join(self.header)
        self.table_depth = len(self.header)
        if self.header_is_array:
            count = self.array_tables.get(name, 0) + 1
            self.array_tables[name] = count
            self.table_depth += 1
            if count > MAX_ARRAY_ITEMS:
                raise _Refused(f"an array of tables has more than {MAX_ARRAY_ITEMS:,} blocks")
        self.check_depth(self.table_depth)
        self.count_key()
        self.mode = "end"

    # -- values -----------------------------------------------------------------------------------------
    def value_token(self, kind: str, text: str) -> None:
        """A token inside a value (after ``=``), where arrays and inline tables may nest."""
        frame = self.stack[-1] if self.stack else None
        if frame is not None and frame.is_table and frame.expect_key:
            if kind == "equals" and frame.key_parts > 0:
                self.count_key()
                frame.expect_key, self.value_depth, frame.key_parts = False, frame.depth + frame.key_parts, 0
            elif kind == "close" and text == "}" and frame.key_parts == 0:
                self.stack.pop()
            else:
                if kind != "dots":
                    frame.key_parts += 1
                self.key_part(kind, text, frame.key_parts, frame.depth + frame.key_parts)
        elif kind == "open":
            depth = (self.value_depth if frame is None or frame.is_table else frame.depth) + 1
            self.check_depth(depth)
            self.stack.append(_Frame(text == "{", depth))
        elif kind == "close":
            if frame is None or frame.is_table != (text == "}"):
                raise _NotToml
            self.stack.pop()
        elif kind == "comma":
            if frame is None:
                raise _NotToml
            if frame.is_table:
                frame.expect_key = True
                return
            frame.items += 1
            if frame.items >= MAX_ARRAY_ITEMS:
                raise _Refused(f"an array has more than {MAX_ARRAY_ITEMS:,} elements")
        elif kind == "equals":
            raise _NotToml

    def newline(self) -> None:
        self.line += 1
        if self.stack:  # an array may go on over many lines, an inline table may not
            if self.stack[-1].is_table:
                raise _NotToml
            return
        if (self.mode == "header") or (self.mode == "key" and self.key_parts):
            raise _NotToml  # a key or a header cut by the line's end
        self.mode, self.key_parts = "key", 0

    def in_inline_key(self) -> bool:
        return bool(self.stack) and self.stack[-1].expect_key

    def token(self, kind: str, text: str) -> None:
        if kind == "string" and len(text) > MAX_STRING_CHARS:
            raise _Refused(f"a text value is longer than {MAX_STRING_CHARS:,} characters")
        if self.mode == "value":
            self.value_token(kind, text)
        elif self.mode == "key":
            self.key_token(kind, text)
        elif self.mode == "header":
            self.header_token(kind, text)
        else:  # "end": something after a table header on its line
            raise _NotToml

    def run(self, text: str) -> LimitExceeded | None:
        try:
            for match in _tokens().finditer(text):
                kind = match.lastgroup
                if kind == "blank":
                    continue
                if kind == "newline":
                    self.newline()
                elif (
                    kind == "word" and self.mode == "value" and not (self.stack and self.stack[-1].expect_key)
                ):
                    continue  # a number, date or boolean: nothing to count (the common case, kept fast)
                else:
                    token = match.group()
                    self.token(kind or "word", token)
                    if kind == "string":
                        self.line += token.count("\n")
        except _Refused as refusal:
            return LimitExceeded(refusal.message, self.line)
        except _NotToml:
            self.stopped = True
        return None


def limits_error(exceeded: LimitExceeded, source: Path | None) -> PlanFileError:
    """The error for a file beyond the limits (worded as the store words every plan file's problems)."""
    problem = Problem(
        source,
        f"beyond the limits of a plan file: {exceeded.message}",
        line=exceeded.line,
        hint="a plan is far smaller; see Limits in docs/plan-format.md",
    )
    name = str(source) if source is not None else "The plan text"
    return PlanFileError(
        f"{name} has 1 problem; nothing was changed.", title="Plan file error", problems=[problem]
    )


def check_limits(text: str) -> LimitExceeded | None:
    """Why ``text`` is too large or too deeply nested to be read as a plan, or None when it is within the
    limits (or is not TOML at all: the parser then says where, at little cost). One pass over the text,
    whatever it holds."""
    if len(text) > MAX_FILE_BYTES:
        return LimitExceeded(f"the file is larger than {MAX_FILE_BYTES // 1024} KiB", 1)
    return _Counter().run(text)


def counts_to_end(text: str) -> bool:
    """Whether the counting pass reads all of ``text`` (False: it stopped at text that cannot be TOML).

    For tests: on any valid TOML the pass must read to the end, or the rest would go uncounted.
    """
    counter = _Counter()
    counter.run(text)
    return not counter.stopped
