"""Pathfinder's screens. Only the welcome screen is imported at start; the rest load when pushed."""
