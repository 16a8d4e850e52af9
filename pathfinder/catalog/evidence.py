"""The catalog's evidence: every sourced fact, where it sits, and the source rules it must meet.

Rules (``pathfinder content check`` reports each breach with its file, line and key):
- every source is a public reference: it starts with a web address a reader can open;
- no source cites an address on the denylist (``[[denied_source]]`` in the content);
- ``confidence = "official"`` needs at least one source on the issuer's own domains (``[[issuer]]``): a
  certification's facts on that certification's issuer, any other fact on any listed issuer (a resource
  also on the domain of its own ``url``: its publisher);
- every certification's ``issuer`` names a listed issuer, so its domains are known.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pathfinder.catalog.sources import (
    Address,
    cited_addresses,
    denied_by,
    issuer_of,
    linked_addresses,
    on_domain,
)
from pathfinder.catalog.toml_lines import KeyPath

if TYPE_CHECKING:
    from pydantic import BaseModel

    from pathfinder.catalog.catalog import Catalog
    from pathfinder.catalog.checks import Loaded
    from pathfinder.catalog.models import DeniedSource, Issuer, Sourced
    from pathfinder.errors import Problem

CONFIDENCES = ("official", "secondary", "unconfirmed")


def sourced_items(entity: BaseModel, base: KeyPath = ()) -> Iterator[tuple[KeyPath, Sourced]]:
    """Every sourced part of an entity (itself included), with its key path, depth first in field order."""
    from pathfinder.catalog.models import Sourced

    if isinstance(entity, Sourced):
        yield base, entity
    for name in type(entity).model_fields:
        value = getattr(entity, name)
        if isinstance(value, list):
            for index, item in enumerate(value):
                if hasattr(type(item), "model_fields"):
                    yield from sourced_items(item, (*base, name, index))
        elif hasattr(type(value), "model_fields"):
            yield from sourced_items(value, (*base, name))


def _entities(groups: Iterable[Iterable[Any]]) -> Iterator[Any]:
    for group in groups:
        yield from group


@dataclass
class _Rules:
    issuers: list[Issuer]
    denied: list[DeniedSource]
    by_name: dict[str, Issuer] = field(init=False)

    def __post_init__(self) -> None:
        self.by_name = {issuer.name: issuer for issuer in self.issuers}

    def all_domains(self) -> list[str]:
        return [domain for issuer in self.issuers for domain in issuer.domains]


def _source_problems(origin: Any, path: KeyPath, item: Sourced, rules: _Rules) -> list[Problem]:
    problems = []
    for index, source in enumerate(item.sources):
        where = (*path, "sources", index)
        addresses = cited_addresses(source)
        if not addresses:
            problems.append(
                origin.problem(
                    where,
                    f"source `{source[:80]}` is not a public reference a reader can open",
                    "start the source with the page's web address (https://… or example.org/page), "
                    "then any note; cite the public page behind a private note",
                )
            )
        problems += _denied_problems(origin, where, addresses, rules)
    return problems


def _denied_problems(origin: Any, where: KeyPath, addresses: list[Address], rules: _Rules) -> list[Problem]:
    """A problem for each of ``addresses`` on the denylist."""
    return [
        origin.problem(
            where,
            f"source `{address}` is on the denylist ({denied.address}): {denied.reason}",
            "cite a better page, or drop the fact if no acceptable source exists",
        )
        for address in addresses
        for denied in rules.denied
        if denied_by(address, denied.address)
    ]


def _official_problem(
    origin: Any, path: KeyPath, item: Sourced, domains: list[str], whose: str
) -> list[Problem]:
    cited = [address.domain for source in item.sources for address in cited_addresses(source)]
    if any(on_domain(domain, owner) for domain in cited for owner in domains):
        return []
    listed = ", ".join(domains) if domains else "none listed"
    return [
        origin.problem(
            (*path, "confidence"),
            f'confidence "official" needs a source on {whose} own domain ({listed})',
            'add the issuer\'s page to sources, or say "secondary"',
        )
    ]


def _publishers(entity: Any, rules: _Rules) -> list[str]:
    """The domains that make a non-certification fact official: every issuer's, and a resource's own."""
    domains = rules.all_domains()
    url = getattr(entity, "url", None)
    if isinstance(url, str):  # a resource is published by its own site (the Kanban Guide on kanbanguides.org)
        own = cited_addresses(url)
        domains += [own[0].domain] if own else []
    return domains


def evidence_problems(loaded: Loaded) -> list[Problem]:
    """Every breach of the source rules in validated content."""
    rules = _Rules(
        issuers=[issuer for issuer, _ in loaded.issuers],
        denied=[denied for denied, _ in loaded.denied_sources],
    )
    problems: list[Problem] = []
    for cert, origin in loaded.certifications:
        quoted = linked_addresses(cert.effort_source)
        problems += _denied_problems(origin, ("effort_source",), quoted, rules)
        issuer = rules.by_name.get(cert.issuer)
        if issuer is None:
            problems.append(
                origin.problem(
                    ("issuer",),
                    f"issuer `{cert.issuer}` is not listed in any [[issuer]] table",
                    "add [[issuer]] with this exact name and the issuer's own web domains (docs/content.md)",
                )
            )
    groups = (
        loaded.paths,
        loaded.skills,
        loaded.certifications,
        loaded.backgrounds,
        loaded.resources,
        loaded.degrees,
        loaded.comparison,
    )
    for entity, origin in _entities(groups):
        cert_issuer = rules.by_name.get(getattr(entity, "issuer", ""))
        for path, item in sourced_items(entity):
            problems += _source_problems(origin, path, item, rules)
            if item.confidence != "official":
                continue
            if hasattr(entity, "issuer"):
                if cert_issuer is not None:  # an unlisted issuer is reported once, above
                    problems += _official_problem(
                        origin, path, item, list(cert_issuer.domains), f"{cert_issuer.name}'s"
                    )
            else:
                problems += _official_problem(origin, path, item, _publishers(entity, rules), "an issuer's")
    return problems


@dataclass
class DomainEvidence:
    """One cited domain: how many facts rest on it, with which confidence, and whose domain it is."""

    domain: str
    facts: int = 0
    labels: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CONFIDENCES, 0))
    issuer: str | None = None

    def row(self) -> dict[str, Any]:
        return {
            "domain": self.domain,
            "facts": self.facts,
            "labels": dict(self.labels),
            "issuer": self.issuer,
        }


def catalog_facts(catalog: Catalog) -> Iterator[Sourced]:
    """Every sourced fact in the catalog."""
    entities: list[Any] = [
        *catalog.paths.values(),
        *catalog.skills.values(),
        *catalog.certifications.values(),
        *catalog.backgrounds.values(),
        *catalog.resources.values(),
        catalog.degrees,
        catalog.comparison,
    ]
    for entity in entities:
        for _, item in sourced_items(entity):
            yield item


def domain_evidence(catalog: Catalog) -> list[DomainEvidence]:
    """Every cited domain, most facts first (then by name): each fact counts once per domain it cites."""
    issuers = [(issuer.id, issuer.domains) for issuer in catalog.issuers]
    table: dict[str, DomainEvidence] = {}
    for item in catalog_facts(catalog):
        domains = {address.domain for source in item.sources for address in cited_addresses(source)}
        for domain in domains:
            entry = table.get(domain)
            if entry is None:
                entry = table[domain] = DomainEvidence(domain, issuer=issuer_of(domain, issuers))
            entry.facts += 1
            entry.labels[item.confidence] += 1
    return sorted(table.values(), key=lambda entry: (-entry.facts, entry.domain))


__all__ = [
    "Address",
    "DomainEvidence",
    "catalog_facts",
    "domain_evidence",
    "evidence_problems",
    "sourced_items",
]
