"""The plan being edited: the document, where it lives on disk and whether it has unsaved changes.

Plain Python (no Textual): the App owns one Session; screens replace its plan with updated copies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:  # the models (and pydantic) are not needed to paint an opened plan
    from pathfinder.plan.models import Plan
    from pathfinder.plan.preview import PlanPreview
    from pathfinder.profile import Profile

WIZARD_STEPS: tuple[str, ...] = ("background", "education", "certifications", "skills", "compare", "plan")
UNDO_LEVELS = 100
"""How many edits ctrl+z can take back in one session (and ctrl+y redo)."""


@dataclass(frozen=True)
class Edit:
    """The plan before an edit, and what the edit was (for "Undone: …")."""

    plan: Plan
    steps_for: Profile | None
    what: str


@dataclass
class Session:
    """One plan in the editor."""

    plan: Plan
    path: Path | None = None
    dirty: bool = False
    visited: set[str] = field(default_factory=set)
    steps_for: Profile | None = None
    """The profile the steps were last generated for (None: regenerate when the plan pane shows)."""
    imported_skills: dict[str, int] = field(default_factory=dict)
    """Skill levels an imported file suggested (skill id → 1–4): offered in the Skills step, never rated."""

    origin: Path | None = None
    """The profile-only file this new plan was started from (it is never overwritten: saving asks)."""
    last_step: str | None = None
    """The wizard step the user was last on (where "Resume" returns)."""

    previewing: bool = False
    """``plan`` is a :class:`PlanPreview` of the file at ``path`` until the app has validated it."""

    undo_stack: list[Edit] = field(default_factory=list, repr=False)
    redo_stack: list[Edit] = field(default_factory=list, repr=False)

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

    def record(self, what: str) -> None:
        """Remember the plan as it is, before an edit described by ``what`` (ctrl+z brings it back)."""
        self.undo_stack.append(Edit(self.plan, self.steps_for, what))
        del self.undo_stack[:-UNDO_LEVELS]
        self.redo_stack.clear()

    def set_profile(self, profile: Profile, what: str = "profile edit") -> None:
        self.record(what)
        self.plan = self.plan.model_copy(update={"profile": profile})

    def update_plan(self, what: str | None = None, **changes: Any) -> None:
        """Replace plan fields (``steps``, ``target``, ``removed``, ``set_aside`` …); an edit the user made
        is recorded for undo (``what``), steps merely proposed anew for a changed profile are not."""
        if what is not None:
            self.record(what)
        self.plan = self.plan.model_copy(update=changes)

    def undo(self) -> str | None:
        """Take back the last edit; returns what it was (None when there is nothing to undo)."""
        return self._swap(self.undo_stack, self.redo_stack)

    def redo(self) -> str | None:
        """Make the last undone edit again; returns what it was."""
        return self._swap(self.redo_stack, self.undo_stack)

    def _swap(self, source: list[Edit], destination: list[Edit]) -> str | None:
        if not source:
            return None
        edit = source.pop()
        destination.append(Edit(self.plan, self.steps_for, edit.what))
        self.plan, self.steps_for = edit.plan, edit.steps_for
        return edit.what

    def suggested_name(self) -> str:
        """A file name for the first save: the target path's id, or "my-plan"."""
        import re

        from pathfinder.catalog.patterns import ID_PATTERN

        target = self.plan.target
        if target and re.match(ID_PATTERN, target) and len(target) <= 64:  # an id, never a path
            return f"{target}-plan.toml"
        return "my-plan.toml"
