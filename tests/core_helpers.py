"""Shared by the core tests (catalog, content, engine, plan, report): where the content and the fixtures
are, the fixed ids of the brief, readers for single content files, and CLI output made comparable.

Fixtures built from these (the loaded catalogs, a wide terminal) are in ``tests/conftest.py``.
"""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from pathfinder.catalog.catalog import default_content_dir
from pathfinder.catalog.loader import check_content
from pathfinder.errors import Problem

TESTS = Path(__file__).resolve().parent
SHIPPED_CONTENT = default_content_dir().resolve()
"""The content that ships with Pathfinder (``content/`` in a checkout)."""
CONTENT_FIXTURES = TESTS / "data" / "content"
"""``valid/`` (a small, complete content directory) and one ``bad-<mode>/`` overlay per failure mode."""
VALID_CONTENT = CONTENT_FIXTURES / "valid"
PLAN_FIXTURES = TESTS / "data" / "plans"
EXAMPLES = TESTS.parent / "docs" / "examples"

PATH_IDS: tuple[str, ...] = (
    "product-manager",
    "project-manager",
    "product-owner",
    "program-manager",
    "scrum-master",
    "technical-program-manager",
)
CERTIFICATION_IDS = frozenset(
    {
        "pmp", "capm", "pmi-acp", "pgmp", "prince2-foundation", "prince2-practitioner",
        "comptia-project-plus", "google-pm", "csm", "cspo", "psm-1", "pspo-1", "pragmatic-pmc", "aipmm-cpm",
        "ipma",
    }
)  # fmt: skip
BACKGROUND_IDS = frozenset(
    {
        "software-engineer", "qa-engineer", "ux-designer", "data-analyst", "business-analyst", "marketing",
        "sales", "customer-success", "operations", "consultant", "team-lead", "project-coordinator",
        "teacher", "military", "new-graduate", "finance",
    }
)  # fmt: skip
DEGREE_LEVEL_IDS = ("secondary", "associate", "bachelor", "master", "mba", "doctorate")
SKILLS_BY_CATEGORY: dict[str, tuple[str, ...]] = {
    "strategy-and-vision": (
        "product-vision", "product-strategy", "roadmapping", "prioritisation", "competitive-analysis",
        "go-to-market", "pricing", "product-lifecycle",
    ),
    "discovery-and-research": (
        "customer-interviews", "market-research", "research-synthesis", "problem-framing", "experimentation",
        "ux-literacy", "requirements-writing",
    ),
    "planning-and-delivery": (
        "project-planning", "scheduling", "scope-management", "resource-management", "estimation",
        "dependency-management", "change-control", "program-governance", "release-planning",
        "vendor-management",
    ),
    "risk-and-quality": ("risk-management", "issue-management", "quality-management", "compliance"),
    "stakeholders-and-communication": (
        "stakeholder-management", "status-reporting", "written-communication", "presenting", "negotiation",
        "facilitation", "cross-functional-collaboration", "influencing-without-authority",
    ),
    "leadership": (
        "team-leadership", "conflict-resolution", "coaching", "decision-making", "servant-leadership",
        "change-management",
    ),
    "data-and-metrics": ("product-metrics", "data-analysis", "sql", "earned-value"),
    "technical-literacy": (
        "software-lifecycle", "system-architecture", "technical-risk", "ai-literacy", "api-literacy",
    ),
    "business-and-finance": ("budgeting", "business-case", "business-models", "unit-economics"),
    "agile-practice": ("scrum", "kanban", "backlog-management", "agile-coaching", "scaled-agile"),
}  # fmt: skip
"""The fixed skill taxonomy every plan file relies on (category id → skill ids, in the brief's order)."""
SKILL_IDS = frozenset(skill for skills in SKILLS_BY_CATEGORY.values() for skill in skills)

Entity = TypeVar("Entity", bound=BaseModel)


def read_toml(file: Path) -> dict[str, Any]:
    """One content file as parsed by ``tomllib`` (no loader involved)."""
    with file.open("rb") as handle:
        return tomllib.load(handle)


def one_per_file(directory: Path, key: str, model: type[Entity]) -> dict[str, Entity]:
    """Every ``*.toml`` in ``directory`` validated with ``model``, by id.

    Each file must hold exactly one ``[[key]]`` and nothing else, and be named after the entity's id.
    """
    found: dict[str, Entity] = {}
    for file in sorted(directory.glob("*.toml")):
        data = read_toml(file)
        assert set(data) == {key}, f"{file.name}: unexpected top-level keys {set(data)}"
        assert len(data[key]) == 1, f"{file.name}: one {key} per file"
        entity = model.model_validate(data[key][0])
        entity_id = str(vars(entity)["id"])  # every per-file entity has an id
        assert entity_id == file.stem, f"{file.name} holds `{entity_id}`"
        found[entity_id] = entity
    return found


@cache
def _shipped_problems() -> tuple[Problem, ...]:
    return tuple(check_content(SHIPPED_CONTENT))


def shipped_problems_in(files: Iterable[Path]) -> list[str]:
    """The loader's problems in these shipped files, as text: a failure names the file, line and key."""
    wanted = {file.resolve() for file in files}
    return [
        str(problem)
        for problem in _shipped_problems()
        if problem.file is not None and Path(problem.file).resolve() in wanted
    ]


def overlay(tmp_path: Path, mode: str) -> Path:
    """A copy of the valid fixture content with the files of ``bad-<mode>`` laid on top."""
    target = tmp_path / "content"
    shutil.copytree(VALID_CONTENT, target)
    shutil.copytree(CONTENT_FIXTURES / f"bad-{mode}", target, dirs_exist_ok=True)
    return target


def unwrapped(panel: str) -> str:
    """The text of an error panel with its borders and line wrapping undone."""
    return " ".join(" ".join(line.strip().strip("│").split()) for line in panel.splitlines())
