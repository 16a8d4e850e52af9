"""The loaded, cross-checked content: every entity indexed by its id."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the models (and pydantic) load with the content, not with this module
    from pathfinder.catalog.models import (
        Background,
        CareerPath,
        Certification,
        CertificationOverlap,
        Comparison,
        ContentMeta,
        DegreeLevel,
        Degrees,
        DeniedSource,
        Issuer,
        Resource,
        Skill,
        SkillCategory,
    )


@dataclass(frozen=True)
class Catalog:
    """All career content. Mappings keep the order entities appear in the content files."""

    meta: ContentMeta
    paths: Mapping[str, CareerPath]
    skills: Mapping[str, Skill]
    categories: Mapping[str, SkillCategory]
    certifications: Mapping[str, Certification]
    backgrounds: Mapping[str, Background]
    resources: Mapping[str, Resource]
    degrees: Degrees
    comparison: Comparison
    directory: Path
    overlaps: Mapping[str, CertificationOverlap] = field(default_factory=lambda: MappingProxyType({}))
    """Sets of certifications that cover the same ground (``content/certification-overlaps.toml``)."""
    issuers: tuple[Issuer, ...] = ()
    """Who issues credentials or publishes official data, with their own web domains."""
    denied_sources: tuple[DeniedSource, ...] = ()
    """Web addresses no fact may cite."""

    @cached_property
    def degree_levels(self) -> Mapping[str, DegreeLevel]:
        """The degree levels by id, in content order."""
        return MappingProxyType({level.id: level for level in self.degrees.levels})

    def degree_level(self, level_id: str) -> int:
        """The rank of a degree level (0 when unknown)."""
        level = self.degree_levels.get(level_id)
        return level.rank if level is not None else 0


def default_content_dir() -> Path:
    """The content shipped with Pathfinder: inside the wheel, or the checkout's ``content/``."""
    package_dir = Path(__file__).resolve().parent.parent
    bundled = package_dir / "_content"
    if bundled.is_dir():
        return bundled
    return package_dir.parent / "content"
