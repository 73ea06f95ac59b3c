"""Each failure names the class of its source: the vendor's evidence, an RFC section, or a
contract decision with its number (CONTRACT.md decision 13); the summary counts them apart and,
when only decisions broke, says the contract may have guessed wrong and how to record the
vendor's behaviour."""

from __future__ import annotations

from typing import Final

import pytest

from hamsa_contract.report._failures import concise_failure
from hamsa_contract.report._ledger import Ledger
from hamsa_contract.report._sources import (
    Source,
    SourceClass,
    check_source,
    source_of,
)
from hamsa_contract.report._summary import render
from hamsa_contract.report._verdict import Verdict
from tests.hamsa_contract.report.test_rules import RULES
from tests.support.facts import run_facts

DECISION_5: Final = Source(SourceClass.DECISION, "CONTRACT.md decision 5", (5,))
RFC_KEY: Final = Source(SourceClass.RFC, "RFC 9110 §17.16.1")
EVIDENCE: Final = Source(SourceClass.EVIDENCE, "the vendor's reference page")
GUESSED_WRONG: Final = "the contract may have guessed wrong about this vendor behaviour"


@pytest.mark.parametrize(
    ("docstring", "kind", "decisions"),
    [
        ("R.\n\nSource: CONTRACT.md decision 7.", SourceClass.DECISION, (7,)),
        (
            "R.\n\nSource: CONTRACT.md decisions 4, 5 and 6 (the spec).",
            SourceClass.DECISION,
            (4, 5, 6),
        ),
        ("R.\n\nSource: CONTRACT.md decisions 8 to 10.", SourceClass.DECISION, (8, 9, 10)),
        ("R.\n\nSource: RFC 9110 §17.16.1 (credentials).", SourceClass.RFC, ()),
        ("R.\n\nSource: CONTRACT.md decision 9 (RFC 9110 §5.3).", SourceClass.DECISION, (9,)),
        ("R.\n\nSource: RFC 8259 §4 (CONTRACT.md decision 14).", SourceClass.RFC, ()),
        ("R.\n\nSource: vendor evidence (the reference page).", SourceClass.EVIDENCE, ()),
    ],
)
def test_the_first_citation_of_a_source_line_gives_its_class(
    docstring: str, kind: SourceClass, decisions: tuple[int, ...]
) -> None:
    source = source_of(docstring)
    assert source is not None
    assert (source.kind, source.decisions) == (kind, decisions)


@pytest.mark.parametrize("docstring", [None, "R.", "R.\n\nSource: common sense."])
def test_a_rule_without_a_source_has_none(docstring: str | None) -> None:
    assert source_of(docstring) is None


def test_every_rule_of_the_suite_has_a_class() -> None:
    kinds = {source.kind for doc in RULES.values() if (source := source_of(doc)) is not None}
    assert all(source_of(doc) is not None for doc in RULES.values())
    assert kinds == {SourceClass.DECISION, SourceClass.RFC}


def test_a_schema_failure_is_evidence_on_a_200_and_decision_5_on_an_error() -> None:
    assert check_source("response_schema_conformance", 200).kind is SourceClass.EVIDENCE
    assert check_source("response_schema_conformance", 404) == DECISION_5
    assert check_source("not_a_server_error", 500).decisions == (4, 7)


def test_a_failure_screen_shows_its_source_after_the_rule() -> None:
    text = concise_failure("rule A", None, [], [], source=DECISION_5)
    assert text.splitlines()[:2] == [
        "Rule broken: rule A",
        "Source:   contract decision 5 (CONTRACT.md #decision-5): this project's call where the "
        "vendor is silent, not its documented behaviour",
    ]
    assert "Source:   RFC 9110 §17.16.1" in concise_failure("rule B", None, [], [], source=RFC_KEY)


def test_the_ledger_keeps_each_rules_sources() -> None:
    ledger = Ledger()
    ledger.record_failure("rule A", "one", DECISION_5)
    ledger.record_failure("rule A", "two", EVIDENCE)
    ledger.record_failure("rule B", "one")
    assert ledger.failure_sources == {"rule A": tuple(sorted((DECISION_5, EVIDENCE)))}


def _broken(**sources: tuple[Source, ...]) -> list[str]:
    return render(
        run_facts(
            verdict=Verdict.BROKEN,
            failures=dict.fromkeys(sources, 1),
            failure_sources=sources,
        )
    )


def test_the_summary_counts_failed_rules_by_source_and_names_each_rules_class() -> None:
    lines = _broken(rule_a=(DECISION_5,), rule_b=(RFC_KEY,), rule_c=(EVIDENCE, DECISION_5))
    assert "  - rule_a (x1) [contract decision 5]" in lines
    assert "  - rule_b (x1) [RFC]" in lines
    assert "  - rule_c (x1) [contract decision 5; vendor evidence]" in lines
    assert (
        "  Sources: 1 rule from the vendor's evidence, 1 rule from an RFC, 2 rules from contract "
        "decisions"
    ) in lines
    assert not any(GUESSED_WRONG in line for line in lines)


def test_a_run_that_breaks_only_decisions_says_the_contract_may_have_guessed_wrong() -> None:
    decision_12 = Source(SourceClass.DECISION, "CONTRACT.md decision 12", (12,))
    lines = _broken(rule_a=(DECISION_5,), rule_b=(decision_12,))
    assert "  Sources: 2 rules from contract decisions" in lines
    text = " ".join(" ".join(lines).split())
    assert GUESSED_WRONG in text
    assert "What the server did is in each failure above" in text
    assert (
        "change the spec (openapi/hamsa-voice-agents.yaml) and CONTRACT.md decision(s) 5, 12"
        in (text)
    )
    assert "`make generate`" in text


def test_a_kept_run_says_nothing_of_sources() -> None:
    assert not any(line.startswith("  Sources:") for line in render(run_facts()))
