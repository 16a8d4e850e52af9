"""Importing a JSON Resume (schema 1.0.0), and the round trip profile → JSON Resume → import."""

from __future__ import annotations

import json
import operator
from datetime import date
from functools import partial

from hypothesis import given, settings
from hypothesis import strategies as st
from import_helpers import JSON_RESUME

from pathfinder.catalog.catalog import Catalog
from pathfinder.catalog.loader import load_catalog
from pathfinder.importers import map_found, read_found, read_found_bytes
from pathfinder.importers.json_resume import profile_to_json_resume
from pathfinder.profile import Degree, HeldCertification, Profile, Role

TODAY = date(2026, 12, 5)


def test_a_json_resume_maps_work_education_certificates_and_skill_levels(shipped_catalog: Catalog) -> None:
    result = map_found(read_found(JSON_RESUME), shipped_catalog, TODAY)
    profile = result.profile
    assert profile.name == "Priya Raman"
    assert [(r.title, r.background, r.start, r.end) for r in profile.roles] == [
        ("Customer Support Specialist", "customer-success", "2016-02", "2019-03"),
        ("Senior Business Analyst", "business-analyst", "2019-04", None),
    ]
    assert [(d.level, d.field) for d in profile.degrees] == [
        ("master", "economics"),
        ("bachelor", "business"),
    ]
    assert [(c.id, c.earned) for c in profile.certifications] == [("capm", date(2021, 11, 15))]
    levels = {s.skill: (s.level, s.level_text) for s in result.suggestions}
    assert levels["requirements-writing"] == (4, "Expert")
    assert levels["stakeholder-management"] == (3, "Advanced")
    assert levels["sql"] == (2, "Intermediate")
    reasons = {item.text: item.reason for item in result.unmapped}
    assert reasons["PMP Exam Prep Course"] == "reads as a course or exam preparation, not PMP"
    assert reasons["Tableau"] == "not a skill Pathfinder rates"


CATALOG = load_catalog(None)
MONTHS = st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(1990, 2025), st.integers(1, 12))


@st.composite
def profiles(draw: st.DrawFn) -> Profile:
    roles = []
    for _ in range(draw(st.integers(0, 4))):
        background = draw(st.sampled_from(list(CATALOG.backgrounds.values())))
        start = draw(MONTHS)
        end = draw(st.none() | MONTHS.filter(partial(operator.le, start)))
        roles.append(
            Role(title=background.aliases[0].title(), background=background.id, start=start, end=end)
        )
    degrees = [
        Degree(
            level=draw(st.sampled_from(list(CATALOG.degree_levels))),
            field=draw(st.sampled_from([f.id for f in CATALOG.degrees.fields])),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    cert_ids = draw(st.lists(st.sampled_from(list(CATALOG.certifications)), unique=True, max_size=4))
    certifications = [
        HeldCertification(id=cert_id, earned=draw(st.dates(date(2000, 1, 1), date(2026, 11, 30))))
        for cert_id in cert_ids
    ]
    return Profile(
        name=draw(st.sampled_from(["", "Sam Lee", "Zoë Ó"])),
        roles=roles,
        degrees=degrees,
        certifications=certifications,
    )


@settings(max_examples=60, deadline=None)
@given(profiles())
def test_profile_to_json_resume_and_back_keeps_roles_degrees_and_certifications(profile: Profile) -> None:
    data = json.dumps(profile_to_json_resume(profile, CATALOG)).encode("utf-8")
    imported = map_found(read_found_bytes(data), CATALOG, TODAY).profile
    key = lambda role: (role.start, role.title)  # noqa: E731
    assert [(r.title, r.background, r.start, r.end) for r in sorted(profile.roles, key=key)] == [
        (r.title, r.background, r.start, r.end) for r in sorted(imported.roles, key=key)
    ]
    assert [(d.level, d.field) for d in profile.degrees] == [(d.level, d.field) for d in imported.degrees]
    assert sorted((c.id, c.earned) for c in profile.certifications) == sorted(
        (c.id, c.earned) for c in imported.certifications
    )
    assert imported.name == profile.name
