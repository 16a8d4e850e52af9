"""Aliases must say one thing: within a kind, no alias may also name another entity.

Import and the posting X-ray map what people write ("ScrumMaster", "tech lead") to catalog ids through
the names and aliases of skills, certifications, backgrounds and paths. An alias that another entity of
the same kind also uses (as its name, short name or one of its aliases) would make that mapping a coin
toss, so ``content check`` reports it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pathfinder.errors import Problem

if TYPE_CHECKING:
    from pathfinder.catalog.checks import Loaded
    from pathfinder.catalog.validation import Origin

ALIASED_KINDS: tuple[tuple[str, str], ...] = (
    ("skill", "skills"),
    ("certification", "certifications"),
    ("background", "backgrounds"),
    ("path", "paths"),
)


def alias_key(text: str) -> str:
    """How aliases are compared: case, spacing and punctuation around words do not count."""
    return " ".join(text.casefold().replace("®", "").replace("™", "").split())


def _names(entity: Any) -> list[str]:
    """The names an entity answers to besides its aliases: its id, name and short name."""
    names = [entity.id, entity.name]
    short_name = getattr(entity, "short_name", None)
    if short_name:
        names.append(short_name)
    return names


def alias_problems_for(kind: str, entities: Iterable[tuple[Any, Origin]]) -> list[Problem]:
    """Every alias of one kind that also names another entity of that kind."""
    entries = list(entities)
    owner: dict[str, str] = {}
    for entity, _origin in entries:
        for name in _names(entity):
            owner.setdefault(alias_key(name), entity.id)
    problems: list[Problem] = []
    for entity, origin in entries:
        for index, alias in enumerate(entity.aliases):
            key = alias_key(alias)
            holder = owner.setdefault(key, entity.id)
            if holder != entity.id:
                problems.append(
                    origin.problem(
                        ("aliases", index),
                        f"alias {alias!r} of {kind} `{entity.id}` also names {kind} `{holder}`",
                        "an alias must lead to one entity only; remove it from one of them",
                    )
                )
    return problems


def alias_problems(loaded: Loaded) -> list[Problem]:
    """Aliases shared between entities, for every kind that has aliases."""
    problems: list[Problem] = []
    for kind, attribute in ALIASED_KINDS:
        problems += alias_problems_for(kind, getattr(loaded, attribute))
    return problems
