"""Pathfinder: a terminal career-path explorer for product and project management."""

__version__ = "0.1.0"
