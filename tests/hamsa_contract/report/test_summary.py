"""What the closing summary prints for given run facts: every line, in order, worded exactly."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hamsa_contract.plan._writes import Funding
from hamsa_contract.report._summary import WIDTH, remedies, render
from hamsa_contract.report._verdict import Verdict
from tests.support.facts import run_facts


def test_a_quiet_kept_run_says_none_everywhere_and_shows_the_whole_plan_funded() -> None:
    assert render(run_facts()) == [
        "Verdict:  contract kept (exit status 0)",
        "Target:   live API at https://api.tryhamsa.com (seed 20261125)",
        "Checks:   schemathesis",
        "          suite",
        "Tests:    ",
        "Cases:    0 generated; 0 hand-made requests",
        "Failures: none",
        "Not run:  none",
        "Drift:    none",
        "Writes:   0 agents created, cap 10 (HAMSA_MAX_WRITES)",
        "  - plan: first clone 1, overlapping clones 3, clones of clones 3, names left to the "
        "server 2; generated cases 1",
    ]


def test_a_broken_run_lists_failures_by_rule_drift_writes_notes_and_reports() -> None:
    facts = run_facts(
        verdict=Verdict.BROKEN,
        builtin_checks=[
            "not_a_server_error",
            "status_code_conformance",
            "content_type_conformance",
            "response_headers_conformance",
            "response_schema_conformance",
            "negative_data_rejection",
        ],
        suite_checks=["name echoed", "id new"],
        outcomes={
            "semantics": Counter({"passed": 3, "failed": 1}),
            "requests": Counter({"passed": 2}),
        },
        cases={"positive": 3, "negative": 2},
        suite_requests=9,
        failures={"rule A": 2, "rule B": 1},
        drift={"$.extra": ["200", "201"]},
        absent={"$.name": ["201"]},
        funding=Funding.for_cap(4),
        created_ids=("a1", "a2", "a3"),
        unexpected_ids=("a3",),
        refused_writes=2,
        notes=["n1", "n2"],
        reports=[Path("reports/a.xml"), Path("reports/b.json")],
    )
    assert render(facts) == [
        "Verdict:  CONTRACT BROKEN (3 failures) (exit status 1)",
        "Target:   live API at https://api.tryhamsa.com (seed 20261125)",
        "Checks:   schemathesis not_a_server_error, status_code_conformance, "
        "content_type_conformance,",
        "          response_headers_conformance, response_schema_conformance, "
        "negative_data_rejection",
        "          suite name echoed, id new",
        "Tests:    semantics 1 failed 3 passed; requests 2 passed",
        "Cases:    5 generated (positive 3, negative 2); 4 hand-made requests",
        "Failures: by rule",
        "  - rule A (x2)",
        "  - rule B (x1)",
        "Not run:  none",
        "Drift:    a warning (the spec should catch up)",
        "  - unknown field $.extra in 200, 201 answers",
        "  - declared field absent: $.name in 201 answers",
        "Writes:   3 agents created, cap 4 (HAMSA_MAX_WRITES)",
        "  - plan: first clone 1, overlapping clones 3; generated cases 0",
        "  - not funded: clones of clones (3); HAMSA_MAX_WRITES=7 funds it",
        "  - not funded: names left to the server (2); HAMSA_MAX_WRITES=9 funds it",
        "  - cap reached: 2 requests that could create an agent not sent",
        "  - 1 agent created where none may be (a failure above)",
        "  Created (delete them when done; ids and names in created-agents.jsonl):",
        "    a1 a2 a3",
        "Note:     n1",
        "Note:     n2",
        "Reports:  reports/a.xml, reports/b.json",
    ]


def test_a_broken_verdict_counts_at_least_one_failure_and_words_one_in_the_singular() -> None:
    # A failure the summary could not attribute to a rule still makes one.
    assert render(run_facts(verdict=Verdict.BROKEN))[0] == (
        "Verdict:  CONTRACT BROKEN (1 failure) (exit status 1)"
    )
    assert render(run_facts(verdict=Verdict.BROKEN, failures={"rule A": 1}))[0] == (
        "Verdict:  CONTRACT BROKEN (1 failure) (exit status 1)"
    )


def test_an_incomplete_run_counts_what_did_not_run_and_says_what_to_do() -> None:
    facts = run_facts(
        verdict=Verdict.INCOMPLETE,
        request_timeout=2.5,
        not_run=Counter({"requests: no answer: POST /x timed out after 2.5 s": 2, "other": 1}),
        cases={"positive": 1},
        suite_requests=0,
        funding=Funding.for_cap(None),
        created_ids=("only-one",),
        drift={"$.extra": ["201"]},
    )
    assert render(facts) == [
        "Verdict:  INCOMPLETE (3 checks did not run; not a pass) (exit status 2)",
        "Target:   live API at https://api.tryhamsa.com (seed 20261125)",
        "Checks:   schemathesis",
        "          suite",
        "Tests:    ",
        "Cases:    1 generated (positive 1); 0 hand-made requests",
        "Failures: none",
        "Not run:  these checks did not run",
        "  - requests: no answer: POST /x timed out after 2.5 s (x2)",
        "  - other (x1)",
        "  What to do: the server left requests without an answer (see the requests above): "
        "check it, or give it longer with HAMSA_REQUEST_TIMEOUT (now 2.5 s)",
        "Drift:    a warning (the spec should catch up)",
        "  - unknown field $.extra in 201 answers",
        "Writes:   1 agent created, no cap",
        "  - plan: first clone 1, overlapping clones 3, clones of clones 3, names left to the "
        "server 2; generated cases no cap",
        "  Created (delete them when done; ids and names in created-agents.jsonl):",
        "    only-one",
    ]
    assert render(run_facts(verdict=Verdict.INCOMPLETE, not_run=Counter({"x": 1})))[0] == (
        "Verdict:  INCOMPLETE (1 check did not run; not a pass) (exit status 2)"
    )


def test_absent_fields_alone_are_drift_and_a_cap_of_nothing_funds_nothing() -> None:
    lines = render(run_facts(absent={"$.name": ["200", "201"]}, funding=Funding.for_cap(0)))
    assert lines[lines.index("Drift:    a warning (the spec should catch up)") + 1] == (
        "  - declared field absent: $.name in 200, 201 answers"
    )
    assert lines[-6:] == [
        "Writes:   0 agents created, cap 0 (HAMSA_MAX_WRITES)",
        "  - plan: nothing funded; generated cases 0",
        "  - not funded: first clone (1); HAMSA_MAX_WRITES=1 funds it",
        "  - not funded: overlapping clones (3); HAMSA_MAX_WRITES=4 funds it",
        "  - not funded: clones of clones (3); HAMSA_MAX_WRITES=7 funds it",
        "  - not funded: names left to the server (2); HAMSA_MAX_WRITES=9 funds it",
    ]


def test_the_created_ids_wrap_at_the_width_between_whole_ids() -> None:
    # "    " and three ids of 31 characters with spaces between them: 4 + 93 + 2 = 99 wide.
    ids = tuple(f"contract-test-{index}-" + "x" * 15 for index in range(3))
    assert len("    " + " ".join(ids)) == WIDTH - 1
    assert render(run_facts(created_ids=ids))[-1] == "    " + " ".join(ids)
    exactly_wide = (*ids[:2], ids[2] + "y")
    assert render(run_facts(created_ids=exactly_wide))[-1] == "    " + " ".join(exactly_wide)
    one_too_wide = (*ids[:2], ids[2] + "yy")
    assert render(run_facts(created_ids=one_too_wide))[-2:] == [
        "    " + " ".join(ids[:2]),
        "    " + one_too_wide[2],
    ]
    # An id longer than a line stays whole, on its own line, and hyphens never split one.
    long_id = "contract-test-" + "z" * WIDTH
    assert render(run_facts(created_ids=("a1", long_id)))[-2:] == ["    a1", "    " + long_id]


def test_the_last_hint_is_to_read_the_reasons_when_none_has_its_own() -> None:
    assert remedies(run_facts(not_run=Counter({"semantics: skipped for a reason": 1}))) == [
        "read the reasons above; a check that did not run is not a pass"
    ]
    assert remedies(run_facts()) == []


def test_a_write_cap_reason_with_every_step_funded_asks_for_a_higher_cap() -> None:
    reason = "requests: not run: the write cap (HAMSA_MAX_WRITES=10) is spent"
    assert remedies(run_facts(not_run=Counter({reason: 1}))) == [
        "allow more agents: raise HAMSA_MAX_WRITES (each is an agent on your account, listed "
        "below for cleanup)"
    ]
    for wording in ("write cap", "HAMSA_MAX_WRITES"):
        (hint,) = remedies(
            run_facts(not_run=Counter({f"semantics: {wording}": 1}), funding=Funding.for_cap(0))
        )
        assert hint == (
            "allow more agents: HAMSA_MAX_WRITES=9 funds every planned check (each is an agent "
            "on your account, listed below for cleanup)"
        )


def test_timed_out_requests_get_the_timeout_hint_not_the_connection_one() -> None:
    hints = remedies(
        run_facts(
            request_timeout=30.0,
            not_run=Counter(
                {
                    "requests: no answer: POST /x timed out after 30 s": 1,
                    "requests: no answer: POST /x could not connect (refused)": 1,
                    "requests: no answer: still 429 Too Many Requests after 4 tries": 1,
                }
            ),
        )
    )
    assert hints == [
        "the server left requests without an answer (see the requests above): check it, or "
        "give it longer with HAMSA_REQUEST_TIMEOUT (now 30 s)",
        "the server kept answering 429 Too Many Requests: run again later",
    ]
    assert remedies(run_facts(not_run=Counter({"x connection failed: ReadError": 1}))) == [
        "the server closed connections without answering (see the requests above), even on a "
        "new connection"
    ]


def test_a_hint_needs_its_phrase_within_one_reason() -> None:
    # Two reasons side by side: "timed" ending one and "out" starting the next are no timeout,
    # nor "write" and "cap" a write cap.
    not_run = Counter({"semantics: the clone timed": 1, "out of order; write": 1, "cap": 1})
    assert remedies(run_facts(not_run=not_run)) == [
        "read the reasons above; a check that did not run is not a pass"
    ]
