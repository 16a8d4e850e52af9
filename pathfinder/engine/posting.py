"""The posting X-ray: which path a job posting describes, whatever its title says, and what it asks for.

Pure and explainable: every point of every path's score comes from a line of the posting and a phrase
or word of the content. Per line:

* each **skill** named (by name or alias) gives one point, shared among the paths by how important each
  path holds that skill (a skill every path needs about equally gives almost nothing);
* each **path** named gives ``TITLE_WEIGHT`` points on the posting's first line (its title) and
  ``BODY_PATH_WEIGHT`` elsewhere — low on purpose: titles mislead, the work described decides;
* each **word** of a path's responsibilities and typical week gives up to ``WORD_WEIGHT``, shared by how
  much of the word's use falls on each path and how few paths use it.

A path's score is its share of all points (0–100). The certifications named, the years of experience
and the degree asked are read from the lines that say them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pathfinder.engine.posting_terms import MAX_PHRASE_TOKENS, STOPWORDS, Phrase, tokens, vocabulary_for

if TYPE_CHECKING:
    from pathfinder.catalog.catalog import Catalog

MAX_POSTING_CHARS = 64_000
"""A long posting is 10,000 characters; more is cut off here (and said so)."""
MAX_LINE_CHARS = 400
TITLE_WEIGHT = 1.5
BODY_PATH_WEIGHT = 0.5
SKILL_WEIGHT = 1.0
WORD_WEIGHT = 0.25
EVIDENCE_LINES = 3
WEAK_EVIDENCE = 4.0
"""Below this many points in all, the posting says too little about any path to rank them."""

_SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=[A-Z])")
_BULLET = re.compile(r"^\s*(?:[-*•·–]|\d+[.)])\s*")
_YEARS = re.compile(
    r"(?<![\d.])(\d{1,2})\s*(?:\+|plus)?\s*(?:(?:-|–|to)\s*\d{1,2}\s*)?\+?\s*(?:years?|yrs?)\b", re.IGNORECASE
)
DEGREE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("bachelor", re.compile(r"\b(bachelor'?s?|b\.?sc|b\.s|b\.a|bs|ba|undergraduate)\b", re.IGNORECASE)),
    ("master", re.compile(r"\b(master'?s|msc|m\.sc|ms|ma)\b(?! (project|office|excel))", re.IGNORECASE)),
    ("mba", re.compile(r"\bmba\b", re.IGNORECASE)),
    ("doctorate", re.compile(r"\b(ph\.?d|doctorate)\b", re.IGNORECASE)),
)
"""Degree levels a posting may ask for, lowest first; a bare "degree" counts as a bachelor's."""
_ANY_DEGREE = re.compile(r"\bdegree\b", re.IGNORECASE)
_NOT_EXPERIENCE = re.compile(r"\b(old|ago|warranty|anniversary|founded|history)\b", re.IGNORECASE)
OPTIONAL_WORDS = re.compile(
    r"\b(preferred|desirable|a plus|an advantage|nice to have|bonus|ideally)\b", re.IGNORECASE
)


@dataclass
class LinePoints:
    """What one line of the posting gave each path, and why."""

    number: int
    text: str
    points: dict[str, float] = field(default_factory=dict)
    reasons: dict[str, list[str]] = field(default_factory=dict)

    def give(self, path_id: str, amount: float, reason: str) -> None:
        if amount <= 0:
            return
        self.points[path_id] = self.points.get(path_id, 0.0) + amount
        reasons = self.reasons.setdefault(path_id, [])
        if reason not in reasons:
            reasons.append(reason)


@dataclass(frozen=True)
class PathScore:
    id: str
    name: str
    score: float
    """The path's share of all points, 0–100."""
    points: float
    evidence: list[LinePoints]
    """The lines that gave the most, best first (at most ``EVIDENCE_LINES``)."""


@dataclass(frozen=True)
class Mention:
    id: str
    name: str
    line: int
    evidence: str
    required: bool = True
    """False when the line says it is optional ("a plus", "preferred")."""


@dataclass(frozen=True)
class Requirement:
    value: str | int
    line: int
    evidence: str


@dataclass(frozen=True)
class PostingXray:
    title: str
    paths: list[PathScore]
    skills: list[Mention]
    certifications: list[Mention]
    years: Requirement | None
    degree: Requirement | None
    lines: int
    truncated: bool
    points: float = 0.0
    """All the points the posting gave, over every path."""

    @property
    def weak(self) -> bool:
        """The posting says too little about the six paths for the ranking to mean much."""
        return self.points < WEAK_EVIDENCE


def posting_lines(text: str) -> list[tuple[int, str]]:
    """(line number, text) of every non-empty line, long lines cut at sentence ends."""
    result: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _BULLET.sub("", raw).strip()
        if not line:
            continue
        pieces = _SENTENCE.split(line) if len(line) > MAX_LINE_CHARS // 2 else [line]
        result.extend((number, piece[:MAX_LINE_CHARS].strip()) for piece in pieces if piece.strip())
    return result


def _phrases_in(words: list[tuple[str, str]], phrases: dict[tuple[str, ...], list[Phrase]]) -> list[Phrase]:
    """Phrases found in a line, longest first at each position; a word is used by one phrase only."""
    found: list[Phrase] = []
    position = 0
    while position < len(words):
        step = 1
        for size in range(min(MAX_PHRASE_TOKENS, len(words) - position), 0, -1):
            window = words[position : position + size]
            entries = phrases.get(tuple(stemmed for stemmed, _ in window))
            if not entries:
                continue
            written = tuple(as_written for _, as_written in window)
            matched = [entry for entry in entries if entry.exact is None or entry.exact == written]
            if matched:
                found.extend(matched)
                step = size
                break
        position += step
    return found


def degree_levels_in(line: str) -> list[str]:
    """The degree levels a line names, lowest first. "Degree" alone is a bachelor's, and so it is next
    to a level named only as a plus ("a degree; an MBA is desirable")."""
    levels = [name for name, pattern in DEGREE_PATTERNS if pattern.search(line)]
    if _ANY_DEGREE.search(line) and "bachelor" not in levels and (not levels or OPTIONAL_WORDS.search(line)):
        levels.insert(0, "bachelor")
    return levels


def _requirements(lines: list[tuple[int, str]]) -> tuple[Requirement | None, Requirement | None]:
    """The most years of experience asked for, and the lowest degree required (not merely preferred)."""
    years: Requirement | None = None
    degree: Requirement | None = None
    order = [name for name, _ in DEGREE_PATTERNS]
    for number, line in lines:
        match = _YEARS.search(line)
        if match and not _NOT_EXPERIENCE.search(line):
            value = int(match.group(1))
            if 0 < value <= 40 and (years is None or value > int(years.value)):
                years = Requirement(value, number, line)
        levels = degree_levels_in(line)
        if not levels or (OPTIONAL_WORDS.search(line) and len(levels) == 1):
            continue  # no degree named, or one named only as a plus
        if degree is None or order.index(levels[0]) < order.index(str(degree.value)):
            degree = Requirement(levels[0], number, line)
    return years, degree


def xray_posting(text: str, catalog: Catalog) -> PostingXray:
    """Read a posting: the paths ranked with their evidence, the skills and certifications it names,
    and the years and degree it asks for."""
    vocabulary = vocabulary_for(catalog)
    truncated = len(text) > MAX_POSTING_CHARS
    lines = posting_lines(text[:MAX_POSTING_CHARS])
    title = lines[0][1] if lines else ""
    scored: list[LinePoints] = []
    skills: dict[str, Mention] = {}
    certifications: dict[str, Mention] = {}
    for index, (number, line) in enumerate(lines):
        points = LinePoints(number, line)
        words = tokens(line)
        optional = bool(OPTIONAL_WORDS.search(line))
        for phrase in _phrases_in(words, vocabulary.phrases):
            if phrase.kind == "skill":
                skills.setdefault(phrase.id, Mention(phrase.id, catalog.skills[phrase.id].name, number, line))
                for path_id, share in vocabulary.skill_shares.get(phrase.id, {}).items():
                    points.give(path_id, SKILL_WEIGHT * share, f"skill “{phrase.text}”")
            elif phrase.kind == "certification":
                name = catalog.certifications[phrase.id].short_name
                certifications.setdefault(phrase.id, Mention(phrase.id, name, number, line, not optional))
            else:
                weight = TITLE_WEIGHT if index == 0 else BODY_PATH_WEIGHT
                points.give(
                    phrase.id, weight, f"names the role “{phrase.text}”" + (" (title)" if index == 0 else "")
                )
        seen: set[str] = set()
        for stemmed, written in words:
            if stemmed in STOPWORDS or stemmed in seen:
                continue
            seen.add(stemmed)
            for path_id, weight in vocabulary.path_words.get(stemmed, {}).items():
                points.give(path_id, WORD_WEIGHT * weight, f"“{written.lower()}”")
        scored.append(points)
    totals = {path_id: sum(line.points.get(path_id, 0.0) for line in scored) for path_id in catalog.paths}
    grand = sum(totals.values()) or 1.0
    paths = []
    for path_id, path in catalog.paths.items():
        evidence = sorted(
            (line for line in scored if line.points.get(path_id, 0.0) > 0),
            key=lambda line, path_id=path_id: -line.points[path_id],  # type: ignore[misc]
        )[:EVIDENCE_LINES]
        paths.append(
            PathScore(path_id, path.name, round(100 * totals[path_id] / grand, 1), totals[path_id], evidence)
        )
    paths.sort(key=lambda item: -item.points)
    years, degree = _requirements(lines)
    return PostingXray(
        title=title,
        paths=paths,
        skills=sorted(skills.values(), key=lambda mention: mention.line),
        certifications=sorted(certifications.values(), key=lambda mention: mention.line),
        years=years,
        degree=degree,
        lines=len(lines),
        truncated=truncated,
        points=sum(totals.values()),
    )
