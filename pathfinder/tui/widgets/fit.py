"""Text helpers for scores: a bar that always carries its number, and sourced-fact lines."""

from __future__ import annotations

from rich.markup import escape

BAR_WIDTH = 10


def fit_bar(score: float, width: int = BAR_WIDTH, number: bool = True) -> str:
    """``███████░░░ 72.4`` — shown next to the number, never colour alone."""
    filled = max(0, min(width, round(score / 100 * width)))
    bar = "█" * filled + "░" * (width - filled)
    return f"{bar} {score:5.1f}" if number else bar


def sources_line(sources: list[str], as_of: str, confidence: str) -> str:
    """Where a fact comes from, when it was checked and how firm it is (markup-escaped)."""
    shown = "; ".join(escape(source) for source in sources)
    checked = f"[dim]Checked:[/dim] {escape(as_of)} · [dim]confidence:[/dim] {escape(confidence)}"
    return f"[dim]Sources:[/dim] {shown}\n{checked}"
