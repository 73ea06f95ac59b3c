"""Every 5xx answer carries the error envelope (`server_error_carries_envelope`, CONTRACT.md
decision 5): the rule, no stricter than the contract's `ErrorResponse`, judged everywhere the
registry says (answers to hand-made requests, generated cases, recordings)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from hamsa_contract import _spec as spec
from hamsa_contract._redaction import Redactor
from hamsa_contract.judge._checks import RULES, SuiteChecks, Use, envelope_problem
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
        (b'{"success": false, "message": 5}', "is not of type 'string'"),
        (b'{"success": true, "message": "ok"}', "False was expected"),
        (b"<html><h1>502 Bad Gateway</h1></html>", "not JSON"),
        (b"", "empty"),
        (b'["error"]', "is not of type 'object'"),
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
        (b"[1]", "the body: [1] is not of type 'object'"),
        (
            b'{"detail": "Bad Gateway"}',
            "the body: 'success' is a required property; "
            "the body: neither 'message' nor 'error' (a string)",
        ),
        # In the order of where they are, whatever order the schema finds them in.
        (
            b'{"success": "no", "message": 5}',
            "['message']: 5 is not of type 'string'; ['success']: 'no' is not of type 'boolean'; "
            "['success']: False was expected",
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
