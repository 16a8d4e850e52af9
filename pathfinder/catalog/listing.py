"""Plain rows describing catalog entities, for ``pathfinder content list`` (JSON and tables alike).

Each row is a dict with ``id`` and ``name`` first, then a few fields per kind, then (for every sourced
kind) ``sources``, ``as_of`` and ``confidence``; categories are groupings, not facts, and carry none. The
JSON form is meant to be stable for scripts: keys are only ever added, never renamed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathfinder.catalog.catalog import Catalog

Row = dict[str, Any]


def evidence(fact: Any) -> Row:
    """Where a fact comes from, when it was checked and how firm it is (every sourced row carries these)."""
    return {"sources": list(fact.sources), "as_of": fact.as_of, "confidence": fact.confidence}


def path_rows(catalog: Catalog) -> list[Row]:
    return [
        {
            "id": path.id,
            "name": path.name,
            "short_name": path.short_name,
            "focus": path.focus,
            "summary": path.summary,
            "skills": [item.skill for item in path.skills],
            "certifications": [item.certification for item in path.certifications],
            "neighbours": list(path.neighbours),
            "typical_degree": path.degrees.typical_level,
            **evidence(path),
            "facts": [{"label": fact.label, "value": fact.value, **evidence(fact)} for fact in path.facts],
        }
        for path in catalog.paths.values()
    ]


def skill_rows(catalog: Catalog) -> list[Row]:
    rows = []
    for skill in catalog.skills.values():
        category = catalog.categories.get(skill.category)
        rows.append(
            {
                "id": skill.id,
                "name": skill.name,
                "category": skill.category,
                "category_name": category.name if category else skill.category,
                "description": skill.description,
                "resources": list(skill.resources),
                **evidence(skill),
            }
        )
    return rows


def category_rows(catalog: Catalog) -> list[Row]:
    return [
        {
            "id": category.id,
            "name": category.name,
            "description": category.description,
            "skills": [skill.id for skill in catalog.skills.values() if skill.category == category.id],
        }
        for category in catalog.categories.values()
    ]


def certification_rows(catalog: Catalog) -> list[Row]:
    return [
        {
            "id": cert.id,
            "name": cert.name,
            "short_name": cert.short_name,
            "issuer": cert.issuer,
            "url": cert.url,
            "prerequisites": bool(cert.eligibility.routes),
            "eligibility": cert.eligibility.statement,
            "eligibility_evidence": evidence(cert.eligibility),
            "fees": [{"label": fee.label, "value": fee.value, **evidence(fee)} for fee in cert.fees],
            "renewal_years": cert.renewal.cycle_years if cert.renewal else None,
            **evidence(cert),
        }
        for cert in catalog.certifications.values()
    ]


def background_rows(catalog: Catalog) -> list[Row]:
    return [
        {
            "id": background.id,
            "name": background.name,
            "description": background.description,
            "affinities": {affinity.path: affinity.score for affinity in background.affinities},
            "transferable": {item.skill: item.level for item in background.transferable},
            **evidence(background),
        }
        for background in catalog.backgrounds.values()
    ]


def degree_rows(catalog: Catalog) -> list[Row]:
    table = evidence(catalog.degrees)  # the degrees table is sourced as a whole
    levels: list[Row] = [
        {"id": level.id, "name": level.name, "kind": "level", "rank": level.rank, "tier": level.tier, **table}
        for level in catalog.degrees.levels
    ]
    fields: list[Row] = [
        {"id": item.id, "name": item.name, "kind": "field", **table} for item in catalog.degrees.fields
    ]
    return levels + fields


def resource_rows(catalog: Catalog) -> list[Row]:
    return [
        {
            "id": resource.id,
            "name": resource.title,
            "kind": resource.kind,
            "cost": resource.cost,
            "hours": resource.hours,
            "url": resource.url,
            **evidence(resource),
        }
        for resource in catalog.resources.values()
    ]


LISTINGS: dict[str, Callable[[Catalog], list[Row]]] = {
    "paths": path_rows,
    "skills": skill_rows,
    "categories": category_rows,
    "certifications": certification_rows,
    "backgrounds": background_rows,
    "degrees": degree_rows,
    "resources": resource_rows,
}
"""What ``pathfinder content list KIND`` can list, in the order shown in its help."""
