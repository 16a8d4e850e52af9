"""Textual's Footer, rebuilt only when the keys it shows change (at most once per screen refresh)."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    """Same keys and looks as Textual's Footer, for less work while screens mount and focus moves.

    Textual's Footer recomposes (removes and mounts all its keys) after every bindings refresh: every
    focus change and every ``refresh_bindings()``. Opening a plan used to recompose it about nine times,
    nearly always with the same keys. This one coalesces the refreshes made before the next screen
    refresh into one, and skips it when the shown keys (and whether they are enabled) are unchanged.
    """

    _recompose_pending = False
    _shown_keys: tuple[Any, ...] | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._recompose_pending:
            self._recompose_pending = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._recompose_pending = False
        if not self.is_attached:
            return
        shown = self._keys_to_show()
        if shown != self._shown_keys:
            self._shown_keys = shown
            await self.recompose()

    def _keys_to_show(self) -> tuple[Any, ...]:
        """What :meth:`compose` depends on: the shown bindings, whether enabled, their tooltips."""
        active = self.screen.active_bindings
        keys = tuple(
            (binding, enabled, tooltip) for (_, binding, enabled, tooltip) in active.values() if binding.show
        )
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        return keys, (palette[1:] if palette is not None else None), self.compact
