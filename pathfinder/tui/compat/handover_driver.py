"""The driver of a hosted app drawn ahead of its visitor (see ``pathfinder.tui.ahead``)."""

from __future__ import annotations

from textual.drivers.linux_driver import LinuxDriver


class HandoverDriver(LinuxDriver):
    """Textual's Linux driver, with no keyboard reader while on a holding terminal (nobody types there):
    letting go of it is then immediate, where stopping the reader takes 0.1–0.2 s."""

    holding = True

    def _run_input_thread(self) -> None:
        if not self.holding:
            super()._run_input_thread()
