"""Small start-up fixes shared by the screens an app shows first."""

from __future__ import annotations

import contextlib
from typing import Any

from textual.css.query import NoMatches
from textual.screen import Screen


def settle_toast_rack(screen: Screen[Any]) -> None:
    """Give the screen's (empty) notification area its hidden state before the first layout.

    Textual hides it on the first screen resume by setting ``display`` inline, which its stylesheet
    already says: a change of rule all the same, so one more layout of the whole screen right after the
    first frame. Set before the first layout, the later call changes nothing; notifications still show
    (Textual sets it visible again whenever there is one).
    """
    with contextlib.suppress(NoMatches):  # notifications switched off: no area to settle
        screen.query_one("#textual-toastrack").display = False
