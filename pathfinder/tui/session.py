"""The plan being edited: the document, where it lives on disk and whether it has unsaved changes.

Plain Python (no Textual): the App owns one Session; screens replace its plan with updated copies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:  # the models (and pydantic) are not needed to paint an opened plan
    from pathfinder.plan.models import Plan, Step
    from pathfinder.plan.preview import PlanPreview
    from pathfinder.profile import Profile

WIZARD_STEPS: tuple[str, ...] = ("background", "education", "certifications", "skills", "compare", "plan")


@dataclass
class Session:
    """One plan in the editor."""

    plan: Plan
    path: Path | None = None
    dirty: bool = False
    visited: set[str] = field(default_factory=set)
    steps_for: Profile | None = None
    """The profile the steps were last generated for (None: regenerate when the plan pane shows)."""

    previewing: bool = False
    """``plan`` is a :class:`PlanPreview` of the file at ``path`` until the app has validated it."""

    @classmethod
    def new(cls, now: datetime, content_version: str) -> Session:
        """A blank profile and plan."""
        from pathfinder.plan.models import new_plan

        return cls(plan=new_plan(now, content_version))

    @classmethod
    def from_preview(cls, preview: PlanPreview, path: Path) -> Session:
        """A session showing a plan file before validation: only the plan step's painting may read it
        (the app validates it before handling any input, and right after the first frame)."""
        visited = set(WIZARD_STEPS) if preview.has_answers else {"background"}
        return cls(plan=cast("Plan", preview), path=path, visited=visited, previewing=True)

    def __post_init__(self) -> None:
        if self.steps_for is None and self.plan.target:
            self.steps_for = self.plan.profile
        if not self.visited:
            if self.plan.profile.roles or self.plan.target or self.plan.profile.skills:
                self.visited = set(WIZARD_STEPS)
            else:
                self.visited = {"background"}

    @property
    def profile(self) -> Profile:
        return self.plan.profile

    def set_profile(self, profile: Profile) -> None:
        self.plan = self.plan.model_copy(update={"profile": profile})

    def set_target(self, target: str | None, steps: list[Step]) -> None:
        self.plan = self.plan.model_copy(update={"target": target, "steps": steps})

    def set_steps(self, steps: list[Step]) -> None:
        self.plan = self.plan.model_copy(update={"steps": steps})

    def suggested_name(self) -> str:
        """A file name for the first save: the target path's id, or "my-plan"."""
        import re

        from pathfinder.catalog.patterns import ID_PATTERN

        target = self.plan.target
        if target and re.match(ID_PATTERN, target) and len(target) <= 64:  # an id, never a path
            return f"{target}-plan.toml"
        return "my-plan.toml"
