"""What the judge reports for given answers: schemathesis' checks and the suite's run on every
answer to a clone request, each failure recorded under its rule and shown once, secrets masked."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import schemathesis
from schemathesis.core import NOT_SET
from schemathesis.core.failures import Failure
from schemathesis.core.transport import Response

from hamsa_contract import _spec as spec
from hamsa_contract._input_files import MAX_NESTING
from hamsa_contract._redaction import MASK, Redactor
from hamsa_contract.judge._judge import (
    MESSAGE_LINES,
    RULE_PREFIX,
    Judge,
    _indented,
    as_schemathesis_response,
)
from hamsa_contract.report._ledger import Ledger
from hamsa_contract.report._sources import Source, SourceClass
from hamsa_contract.send._journal import Journal

KEY = "judge-test-key-0123456789abcdef"
URL = "http://127.0.0.1:9/v1/voice-agents/clone?voiceAgentId=source-1"
AGENT = {
    "id": "new-1",
    "agentName": "Acme",
    "createdAt": "2026-01-01T00:00:00Z",
    "updatedAt": "2026-01-01T00:00:00Z",
}
SCHEMA = schemathesis.openapi.from_path(spec.SPEC_PATH)


class RecordingLedger(Ledger):
    """A ledger that also keeps each failure's detail, as the judge gave it."""

    def __init__(self) -> None:
        super().__init__()
        self.details: list[tuple[str, str]] = []

    def record_failure(self, rule: str, detail: str, source: Source | None = None) -> None:
        self.details.append((rule, detail))
        super().record_failure(rule, detail, source)


class Spy:
    """A suite check that keeps what the judge handed it."""

    __name__ = "spy"

    def __init__(self) -> None:
        self.calls: list[tuple[Response, Any]] = []

    def __call__(self, ctx: Any, response: Response, case: Any) -> None:
        self.calls.append((response, case))


class TitledFailure(Failure):
    code = "XX1"

    def __init__(self, message: str) -> None:
        super().__init__(operation="POST /v1/voice-agents/clone", title="Made up", message=message)


def failing_check(message: str) -> Any:
    def check(ctx: Any, response: Response, case: Any) -> None:
        raise TitledFailure(message)

    return check


def clone_request(url: str = URL, method: str = "POST", body: bytes | None = None) -> httpx.Request:
    content = json.dumps({"agentName": "Acme"}).encode() if body is None else body
    return httpx.Request(
        method,
        url,
        headers={"Authorization": f"Token {KEY}", "Content-Type": "application/json"},
        content=content,
    )


def answer(
    status: int = 200, request: httpx.Request | None = None, **kwargs: Any
) -> httpx.Response:
    if not kwargs:
        kwargs = {"json": {"success": True, "message": "success", "data": AGENT}}
    return httpx.Response(status, request=request or clone_request(), **kwargs)


def judge(*suite_checks: Any) -> tuple[Judge, RecordingLedger]:
    ledger = RecordingLedger()
    return Judge(SCHEMA, list(suite_checks), ledger, Redactor([KEY])), ledger


def test_a_conformant_answer_passes_and_the_suite_checks_see_the_request_rebuilt() -> None:
    spy = Spy()
    run, ledger = judge(spy)
    run(answer())
    assert ledger.failures == {}
    assert ledger.take_findings() == []
    ((response, case),) = spy.calls
    assert case.query == {"voiceAgentId": "source-1"}
    assert case.headers["authorization"] == f"Token {KEY}"
    assert case.body == {"agentName": "Acme"}
    assert case.media_type == "application/json"
    assert response.status_code == 200
    assert json.loads(response.content)["data"] == AGENT


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("GET", URL),
        ("POST", "http://127.0.0.1:9/v1/voice-agents?voiceAgentId=source-1"),
    ],
)
def test_answers_to_other_requests_are_not_judged(method: str, url: str) -> None:
    spy = Spy()
    run, ledger = judge(spy)
    run(answer(500, request=clone_request(url, method), content=b"oops"))
    assert spy.calls == []
    assert ledger.failures == {}


# NaN and Infinity are no JSON (RFC 8259 §6): a case holding one cannot be shown as curl.
@pytest.mark.parametrize(
    "body", [b"", b"{not json", b'{"agentName": NaN}', b'{"agentName": "x", "n": -Infinity}']
)
def test_a_request_body_that_is_not_json_is_rebuilt_without_one(body: bytes) -> None:
    spy = Spy()
    run, _ = judge(spy)
    run(answer(request=clone_request(body=body)))
    ((_, case),) = spy.calls
    assert case.body is NOT_SET


def test_every_failed_check_is_a_failure_of_its_rule_shown_once_with_the_key_masked() -> None:
    run, ledger = judge()
    bad = answer(500, json={"success": True, "message": f"boom {KEY}"})
    run(bad)
    rules = [
        f"{RULE_PREFIX}: ST101 Server error",
        f"{RULE_PREFIX}: ST108 Response violates schema",
    ]
    assert sorted(ledger.failures) == rules
    where = f"POST {URL} -> 500: "
    assert all(detail.startswith(where) for _, detail in ledger.details)
    findings = sorted(ledger.take_findings())
    assert [finding.splitlines()[0] for finding in findings] == [
        f"Rule broken: {rule}" for rule in rules
    ]
    body = '{"success":true,"message":"boom ' + MASK + '"}'
    assert all(finding.endswith(f"\n  answer 500: {body}") for finding in findings)
    assert all(KEY not in finding for finding in findings)
    # The same faults again: counted when they differ, never shown a second time.
    run(answer(500, json={"success": False}))
    assert ledger.failures[rules[1]] == 2
    assert ledger.take_findings() == []


def test_one_failed_suite_check_is_recorded_under_its_rule() -> None:
    run, ledger = judge(failing_check(f"the key {KEY} came back"))
    run(answer())
    rule = f"{RULE_PREFIX}: XX1 Made up"
    assert ledger.details == [(rule, f"POST {URL} -> 200: the key {MASK} came back")]
    (finding,) = ledger.take_findings()
    assert finding.startswith(
        f"Rule broken: {rule}\nSource:   contract decision 5 (CONTRACT.md #decision-5): this "
        f"project's call where the vendor is silent, not its documented behaviour\n"
        f"  the key {MASK} came back\n  answer 200: "
    )


def test_a_failure_cites_its_source_and_blames_its_exchange_in_the_journal() -> None:
    ledger, journal = RecordingLedger(), Journal()
    run = Judge(SCHEMA, [failing_check("bad")], ledger, Redactor([KEY]), journal)
    bad = answer(418, content=b"teapot")

    run(bad)

    sources = ledger.failure_sources
    assert set(sources) == set(ledger.failures)
    assert all(len(found) == 1 and isinstance(found[0], Source) for found in sources.values())
    assert sources[f"{RULE_PREFIX}: XX1 Made up"][0].citation.startswith("CONTRACT.md decision")
    blamed = journal.take_blamed()
    assert blamed is not None
    assert (blamed.method, blamed.url, blamed.status_code) == ("POST", URL, 418)


def test_a_200_that_breaks_the_schema_breaks_the_vendors_evidence_an_error_decision_5() -> None:
    run, ledger = judge()
    schema_rule = f"{RULE_PREFIX}: ST108 Response violates schema"

    run(answer(200, json={"success": True, "message": "success", "data": {"agentName": 5}}))
    run(answer(404, json={"success": "no"}))

    kinds = {source.kind for source in ledger.failure_sources[schema_rule]}
    assert kinds == {SourceClass.EVIDENCE, SourceClass.DECISION}


def test_an_answer_nested_deeper_than_the_suite_reads_is_not_judged_and_says_so() -> None:
    spy = Spy()
    run, ledger = judge(spy)
    deep = b"[" * (MAX_NESTING + 1) + b"]" * (MAX_NESTING + 1)

    run(answer(200, content=deep))

    assert spy.calls == []
    assert ledger.failures == {}
    assert ledger.not_run == {
        f"{RULE_PREFIX}: a 200 answer's JSON is nested more than {MAX_NESTING} deep, more than "
        "the suite reads: not judged": 1
    }


def test_a_long_answer_is_cut_and_a_key_across_the_cut_is_masked_whole() -> None:
    run, ledger = judge(failing_check("bad"))
    # The answer starts {"success":true,"message":" (27 characters): the key spans the cut at 300.
    long = answer(json={"success": True, "message": "x" * 263 + KEY + "y" * 100, "data": AGENT})
    assert long.content.index(KEY.encode()) == 290
    run(long)
    (finding,) = ledger.take_findings()
    shown = finding.split("\n  answer 200: ", 1)[1]
    assert KEY[:10] not in shown
    # Masked, the first 300 characters end with the mask.
    assert (
        shown
        == '{"success":true,"message":"' + "x" * 263 + MASK + f"... ({len(long.content)} bytes)"
    )


def test_a_failure_message_is_shown_by_its_first_non_blank_lines_indented() -> None:
    lines = [f"line {number}  " for number in range(MESSAGE_LINES + 2)]
    message = "\n\n".join(lines)
    assert _indented(message) == "\n".join(
        [*(f"  line {number}" for number in range(MESSAGE_LINES)), "  ..."]
    )
    exactly = "\n".join(lines[:MESSAGE_LINES])
    assert _indented(exactly) == "\n".join(f"  line {n}" for n in range(MESSAGE_LINES))
    assert _indented("  one\n\n   \ntwo") == "  one\n  two"
    assert _indented("") == ""


def test_the_answer_becomes_a_schemathesis_response_with_every_header_value() -> None:
    request = clone_request()
    response = httpx.Response(
        201,
        headers=[("X-Seen", "first"), ("x-seen", "second"), ("Content-Type", "text/plain")],
        content="café".encode("latin-1"),
        request=request,
    )
    converted = as_schemathesis_response(response)
    assert converted.status_code == 201
    assert converted.headers["x-seen"] == ["first", "second"]
    assert converted.headers["content-type"] == ["text/plain"]
    assert converted.content == "café".encode("latin-1")
    assert converted.message == "Created"
    assert converted.encoding == response.encoding
    assert converted.http_version == "1.1"
    assert converted.verify is True
    assert converted.elapsed == 0.0
    assert converted.request.method == "POST"
    assert converted.request.url == URL
    assert converted.request.body == request.content
    assert converted.request.headers["Authorization"] == f"Token {KEY}"
