"""JSON Resume (https://jsonresume.org/schema, version 1.0.0): read one, or write a profile as one.

Only the sections Pathfinder uses are read: ``basics`` (name, label), ``work``, ``education``,
``certificates`` and ``skills`` (with ``level`` and ``keywords``). A JSON document without any of them
is not a resume and is refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pathfinder.importers.archive import ImportFileError
from pathfinder.importers.dates import parse_date
from pathfinder.importers.records import Found, FoundCertificate, FoundDegree, FoundRole, FoundSkill

if TYPE_CHECKING:
    from pathfinder.catalog.catalog import Catalog
    from pathfinder.profile import HeldCertification, Profile

SECTIONS = ("work", "education", "certificates", "skills")
MAX_ITEMS = 500
"""Entries read per section (a real resume has tens)."""


def _text(item: dict[str, Any], key: str, limit: int = 2000) -> str:
    value = item.get(key)
    return value.strip()[:limit] if isinstance(value, str) else ""


def _items(document: dict[str, Any], section: str, label: str) -> list[dict[str, Any]]:
    value = document.get(section, [])
    if not isinstance(value, list):
        raise ImportFileError(f"{label}: `{section}` should be a list of entries (JSON Resume 1.0.0).")
    return [item for item in value[:MAX_ITEMS] if isinstance(item, dict)]


def is_resume(document: object) -> bool:
    """Whether a parsed JSON value looks like a JSON Resume: an object with a resume section."""
    if not isinstance(document, dict):
        return False
    has_section = any(isinstance(document.get(section), list) for section in SECTIONS)
    return has_section or isinstance(document.get("basics"), dict)


def read_json_resume(document: dict[str, Any], label: str) -> Found:
    """The career in a parsed JSON Resume."""
    found = Found(format="json-resume", files_read=[label])
    basics = document.get("basics")
    if isinstance(basics, dict):
        found.name = _text(basics, "name", 80)
        found.headline = _text(basics, "label", 200)
    for index, item in enumerate(_items(document, "work", label)):
        highlights = item.get("highlights")
        lines = [line for line in highlights if isinstance(line, str)] if isinstance(highlights, list) else []
        found.roles.append(
            FoundRole(
                title=_text(item, "position", 200),
                company=_text(item, "name", 200) or _text(item, "company", 200),
                description="\n".join([_text(item, "summary"), *lines[:50]]).strip(),
                start=parse_date(_text(item, "startDate", 40)),
                end=parse_date(_text(item, "endDate", 40)),
                where=f"work[{index}]",
            )
        )
    for index, item in enumerate(_items(document, "education", label)):
        found.degrees.append(
            FoundDegree(
                school=_text(item, "institution", 200),
                degree=_text(item, "studyType", 200),
                field=_text(item, "area", 200),
                end=parse_date(_text(item, "endDate", 40)),
                where=f"education[{index}]",
            )
        )
    for index, item in enumerate(_items(document, "certificates", label)):
        found.certificates.append(
            FoundCertificate(
                name=_text(item, "name", 200),
                issuer=_text(item, "issuer", 200),
                started=parse_date(_text(item, "date", 40)),
                finished=None,
                where=f"certificates[{index}]",
            )
        )
    for index, item in enumerate(_items(document, "skills", label)):
        level = _text(item, "level", 40)
        if name := _text(item, "name", 200):
            found.skills.append(FoundSkill(name=name, level=level, where=f"skills[{index}]"))
        keywords = item.get("keywords")
        for keyword in keywords[:50] if isinstance(keywords, list) else []:
            if isinstance(keyword, str) and keyword.strip():
                where = f"skills[{index}].keywords"
                found.skills.append(FoundSkill(name=keyword.strip()[:200], level=level, where=where))
    return found


LEVEL_WORDS = ("", "Beginner", "Intermediate", "Advanced", "Expert")


def profile_to_json_resume(profile: Profile, catalog: Catalog) -> dict[str, Any]:
    """A profile written as a JSON Resume: roles as ``work``, degrees, certificates and rated skills."""
    levels = catalog.degree_levels
    fields = {item.id: item.name for item in catalog.degrees.fields}
    resume: dict[str, Any] = {
        "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
        "basics": {"name": profile.name},
        "work": [
            {"name": "", "position": role.title, "startDate": role.start}
            | ({"endDate": role.end} if role.end else {})
            for role in profile.roles
        ],
        "education": [
            {
                "institution": "",
                "studyType": levels[degree.level].name if degree.level in levels else degree.level,
                "area": fields.get(degree.field, degree.field),
            }
            | ({"endDate": degree.completed} if degree.completed else {})
            for degree in profile.degrees
        ],
        "certificates": [
            {
                "name": catalog.certifications[held.id].name
                if held.id in catalog.certifications
                else held.id,
                "date": earned_text(held),
                "issuer": catalog.certifications[held.id].issuer if held.id in catalog.certifications else "",
            }
            for held in profile.certifications
        ],
        "skills": [
            {"name": catalog.skills[skill].name, "level": LEVEL_WORDS[level]}
            for skill, level in profile.skills.items()
            if skill in catalog.skills and level > 0
        ],
    }
    return resume


def earned_text(held: HeldCertification) -> str:
    """A JSON Resume date for when a credential was earned: a day, a year alone, or empty when unknown."""
    if held.earned is None:
        return ""
    return held.earned.isoformat() if not isinstance(held.earned, int) else str(held.earned)
