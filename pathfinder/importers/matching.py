"""Fuzzy matching of free text (a job title, a certificate, a skill) to catalog entities.

Each entity answers to its id, its name, its short name and the ``aliases`` kept in the content. A text
is compared with every one of them by rapidfuzz's ``token_sort_ratio`` (0–100, word order ignored) after
the usual clean-up (case, punctuation, ® and ™). Two rules add to that, each explainable:

* **contained**: every word of a name appears in the text ("Senior Software Engineer" contains
  "software engineer"): 90, plus up to 10 for how much of the text the name covers;
* **acronym**: the text, or what it puts in brackets, is exactly a name ("… (CSM)"): 100.

The best score wins; below ``threshold`` nothing is matched, and the caller says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

_BRACKETED = re.compile(r"\(([^()]{1,40})\)")
CONTAINED_BASE = 90.0


def clean(text: str) -> str:
    """Lower case, no punctuation or trademark signs, single spaces."""
    return str(default_process(text.replace("®", " ").replace("™", " ").replace("&", " and ")))


@dataclass(frozen=True)
class Match:
    id: str
    score: float
    via: str
    """The name or alias that matched."""
    rule: str
    """``similar``, ``contained`` or ``acronym``."""


@dataclass(frozen=True)
class _Label:
    id: str
    text: str
    cleaned: str
    words: frozenset[str]


class Matcher:
    """Matches texts against one kind of entity (given as id → every name it answers to)."""

    def __init__(self, names: Iterable[tuple[str, Iterable[str]]], *, contained: bool = True) -> None:
        self.labels: list[_Label] = []
        self.contained = contained
        for entity_id, texts in names:
            for text in texts:
                cleaned = clean(text)
                if cleaned:
                    self.labels.append(_Label(entity_id, text, cleaned, frozenset(cleaned.split())))

    def best(self, text: str, threshold: float = 85.0) -> Match | None:
        """The best match for ``text`` scoring at least ``threshold``, or None."""
        cleaned = clean(text)
        if not cleaned:
            return None
        words = cleaned.split()
        word_set = frozenset(words)
        bracketed = {clean(inner) for inner in _BRACKETED.findall(text)}
        without_brackets = clean(_BRACKETED.sub(" ", text))
        best: Match | None = None
        for label in self.labels:
            candidates = [
                Match(label.id, fuzz.token_sort_ratio(cleaned, label.cleaned), label.text, "similar"),
            ]
            if without_brackets and without_brackets != cleaned:
                similar = fuzz.token_sort_ratio(without_brackets, label.cleaned)
                candidates.append(Match(label.id, similar, label.text, "similar"))
            if label.cleaned == cleaned or label.cleaned in bracketed:
                candidates.append(Match(label.id, 100.0, label.text, "acronym"))
            if self.contained and label.words and label.words <= word_set:
                cover = len(label.words) / len(word_set)
                candidates.append(Match(label.id, CONTAINED_BASE + 10.0 * cover, label.text, "contained"))
            top = max(candidates, key=lambda match: match.score)
            if best is None or top.score > best.score:
                best = top
        if best is None or best.score < threshold:
            return None
        return Match(best.id, round(best.score, 1), best.via, best.rule)
