"""Where each key of a TOML document sits: a key path such as ``("path", 0, "skills", 3)`` → line number.

``tomllib`` gives positions only for syntax errors. To point a validation error (an unknown skill id, a
missing field) at a line, this module scans a document that ``tomllib`` already accepted and records the
line of every table header, key, array element and inline-table key. It is deliberately small: it relies
on the text being valid TOML and only tracks positions, never values.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from pathfinder.errors import Problem

KeyPath = tuple[str | int, ...]

_SYNTAX_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_AT_END = re.compile(r"\s*\(at end of document\)$")

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]*")
_SPACES = re.compile(r"[ \t]*")
_SCALAR = re.compile(r"[^,\]}\n#]*")
_BLANK = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*")
_STRING = re.compile(
    r'"""((?:[^\\]|\\[\s\S])*?"{0,2})"""'  # multi-line basic (up to two quotes may end the body)
    r"|'''([\s\S]*?'{0,2})'''"  # multi-line literal
    r'|"((?:[^"\\\n]|\\.)*)"'  # basic
    r"|'([^'\n]*)'"  # literal
)


class _Node:
    """One key of the document: the line where it is first written, and the keys under it."""

    __slots__ = ("children", "last_index", "line")

    def __init__(self, line: int) -> None:
        self.line = line
        self.children: dict[str | int, _Node] = {}
        self.last_index = -1
        """For an array of tables (``[[name]]``): the index of its last element so far, else -1."""

    def child(self, name: str | int, line: int) -> _Node:
        """The key ``name`` under this one, recorded at ``line`` when it is first seen."""
        node = self.children.get(name)
        if node is None:
            node = self.children[name] = _Node(line)
        return node


class KeyLines(Mapping[KeyPath, int]):
    """Key path → line, stored as a tree: each key is kept once, however long the paths through it.

    Storing each path as a tuple would keep every prefix of a long dotted key (quadratic memory); the tree
    costs one node per key written, and a lookup walks the path once.
    """

    def __init__(self, root: _Node) -> None:
        self._root = root

    def _node(self, path: KeyPath) -> _Node | None:
        node = self._root
        for part in path:
            found = node.children.get(part)
            if found is None:
                return None
            node = found
        return node

    def __getitem__(self, path: KeyPath) -> int:
        node = self._node(path) if path else None
        if node is None:
            raise KeyError(path)
        return node.line

    def __contains__(self, path: object) -> bool:
        return isinstance(path, tuple) and bool(path) and self._node(path) is not None

    def __iter__(self) -> Iterator[KeyPath]:
        stack: list[tuple[KeyPath, _Node]] = [((), self._root)]
        while stack:
            path, node = stack.pop()
            for name, child in node.children.items():
                stack.append(((*path, name), child))
                yield (*path, name)

    def __len__(self) -> int:
        count, stack = 0, [self._root]
        while stack:
            node = stack.pop()
            count += len(node.children)
            stack.extend(node.children.values())
        return count

    def nearest(self, path: KeyPath) -> int | None:
        """The line of ``path``, or of its closest written ancestor (a missing key points at its table)."""
        node, line = self._root, None
        for part in path:
            found = node.children.get(part)
            if found is None:
                break
            node, line = found, found.line
        return line


class _Scanner:
    """A cursor over the text that records the line of every key as it walks the document."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.root = _Node(0)

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
        match = _SPACES.match(self.text, self.pos)
        if match:  # spaces and tabs only: no line is crossed
            self.pos = match.end()

    def skip_to_line_end(self) -> None:
        end = self.text.find("\n", self.pos)
        self.pos = len(self.text) if end == -1 else end  # up to the line break, not over it

    def skip_blank(self) -> None:
        """Skip whitespace, newlines and comments (inside arrays and between statements)."""
        match = _BLANK.match(self.text, self.pos)
        if match:
            self.advance(match.end() - self.pos)

    @staticmethod
    def record(node: _Node, names: Sequence[str | int], line: int) -> _Node:
        """Walk ``names`` down from ``node``, recording ``line`` for every key not seen before.

        Implicit parents (``[a.b]`` without ``[a]``) get the line too; a key keeps the first line it is
        written on.
        """
        for name in names:
            node = node.child(name, line)
        return node

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
                match = _BARE_KEY.match(self.text, self.pos)
                end = match.end() if match else self.pos
                parts.append(self.text[self.pos : end])
                self.pos = end  # a bare key holds no line break
            self.skip_spaces()
            if self.peek() != ".":
                return parts
            self.advance()

    # -- values -------------------------------------------------------------------------------------------
    def read_value(self, node: _Node) -> None:
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
                self.read_value(node.child(index, self.line))
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
                key = self.record(node, self.read_key(), key_line)
                self.skip_spaces()
                self.advance()  # "="
                self.skip_spaces()
                self.read_value(key)
                self.skip_blank()
                if self.peek() == ",":
                    self.advance()
        else:
            match = _SCALAR.match(self.text, self.pos)
            self.advance(match.end() - self.pos if match else 0)

    # -- statements ---------------------------------------------------------------------------------------
    def read_header(self) -> _Node:
        """Read ``[a.b]`` or ``[[a.b]]``; the table it opens, indexing through arrays of tables on the way."""
        line = self.line
        is_array = self.peek(2) == "[["
        self.advance(2 if is_array else 1)
        names = self.read_key()
        self.advance(2 if is_array else 1)
        node = self.root
        for position, name in enumerate(names):
            node = node.child(name, line)
            last = position == len(names) - 1
            if is_array and last:
                node.last_index += 1
                node = node.child(node.last_index, line)
            elif node.last_index >= 0:
                node = node.children[node.last_index]
        return node

    def scan(self) -> KeyLines:
        for _ in self.statements():
            pass
        return KeyLines(self.root)

    def statements(self) -> Iterator[None]:
        """Read the document one statement (a header, or a key and its value) at a time."""
        table = self.root
        while True:
            self.skip_blank()
            if self.at_end():
                return
            if self.peek() == "[":
                table = self.read_header()
            else:
                line = self.line
                key = self.record(table, self.read_key(), line)
                self.skip_spaces()
                self.advance()  # "="
                self.skip_spaces()
                self.read_value(key)
            self.skip_to_line_end()
            yield


def key_lines(text: str) -> KeyLines:
    """Every key path in a valid TOML document → the (1-based) line where it is written.

    Linear in the text: one pass, one tree node per key written.
    """
    try:
        return _Scanner(text).scan()
    except (IndexError, ValueError, KeyError, RecursionError):  # the text passed tomllib; stay best-effort
        return KeyLines(_Node(0))


class LineMap:
    """The key-path → line map of one file, read only as far as the problems asked about need.

    A valid load never reads it; a problem near the top of a long file reads only down to it (the text is
    read once, statement by statement, and only a key that is not written reads it to the end).
    """

    def __init__(self, text: str) -> None:
        self._scanner = _Scanner(text)
        self._lines = KeyLines(self._scanner.root)
        self._pending: Iterator[None] | None = self._scanner.statements()

    def _read_until(self, path: KeyPath) -> None:
        if self._pending is None:
            return
        try:
            while path not in self._lines:
                next(self._pending)
        except StopIteration:
            self._pending = None
        except (IndexError, ValueError, KeyError, RecursionError):  # the text passed tomllib: best effort
            self._pending = None

    def line_of(self, path: KeyPath) -> int | None:
        """The line of ``path`` or of its closest written ancestor."""
        self._read_until(path)
        return self._lines.nearest(path)


def line_of(lines: KeyLines, path: KeyPath) -> int | None:
    """The line of ``path``, or of its closest written ancestor (a missing key points at its table)."""
    return lines.nearest(path)


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
