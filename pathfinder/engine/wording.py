"""Small number and wording helpers shared by the engine's explanations.

Rounding is half-up on the decimal value a person would write down, so that a breakdown recomputed by
hand (or in a spreadsheet) gives the same figures: Python's ``round`` rounds 0.25 to 0.2.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal


def round_half_up(value: float, places: int = 1) -> float:
    """``value`` rounded half-up to ``places`` decimals, after discarding float noise."""
    exact = Decimal(repr(round(value, 9)))
    return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def number(value: float, places: int = 1) -> str:
    """A number as a person would write it: ``22``, ``22.5`` (no trailing ``.0``)."""
    rounded = round_half_up(value, places)
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.{places}f}".rstrip("0")


def percent(fraction: float) -> str:
    """A 0–1 fraction as a whole percentage with a thin space, e.g. ``61 %``."""
    return f"{number(fraction * 100, 0)} %"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 month``, ``2 months``."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"


def join_words(words: Sequence[str], last: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c`` (or with ``or``)."""
    items = list(words)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def lower_first(text: str) -> str:
    """Lower-case a leading capital unless it starts an acronym (``Bachelor's`` → ``bachelor's``, ``MBA``)."""
    if len(text) >= 2 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text
