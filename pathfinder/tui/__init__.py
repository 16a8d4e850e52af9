"""Pathfinder's full-screen Textual app. Build it with :func:`make_app`."""

from __future__ import annotations

from pathfinder.tui.factory import make_app

__all__ = ["make_app"]
