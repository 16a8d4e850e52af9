"""Each import mapping rule on its own: dates, degree levels and fields, titles, certificates, skills."""

from __future__ import annotations

from datetime import date

import pytest

from pathfinder.catalog.catalog import Catalog
from pathfinder.importers.dates import PartialDate, parse_date
from pathfinder.importers.degrees import read_field, read_level
from pathfinder.importers.mapping import Matchers, map_found
from pathfinder.importers.records import Found, FoundCertificate, FoundRole, FoundSkill

TODAY = date(2026, 12, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mar 2021", PartialDate(2021, 3)),
        ("September 2017", PartialDate(2017, 9)),
        ("2019-04-01", PartialDate(2019, 4, 1)),
        ("2016-02", PartialDate(2016, 2)),
        ("2015", PartialDate(2015)),
        ("03/2020", PartialDate(2020, 3)),
        ("", None),
        ("Present", None),
        ("Foo 2020", None),
        ("2021-13", None),
        ("2021-02-30", None),
    ],
)
def test_dates_as_cvs_write_them(text: str, expected: PartialDate | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("degree", "level"),
    [
        ("Bachelor of Science - BS, Computer Science", "bachelor"),
        ("BA (Hons) History", "bachelor"),
        ("Master of Business Administration - MBA", "mba"),
        ("Master of Science - MS, Information Systems", "master"),
        ("MSc Economics", "master"),
        ("Doctor of Philosophy - PhD", "doctorate"),
        ("Doctorate", "doctorate"),
        ("Associate of Applied Science - AAS", "associate"),
        ("High School Diploma", "secondary"),
        ("Google Project Management: Professional Certificate", None),
        ("Data Analyst Nanodegree", None),
        ("Coding bootcamp", None),
    ],
)
def test_degree_levels_by_pattern_and_a_course_is_never_a_degree(degree: str, level: str | None) -> None:
    reading = read_level(degree)
    assert reading.level == level
    assert reading.course == (level is None)


def test_degree_fields_from_the_name_or_kept_as_written(shipped_catalog: Catalog) -> None:
    matcher = Matchers(shipped_catalog).fields
    assert read_field("Bachelor of Science - BS, Computer Science", "", matcher)[0] == "computer-science"
    assert read_field("Master", "Business Administration", matcher)[0] == "business"
    assert read_field("Bachelor of Arts - BA, Medieval Basket Weaving", "", matcher) == (
        "Medieval Basket Weaving", "Medieval Basket Weaving", 0.0,
    )  # fmt: skip


def role(title: str, description: str = "") -> FoundRole:
    return FoundRole(title, "Acme", description, PartialDate(2020, 1), None, "work[0]")


def test_titles_map_through_aliases_and_descriptions(shipped_catalog: Catalog) -> None:
    found = Found(
        format="json-resume",
        roles=[
            role("Full Stack Developer"),
            role("Head of Stuff", "I ran the team as team leader and a shift supervisor for years."),
            role("Chief Vibes Officer"),
        ],
    )
    result = map_found(found, shipped_catalog, TODAY)
    assert [r.background for r in result.profile.roles] == ["software-engineer", "team-lead", None]
    described = next(item for item in result.mappings if item.text == "Head of Stuff")
    assert described.detail == "from the description" and described.score < 85
    assert any(item.text == "Chief Vibes Officer at Acme" for item in result.unmapped)


def test_certificates_lapse_when_their_end_has_passed_and_undated_ones_are_asked(
    shipped_catalog: Catalog,
) -> None:
    found = Found(
        format="linkedin",
        certificates=[
            FoundCertificate(
                "Project Management Professional (PMP)",
                "PMI",
                PartialDate(2020, 5),
                PartialDate(2026, 5),
                "r2",
            ),
            FoundCertificate(
                "PRINCE2® Foundation Certificate in Project Management",
                "PeopleCert",
                PartialDate(2024, 1),
                PartialDate(2027, 1),
                "r3",
            ),
            FoundCertificate("Certified Scrum Product Owner", "Scrum Alliance", None, None, "r4"),
        ],
    )
    result = map_found(found, shipped_catalog, TODAY)
    held = {c.id: c.status for c in result.profile.certifications}
    assert held == {"pmp": "lapsed", "prince2-foundation": "active"}
    assert any("When did you earn CSPO" in q.text for q in result.questions)


def test_skill_levels_from_words_and_the_highest_suggestion_wins(shipped_catalog: Catalog) -> None:
    found = Found(
        format="json-resume",
        skills=[
            FoundSkill("Roadmapping", "Beginner", "skills[0]"),
            FoundSkill("Product roadmap", "Advanced", "skills[1]"),
            FoundSkill("Scrum", "", "skills[2]"),
            FoundSkill("Underwater welding", "Expert", "skills[3]"),
        ],
    )
    result = map_found(found, shipped_catalog, TODAY)
    assert {s.skill: s.level for s in result.suggestions} == {"roadmapping": 3, "scrum": 1}
    assert [u.text for u in result.unmapped] == ["Underwater welding"]
