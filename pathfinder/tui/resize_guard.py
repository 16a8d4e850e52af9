"""A window-resize signal handler that cannot re-enter itself.

Textual's Linux driver handles SIGWINCH in a Python signal handler. Python runs a handler between two
bytecodes, also inside the handler itself, so a storm of resizes (a hostile SSH client sent 5,000 in a
loop) nested it until the recursion limit and the app ended. The guard wraps the driver's handler: a
signal that arrives while it runs only notes that another size is waiting, and the running handler
reads the size once more when it is done (the last size wins; nothing nests).
"""

from __future__ import annotations

import signal
from types import FrameType
from typing import Any


def guard_resize_signal() -> bool:
    """Wrap the current SIGWINCH handler (once); True when a handler was wrapped. Main thread only."""
    handler: Any = signal.getsignal(signal.SIGWINCH)
    if not callable(handler) or getattr(handler, "guarded", False):
        return False
    busy = pending = False

    def guarded(signum: int, frame: FrameType | None) -> None:
        nonlocal busy, pending
        if busy:
            pending = True
            return
        busy = True
        try:
            pending = True
            while pending:
                pending = False
                handler(signum, frame)
        finally:
            busy = False

    guarded.guarded = True  # type: ignore[attr-defined]
    signal.signal(signal.SIGWINCH, guarded)
    return True
