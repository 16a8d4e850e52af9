"""The facts the December 2026 audit corrected, read from the shipped content: one test per correction.

Each checks the value a user sees and that it rests on a source a reader can open, with its date and a
confidence label that does not overclaim.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pathfinder.catalog.catalog import Catalog
from pathfinder.catalog.models import Fact
from pathfinder.catalog.sources import cited_addresses
from pathfinder.engine.eligibility import training_summary


def _fee(catalog: Catalog, cert_id: str, label: str) -> Fact:
    return next(fee for fee in catalog.certifications[cert_id].fees if fee.label == label)


def _domains(sources: list[str]) -> set[str]:
    return {address.domain for source in sources for address in cited_addresses(source)}


def test_pmp_non_member_fee_is_675_and_membership_164(shipped_catalog: Catalog) -> None:
    fee = _fee(shipped_catalog, "pmp", "Exam fee, non-member")
    assert fee.value == "$675" and fee.as_of >= "2026-12" and "pmp-guide.com" in _domains(fee.sources)
    membership = _fee(shipped_catalog, "pmp", "PMI membership")
    assert membership.value.startswith("$164") and "$164 + $405 = $569 against $675" in membership.note
    labels = [fee.label for fee in shipped_catalog.certifications["pmp"].fees]
    assert not any("conflicting" in label for label in labels)
    assert all(fee.value != "$575" for fee in shipped_catalog.certifications["pmp"].fees)


def test_pmp_2026_exam_launches_on_9_july_and_the_2021_block_is_not_official(
    shipped_catalog: Catalog,
) -> None:
    old, new = shipped_catalog.certifications["pmp"].exams
    assert old.valid_until == date(2026, 7, 8) and new.valid_from == date(2026, 7, 9)
    assert "9 July 2026" in new.notes and "unconfirmed" not in new.notes.lower()
    assert old.confidence == "secondary"


def test_pgmp_lets_an_active_pmp_stand_in_for_the_project_months(shipped_catalog: Catalog) -> None:
    pgmp = shipped_catalog.certifications["pgmp"]
    assert "An active PMP counts instead of the project-management months" in pgmp.eligibility.statement
    for route in pgmp.eligibility.routes:
        assert route.leading_months_waived_by == ["pmp"]
        assert route.months_programs > 0 and route.program_months_waived_by == []
        assert route.experience_waived_by == []
    assert "procifics.com" in _domains(pgmp.eligibility.sources)


def test_prince2_certificates_at_every_level_renew_every_3_years(shipped_catalog: Catalog) -> None:
    foundation = shipped_catalog.certifications["prince2-foundation"]
    practitioner = shipped_catalog.certifications["prince2-practitioner"]
    assert foundation.renewal is not None and foundation.renewal.cycle_years == 3
    assert practitioner.renewal is not None and practitioner.renewal.cycle_years == 3
    assert "never" in foundation.renewal.requirement  # the conflicting claim is shown, not hidden
    assert {"qa.com", "spoce.com"} <= _domains(foundation.renewal.sources)
    assert "Unlike Foundation" not in practitioner.summary


def test_prince2_practitioner_route_names_an_ipma_certificate_a_profile_can_hold(
    shipped_catalog: Catalog,
) -> None:
    route = shipped_catalog.certifications["prince2-practitioner"].eligibility.routes[0]
    assert route.requires_any == ["prince2-foundation", "pmp", "capm", "ipma"]
    ipma = shipped_catalog.certifications["ipma"]
    assert "ipma.world" in _domains(ipma.sources) and ipma.confidence == "official"


def test_pmi_acp_exam_format_is_settled_and_needs_28_agile_hours(shipped_catalog: Catalog) -> None:
    acp = shipped_catalog.certifications["pmi-acp"]
    (exam,) = acp.exams
    assert exam.questions.startswith("120") and exam.minutes == 180
    assert exam.confidence != "unconfirmed" and "not confirmed" not in exam.notes
    assert acp.eligibility.routes[0].training_hours == 28


def test_the_education_hint_reads_the_training_hours_from_the_content(shipped_catalog: Catalog) -> None:
    hint = training_summary(shipped_catalog)
    assert "PMP 35" in hint and "CAPM 23" in hint and "PMI-ACP 28" in hint and "21" not in hint
    source = (Path(__file__).parents[1] / "pathfinder" / "tui" / "screens" / "education.py").read_text()
    assert "training_summary(self.catalog)" in source and "PMI-ACP 2" not in source


def test_scrum_alliance_renewal_is_100_dollars_on_its_own_page(shipped_catalog: Catalog) -> None:
    for cert_id in ("csm", "cspo"):
        renewal = shipped_catalog.certifications[cert_id].renewal
        assert renewal is not None and renewal.fee == "$100" and renewal.cycle_years == 2
        assert renewal.confidence == "official"
        assert "certification.scrumalliance.org" in _domains(renewal.sources)
    fee = _fee(shipped_catalog, "cspo", "Renewal fee (every 2 years)")
    assert fee.value == "$100" and fee.confidence == "official"


def test_psm_1_costs_200_dollars_on_scrum_org(shipped_catalog: Catalog) -> None:
    fees = shipped_catalog.certifications["psm-1"].fees
    assert [fee.value for fee in fees] == ["$200"]
    assert fees[0].confidence == "official" and "scrum.org" in _domains(fees[0].sources)


def test_bls_figures_keep_one_vintage_per_statement(shipped_catalog: Catalog) -> None:
    facts = shipped_catalog.paths["project-manager"].facts
    newest = facts[0]
    assert "2024–34" in newest.label and "$100,750" in newest.value and "May 2024" in newest.value
    for fact in facts:
        if "2021" in fact.value:
            assert "2023" not in fact.value and "2024" not in fact.value, fact.label
    comparison = next(a for a in shipped_catalog.comparison.aspects if "$" in a.project)
    assert "May 2021" not in comparison.project and "2024–34" in comparison.project
    for path_id in ("product-manager", "technical-program-manager"):
        outlook = next(
            f for f in shipped_catalog.paths[path_id].facts if "Computer and Information" in f.label
        )
        assert outlook.value.startswith("+15 %") and "2024–34" in outlook.value


def test_labels_no_longer_overclaim(shipped_catalog: Catalog) -> None:
    comptia = shipped_catalog.certifications["comptia-project-plus"]
    assert comptia.eligibility.confidence == "secondary"
    owner_fact = next(
        f for f in shipped_catalog.paths["product-owner"].facts if f.label == "Government occupation data"
    )
    assert owner_fact.confidence == "secondary" and "old O*NET Alternate Titles file" in owner_fact.note
