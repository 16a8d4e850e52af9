"""Found records → a profile, with every mapping explained and nothing invented.

Roles keep their titles and dates and get the closest background (by title, else by what the
description mentions); degrees get a level and a field; certificates become held certifications
(``earned`` from the start date, lapsed once the end date has passed); skills become suggestions with
the file's level. What cannot be mapped is listed; what the file cannot say is asked.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from pathfinder.engine.credentials import cycle_start
from pathfinder.importers.degrees import read_field, read_level
from pathfinder.importers.matching import Matcher, clean
from pathfinder.importers.records import (
    Found,
    FoundCertificate,
    FoundRole,
    ImportResult,
    Mapped,
    Question,
    SkillSuggestion,
    Unmapped,
)

if TYPE_CHECKING:
    from pathfinder.catalog.catalog import Catalog
    from pathfinder.profile import Degree, HeldCertification, Role

MAX_ENTRIES = 200
"""Roles, degrees and certificates mapped per import (more are listed as not read)."""
MAX_SKILLS = 300
LEVELS = {"beginner": 1, "novice": 1, "intermediate": 2, "advanced": 3, "expert": 4, "master": 4}
NO_LEVEL = 1
"""A skill listed without a level: listing it claims at least awareness (1), nothing more."""
_TITLE_SPLIT = re.compile(r"\s+(?:/|\||&|-|–|—|and)\s+|,\s*|\s*/\s*")
AGILE_WORDS = re.compile(r"\b(scrum|kanban|sprints?|agile|stand-?ups?|retrospectives?)\b", re.IGNORECASE)
COURSE_WORDS = re.compile(r"\b(prep|preparation|course|training|bootcamp|exam prep|study)\b", re.IGNORECASE)


class Matchers:
    """One matcher per kind, built once per import from the catalog's names and aliases."""

    def __init__(self, catalog: Catalog) -> None:
        self.backgrounds = Matcher((b.id, (b.name, *b.aliases)) for b in catalog.backgrounds.values())
        self.certifications = Matcher(
            (c.id, (c.name, c.short_name, *c.aliases)) for c in catalog.certifications.values()
        )
        self.skills = Matcher((s.id, (s.name, *s.aliases)) for s in catalog.skills.values())
        self.fields = Matcher((f.id, (f.name,)) for f in catalog.degrees.fields)
        self.background_phrases = [
            (b.id, alias)
            for b in catalog.backgrounds.values()
            for alias in (b.name, *b.aliases)
            if " " in alias
        ]


def _background(role: FoundRole, matchers: Matchers) -> tuple[str, float, str, str] | None:
    """(background id, score, the name matched, the text it came from) for a role, or None."""
    parts = [part for part in _TITLE_SPLIT.split(role.title) if part.strip()] or [role.title]
    best = None
    for part in parts:
        match = matchers.backgrounds.best(part, threshold=85.0)
        if match is not None and (best is None or match.score > best[1]):
            best = (match.id, match.score, match.via, f"the title part “{part.strip()}”")
    if best is not None:
        return best
    description = " " + clean(role.description) + " "
    hits: dict[str, list[str]] = {}
    for background_id, phrase in matchers.background_phrases:
        if f" {clean(phrase)} " in description:
            hits.setdefault(background_id, []).append(phrase)
    if hits:
        background_id, phrases = max(hits.items(), key=lambda item: len(item[1]))
        return background_id, min(84.0, 70.0 + 5.0 * len(phrases)), ", ".join(phrases), "the description"
    return None


def _map_role(role: FoundRole, result: ImportResult, matchers: Matchers, catalog: Catalog) -> Role | None:
    from pathfinder.profile import Role

    label = f"{role.title or 'untitled role'}" + (f" at {role.company}" if role.company else "")
    if role.start is None:
        result.unmapped.append(Unmapped("role", label, role.where, "no start date, so it cannot be counted"))
        result.questions.append(Question(f"When did you start as {label}?", role.where))
        return None
    end = role.end.year_month(12) if role.end is not None else None
    start = role.start.year_month(1)
    if end is not None and end < start:
        result.unmapped.append(
            Unmapped("role", label, role.where, f"ends ({end}) before it starts ({start})")
        )
        return None
    for part, partial in (("start", role.start), ("end", role.end)):
        if partial is not None and partial.month is None:
            month = "January" if part == "start" else "December"
            result.questions.append(
                Question(
                    f"The file gives only the year of {label}'s {part} ({partial.year}); {month} was "
                    "assumed. Which month was it?",
                    role.where,
                )
            )
    found = _background(role, matchers)
    background = None
    if found is not None:
        background, score, via, text = found
        name = catalog.backgrounds[background].name
        result.mappings.append(
            Mapped("role", role.title, role.where, background, name, score, via, f"from {text}")
        )
    else:
        result.unmapped.append(
            Unmapped(
                "role", label, role.where, "no Pathfinder background is close; the role is kept without one"
            )
        )
    result.questions.append(
        Question(
            f"Did you lead projects as {role.title or 'this role'}"
            + (f" at {role.company}" if role.company else "")
            + "? From when?",
            role.where,
        )
    )
    if agile := AGILE_WORDS.search(role.description):
        result.questions.append(
            Question(
                f"Was your work as {role.title} on agile projects? "
                f"The description mentions “{agile.group(0)}”.",
                role.where,
            )
        )
    return Role(title=(role.title or "Untitled role")[:120], background=background, start=start, end=end)


def _map_certificate(
    certificate: FoundCertificate, today: date, result: ImportResult, matchers: Matchers, catalog: Catalog
) -> HeldCertification | None:
    from pathfinder.profile import HeldCertification

    text = certificate.name
    match = matchers.certifications.best(text, threshold=85.0)
    if match is not None and match.rule != "acronym" and COURSE_WORDS.search(text):
        result.unmapped.append(
            Unmapped(
                "certification",
                text,
                certificate.where,
                f"reads as a course or exam preparation, not {match.via}",
            )
        )
        return None
    if match is None:
        result.unmapped.append(
            Unmapped("certification", text, certificate.where, "not a certification Pathfinder knows")
        )
        return None
    known = catalog.certifications[match.id]
    if certificate.started is None:
        result.questions.append(
            Question(f"When did you earn {known.short_name} (“{text}”)?", certificate.where)
        )
        result.unmapped.append(
            Unmapped("certification", text, certificate.where, "no date earned in the file")
        )
        return None
    earned = certificate.started.first_day()
    lapsed = certificate.finished is not None and certificate.finished.first_day() < today
    detail = f"earned {earned.isoformat()}" + (f", lapsed (ended {certificate.finished})" if lapsed else "")
    result.mappings.append(
        Mapped(
            "certification",
            text,
            certificate.where,
            known.id,
            known.short_name,
            match.score,
            match.via,
            detail,
        )
    )
    return HeldCertification(id=known.id, earned=earned, status="lapsed" if lapsed else "active")


def _map_degrees(
    found: Found,
    result: ImportResult,
    matchers: Matchers,
    catalog: Catalog,
    today: date,
    courses: list[HeldCertification],
) -> list[Degree]:
    """Degrees with a level and field; a course that is a known certification goes to ``courses``."""
    from pathfinder.profile import Degree

    degrees: list[Degree] = []
    for item in found.degrees[:MAX_ENTRIES]:
        text = item.degree or item.school
        reading = read_level(item.degree)
        if reading.level is None and reading.course and matchers.certifications.best(item.degree) is not None:
            course = FoundCertificate(item.degree, item.school, item.end, None, item.where)
            certificate = _map_certificate(course, today, result, matchers, catalog)
            if certificate is not None:
                courses.append(certificate)
                continue
        if reading.level is None:
            why = (
                "a course or certificate, not a degree" if reading.course else "no degree level could be read"
            )
            result.unmapped.append(
                Unmapped("degree", text + (f" ({item.school})" if item.school else ""), item.where, why)
            )
            continue
        field, field_text, field_score = read_field(item.degree, item.field, matchers.fields)
        level_name = (
            catalog.degree_levels[reading.level].name
            if reading.level in catalog.degree_levels
            else reading.level
        )
        detail = f"field {field!r}" + (
            f" from “{field_text}” ({field_score:g})" if field_score else " as written"
        )
        result.mappings.append(
            Mapped("degree", text, item.where, reading.level, level_name, 100.0, reading.rule, detail)
        )
        completed = item.end.year_month(6) if item.end is not None else None
        degrees.append(Degree(level=reading.level, field=field, completed=completed))
        if "project management" in clean(f"{item.degree} {item.field}"):
            result.questions.append(
                Question(
                    f"Is your {text} from a programme accredited by PMI's GAC? It shortens the PMP's "
                    "experience requirement.",
                    item.where,
                )
            )
    return degrees


def _map_skills(found: Found, result: ImportResult, matchers: Matchers, catalog: Catalog) -> None:
    chosen: dict[str, SkillSuggestion] = {}
    for item in found.skills[:MAX_SKILLS]:
        match = matchers.skills.best(item.name, threshold=85.0)
        if match is None:
            result.unmapped.append(Unmapped("skill", item.name, item.where, "not a skill Pathfinder rates"))
            continue
        level = LEVELS.get(item.level.strip().casefold(), NO_LEVEL)
        suggestion = SkillSuggestion(
            match.id, catalog.skills[match.id].name, level, item.level, item.name, item.where, match.score
        )
        result.mappings.append(
            Mapped(
                "skill",
                item.name,
                item.where,
                match.id,
                suggestion.skill_name,
                match.score,
                match.via,
                f"suggested level {level}" + (f" ({item.level})" if item.level else " (no level given)"),
            )
        )
        if match.id not in chosen or chosen[match.id].level < level:
            chosen[match.id] = suggestion
    result.suggestions = list(chosen.values())
    if len(found.skills) > MAX_SKILLS:
        result.unmapped.append(
            Unmapped("skill", f"{len(found.skills) - MAX_SKILLS} more skills", "", "not read")
        )


def map_found(found: Found, catalog: Catalog, today: date) -> ImportResult:
    """Map what was found onto the catalog; ``today`` decides which certifications have lapsed."""
    from pathfinder.profile import Profile

    result = ImportResult(found=found, profile=Profile())
    matchers = Matchers(catalog)
    roles = [
        role for item in found.roles[:MAX_ENTRIES] if (role := _map_role(item, result, matchers, catalog))
    ]
    roles.sort(key=lambda role: role.start)
    courses: list[HeldCertification] = []
    degrees = _map_degrees(found, result, matchers, catalog, today, courses)
    held: dict[str, HeldCertification] = {}
    listed = [
        _map_certificate(item, today, result, matchers, catalog) for item in found.certificates[:MAX_ENTRIES]
    ]
    for mapped in [*listed, *courses]:
        if mapped is not None and (
            mapped.id not in held or _earned_day(held[mapped.id]) < _earned_day(mapped)
        ):
            held[mapped.id] = mapped
    _map_skills(found, result, matchers, catalog)
    for kind, items in (
        ("role", found.roles),
        ("degree", found.degrees),
        ("certification", found.certificates),
    ):
        if len(items) > MAX_ENTRIES:
            result.unmapped.append(Unmapped(kind, f"{len(items) - MAX_ENTRIES} more entries", "", "not read"))
    if roles:
        result.questions.append(
            Question(
                "How many hours of project-management training have you had (courses, bootcamps)? "
                "The PMP asks for 35, the CAPM for 23.",
                "training",
            )
        )
    result.profile = Profile(
        name=found.name[:80], roles=roles, degrees=degrees, certifications=list(held.values())
    )
    return result


def _earned_day(held: HeldCertification) -> date:
    """When a credential was earned, for choosing the latest of two (unknown counts as earliest)."""
    return cycle_start(held) or date.min
