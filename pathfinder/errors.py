"""Pathfinder's one error hierarchy: every failure a user can cause ends here, never in a traceback."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file: where it is, what is wrong, and what to do about it."""

    file: Path | None
    message: str
    key: str = ""
    line: int | None = None
    column: int | None = None
    hint: str = ""

    def location(self) -> str:
        """`file:line:column` (as much of it as is known), then the key path."""
        place = str(self.file) if self.file is not None else "<input>"
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        if self.key:
            place += f" [{self.key}]"
        return place

    def __str__(self) -> str:
        text = f"{self.location()}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


@dataclass
class PathfinderError(Exception):
    """A failure explained for a person: a title, a message and, where known, every problem found."""

    message: str
    title: str = "Pathfinder error"
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __str__(self) -> str:
        lines = [self.message]
        lines.extend(f"  - {problem}" for problem in self.problems)
        return "\n".join(lines)


class ContentError(PathfinderError):
    """The content directory (career data) is broken."""


class PlanFileError(PathfinderError):
    """A plan or profile file cannot be read, validated or written."""


class NewerSchemaError(PlanFileError):
    """A plan file written by a newer Pathfinder: refused and never overwritten."""
