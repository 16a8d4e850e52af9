"""Ids in a plan that the current content does not know: reported as warnings with a "did you mean".

Content changes between releases (a path renamed, a certification retired), and hand edits make typos.
Neither should stop a plan from loading: the plan stays valid, and these problems say what to fix.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from pathfinder.catalog.catalog import Catalog
from pathfinder.catalog.toml_lines import KeyPath, LineMap, format_key_path
from pathfinder.catalog.validation import did_you_mean
from pathfinder.errors import Problem
from pathfinder.plan.models import Plan


class _Checker:
    """Collects one problem per unknown id, located by key path (and line, when the text is known)."""

    def __init__(self, source: Path | None, text: str | None) -> None:
        self.source = source
        self.lines = LineMap(text) if text is not None else None
        self.problems: list[Problem] = []

    def check(self, path: KeyPath, value: str, known: Collection[str], what: str) -> None:
        """A problem at ``path`` unless ``value`` is one of the ``known`` ids."""
        if value in known:
            return
        line = self.lines.line_of(path) if self.lines is not None else None
        hint = did_you_mean(value, known) or f"known {what} ids: " + ", ".join(list(known)[:12])
        message = f"`{value}` is not a {what} id in the current content"
        self.problems.append(Problem(self.source, message, format_key_path(path), line, None, hint))


def check_references(
    plan: Plan, catalog: Catalog, *, source: Path | None = None, text: str | None = None
) -> list[Problem]:
    """Every id in ``plan`` unknown to ``catalog``: target and second target, backgrounds, degree levels,
    certifications, skill ratings, step refs and resources, and steps named in ``after``. Pass the file's
    ``text`` to get line numbers."""
    checker = _Checker(source, text)
    levels = catalog.degree_levels
    if plan.target is not None:
        checker.check(("target",), plan.target, catalog.paths, "career path")
    if plan.also is not None:
        checker.check(("also",), plan.also, catalog.paths, "career path")
    profile = plan.profile
    for index, role in enumerate(profile.roles):
        if role.background is not None:
            path: KeyPath = ("profile", "roles", index, "background")
            checker.check(path, role.background, catalog.backgrounds, "background")
    for index, degree in enumerate(profile.degrees):
        checker.check(("profile", "degrees", index, "level"), degree.level, levels, "degree level")
    for index, held in enumerate(profile.certifications):
        checker.check(
            ("profile", "certifications", index, "id"), held.id, catalog.certifications, "certification"
        )
    for skill in profile.skills:
        checker.check(("profile", "skills", skill), skill, catalog.skills, "skill")
    step_ids = [step.id for step in plan.steps]
    every_id = [*catalog.paths, *catalog.skills, *catalog.certifications, *catalog.backgrounds, *levels]
    for index, step in enumerate(plan.steps):
        if step.ref is not None:
            if step.kind == "skill":
                checker.check(("steps", index, "ref"), step.ref, catalog.skills, "skill")
            elif step.kind == "certification":
                checker.check(("steps", index, "ref"), step.ref, catalog.certifications, "certification")
            else:
                checker.check(("steps", index, "ref"), step.ref, every_id, "content")
        for position, resource in enumerate(step.resources):
            checker.check(("steps", index, "resources", position), resource, catalog.resources, "resource")
        for position, resource in enumerate(step.used):
            checker.check(("steps", index, "used", position), resource, catalog.resources, "resource")
        for position, before in enumerate(step.after):
            checker.check(("steps", index, "after", position), before, step_ids, "step")
    return checker.problems
