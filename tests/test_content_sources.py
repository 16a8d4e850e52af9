"""Source quality, enforced: each `content check` rule fails its fixture; the shipped content meets them all.

The rules: every source is a public reference (it starts with a web address), no source is on the
content's denylist, "official" needs a source on the issuer's own domain, and every certification's issuer
is listed with its domains. `content sources` and `content list --format json` show the evidence.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from core_helpers import SHIPPED_CONTENT, overlay

from pathfinder.catalog.catalog import Catalog
from pathfinder.catalog.evidence import catalog_facts, domain_evidence
from pathfinder.catalog.loader import check_content
from pathfinder.catalog.sources import Address, cited_addresses, denied_by
from pathfinder.cli import main


@pytest.mark.parametrize(
    ("mode", "key", "line", "words"),
    [
        ("denied-source", "certification[0].fees[0].sources[1]", 27, "is on the denylist (visualfoodie.com)"),
        ("internal-source", "certification[0].fees[0].sources[1]", 27, "is not a public reference"),
        ("official-off-domain", "certification[0].fees[0].confidence", 29, "own domain (pmi.org)"),
        ("unlisted-issuer", "certification[0].issuer", 5, "is not listed in any [[issuer]] table"),
        (
            "denied-effort-source",
            "certification[0].effort_source",
            12,
            "is on the denylist (visualfoodie.com)",
        ),
    ],
)
def test_each_source_rule_fails_its_fixture(
    tmp_path: Path, mode: str, key: str, line: int, words: str
) -> None:
    problems = check_content(overlay(tmp_path, mode))
    assert len(problems) == 1, "\n".join(map(str, problems))
    problem = problems[0]
    assert (problem.key, problem.line) == (key, line)
    assert words in problem.message
    assert problem.file is not None and problem.file.name == "capm.toml"


def test_the_cli_check_fails_on_a_denied_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "check", str(overlay(tmp_path, "denied-source"))]) == 2
    assert "visualfoodie.com" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("https://www.pmi.org/certifications (PMP page)", [Address("pmi.org", "/certifications")]),
        ("scrum.org/psm-i (archived)", [Address("scrum.org", "/psm-i")]),
        ("cyberbahntas.com (quoting scrumalliance.org/get-certified)", [Address("cyberbahntas.com", "")]),
        ("meenalgupta.in; pmi.org.hk (a note)", [Address("meenalgupta.in", ""), Address("pmi.org.hk", "")]),
        ("career-facts dossier B1: secondary prep pages", []),
        ("The 2020 Scrum Guide (PDF)", []),
        ("c3rt ($329)", []),
        ("x" * 5000 + ".com", []),
    ],
)  # fmt: skip
def test_a_source_cites_the_addresses_it_starts_with(source: str, expected: list[Address]) -> None:
    assert cited_addresses(source) == expected


def test_denylist_patterns_cover_domains_subdomains_and_path_prefixes() -> None:
    assert denied_by(Address("techexamlexicon-com.pages.dev", "/x"), "*.pages.dev")
    assert not denied_by(Address("pages.dev", ""), "*.pages.dev")
    assert denied_by(Address("blog.visualfoodie.com", ""), "visualfoodie.com")
    assert not denied_by(Address("notvisualfoodie.com", ""), "visualfoodie.com")
    assert denied_by(Address("pmi.org.hk", "/pmp-exam-taking/"), "pmi.org.hk/pmp-exam-taking")
    assert not denied_by(Address("pmi.org.hk", "/about"), "pmi.org.hk/pmp-exam-taking")


def test_shipped_content_meets_every_source_rule(shipped_catalog: Catalog) -> None:
    assert check_content(SHIPPED_CONTENT) == []
    denied = [entry.address for entry in shipped_catalog.denied_sources]
    for start in (
        "visualfoodie.com",
        "winenfood.com",
        "eatsip365.com",
        "open-exam-prep.com",
        "grokipedia.com",
    ):
        assert start in denied
    assert "*.pages.dev" in denied
    for fact in catalog_facts(shipped_catalog):
        for source in fact.sources:
            assert "dossier" not in source.lower(), source
            assert cited_addresses(source), source


def test_each_issuer_lists_its_own_domains(shipped_catalog: Catalog) -> None:
    domains = {issuer.id: set(issuer.domains) for issuer in shipped_catalog.issuers}
    assert domains["pmi"] == {"pmi.org"}
    assert domains["scrum-alliance"] == {"scrumalliance.org"}
    assert domains["peoplecert"] == {"peoplecert.org", "axelos.com"}
    assert {"bls.gov"} <= domains["bls"] and {"onetonline.org"} <= domains["onet"]
    issuer_names = {issuer.name for issuer in shipped_catalog.issuers}
    assert {cert.issuer for cert in shipped_catalog.certifications.values()} <= issuer_names


def test_content_sources_counts_the_facts_on_each_domain(
    shipped_catalog: Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["content", "sources", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    by_domain = {row["domain"]: row for row in rows}
    expected = {entry.domain: entry.row() for entry in domain_evidence(shipped_catalog)}
    assert by_domain == expected
    scrum_alliance = by_domain["certification.scrumalliance.org"]
    assert scrum_alliance["issuer"] == "scrum-alliance" and scrum_alliance["labels"]["official"] >= 2
    assert sum(row["labels"][label] for row in rows for label in row["labels"]) == sum(
        row["facts"] for row in rows
    )
    assert not any(domain.endswith("pages.dev") or domain == "visualfoodie.com" for domain in by_domain)
    assert main(["content", "sources"]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[2].split()[:2] == ["domain", "facts"]
    assert "certification.scrumalliance.org" in text


@pytest.mark.parametrize("kind", ["paths", "skills", "certifications", "backgrounds", "degrees", "resources"])
def test_content_list_json_carries_each_entitys_evidence(
    kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["content", "list", kind, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows
    for row in rows:
        assert row["sources"] and all(isinstance(source, str) for source in row["sources"]), row["id"]
        assert row["as_of"] and row["confidence"] in {"official", "secondary", "unconfirmed"}
    if kind == "certifications":
        pmp = next(row for row in rows if row["id"] == "pmp")
        fee = next(fee for fee in pmp["fees"] if fee["label"] == "Exam fee, non-member")
        assert fee["value"] == "$675" and fee["sources"] and fee["confidence"] == "secondary"
