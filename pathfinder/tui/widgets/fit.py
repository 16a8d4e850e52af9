"""Text helpers for scores: a bar that always carries its number, and sourced-fact lines."""

from __future__ import annotations

from rich.markup import escape

BAR_WIDTH = 10


def fit_bar(score: float, width: int = BAR_WIDTH) -> str:
    """``███████░░░ 72.4`` — the number is always shown, never colour alone."""
    filled = max(0, min(width, round(score / 100 * width)))
    return "█" * filled + "░" * (width - filled) + f" {score:5.1f}"


def sources_line(sources: list[str], as_of: str, confidence: str) -> str:
    """Where a fact comes from, when it was checked and how firm it is (markup-escaped)."""
    shown = "; ".join(escape(source) for source in sources)
    checked = f"[dim]Checked:[/dim] {escape(as_of)} · [dim]confidence:[/dim] {escape(confidence)}"
    return f"[dim]Sources:[/dim] {shown}\n{checked}"
