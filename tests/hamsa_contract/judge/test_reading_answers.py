"""The suite's readers of answers: drift, date-time instants, key leaks, masking, request checks."""

from __future__ import annotations

import base64
import copy
from typing import Any

from hamsa_contract import _spec as spec
from hamsa_contract._redaction import MASK, Redactor, curl_line
from hamsa_contract.drift._detect import inspect_answer
from hamsa_contract.judge._instants import same_document
from hamsa_contract.judge._leaks import key_leaks
from hamsa_contract.judge._request_check import request_problems
from hamsa_contract.send._journal import Exchange


def example_answer() -> dict[str, Any]:
    operation = spec.clone_operation()
    return copy.deepcopy(operation["responses"]["200"]["content"]["application/json"]["example"])


def test_drift_tells_unknown_fields_from_missing_ones() -> None:
    answer = example_answer()
    answer["requestId"] = "r-1"
    answer["data"]["voiceStyle"] = "calm"
    answer["data"]["llmConfig"]["region"] = "eu"
    answer["data"]["params"] = {"free": "form"}
    answer["data"]["greeting"] = answer["data"].pop("greetingMessage")
    del answer["data"]["tools"]["smartCallEnd"]

    report = inspect_answer(answer, spec.response_schema(200), complete_under="data")

    assert set(report.unknown) == {
        "requestId",
        "data.voiceStyle",
        "data.llmConfig.region",
        "data.greeting",
    }
    assert set(report.missing) == {"data.greetingMessage", "data.tools.smartCallEnd"}


def test_the_spec_example_has_no_drift_and_null_is_not_missing() -> None:
    answer = example_answer()
    answer["data"]["webhookAuth"] = None
    report = inspect_answer(answer, spec.response_schema(200), complete_under="data")
    assert (report.unknown, report.missing) == ((), ())


def test_date_times_compare_as_instants_other_strings_exactly() -> None:
    schema = spec.component("VoiceAgent")
    received = {
        "id": "a",
        "agentName": "x",
        "createdAt": "2026-11-25T09:30:12.345Z",
        "updatedAt": "2026-11-25T09:30:12Z",
    }
    encoded = {
        **received,
        "createdAt": "2026-11-25T09:30:12.345000+00:00",
        "updatedAt": "2026-11-25T10:30:12+01:00",
    }
    assert same_document(received, encoded, schema)
    assert not same_document(
        received, {**encoded, "createdAt": "2026-11-25T09:30:13+00:00"}, schema
    )
    assert not same_document(received, {**encoded, "agentName": "x "}, schema)


def test_key_leaks_are_found_in_headers_and_body_also_url_encoded() -> None:
    key = "k/1 2-secret"
    assert key_leaks(key, [("x-echo", "Token k/1 2-secret")], b"") == ["header x-echo"]
    assert key_leaks(key, [], b'{"apiKeyId": "k%2F1%202-secret"}') == ["body"]
    assert key_leaks(key, [("x-id", "k1")], b"k/1 2") == []


def test_key_leaks_are_found_inside_base64_tokens() -> None:
    key = "mock-api-key"
    basic = base64.b64encode(f"user:{key}".encode()).decode()
    payload = base64.urlsafe_b64encode(f'{{"key":"{key}"}}'.encode()).decode().rstrip("=")
    assert key_leaks(key, [("x-session", basic)], b"") == ["header x-session"]
    assert key_leaks(key, [], f'{{"token": "eyJhbGciOiJub25lIn0.{payload}."}}'.encode()) == ["body"]
    other = base64.b64encode(b"user:another-key").decode()
    assert key_leaks(key, [("x-session", other)], b'{"id": "bW9jay1hcGk"}') == []


def test_curl_lines_mask_the_key_everywhere() -> None:
    redact = Redactor(["s3cr3t"])
    line = curl_line(
        "POST",
        "http://h.test/v1/voice-agents/clone?voiceAgentId=a&echo=s3cr3t",
        [("Authorization", "Token s3cr3t"), ("User-Agent", "x")],
        b'{"agentName": "s3cr3t"}',
        redact,
    )
    assert "s3cr3t" not in line
    assert f"Authorization: Token {MASK}" in line
    assert line.startswith("curl -X POST")
    assert "User-Agent" not in line


def exchange(url: str, headers: list[tuple[str, str]], body: bytes) -> Exchange:
    return Exchange("POST", url, tuple(headers), body, 200, (), b"")


GOOD_HEADERS = [("Authorization", "Token key"), ("Content-Type", "application/json")]


def test_a_request_the_spec_allows_has_no_problems() -> None:
    sent = exchange(
        "http://h.test/v1/voice-agents/clone?voiceAgentId=a", GOOD_HEADERS, b'{"agentName": "n"}'
    )
    assert request_problems(sent, "key") == []


def test_request_problems_are_named() -> None:
    sent = exchange(
        "http://h.test/v1/voice-agents/clone?voiceAgentId=&extra=1",
        [("Authorization", "Bearer key"), ("Content-Type", "application/json")],
        b'{"agentName": 7}',
    )
    problems = request_problems(sent, "key")
    assert any("'extra' is not in the spec" in problem for problem in problems)
    assert any("voiceAgentId" in problem for problem in problems)
    assert any("Token <api-key>" in problem for problem in problems)
    assert any(problem.startswith("the body:") for problem in problems)
