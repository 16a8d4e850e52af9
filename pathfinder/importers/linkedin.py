"""LinkedIn's "Get a copy of your data" export: the few CSV files that describe a career.

Each file is optional; columns are found by their header (in any order, any case, after a UTF-8 BOM);
every other file in the export is ignored. Quoting must be valid CSV: a broken file is an error that
names the file and the line, never a half-read history.
"""

from __future__ import annotations

import csv
import io
from typing import Protocol

from pathfinder.importers.archive import ImportFileError
from pathfinder.importers.dates import parse_date
from pathfinder.importers.records import Found, FoundCertificate, FoundDegree, FoundRole, FoundSkill

FILES = ("Profile.csv", "Positions.csv", "Education.csv", "Certifications.csv", "Skills.csv")


class Members(Protocol):
    label: str

    def read(self, base_name: str) -> bytes | None: ...


def _decode(data: bytes, label: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"{label} is not UTF-8 text (byte {error.start}); LinkedIn exports are UTF-8. "
            "Export it again, or save it as UTF-8."
        ) from None


def read_rows(data: bytes, label: str) -> list[dict[str, str]]:
    """The rows of a CSV file as {lower-case header: value}; broken quoting raises ``ImportFileError``."""
    text = _decode(data, label)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = list(reader)  # csv's own field limit (128 KiB) bounds each field
    except csv.Error as error:
        raise ImportFileError(
            f"{label}, line {reader.line_num}: not valid CSV ({error}). "
            "Export it again from LinkedIn, or fix the quoting on that line."
        ) from None
    if not rows:
        return []
    header = [name.strip().lstrip("\ufeff").casefold() for name in rows[0]]
    return [
        {name: (row[index].strip() if index < len(row) else "") for index, name in enumerate(header)}
        for row in rows[1:]
        if any(cell.strip() for cell in row)
    ]


def _value(row: dict[str, str], *names: str) -> str:
    for name in names:
        if row.get(name):
            return row[name]
    return ""


def read_linkedin(members: Members) -> Found:
    """The career in a LinkedIn export (ZIP or folder)."""
    found = Found(format="linkedin")
    tables: dict[str, list[dict[str, str]]] = {}
    for file_name in FILES:
        data = members.read(file_name)
        if data is None:
            found.files_missing.append(file_name)
            continue
        found.files_read.append(file_name)
        tables[file_name] = read_rows(data, f"{file_name} in {members.label}")
    for row in tables.get("Profile.csv", [])[:1]:
        found.name = " ".join(part for part in (row.get("first name", ""), row.get("last name", "")) if part)
        found.headline = row.get("headline", "")
    for number, row in enumerate(tables.get("Positions.csv", []), start=2):
        found.roles.append(
            FoundRole(
                title=_value(row, "title"),
                company=_value(row, "company name", "company"),
                description=_value(row, "description"),
                start=parse_date(_value(row, "started on", "start date")),
                end=parse_date(_value(row, "finished on", "end date")),
                where=f"Positions.csv row {number}",
            )
        )
    for number, row in enumerate(tables.get("Education.csv", []), start=2):
        found.degrees.append(
            FoundDegree(
                school=_value(row, "school name", "school"),
                degree=_value(row, "degree name", "degree"),
                field=_value(row, "field of study"),
                end=parse_date(_value(row, "end date", "finished on")),
                where=f"Education.csv row {number}",
            )
        )
    for number, row in enumerate(tables.get("Certifications.csv", []), start=2):
        found.certificates.append(
            FoundCertificate(
                name=_value(row, "name"),
                issuer=_value(row, "authority"),
                started=parse_date(_value(row, "started on")),
                finished=parse_date(_value(row, "finished on")),
                where=f"Certifications.csv row {number}",
            )
        )
    for number, row in enumerate(tables.get("Skills.csv", []), start=2):
        if name := _value(row, "name"):
            found.skills.append(FoundSkill(name=name, level="", where=f"Skills.csv row {number}"))
    return found
