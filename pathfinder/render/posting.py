"""The posting X-ray for people and scripts: plain text, Markdown and JSON (see docs/posting.md).

Every format shows the same things: the paths ranked with the posting's lines that made the case for
each (and why), what the posting asks for, and, with a profile, the gaps and the steps that close them.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathfinder.engine.posting import LinePoints, PathScore, PostingXray
    from pathfinder.engine.posting_gaps import PostingGaps

POSTING_FORMAT = 1
"""Bumped when a JSON field changes meaning or disappears (new fields may appear at any time)."""
MAX_REASONS = 4


def _why(line: LinePoints, path_id: str) -> str:
    reasons = line.reasons.get(path_id, [])
    more = f", +{len(reasons) - MAX_REASONS} more" if len(reasons) > MAX_REASONS else ""
    return f"+{line.points[path_id]:.2f}: " + ", ".join(reasons[:MAX_REASONS]) + more


def posting_json(xray: PostingXray, gaps: PostingGaps | None = None) -> dict[str, Any]:
    """The X-ray as plain data: the fields documented in docs/posting.md."""
    return {
        "format": POSTING_FORMAT,
        "title": xray.title,
        "paths": [
            {
                "id": path.id,
                "name": path.name,
                "score": path.score,
                "evidence": [line.text for line in path.evidence],
                "why": [_why(line, path.id) for line in path.evidence],
            }
            for path in xray.paths
        ],
        "skills": [{"id": item.id, "name": item.name, "evidence": item.evidence} for item in xray.skills],
        "certifications": [
            {"id": item.id, "name": item.name, "evidence": item.evidence, "required": item.required}
            for item in xray.certifications
        ],
        "requirements": {
            "years": xray.years.value if xray.years else None,
            "degree": xray.degree.value if xray.degree else None,
            "evidence": {
                "years": xray.years.evidence if xray.years else None,
                "degree": xray.degree.evidence if xray.degree else None,
            },
        },
        "gaps": [
            {"kind": gap.kind, "id": gap.id, "have": gap.have, "need": gap.need, "evidence": gap.evidence}
            for gap in (gaps.gaps if gaps else [])
        ],
        "steps": [
            {
                "id": step.id,
                "title": step.title,
                "kind": step.kind,
                "due": step.due.isoformat() if step.due else None,
            }
            for step in (gaps.steps if gaps else [])
        ],
        "weak": xray.weak,
        "truncated": xray.truncated,
    }


def render_posting_json(xray: PostingXray, gaps: PostingGaps | None = None) -> str:
    return json.dumps(posting_json(xray, gaps), indent=2, ensure_ascii=False) + "\n"


def _path_lines(path: PathScore, rank: int, markdown: bool) -> list[str]:
    head = f"{rank}. {path.name} — {path.score:g}"
    lines = [f"### {head}" if markdown else head]
    for line in path.evidence:
        quoted = f"> “{line.text}”" if markdown else f"     “{line.text}”"
        lines.append(quoted)
        lines.append(("  " if markdown else "       ") + f"({_why(line, path.id)}; line {line.number})")
        if markdown:
            lines.append("")
    return lines


def posting_lines(xray: PostingXray, gaps: PostingGaps | None = None, *, markdown: bool = False) -> list[str]:
    """The X-ray as lines of text (or Markdown)."""
    h2 = "## " if markdown else ""
    bullet = "- " if markdown else "  • "
    lines = [f"# Posting X-ray: {xray.title}" if markdown else f"Posting X-ray: {xray.title}", ""]
    lines.append(f"{h2}Which path it describes (score = share of the evidence, 0–100)")
    lines.append("")
    if xray.weak:
        lines += ["The posting says little about any of the six paths: read this ranking as a guess.", ""]
    for rank, path in enumerate(xray.paths, start=1):
        lines += _path_lines(path, rank, markdown) if rank <= 3 else [f"{rank}. {path.name} — {path.score:g}"]
    lines += ["", f"{h2}What it asks for", ""]
    if xray.skills:
        lines.append("Skills: " + ", ".join(f"{item.name} (line {item.line})" for item in xray.skills))
    if xray.certifications:
        lines.append(
            "Certifications: "
            + ", ".join(
                f"{item.name}{'' if item.required else ' (a plus)'} (line {item.line})"
                for item in xray.certifications
            )
        )
    lines.append(
        f"Experience: {xray.years.value}+ years (“{xray.years.evidence}”)"
        if xray.years
        else "Experience: not stated"
    )
    lines.append(
        f"Degree: {xray.degree.value} (“{xray.degree.evidence}”)" if xray.degree else "Degree: not stated"
    )
    if gaps is not None:
        lines += ["", f"{h2}Your gap to it (as a {gaps.path.replace('-', ' ')})", ""]
        if not gaps.gaps:
            lines.append("Nothing it names is missing from your profile.")
        for gap in gaps.gaps:
            lines.append(
                f"{bullet}{gap.kind} {gap.id}: you have {gap.have}, it asks {gap.need} — “{gap.evidence}”"
            )
        if gaps.steps:
            lines += ["", "Plan steps that would close it:"]
            lines += [
                f"{bullet}{step.title}" + (f" (by {step.due.isoformat()})" if step.due else "")
                for step in gaps.steps
            ]
    if xray.truncated:
        lines += ["", "(The posting was longer than the X-ray reads; only its beginning was read.)"]
    return lines
