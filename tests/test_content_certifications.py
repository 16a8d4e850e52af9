"""The shipped certification content: complete, sourced, dated, and honest about what is unconfirmed.

Each file is read with tomllib and validated with the pydantic models directly, so a failure names the
file; one test also checks the loader's view of the whole shipped content.
"""

from __future__ import annotations

import itertools
import re
from datetime import date
from functools import cache

import pytest
from core_helpers import CERTIFICATION_IDS, SHIPPED_CONTENT, one_per_file, read_toml, shipped_problems_in

from pathfinder.catalog.catalog import Catalog
from pathfinder.catalog.models import Certification, ExamFormat, Fact, Resource

CERT_DIR = SHIPPED_CONTENT / "certifications"
PREP_FILE = SHIPPED_CONTENT / "resources" / "certification-prep.toml"
SCRUM_ALLIANCE_COURSE = "a 16-hour live course with a Certified Scrum Trainer (about 14 hours online)"


@cache
def certifications() -> dict[str, Certification]:
    """Every certification file, validated, by id (each file holds exactly one, named after its id)."""
    return one_per_file(CERT_DIR, "certification", Certification)


@cache
def prep_resources() -> dict[str, Resource]:
    data = read_toml(PREP_FILE)
    assert set(data) == {"resource"}
    resources = [Resource.model_validate(entry) for entry in data["resource"]]
    ids = [resource.id for resource in resources]
    assert len(ids) == len(set(ids)), "duplicate resource ids"
    return {resource.id: resource for resource in resources}


def cert(cert_id: str) -> Certification:
    return certifications()[cert_id]


def fee(cert_id: str, label: str) -> Fact:
    matches = [fact for fact in cert(cert_id).fees if fact.label == label]
    assert len(matches) == 1, f"{cert_id}: expected one fee labelled {label!r}"
    return matches[0]


def test_all_certifications_are_present_one_per_file() -> None:
    assert set(certifications()) == CERTIFICATION_IDS


@pytest.mark.parametrize("cert_id", sorted(CERTIFICATION_IDS))
def test_every_certification_is_sourced_dated_and_states_its_eligibility(cert_id: str) -> None:
    item = cert(cert_id)
    assert item.sources and all(source.strip() for source in item.sources)
    assert item.as_of
    assert item.eligibility.statement.strip()
    assert item.eligibility.sources and item.eligibility.as_of
    records = [*item.exams, *item.fees, *([item.renewal] if item.renewal else [])]
    for record in records:
        assert record.sources and record.as_of
    assert item.renewal is not None, "say what renewal needs, or that it is unconfirmed"


def test_pmp_eligibility_is_exactly_pmis_three_routes() -> None:
    routes = cert("pmp").eligibility.routes
    assert {(route.education, route.months_leading_projects) for route in routes} == {
        ("secondary", 60),
        ("bachelor", 36),
        ("gac", 24),
    }
    assert len(routes) == 3
    for route in routes:
        assert route.window_years == 8
        assert route.training_hours == 35 and route.training_kind == "pm"
        assert route.training_waived_by == ["capm"]
        assert route.months_agile == route.months_programs == 0
        assert route.experience_waived_by == [] and route.requires_any == [] and route.course == ""


def test_pmp_has_two_exam_formats_split_at_9_july_2026() -> None:
    old, new = sorted(cert("pmp").exams, key=lambda exam: exam.valid_from or date.min)
    assert old.valid_from is None and old.valid_until == date(2026, 7, 8)
    assert (old.questions.split()[0], old.minutes) == ("180", 230)
    assert new.valid_from == date(2026, 7, 9) and new.valid_until is None
    assert (new.questions.split()[0], new.minutes) == ("185", 240)
    assert "9 July 2026" in new.notes and "unconfirmed" not in new.notes.lower()


def test_pmp_fees_follow_pmis_page_as_quoted_in_2026() -> None:
    non_member = fee("pmp", "Exam fee, non-member")
    assert (non_member.value, non_member.confidence) == ("$675", "secondary")
    assert "$555" in non_member.note and "$575" in non_member.note  # the older figures, said to be older
    renewal = cert("pmp").renewal
    assert renewal is not None and renewal.cycle_years == 3 and "60 PDUs" in renewal.requirement


UNCONFIRMED_FEES = [
    ("pmp", "Exam fee, PMI member", None),
    ("comptia-project-plus", "Exam voucher", None),
    ("aipmm-cpm", "Exam fee", None),
    ("capm", "Exam fee, non-member", "$300"),
    ("pmi-acp", "Exam fee, non-member", "$495"),
    ("google-pm", "Coursera subscription", None),
    ("pragmatic-pmc", "Course fee", None),
]


@pytest.mark.parametrize(("cert_id", "label", "value"), UNCONFIRMED_FEES)
def test_unconfirmed_fees_are_marked_unconfirmed(cert_id: str, label: str, value: str | None) -> None:
    fact = fee(cert_id, label)
    assert fact.confidence == "unconfirmed"
    if value is not None:
        assert fact.value == value


def test_psm_1_keeps_scrum_orgs_200_fee_as_official() -> None:
    fact = fee("psm-1", "Assessment fee (per attempt)")
    assert (fact.value, fact.confidence) == ("$200", "official")


@pytest.mark.parametrize("cert_id", ["comptia-project-plus", "pragmatic-pmc", "aipmm-cpm", "ipma"])
def test_renewal_rules_nobody_confirmed_are_marked_unconfirmed(cert_id: str) -> None:
    renewal = cert(cert_id).renewal
    assert renewal is not None and renewal.confidence == "unconfirmed"
    assert renewal.cycle_years is None


def test_comptia_validity_conflict_names_both_claims() -> None:
    renewal = cert("comptia-project-plus").renewal
    assert renewal is not None
    assert "lifetime" in renewal.requirement and "3 years" in renewal.requirement


def test_aipmm_cpm_is_unconfirmed_throughout_except_the_voucher_rules() -> None:
    item = cert("aipmm-cpm")
    assert item.confidence == item.eligibility.confidence == "unconfirmed"
    assert "unconfirmed" in item.eligibility.statement.lower()
    assert all(exam.confidence == "unconfirmed" for exam in item.exams)
    assert fee("aipmm-cpm", "Exam voucher rules").confidence == "official"


def test_pmi_acp_exam_format_after_the_2024_update_is_settled() -> None:
    assert [exam.confidence for exam in cert("pmi-acp").exams] == ["secondary"]


def test_a_renewal_without_a_cycle_is_either_stated_lifetime_or_unconfirmed() -> None:
    for item in certifications().values():
        renewal = item.renewal
        if renewal is not None and renewal.cycle_years is None and renewal.confidence != "unconfirmed":
            assert renewal.requirement.startswith("Does not expire"), item.id


def test_facts_that_say_not_confirmed_are_never_shown_as_certain() -> None:
    for item in certifications().values():
        records: list[Fact | ExamFormat] = [*item.fees, *item.exams]
        for record in records:
            text = record.value if isinstance(record, Fact) else record.questions
            if re.match(r"not confirmed", text, re.IGNORECASE):
                assert record.confidence == "unconfirmed", f"{item.id}: {text}"
        if item.renewal and item.renewal.requirement.lower().startswith("not confirmed"):
            assert item.renewal.confidence == "unconfirmed", item.id


def test_other_pmi_eligibility_rules_as_data() -> None:
    (capm,) = cert("capm").eligibility.routes
    assert (capm.education, capm.training_hours, capm.training_kind) == ("secondary", 23, "pm")
    assert capm.months_leading_projects == capm.months_agile == capm.months_programs == 0

    (acp,) = cert("pmi-acp").eligibility.routes
    assert (acp.education, acp.months_agile, acp.window_years) == ("secondary", 24, 5)
    assert acp.experience_waived_by == ["pmp"]
    assert (acp.training_hours, acp.training_kind) == (28, "agile")
    assert cert("pmi-acp").eligibility.confidence == "secondary"

    pgmp = cert("pgmp").eligibility
    assert {
        (route.education, route.months_leading_projects, route.months_programs, route.window_years)
        for route in pgmp.routes
    } == {("secondary", 48, 84, 15), ("bachelor", 48, 48, 15), ("gac", 36, 36, 15)}
    assert "panel" in pgmp.statement


def test_other_certifications_eligibility_rules_as_data() -> None:
    for no_prerequisites in ("prince2-foundation", "comptia-project-plus", "google-pm", "psm-1", "pspo-1"):
        assert cert(no_prerequisites).eligibility.routes == [], no_prerequisites
    assert "6 to 12 months" in cert("comptia-project-plus").eligibility.statement

    practitioner = cert("prince2-practitioner").eligibility
    (route,) = practitioner.routes
    assert set(route.requires_any) == {"prince2-foundation", "pmp", "capm", "ipma"}
    assert "IPMA" in practitioner.statement and "PMQ" in practitioner.statement

    for scrum_alliance in ("csm", "cspo"):
        (course_route,) = cert(scrum_alliance).eligibility.routes
        assert course_route.course == SCRUM_ALLIANCE_COURSE
        assert course_route.education == "none" and course_route.months_leading_projects == 0

    pragmatic = cert("pragmatic-pmc").eligibility
    assert pragmatic.confidence == "unconfirmed" and pragmatic.routes[0].course


def test_credentials_named_in_eligibility_rules_exist() -> None:
    for item in certifications().values():
        for route in item.eligibility.routes:
            named = {
                *route.requires_any,
                *route.experience_waived_by,
                *route.training_waived_by,
                *route.leading_months_waived_by,
                *route.agile_months_waived_by,
                *route.program_months_waived_by,
            }
            assert named <= CERTIFICATION_IDS - {item.id}, f"{item.id}: {named - CERTIFICATION_IDS}"


def test_exam_versions_have_ordered_non_overlapping_dates() -> None:
    for item in certifications().values():
        spans = sorted(
            ((exam.valid_from or date.min, exam.valid_until or date.max) for exam in item.exams),
        )
        for start, end in spans:
            assert start <= end, item.id
        for (_, first_end), (second_start, _) in itertools.pairwise(spans):
            assert first_end < second_start, item.id


def test_every_certification_lists_prep_resources_defined_with_its_prefix() -> None:
    resources = prep_resources()
    used: set[str] = set()
    for item in certifications().values():
        assert item.resources, f"{item.id} lists no prep resources"
        for resource_id in item.resources:
            assert resource_id in resources, f"{item.id}: unknown resource {resource_id}"
            assert resource_id.startswith(f"{item.id}-"), resource_id
        used.update(item.resources)
    assert used == set(resources), f"prep resources no certification uses: {set(resources) - used}"


def test_loader_accepts_the_certification_files_and_loads_complete_content(shipped_catalog: Catalog) -> None:
    """The whole shipped content loads (every cross-check passes) with every certification."""
    assert shipped_problems_in([*CERT_DIR.glob("*.toml"), PREP_FILE]) == []
    catalog = shipped_catalog
    assert set(catalog.certifications) == CERTIFICATION_IDS
    for item in catalog.certifications.values():
        assert set(item.resources) <= set(catalog.resources)
