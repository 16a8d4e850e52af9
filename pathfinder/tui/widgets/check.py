"""A checkbox whose state is readable without colour: ``✓`` when on, blank when off."""

from __future__ import annotations

from textual.widgets import Checkbox


class Check(Checkbox):
    """Textual's checkbox shows ``X`` either way and tells on from off by colour alone."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "✓" if self.value else " "
