"""The base of every wizard pane: access to the session and content, commit-on-leave, focus."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual.containers import Container
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label

if TYPE_CHECKING:
    from pathfinder.catalog.catalog import Catalog
    from pathfinder.profile import Profile
    from pathfinder.tui.app import PathfinderApp
    from pathfinder.tui.session import Session


class WizardPane(Container):
    """One step of the wizard. Subclasses edit the session's profile or plan and render engine results.

    Textual calls ``on_mount`` of every class in the MRO, so subclasses never call ``super().on_mount()``.
    """

    focus_when_mounted = False

    class ProfileChanged(Message):
        """The pane stored a change to the profile (the wizard clears a problem it showed)."""

    def on_mount(self) -> None:
        if self.focus_when_mounted:
            self.call_after_refresh(self._focus_when_shown)

    def _focus_when_shown(self) -> None:
        """Focus the first field, unless the plan was closed meanwhile (an opened file that failed)."""
        if self.pf_app.shown_session is not None:
            self.focus_first()

    @property
    def pf_app(self) -> PathfinderApp:
        return self.app  # type: ignore[return-value]

    @property
    def session(self) -> Session:
        session = self.pf_app.shown_session
        assert session is not None, "the wizard runs only with a session"
        return session

    @property
    def catalog(self) -> Catalog:
        catalog = self.pf_app.catalog
        assert catalog is not None, "the wizard opens only once content has loaded"
        return catalog

    @property
    def today(self) -> date:
        return self.pf_app.today()

    @property
    def profile(self) -> Profile:
        return self.session.profile

    def update_profile(self, profile: Profile, what: str = "profile edit") -> None:
        """Store an updated profile (undoable as ``what``) and flag unsaved changes (a draft is scheduled)."""
        self.session.set_profile(profile, what)
        self.pf_app.mark_changed()
        self.post_message(self.ProfileChanged())
        self.profile_updated()

    def profile_updated(self) -> None:
        """Hook: the profile changed (e.g. refresh a live preview)."""

    def commit(self) -> list[str]:
        """Apply pending edits before the user leaves; return problems (empty when fine)."""
        return []

    def shown(self) -> None:
        """Hook: the pane became visible (refresh from the session)."""

    def focus_first(self) -> None:
        """Put focus on the pane's first focusable widget."""
        for widget in self.query("*"):
            if isinstance(widget, Widget) and widget.focusable:
                widget.focus()
                return


def field_label(text: str, short: bool = False) -> Label:
    """A form label in the label column (``short`` for a second label on the same row)."""
    return Label(text, classes="field-label-short" if short else "field-label")
