"""Degree names → a degree level and field: patterns for the level, fuzzy matching for the field.

"Bachelor of Science - BS, Computer Science" → bachelor, computer-science. A course, a certificate or a
bootcamp is never a degree, whoever issued it (a Coursera certificate stays a certificate).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pathfinder.importers.matching import Matcher

NOT_A_DEGREE = re.compile(
    r"\b(certificate|certification|course|bootcamp|boot camp|nanodegree|specialization|specialisation"
    r"|micro ?credential|online program|training)\b",
    re.IGNORECASE,
)
LEVEL_RULES: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("mba", "MBA", re.compile(r"\b(e?mba|master of business administration)\b", re.IGNORECASE)),
    (
        "doctorate",
        "doctorate",
        re.compile(r"\b(ph\.? ?d|d\.?phil|doctorate|doctor of|doctoral|ed\.?d)\b", re.IGNORECASE),
    ),
    (
        "master",
        "master's",
        re.compile(
            r"\b(master'?s?|m\.? ?sc|m\.?s\.?|m\.?a\.?|m\.?eng|mphil|m\.?ed|llm|msc)\b", re.IGNORECASE
        ),
    ),
    (
        "bachelor",
        "bachelor's",
        re.compile(
            r"\b(bachelor'?s?|b\.? ?sc|b\.?s\.?|b\.?a\.?|b\.?eng|b\.?ed|b\.?tech|bba|llb"
            r"|licen[cs]iatura|undergraduate degree)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "associate",
        "associate",
        re.compile(r"\b(associate'?s?|a\.?a\.?s?\.?|a\.?s\.?)\b(?! in project)", re.IGNORECASE),
    ),
    (
        "secondary",
        "secondary school",
        re.compile(
            r"\b(high school|secondary school|a[- ]levels?|ged|diploma of secondary|abitur"
            r"|baccalaur[ée]at)\b",
            re.IGNORECASE,
        ),
    ),
)
_FIELD_SPLIT = re.compile(r"\s*(?:,|\bin\b|\bof\b|[-–—:]\s)\s*", re.IGNORECASE)
LEVEL_WORDS = re.compile(
    r"\b(bachelor|master|doctor|science|arts|degree|associate|of|in|bs|ba|ms|ma|msc|bsc|mba|phd)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DegreeReading:
    level: str | None
    rule: str
    """The pattern that gave the level, for the explanation."""
    course: bool
    """Reads as a course or certificate, not a degree."""


def read_level(text: str) -> DegreeReading:
    if NOT_A_DEGREE.search(text) and not re.search(
        r"\b(bachelor|master|doctor|degree)\b", text, re.IGNORECASE
    ):
        return DegreeReading(None, "", course=True)
    for level, label, pattern in LEVEL_RULES:
        if found := pattern.search(text):
            return DegreeReading(level, f"the {label} pattern ({found.group(0)})", course=False)
    return DegreeReading(None, "", course=False)


def field_candidates(degree: str, field: str) -> list[str]:
    """Where a field of study may be written: the file's own field, else the parts of the degree name."""
    if field:
        return [field]
    parts = [part for part in _FIELD_SPLIT.split(degree) if part]
    return [part for part in parts if LEVEL_WORDS.sub("", part).strip(" .,-")]


def read_field(degree: str, field: str, matcher: Matcher) -> tuple[str, str, float]:
    """(field id or the field as written, the text it came from, score) — ("", "", 0) when none."""
    for candidate in field_candidates(degree, field):
        match = matcher.best(candidate, threshold=80.0)
        if match is not None:
            return match.id, candidate, match.score
    written = field.strip() or (field_candidates(degree, "") or [""])[-1].strip()
    return written[:80], written, 0.0
