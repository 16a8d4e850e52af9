"""The vocabulary the posting X-ray reads with, built from the content alone.

* **phrases**: every skill's, certification's and path's name, short name and aliases, as token
  sequences (an alias with capitals inside a word, such as ``PMP`` or ``SAFe``, must match its case);
* **path words**: the words of each path's responsibilities, typical week, focus and summary, weighted
  by how much of their use falls on that path (a word every path uses weighs nothing).

Text is cut into tokens the same way on both sides (letters and digits; a plural ``s`` dropped), so a
phrase is found by looking up token n-grams in a dictionary: linear in the posting's length.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from pathfinder.catalog.catalog import Catalog

_TOKEN = re.compile(r"[A-Za-z0-9]+\+*")
"""Words: letters and digits, with any ``+`` after them (``Project+`` is not ``Project``)."""
MAX_PHRASE_TOKENS = 6
_STOPWORDS_TEXT = (
    "a about above across after again all also an and any are as at be because been before being "
    "both but by can could did do does doing each every few for from further had has have having he "
    "her here his how i if in into is it its itself just may me more most my no nor not now of off "
    "on once only or other our ours out over own same she should so some such than that the their "
    "them then there these they this those through to too under until up very was we were what when "
    "where which while who whom why will with would you your yours one two many much well need needs "
    "needed make makes making sure keep keeps keeping work working take get help helping know new "
    "way ways ready whole right thing things level levels side day week own its people team teams "
)
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
"""Words too common to say anything about a path."""

Kind = Literal["skill", "certification", "path"]


def stem(token: str) -> str:
    """Lower case, and a plural ``s`` dropped from longer words ("risks" → "risk")."""
    word = token.lower()
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def tokens(text: str) -> list[tuple[str, str]]:
    """(stemmed, as written) for every word of ``text``."""
    return [(stem(match), match) for match in _TOKEN.findall(text)]


def _case_sensitive(alias: str) -> bool:
    """``PMP``, ``SAFe``, ``PgMP``: capitals after a word's first letter make the case part of the alias."""
    return any(character.isupper() for word in _TOKEN.findall(alias) for character in word[1:])


@dataclass(frozen=True)
class Phrase:
    kind: Kind
    id: str
    text: str
    """The name or alias as the content writes it."""
    exact: tuple[str, ...] | None
    """The tokens as written, when the case must match."""


@dataclass
class Vocabulary:
    phrases: dict[tuple[str, ...], list[Phrase]] = field(default_factory=dict)
    path_words: dict[str, dict[str, float]] = field(default_factory=dict)
    """Word → path id → weight (0–1, summing to at most 1 over the paths)."""
    skill_shares: dict[str, dict[str, float]] = field(default_factory=dict)
    """Skill id → path id → share of the skill's importance across paths (summing to 1)."""

    def add(self, kind: Kind, entity_id: str, text: str) -> None:
        parts = tokens(text)
        if not parts or len(parts) > MAX_PHRASE_TOKENS:
            return
        key = tuple(stemmed for stemmed, _ in parts)
        exact = tuple(written for _, written in parts) if _case_sensitive(text) else None
        entries = self.phrases.setdefault(key, [])
        if not any(
            entry.kind == kind and entry.id == entity_id and entry.exact == exact for entry in entries
        ):
            entries.append(Phrase(kind, entity_id, text, exact))


def _path_words(catalog: Catalog) -> dict[str, dict[str, float]]:
    counts: dict[str, Counter[str]] = {}
    for path in catalog.paths.values():
        text = " ".join([*path.responsibilities, *path.typical_week, path.focus, path.summary, path.goal])
        counts[path.id] = Counter(
            stemmed for stemmed, _ in tokens(text) if stemmed not in STOPWORDS and len(stemmed) > 2
        )
    path_count = len(counts)
    weights: dict[str, dict[str, float]] = {}
    vocabulary = set().union(*(set(counter) for counter in counts.values())) if counts else set()
    for word in vocabulary:
        uses = {path_id: counter[word] for path_id, counter in counts.items() if counter[word]}
        if len(uses) >= path_count:
            continue  # a word every path uses says nothing about which path
        rarity = math.log(path_count / len(uses)) / math.log(path_count)
        total = sum(uses.values())
        weights[word] = {path_id: rarity * used / total for path_id, used in uses.items()}
    return weights


def _skill_shares(catalog: Catalog) -> dict[str, dict[str, float]]:
    importance: dict[str, dict[str, int]] = {}
    for path in catalog.paths.values():
        for item in path.skills:
            importance.setdefault(item.skill, {})[path.id] = item.importance
    shares: dict[str, dict[str, float]] = {}
    for skill, by_path in importance.items():
        total = sum(by_path.values())
        # spread over every path, so a skill all paths share equally weighs little for any of them
        shares[skill] = {path_id: value / total for path_id, value in by_path.items()}
        if len(by_path) == len(catalog.paths):
            low = min(by_path.values())
            spread = sum(value - low for value in by_path.values())
            shares[skill] = {
                path_id: (value - low) / spread if spread else 0.0 for path_id, value in by_path.items()
            }
    return shares


_CACHE: dict[int, tuple[Catalog, Vocabulary]] = {}


def vocabulary_for(catalog: Catalog) -> Vocabulary:
    """The vocabulary of one catalog (kept for the last few: a catalog never changes once loaded)."""
    cached = _CACHE.get(id(catalog))
    if cached is not None and cached[0] is catalog:
        return cached[1]
    vocabulary = _build(catalog)
    if len(_CACHE) >= 4:
        _CACHE.clear()
    _CACHE[id(catalog)] = (catalog, vocabulary)
    return vocabulary


def _build(catalog: Catalog) -> Vocabulary:
    vocabulary = Vocabulary()
    for skill in catalog.skills.values():
        for text in (skill.name, *skill.aliases):
            vocabulary.add("skill", skill.id, text)
    for certification in catalog.certifications.values():
        for text in (certification.name, certification.short_name, *certification.aliases):
            vocabulary.add("certification", certification.id, text)
    for path in catalog.paths.values():
        for text in (path.name, *path.aliases):
            vocabulary.add("path", path.id, text)
    vocabulary.path_words = _path_words(catalog)
    vocabulary.skill_shares = _skill_shares(catalog)
    return vocabulary
