"""``pathfinder [PLAN.toml]``: launch the full-screen app."""

from __future__ import annotations

from collections.abc import Sequence


def run_app(argv: Sequence[str]) -> int:
    """Launch the Textual app (placeholder until the app issue lands)."""
    print("The Pathfinder app is not built yet.")
    return 0
