"""The text patterns content and plan values must match, with the words a person reads when one does not.

Kept apart from the models so that error wording (``validation.py``) can name them without importing
pydantic, and so that a pattern and its explanation cannot drift apart.
"""

from __future__ import annotations

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
"""A stable, kebab-case identifier such as ``product-manager``."""
AS_OF_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$"
"""When a fact was last checked: ``YYYY-MM`` or ``YYYY-MM-DD``."""
WEB_ADDRESS_PATTERN = r"^https?://"
DOMAIN_PATTERN = r"^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}$"
"""A lower-case web domain such as ``pmi.org`` or ``certification.scrumalliance.org``."""
DENIED_ADDRESS_PATTERN = r"^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}(/\S*)?$"
"""A domain, ``*.`` and a domain (its subdomains only), or a domain with a path prefix."""

EXPECTED: dict[str, str] = {
    AS_OF_PATTERN: "a date as YYYY-MM or YYYY-MM-DD (e.g. 2026-11)",
    ID_PATTERN: "a kebab-case id: lowercase letters and digits joined by hyphens",
    WEB_ADDRESS_PATTERN: "a web address starting with https:// or http://",
    DOMAIN_PATTERN: "a lower-case web domain such as pmi.org (no https://, no path)",
    DENIED_ADDRESS_PATTERN: "a lower-case domain (example.com), *.example.com, or a domain and path prefix",
}
"""What each pattern asks for, in words."""
