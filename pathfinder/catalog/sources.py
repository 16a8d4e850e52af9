"""What a fact's source cites: the web addresses in it, their domains, and the rules sources must meet.

A source is a public reference a reader can open: it starts with a web address (``https://…`` or a bare
``example.org/page``), then any note (``"… (updated 16 Apr 2026)"``). Several pages may share one source
string, separated by ``"; "``, each starting with its address. A source that starts with no address
(``"career-facts dossier B1"``, ``"a prep page"``) is not a public reference. Addresses inside a note
(``"quoting scrumalliance.org"``) are not what the source cites, so they never count.

Pure string work, no pydantic: each source is read once, in time linear in its length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MAX_SOURCE_LENGTH = 2000
"""Longer sources are not parsed (and are reported): no real citation needs more."""

_ADDRESS = re.compile(
    r"(?:https?://)?"
    r"(?P<host>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,8}[a-z]{2,24})"
    r"(?::\d{1,5})?"
    r"(?P<path>/[^\s;]*)?"
    r"(?=$|[\s;,)])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Address:
    """One cited web address: its domain (lower case, without ``www.``) and its path."""

    domain: str
    path: str

    def __str__(self) -> str:
        return self.domain + self.path


def _address_at_start(text: str) -> Address | None:
    match = _ADDRESS.match(text)
    if match is None:
        return None
    host = match.group("host").lower()
    host = host.removeprefix("www.")
    return Address(domain=host, path=match.group("path") or "")


def cited_addresses(source: str) -> list[Address]:
    """The addresses a source cites: the one it starts with and any that start a later ``; `` part.

    Empty when the source does not start with a web address (it is then not a public reference).
    """
    if len(source) > MAX_SOURCE_LENGTH:
        return []
    parts = source.strip().split("; ")
    first = _address_at_start(parts[0])
    if first is None:
        return []
    addresses = [first]
    for part in parts[1:]:
        address = _address_at_start(part.strip())
        if address is not None:
            addresses.append(address)
    return addresses


def linked_addresses(text: str) -> list[Address]:
    """Every ``http(s)://`` address anywhere in ``text`` (prose that quotes a page, such as an
    ``effort_source``); empty for text too long to be a citation."""
    if len(text) > MAX_SOURCE_LENGTH:
        return []
    found = (_address_at_start(text[match.start() :]) for match in re.finditer(r"https?://", text, re.I))
    return [address for address in found if address is not None]


def on_domain(domain: str, owner: str) -> bool:
    """Whether ``domain`` is ``owner`` or one of its subdomains (``stats.bls.gov`` is on ``bls.gov``)."""
    return domain == owner or domain.endswith("." + owner)


def denied_by(address: Address, pattern: str) -> bool:
    """Whether a denylist entry covers this address.

    ``example.com`` covers the domain and its subdomains; ``*.pages.dev`` covers subdomains only;
    ``example.org/some/page`` covers that domain's paths that start with ``/some/page``.
    """
    if pattern.startswith("*."):
        return address.domain.endswith(pattern[1:])
    domain, slash, path = pattern.partition("/")
    if not on_domain(address.domain, domain):
        return False
    return not slash or address.path.rstrip("/").startswith("/" + path.rstrip("/"))


def issuer_of(domain: str, issuer_domains: Iterable[tuple[str, Iterable[str]]]) -> str | None:
    """The id of the issuer whose own domain this is, if any (``issuer_domains``: id → its domains)."""
    for issuer_id, domains in issuer_domains:
        if any(on_domain(domain, owner) for owner in domains):
            return issuer_id
    return None
