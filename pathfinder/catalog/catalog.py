"""The loaded, cross-checked content: every entity indexed by its id."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pathfinder.catalog.models import (
    Background,
    CareerPath,
    Certification,
    Comparison,
    ContentMeta,
    Degrees,
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

    def degree_level(self, level_id: str) -> int:
        """The rank of a degree level (0 when unknown)."""
        for level in self.degrees.levels:
            if level.id == level_id:
                return level.rank
        return 0


def default_content_dir() -> Path:
    """The content shipped with Pathfinder: inside the wheel, or the checkout's ``content/``."""
    package_dir = Path(__file__).resolve().parent.parent
    bundled = package_dir / "_content"
    if bundled.is_dir():
        return bundled
    return package_dir.parent / "content"
