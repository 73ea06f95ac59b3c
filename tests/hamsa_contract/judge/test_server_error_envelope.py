"""Every 5xx answer carries the error envelope (`server_error_carries_envelope`, CONTRACT.md
decision 5): the rule (hamsa_client._rules.envelope_problem, which the contract watch judges by
too), neither stricter nor looser than the spec's `ErrorResponse`, judged everywhere the registry
says (answers to hand-made requests, generated cases, recordings, the watch's findings)."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator

from hamsa_client import ContractWatch, _watch
from hamsa_client._rules import envelope_problem
from hamsa_client.api.voice_agents import clone_voice_agent
from hamsa_contract import _spec as spec
from hamsa_contract._redaction import Redactor
from hamsa_contract.judge._checks import RULES, SuiteChecks, Use
from hamsa_contract.judge._judge import Judge
from hamsa_contract.report._ledger import Ledger
from hamsa_contract.report._sources import SourceClass
from hamsa_contract.run import _recorded as recorded
from tests.hamsa_contract.judge.test_checks import CTX, case, raw
from tests.hamsa_contract.judge.test_judge import SCHEMA, clone_request

RULE = "server_error_carries_envelope"
KEY = "hamsa-key-0123456789"


def judged(status: int, content: bytes) -> None:
    checks = SuiteChecks(api_key=KEY, voice_agent_id="template-1", ledger=Ledger())
    getattr(checks, RULE)(CTX, raw(status, content), case())


@pytest.mark.parametrize("status", [500, 502, 503, 504, 599])
@pytest.mark.parametrize(
    "document",
    [
        {"success": False, "message": "Internal server error", "messageKey": "INTERNAL_ERROR"},
        {"success": False, "error": "upstream timed out"},  # the Flutter SDK's form
        {"success": False, "message": "m", "error": "e", "traceId": "t-1"},  # more is allowed
    ],
)
def test_a_5xx_with_the_envelope_keeps_the_rule(status: int, document: dict[str, Any]) -> None:
    judged(status, json.dumps(document).encode())


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b'{"detail": "Bad Gateway"}', "'success' is a required property"),
        (b'{"detail": "Bad Gateway"}', "neither 'message' nor 'error' (a string)"),
        (b'{"success": false}', "neither 'message' nor 'error'"),
        (b'{"success": false, "message": 5}', "['message'] is not of type 'string' (integer)"),
        (b'{"success": false, "messageKey": [], "error": "e"}', "['messageKey'] is not of type"),
        (b'{"success": true, "message": "ok"}', "['success'] is not false (true)"),
        (b'{"success": "false", "message": "ok"}', "['success'] is not false (string)"),
        (b"<html><h1>502 Bad Gateway</h1></html>", "not JSON"),
        (b"", "empty"),
        (b'["error"]', "the body is not of type 'object' (array)"),
    ],
)
def test_a_5xx_without_the_envelope_breaks_it_saying_what_is_wrong(
    content: bytes, problem: str
) -> None:
    with pytest.raises(AssertionError, match="without the error envelope") as raised:
        judged(503, content)
    assert problem in str(raised.value)


@pytest.mark.parametrize(
    ("content", "problems"),
    [
        (b"<html><h1>502 Bad Gateway</h1></html>", "the body is not JSON"),
        (b" \r\n", "the body is empty"),
        (b"[1]", "the body is not of type 'object' (array)"),
        (b"[" * 100_000 + b"]" * 100_000, "the body is nested too deep to read"),
        (
            b'{"detail": "Bad Gateway"}',
            "'success' is a required property; neither 'message' nor 'error' (a string)",
        ),
        # Every problem, by field and JSON type: never a value of the answer.
        (
            b'{"success": "no", "message": 5}',
            "['success'] is not false (string); ['message'] is not of type 'string' (integer)",
        ),
    ],
)
def test_each_problem_is_told_with_where_it_is(content: bytes, problems: str) -> None:
    assert envelope_problem(content) == problems


@pytest.mark.parametrize("status", [200, 400, 401, 404, 429, 499, 600])
def test_other_statuses_are_not_this_rules_to_judge(status: int) -> None:
    judged(status, b"<html>not an envelope</html>")


@pytest.mark.parametrize("status", sorted(spec.documented_statuses() - {200}))
def test_it_is_no_stricter_than_the_spec_every_documented_error_example_passes(
    status: int,
) -> None:
    assert envelope_problem(json.dumps(spec.response_example(status)).encode()) is None


# Every object of these members, each absent or one of these values, and some that are no object.
MEMBERS = ("success", "message", "messageKey", "error")
VALUES: Any = (None, False, True, "text", "", 5, [], {})
ABSENT = object()


def documents() -> list[Any]:
    found: list[Any] = [[], "error", 5, None, True]
    for values in itertools.product((ABSENT, *VALUES), repeat=len(MEMBERS)):
        document = {name: value for name, value in zip(MEMBERS, values, strict=True)}
        found.append({name: value for name, value in document.items() if value is not ABSENT})
    found.append({"success": False, "message": "m", "traceId": {"nested": [1]}})
    return found


def test_it_says_what_the_spec_says_of_every_body() -> None:
    """The rule is written in Python, for the watch (which reads no spec): it must agree with the
    spec's ErrorResponse on each of these bodies, neither stricter nor looser."""
    schema = Draft202012Validator(spec.component("ErrorResponse"))
    disagree = [
        document
        for document in documents()
        if (envelope_problem(json.dumps(document).encode()) is None) != schema.is_valid(document)
    ]
    assert disagree == []
    assert len(documents()) > 6000


def test_a_watched_gateway_502_is_broken_by_it_from_the_findings_file(tmp_path: Path) -> None:
    """The contract watch's finding fails this rule, with its source, in `--from`."""
    _watch._reported.clear()
    findings = tmp_path / "findings.jsonl"
    response = httpx.Response(
        502,
        headers={"content-type": "text/html"},
        content=b"<html><h1>502 Bad Gateway</h1></html>",
        request=clone_request(),
    )
    ContractWatch(findings_file=findings).observe_answer(
        clone_voice_agent._CONTRACT, response, [KEY]
    )
    _watch._reported.clear()
    verdict, lines = recorded.judge(recorded.read_recording(findings))
    assert verdict.exit_status == 1, lines
    assert any(
        line.startswith(f"  - {recorded.suite_rule(RULE)} (x1) [contract decision 5]")
        for line in lines
    ), lines


def test_it_is_registered_once_with_decision_5_for_every_use() -> None:
    rule = RULES.get(RULE)
    assert rule.source.kind is SourceClass.DECISION
    assert rule.source.decisions == (5,)
    for use in (Use.ANSWERS, Use.GENERATED, Use.RECORDED):
        assert RULE in RULES.names(use), use


def test_the_live_judge_fails_a_bare_502_naming_the_rule_and_its_source() -> None:
    ledger = Ledger()
    checks = SuiteChecks(api_key=KEY, voice_agent_id="template-1", ledger=ledger)
    judge = Judge(SCHEMA, [*checks.for_use(Use.ANSWERS)], ledger, Redactor([KEY]))
    judge(httpx.Response(502, request=clone_request(), json={"detail": "Bad Gateway"}))
    (rule,) = [name for name in ledger.failures if f"`{RULE}`" in name]
    assert ledger.failure_sources[rule][0].decisions == (5,)


def test_a_recorded_bare_502_is_broken_by_it_from_a_recording(tmp_path: Path) -> None:
    request = clone_request()
    answer = httpx.Response(502, request=request, json={"detail": "Bad Gateway"})
    recording = recorded.Recording(
        tmp_path / "proxy.har",
        recorded.HAR,
        exchanges=[recorded.Exchange(request, answer, datetime.now(UTC))],
    )
    verdict, lines = recorded.judge(recording)
    assert verdict.exit_status == 1, lines
    assert any(
        line.startswith(f"  - {recorded.suite_rule(RULE)} (x1) [contract decision 5]")
        for line in lines
    ), lines
