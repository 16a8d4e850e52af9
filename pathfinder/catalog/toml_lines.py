"""Where each key of a TOML document sits: a key path such as ``("path", 0, "skills", 3)`` → line number.

``tomllib`` gives positions only for syntax errors. To point a validation error (an unknown skill id, a
missing field) at a line, this module scans a document that ``tomllib`` already accepted and records the
line of every table header, key, array element and inline-table key. It is deliberately small: it relies
on the text being valid TOML and only tracks positions, never values.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from pathlib import Path

from pathfinder.errors import Problem

KeyPath = tuple[str | int, ...]

_SYNTAX_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_AT_END = re.compile(r"\s*\(at end of document\)$")

_BARE_KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_SCALAR = re.compile(r"[^,\]}\n#]*")
_BLANK = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*")
_STRING = re.compile(
    r'"""((?:[^\\]|\\[\s\S])*?"{0,2})"""'  # multi-line basic (up to two quotes may end the body)
    r"|'''([\s\S]*?'{0,2})'''"  # multi-line literal
    r'|"((?:[^"\\\n]|\\.)*)"'  # basic
    r"|'([^'\n]*)'"  # literal
)


class _Scanner:
    """A cursor over the text that records ``key path → line`` as it walks the document."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.lines: dict[KeyPath, int] = {}
        self.array_tables: dict[KeyPath, int] = {}
        """Each ``[[array.of.tables]]`` seen so far (resolved path) → index of its last element."""

    # -- low-level movement -------------------------------------------------------------------------------
    def peek(self, count: int = 1) -> str:
        return self.text[self.pos : self.pos + count]

    def advance(self, count: int = 1) -> None:
        chunk = self.text[self.pos : self.pos + count]
        self.line += chunk.count("\n")
        self.pos += len(chunk)

    def at_end(self) -> bool:
        return self.pos >= len(self.text)

    def skip_spaces(self) -> None:
        while self.peek() in (" ", "\t") and not self.at_end():
            self.advance()

    def skip_to_line_end(self) -> None:
        end = self.text.find("\n", self.pos)
        self.advance((len(self.text) if end == -1 else end) - self.pos)

    def skip_blank(self) -> None:
        """Skip whitespace, newlines and comments (inside arrays and between statements)."""
        match = _BLANK.match(self.text, self.pos)
        if match:
            self.advance(match.end() - self.pos)

    def record(self, path: KeyPath, line: int) -> None:
        """Remember where ``path`` is written; implicit parents (``[a.b]`` without ``[a]``) get it too."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.lines:
                return
            self.lines[path[:end]] = line

    # -- keys ---------------------------------------------------------------------------------------------
    def read_string(self) -> str:
        """Read a basic or literal string (single- or multi-line) and return its raw content."""
        match = _STRING.match(self.text, self.pos)
        if match is None:  # an unterminated string cannot pass tomllib; consume the rest to stay safe
            body = self.text[self.pos :]
            self.advance(len(body))
            return body
        self.advance(match.end() - self.pos)
        return next(group for group in match.groups() if group is not None)

    def read_key(self) -> list[str]:
        """Read a possibly dotted, possibly quoted key."""
        parts: list[str] = []
        while True:
            self.skip_spaces()
            if self.peek() in ('"', "'"):
                parts.append(self.read_string())
            else:
                start = self.pos
                while not self.at_end() and self.peek() in _BARE_KEY_CHARS:
                    self.advance()
                parts.append(self.text[start : self.pos])
            self.skip_spaces()
            if self.peek() != ".":
                return parts
            self.advance()

    # -- values -------------------------------------------------------------------------------------------
    def read_value(self, path: KeyPath) -> None:
        """Skip over one value, recording the lines of array elements and inline-table keys inside it."""
        char = self.peek()
        if char in ('"', "'"):
            self.read_string()
        elif char == "[":
            self.advance()
            index = 0
            while True:
                self.skip_blank()
                if self.at_end() or self.peek() == "]":
                    self.advance()
                    return
                self.record((*path, index), self.line)
                self.read_value((*path, index))
                self.skip_blank()
                if self.peek() == ",":
                    self.advance()
                    index += 1
        elif char == "{":
            self.advance()
            while True:
                self.skip_blank()
                if self.at_end() or self.peek() == "}":
                    self.advance()
                    return
                key_line = self.line
                key = tuple(self.read_key())
                self.record((*path, *key), key_line)
                self.skip_spaces()
                self.advance()  # "="
                self.skip_spaces()
                self.read_value((*path, *key))
                self.skip_blank()
                if self.peek() == ",":
                    self.advance()
        else:
            match = _SCALAR.match(self.text, self.pos)
            self.advance(match.end() - self.pos if match else 0)

    # -- statements ---------------------------------------------------------------------------------------
    def resolve(self, names: Sequence[str]) -> KeyPath:
        """Turn a dotted header into a concrete path, indexing through arrays of tables on the way."""
        resolved: KeyPath = ()
        for name in names:
            resolved = (*resolved, name)
            if resolved in self.array_tables:
                resolved = (*resolved, self.array_tables[resolved])
        return resolved

    def read_header(self) -> KeyPath:
        line = self.line
        is_array = self.peek(2) == "[["
        self.advance(2 if is_array else 1)
        names = self.read_key()
        self.advance(2 if is_array else 1)
        if is_array:
            parent = self.resolve(names[:-1])
            array_path = (*parent, names[-1])
            index = self.array_tables.get(array_path, -1) + 1
            self.array_tables[array_path] = index
            self.record(array_path, line)
            table = (*array_path, index)
        else:
            table = self.resolve(names)
        self.record(table, line)
        return table

    def scan(self) -> dict[KeyPath, int]:
        table: KeyPath = ()
        while True:
            self.skip_blank()
            if self.at_end():
                return self.lines
            if self.peek() == "[":
                table = self.read_header()
            else:
                line = self.line
                key = (*table, *self.read_key())
                self.record(key, line)
                self.skip_spaces()
                self.advance()  # "="
                self.skip_spaces()
                self.read_value(key)
            self.skip_to_line_end()


def key_lines(text: str) -> dict[KeyPath, int]:
    """Map every key path in a valid TOML document to the (1-based) line where it is written."""
    try:
        return _Scanner(text).scan()
    except (IndexError, ValueError):  # pragma: no cover - the text passed tomllib; stay best-effort
        return {}


class LineMap:
    """The key-path → line map of one file, built only when a problem needs a line (valid loads skip it)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: dict[KeyPath, int] | None = None

    def line_of(self, path: KeyPath) -> int | None:
        """The line of ``path`` or of its closest written ancestor."""
        if self._lines is None:
            self._lines = key_lines(self._text)
        return line_of(self._lines, path)


def line_of(lines: dict[KeyPath, int], path: KeyPath) -> int | None:
    """The line of ``path``, or of its closest written ancestor (a missing key points at its table)."""
    for end in range(len(path), 0, -1):
        line = lines.get(path[:end])
        if line is not None:
            return line
    return None


def format_key_path(path: KeyPath) -> str:
    """``("path", 0, "skills", 3, "skill")`` → ``path[0].skills[3].skill``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def syntax_problem(error: tomllib.TOMLDecodeError, text: str, file: Path | None) -> Problem:
    """A TOML syntax error as a ``Problem`` at its line and column (``tomllib`` puts them in the message)."""
    message = str(error)
    line = column = None
    if match := _SYNTAX_POSITION.search(message):
        line, column = int(match.group(1)), int(match.group(2))
        message = message[: match.start()]
    elif match := _AT_END.search(message):
        line = text.count("\n") + 1
        message = message[: match.start()] + " (at the end of the file)"
    return Problem(
        file=file,
        message=f"TOML syntax error: {message}",
        line=line,
        column=column,
        hint="check quotes, brackets, dates and `key = value` on that line",
    )
