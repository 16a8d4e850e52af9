"""What every report format shares: score bars, certification status words, gap wording and sources."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pathfinder.catalog.catalog import Catalog
from pathfinder.catalog.models import SKILL_LEVEL_NAMES
from pathfinder.engine.results import CertificationStatus, PathFit, Report, SkillGap, SkillStrength

BAR_WIDTH = 20
TOP_GAPS = 5
TOP_STRENGTHS = 5


def score_bar(score: float, width: int = BAR_WIDTH) -> str:
    """A 0–100 score as a bar of ``width`` cells (█ filled, ░ empty); callers print the number beside it."""
    clamped = min(100.0, max(0.0, score))
    filled = int(clamped / 100 * width + 0.5)
    return "█" * filled + "░" * (width - filled)


def points(value: float) -> str:
    """Points of the 0–100 score, always with one decimal so that columns line up (``25.0``)."""
    return f"{value:.1f}"


def score_text(score: float) -> str:
    return f"{points(score)} / 100"


def path_name(report_fit: PathFit) -> str:
    return report_fit.name or report_fit.path


def level_name(level: int) -> str:
    return SKILL_LEVEL_NAMES[level] if 0 <= level < len(SKILL_LEVEL_NAMES) else str(level)


def gap_text(gap: SkillGap) -> str:
    """``Scheduling: none → expert (importance 5, cost 20)``."""
    return (
        f"{gap.name}: {level_name(gap.level)} → {level_name(gap.target)} "
        f"(importance {gap.importance}, cost {gap.cost})"
    )


def strength_text(strength: SkillStrength) -> str:
    """``Roadmapping: proficient (target working)``."""
    return f"{strength.name}: {level_name(strength.level)} (target {level_name(strength.target)})"


def breakdown_title(fit: PathFit, is_target: bool) -> str:
    """``2. Project manager: 61.5 / 100 (your target)``: the heading of one path's breakdown."""
    return f"{fit.rank}. {path_name(fit)}: {score_text(fit.score)}" + (" (your target)" if is_target else "")


def strengths_line(fit: PathFit) -> str:
    """The path's top strengths on one line, separated by semicolons ("" when there are none)."""
    return "; ".join(strength_text(strength) for strength in fit.strengths[:TOP_STRENGTHS])


def top_gaps(fit: PathFit) -> list[str]:
    """The path's costliest gaps in words, largest first."""
    return [gap_text(gap) for gap in fit.gaps[:TOP_GAPS]]


@dataclass(frozen=True)
class StatusWords:
    """A certification's status as a symbol and words (never colour alone), and the detail to show."""

    symbol: str
    label: str
    detail: str
    style: str


def certification_words(status: CertificationStatus, today: date) -> StatusWords:
    """Held, eligible now, eligible from a later date, or not yet, with what is missing.

    A date on or before ``today`` is not shown: time is then not what stands in the way.
    """
    missing = "; ".join(status.missing)
    if status.held:
        if status.held_state == "renewal_due":
            return StatusWords("✓", "held, renewal due", status.held_note, "yellow")
        until = f"active until {status.active_until.isoformat()}" if status.active_until else ""
        return StatusWords("✓", "held", until, "green")
    lapsed = f"{status.held_note} " if status.held_state == "lapsed" else ""
    if status.eligible:
        detail = f"course: {status.course_required}" if status.course_required else ""
        return StatusWords("✓", "eligible now", (lapsed + detail).strip(), "green")
    if status.earliest_date is not None and status.earliest_date > today:
        detail = f"earliest {status.earliest_date.isoformat()}" + (f"; needs {missing}" if missing else "")
        return StatusWords("◷", "not yet", lapsed + detail, "yellow")
    return StatusWords("✗", "not yet", (lapsed + (f"needs {missing}" if missing else "")).strip(), "red")


UNCONFIRMED_NOTE = "⚠ unconfirmed rule"


@dataclass(frozen=True)
class SourceNote:
    """Where the figures about one path or certification come from, and when they were checked."""

    kind: str
    id: str
    name: str
    as_of: str
    confidence: str
    sources: tuple[str, ...]

    @property
    def details(self) -> str:
        """``certification; checked 2026-09; confirmed``: what the note is and how sure."""
        return f"{self.kind}; checked {self.as_of}; {self.confidence}"

    @property
    def sources_text(self) -> str:
        return "; ".join(self.sources)


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def source_notes(report: Report, catalog: Catalog) -> list[SourceNote]:
    """A note for every path and certification in the report that the catalog knows."""
    notes: list[SourceNote] = []
    for fit in report.paths:
        path = catalog.paths.get(fit.path)
        if path is not None:
            notes.append(
                SourceNote("path", path.id, path.name, path.as_of, path.confidence, _unique(path.sources))
            )
    for status in report.certifications:
        cert = catalog.certifications.get(status.certification)
        if cert is not None:
            sources = _unique([*cert.eligibility.sources, *cert.sources])
            as_of = max(cert.as_of, cert.eligibility.as_of)
            confidence = "unconfirmed" if status.unconfirmed else cert.eligibility.confidence
            notes.append(SourceNote("certification", cert.id, cert.short_name, as_of, confidence, sources))
    return notes


def target_name(report: Report) -> str:
    for fit in report.paths:
        if fit.path == report.target:
            return path_name(fit)
    return report.target or "none chosen"
