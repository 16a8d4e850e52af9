"""Python's cyclic garbage collector during an app's start-up: a process-wide switch, so only the entry
points that own their process turn it (the ``pathfinder`` command and the SSH host's fork server and its
children), never an App's constructor.

Start-up allocates many long-lived objects (modules, widgets, styles); collecting while they are made
only walks them again and again. :func:`pause_for_startup` turns the collector off; the function it
returns turns it back on and freezes what start-up made (``gc.freeze``), so later collections skip it.
The app calls that function once its first screen is drawn (``PathfinderCore.when_started``).
"""

from __future__ import annotations

import gc
from collections.abc import Callable


def pause_for_startup() -> Callable[[], None]:
    """Turn the collector off; returns the (idempotent) function that turns it back on, as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    resumed = False

    def resume() -> None:
        nonlocal resumed
        if resumed:
            return
        resumed = True
        if was_enabled:
            gc.enable()
        gc.freeze()

    return resume
