"""Checks across entities: duplicate ids, cross-references, weights and background affinities.

Each check gets entities that already passed model validation, each paired with its ``Origin`` so a problem
can name the file, the line and the key path of the offending value.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from pathfinder.catalog.alias_checks import alias_problems
from pathfinder.catalog.evidence import evidence_problems
from pathfinder.catalog.toml_lines import KeyPath
from pathfinder.catalog.validation import Origin, did_you_mean
from pathfinder.errors import Problem

if TYPE_CHECKING:
    from pathfinder.catalog.models import (
        Background,
        CareerPath,
        Certification,
        CertificationOverlap,
        Comparison,
        ContentMeta,
        Degrees,
        DeniedSource,
        Issuer,
        Resource,
        Skill,
        SkillCategory,
    )

WEIGHT_TOLERANCE = 0.001

ARRAY_KINDS: dict[str, str] = {
    "path": "paths",
    "skill": "skills",
    "category": "categories",
    "certification": "certifications",
    "background": "backgrounds",
    "resource": "resources",
    "overlap": "overlaps",
    "issuer": "issuers",
    "denied_source": "denied_sources",
}
"""``[[kind]]`` arrays of tables → the ``Loaded``/``Catalog`` attribute holding them."""

SINGLE_KINDS: dict[str, str] = {
    "meta": "meta.toml",
    "degrees": "degrees.toml",
    "comparison": "comparison.toml",
}
"""Tables that must appear exactly once → the file they conventionally live in."""


@dataclass
class Loaded:
    """Validated entities in file order, each with where it was read."""

    paths: list[tuple[CareerPath, Origin]] = field(default_factory=list)
    skills: list[tuple[Skill, Origin]] = field(default_factory=list)
    categories: list[tuple[SkillCategory, Origin]] = field(default_factory=list)
    certifications: list[tuple[Certification, Origin]] = field(default_factory=list)
    backgrounds: list[tuple[Background, Origin]] = field(default_factory=list)
    resources: list[tuple[Resource, Origin]] = field(default_factory=list)
    overlaps: list[tuple[CertificationOverlap, Origin]] = field(default_factory=list)
    issuers: list[tuple[Issuer, Origin]] = field(default_factory=list)
    denied_sources: list[tuple[DeniedSource, Origin]] = field(default_factory=list)
    meta: list[tuple[ContentMeta, Origin]] = field(default_factory=list)
    degrees: list[tuple[Degrees, Origin]] = field(default_factory=list)
    comparison: list[tuple[Comparison, Origin]] = field(default_factory=list)
    broken_ids: dict[str, set[str]] = field(default_factory=dict)
    """Ids of entities written but invalid, by kind: references to them are not reported again."""

    def mark_broken(self, kind: str, entity_id: object) -> None:
        """Remember an entity that failed validation, so references to it do not cascade into more errors."""
        if isinstance(entity_id, str):
            self.broken_ids.setdefault(kind, set()).add(entity_id)


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


@dataclass
class _Reference:
    """One id written somewhere that must name an entity of ``target_kind``."""

    origin: Origin
    subpath: KeyPath
    value: str
    target_kind: str


def duplicate_id_problems(kind: str, entities: Iterable[tuple[_HasId, Origin]]) -> list[Problem]:
    """Every id defined twice within one kind, pointing at the later definition."""
    first_seen: dict[str, Origin] = {}
    problems: list[Problem] = []
    for entity, origin in entities:
        if entity.id in first_seen:
            problems.append(
                origin.problem(
                    ("id",),
                    f"duplicate {kind} id `{entity.id}`",
                    f"first defined at {first_seen[entity.id].place()}; ids must be unique",
                )
            )
        else:
            first_seen[entity.id] = origin
    return problems


def _path_references(loaded: Loaded) -> Iterator[_Reference]:
    for path, origin in loaded.paths:
        for index, path_skill in enumerate(path.skills):
            yield _Reference(origin, ("skills", index, "skill"), path_skill.skill, "skill")
        for index, path_cert in enumerate(path.certifications):
            yield _Reference(
                origin, ("certifications", index, "certification"), path_cert.certification, "certification"
            )
        for index, neighbour in enumerate(path.neighbours):
            yield _Reference(origin, ("neighbours", index), neighbour, "path")
        yield _Reference(origin, ("degrees", "typical_level"), path.degrees.typical_level, "degree level")
        for index, level in enumerate(path.degrees.preferred_levels):
            yield _Reference(origin, ("degrees", "preferred_levels", index), level, "degree level")
        for index, degree_field in enumerate(path.degrees.fields):
            yield _Reference(origin, ("degrees", "fields", index), degree_field, "degree field")


def _other_references(loaded: Loaded) -> Iterator[_Reference]:
    for skill, origin in loaded.skills:
        yield _Reference(origin, ("category",), skill.category, "category")
        for index, resource in enumerate(skill.resources):
            yield _Reference(origin, ("resources", index), resource, "resource")
    for cert, origin in loaded.certifications:
        for index, resource in enumerate(cert.resources):
            yield _Reference(origin, ("resources", index), resource, "resource")
        for route_index, route in enumerate(cert.eligibility.routes):
            route_path: KeyPath = ("eligibility", "routes", route_index)
            for key in (
                "requires_any",
                "training_waived_by",
                "experience_waived_by",
                "leading_months_waived_by",
                "agile_months_waived_by",
                "program_months_waived_by",
            ):
                for index, cert_id in enumerate(getattr(route, key)):
                    yield _Reference(origin, (*route_path, key, index), cert_id, "certification")
    for overlap, origin in loaded.overlaps:
        for key in ("certifications", "superseded_by"):
            for index, cert_id in enumerate(getattr(overlap, key)):
                yield _Reference(origin, (key, index), cert_id, "certification")
    for background, origin in loaded.backgrounds:
        for index, transferable in enumerate(background.transferable):
            yield _Reference(origin, ("transferable", index, "skill"), transferable.skill, "skill")
        for index, affinity in enumerate(background.affinities):
            yield _Reference(origin, ("affinities", index, "path"), affinity.path, "path")
    for comparison, origin in loaded.comparison:
        yield _Reference(origin, ("left",), comparison.left, "path")
        yield _Reference(origin, ("right",), comparison.right, "path")


def known_ids(loaded: Loaded) -> dict[str, list[str]]:
    """Every id a reference may name, by kind (degree ids come from the first ``[degrees]``)."""
    degrees = loaded.degrees[0][0] if loaded.degrees else None
    return {
        "skill": [skill.id for skill, _ in loaded.skills],
        "certification": [cert.id for cert, _ in loaded.certifications],
        "path": [path.id for path, _ in loaded.paths],
        "category": [category.id for category, _ in loaded.categories],
        "resource": [resource.id for resource, _ in loaded.resources],
        "degree level": [level.id for level in degrees.levels] if degrees else [],
        "degree field": [item.id for item in degrees.fields] if degrees else [],
    }


def reference_problems(loaded: Loaded) -> list[Problem]:
    """Every id that names no entity of the kind it must name, with a "did you mean"."""
    known = known_ids(loaded)
    known_sets = {kind: set(ids) for kind, ids in known.items()}
    problems: list[Problem] = []
    for reference in (*_path_references(loaded), *_other_references(loaded)):
        if reference.target_kind.startswith("degree") and not loaded.degrees:
            continue  # the missing [degrees] table is reported once, on its own
        if reference.value in loaded.broken_ids.get(reference.target_kind, set()):
            continue  # the entity exists but is invalid: its own problem is reported already
        if reference.value not in known_sets[reference.target_kind]:
            hint = did_you_mean(reference.value, known[reference.target_kind])
            problems.append(
                reference.origin.problem(
                    reference.subpath, f"unknown {reference.target_kind} id `{reference.value}`", hint
                )
            )
    return problems


def repeated_entry_problems(loaded: Loaded) -> list[Problem]:
    """A skill listed twice in one path, or two affinities for one path in one background."""
    problems: list[Problem] = []
    for path, origin in loaded.paths:
        seen: set[str] = set()
        for index, path_skill in enumerate(path.skills):
            if path_skill.skill in seen:
                problems.append(
                    origin.problem(("skills", index, "skill"), f"skill `{path_skill.skill}` is listed twice")
                )
            seen.add(path_skill.skill)
    for background, origin in loaded.backgrounds:
        seen = set()
        for index, affinity in enumerate(background.affinities):
            if affinity.path in seen:
                problems.append(
                    origin.problem(
                        ("affinities", index, "path"), f"a second affinity for path `{affinity.path}`"
                    )
                )
            seen.add(affinity.path)
    return problems


def weight_problems(loaded: Loaded) -> list[Problem]:
    """Each path's fit weights must add up to 1."""
    problems: list[Problem] = []
    for path, origin in loaded.paths:
        weights = path.weights
        total = weights.skills + weights.experience + weights.education + weights.certifications
        if abs(total - 1.0) > WEIGHT_TOLERANCE:
            problems.append(
                origin.problem(
                    ("weights",),
                    f"weights of path `{path.id}` add up to {total:g}, expected 1",
                    "skills + experience + education + certifications must equal 1",
                )
            )
    return problems


def affinity_problems(loaded: Loaded) -> list[Problem]:
    """Every background must say how well it leads into every path."""
    path_ids = [path.id for path, _ in loaded.paths]
    problems: list[Problem] = []
    for background, origin in loaded.backgrounds:
        covered = {affinity.path for affinity in background.affinities}
        for path_id in path_ids:
            if path_id not in covered:
                problems.append(
                    origin.problem(
                        ("affinities",),
                        f"background `{background.id}` has no affinity for path `{path_id}`",
                        f'add [[background.affinities]] with path = "{path_id}", a score 0–5 and a reason',
                    )
                )
    return problems


def cross_problems(loaded: Loaded) -> list[Problem]:
    """All checks that look across entities, in a stable order."""
    problems: list[Problem] = []
    for kind, attribute in ARRAY_KINDS.items():
        if kind != "denied_source":  # denylist entries have no id
            problems += duplicate_id_problems(kind, getattr(loaded, attribute))
    problems += reference_problems(loaded)
    problems += repeated_entry_problems(loaded)
    problems += weight_problems(loaded)
    problems += affinity_problems(loaded)
    problems += alias_problems(loaded)
    problems += evidence_problems(loaded)
    return problems
