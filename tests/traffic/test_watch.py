"""The client's contract watch (`watch=ContractWatch(...)`), sync and async: what it finds in an
answer, that it reports each finding once, and that neither the log nor the findings file ever
holds the key."""

from __future__ import annotations

import base64
import copy
import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from hamsa_client import ContractWatch, _watch
from hamsa_client import client as client_module
from hamsa_client._rules import SERVER_ERROR_WITHOUT_ENVELOPE
from hamsa_client._rules import json_type as client_json_type
from hamsa_client.api.voice_agents import clone_voice_agent
from hamsa_client.errors import HamsaError, InvalidResponse, ResponseDecodeError, UnexpectedStatus
from hamsa_client.models import CloneVoiceAgentResponse
from hamsa_contract._spec import CLONE_PATH, response_example
from hamsa_contract._spec import document as spec_document
from hamsa_contract.drift._detect import json_type as drift_json_type
from hamsa_contract.drift._findings_file import FINDINGS_FORMAT, findings_lines
from hamsa_contract.judge._checks import (
    RULES,
    api_key_not_echoed,
    clone_keeps_name_and_gets_new_id,
    created_at_is_fresh,
    server_error_carries_envelope,
)
from hamsa_contract.report._ledger import Ledger
from hamsa_contract.report._rules import RuleContext
from tests.hamsa_contract.judge.test_checks import case, raw
from tests.support.client import API_KEY, SOURCE_ID, Mode, answer, clone, make_client

NAME = "Acme Support"
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fresh_process() -> Iterator[None]:
    """Each test starts as a new process would: nothing reported yet."""
    _watch._reported.clear()
    yield
    _watch._reported.clear()


def conformant() -> dict[str, Any]:
    """The spec's 200 example as a conformant answer to `clone()`: the name sent, created now."""
    document = copy.deepcopy(response_example(200))
    document["data"].update(agentName=NAME, createdAt=NOW.isoformat(), updatedAt=NOW.isoformat())
    return document


def watched_clone(
    mode: Mode,
    answer: dict[str, Any],
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
    findings_file: Path | None = None,
    times: int = 1,
) -> None:
    """`times` clone calls named NAME, each answered `answer`, through a watched client."""

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json=answer, headers=headers or {})

    watch = ContractWatch(findings_file=findings_file, clock=lambda: NOW)
    for _ in range(times):
        clone(mode, make_client(handler, watch=watch))


def reported(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == client_module.WATCH_LOGGER
    ]


@pytest.fixture(autouse=True)
def watch_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=client_module.WATCH_LOGGER)


def test_a_conformant_answer_reports_nothing(
    mode: Mode, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    findings = tmp_path / "findings.jsonl"
    watched_clone(mode, conformant(), findings_file=findings, times=2)
    assert reported(caplog) == []
    assert not findings.exists()


def test_unknown_fields_are_reported_with_path_and_inferred_type(
    mode: Mode, caplog: pytest.LogCaptureFixture
) -> None:
    answer = conformant()
    answer["requestId"] = "req-1"
    answer["data"]["voiceStyle"] = {"tone": "calm"}
    answer["data"]["llmConfig"]["region"] = 3
    answer["data"]["params"]["free"] = "form"  # AgentParams is free-form: nothing is unknown
    watched_clone(mode, answer)
    assert reported(caplog) == [
        "POST /v1/voice-agents/clone -> 200: unknown field requestId (string), not in the spec",
        "POST /v1/voice-agents/clone -> 200: unknown field data.voiceStyle (object), not in the "
        "spec",
        "POST /v1/voice-agents/clone -> 200: unknown field data.llmConfig.region (integer), not "
        "in the spec",
    ]


def test_declared_optional_fields_absent_are_reported_in_the_agent_only(
    mode: Mode, caplog: pytest.LogCaptureFixture
) -> None:
    answer = conformant()
    del answer["data"]["lang"]
    del answer["data"]["llmConfig"]["temperature"]
    watched_clone(mode, answer)
    assert reported(caplog) == [
        "POST /v1/voice-agents/clone -> 200: declared optional field data.lang absent",
        "POST /v1/voice-agents/clone -> 200: declared optional field data.llmConfig.temperature "
        "absent",
    ]
    caplog.clear()
    # An error envelope without its optional messageKey is complete (as in the suite's drift).
    watched_clone(mode, {"success": False, "message": "no", "traceId": "t"}, status=404)
    assert reported(caplog) == [
        "POST /v1/voice-agents/clone -> 404: unknown field traceId (string), not in the spec"
    ]


@pytest.mark.parametrize(
    ("returned", "how"),
    [
        (f" {NAME} ", "differs from the body.agentName sent (12 characters sent, 14 received)"),
        (NAME.lower(), "the body.agentName sent, in another case"),
        (NAME[:-1], "differs from the body.agentName sent (12 characters sent, 11 received)"),
    ],
)
def test_a_name_not_exactly_as_sent_is_a_contract_break(
    mode: Mode, caplog: pytest.LogCaptureFixture, returned: str, how: str
) -> None:
    answer = conformant()
    answer["data"]["agentName"] = returned
    watched_clone(mode, answer)
    [message] = reported(caplog)
    assert message.startswith(
        "POST /v1/voice-agents/clone -> 200: contract broken (not_as_sent): data.agentName: " + how
    ), message
    assert [record.levelno for record in caplog.records] == [logging.ERROR]


def test_the_sources_id_is_a_contract_break(mode: Mode, caplog: pytest.LogCaptureFixture) -> None:
    answer = conformant()
    answer["data"]["id"] = SOURCE_ID
    watched_clone(mode, answer)
    assert reported(caplog) == [
        "POST /v1/voice-agents/clone -> 200: contract broken (same_as_source): data.id: equals "
        "the request's query.voiceAgentId"
    ]


@pytest.mark.parametrize(
    ("offset", "said"),
    [
        (timedelta(minutes=-6), "360 s before the answer arrived (tolerance 300 s)"),
        (timedelta(minutes=6), "360 s after the answer arrived (tolerance 300 s)"),
        (timedelta(minutes=-4), None),
        (timedelta(minutes=4), None),
    ],
)
def test_created_at_must_be_within_five_minutes_of_the_answer(
    mode: Mode, caplog: pytest.LogCaptureFixture, offset: timedelta, said: str | None
) -> None:
    answer = conformant()
    answer["data"]["createdAt"] = (NOW + offset).isoformat().replace("+00:00", "Z")
    watched_clone(mode, answer)
    expected = (
        []
        if said is None
        else [
            "POST /v1/voice-agents/clone -> 200: contract broken (not_fresh): data.createdAt: "
            + said
        ]
    )
    assert reported(caplog) == expected


@pytest.mark.parametrize(
    ("where", "headers", "field"),
    [
        ("body", {}, "apiKeyId"),
        ("body URL-encoded", {}, "webhookUrl"),
        ("header", {"X-Debug-Auth": f"Token {API_KEY}"}, None),
        ("header in base64", {"X-Basic": base64.b64encode(f"u:{API_KEY}".encode()).decode()}, None),
    ],
)
def test_the_key_in_the_answer_is_a_contract_break_and_never_shown(
    mode: Mode,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
    where: str,
    headers: dict[str, str],
    field: str | None,
) -> None:
    answer = conformant()
    if field == "apiKeyId":
        answer["data"][field] = API_KEY
    elif field == "webhookUrl":
        answer["data"][field] = f"https://example.com/hook?key={quote(API_KEY, safe='')}"
    findings = tmp_path / "findings.jsonl"
    watched_clone(mode, answer, headers=headers, findings_file=findings)
    messages = reported(caplog)
    place = "body" if field else f"header {next(iter(headers))}"
    assert messages == [
        f"POST /v1/voice-agents/clone -> 200: contract broken (api_key_in_answer): {place}: the "
        "answer carries the API key"
    ], where
    assert_key_nowhere(caplog.text, findings.read_text(encoding="utf-8"))


def test_an_unknown_field_carrying_the_key_is_masked_name_and_value(
    mode: Mode, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    answer = conformant()
    answer["data"]["debug"] = {"token": f"Token {API_KEY}"}
    answer["data"][API_KEY] = True
    findings = tmp_path / "findings.jsonl"
    watched_clone(mode, answer, findings_file=findings)
    lines = findings_lines(findings.read_text(encoding="utf-8"))
    assert lines is not None
    unknown = {line["field"]: line for line in lines if line["kind"] == "unknown_field"}
    assert unknown["data.debug"]["value"] == "[Filtered]"
    assert unknown["data.debug"]["carries_api_key"] is True
    assert unknown["data.[Filtered]"]["carries_api_key"] is True
    assert_key_nowhere(caplog.text, findings.read_text(encoding="utf-8"))


def test_each_finding_is_reported_once_per_process_across_clients(
    mode: Mode, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    answer = conformant()
    answer["data"]["voiceStyle"] = "calm"
    findings = tmp_path / "findings.jsonl"
    watched_clone(mode, answer, findings_file=findings, times=3)
    other = conformant()
    other["data"]["voiceStyle"] = "brisk"  # same field, another value: the same finding
    watched_clone(mode, other, findings_file=findings)
    assert len(reported(caplog)) == 1
    lines = findings_lines(findings.read_text(encoding="utf-8"))
    assert lines is not None
    assert [(line["kind"], line["field"], line["value"]) for line in lines] == [
        ("unknown_field", "data.voiceStyle", "calm")
    ]


def test_a_findings_line_says_where_and_when(mode: Mode, tmp_path: Path) -> None:
    answer = conformant()
    answer["data"]["voiceStyle"] = "calm"
    findings = tmp_path / "findings.jsonl"
    watched_clone(mode, answer, findings_file=findings)
    [line] = json.loads("[" + findings.read_text(encoding="utf-8").strip() + "]")
    assert line == {
        "format": FINDINGS_FORMAT,
        "observed_at": "2026-12-01T12:00:00Z",
        "server": "https://api.tryhamsa.com",
        "operation": "clone_voice_agent",
        "method": "POST",
        "path": "/v1/voice-agents/clone",
        "status": 200,
        "kind": "unknown_field",
        "field": "data.voiceStyle",
        "type": "string",
        "value": "calm",
        "carries_api_key": False,
    }
    assert client_module.FINDINGS_FORMAT == FINDINGS_FORMAT


def test_a_type_break_still_raises_and_the_watch_still_reports(
    mode: Mode, caplog: pytest.LogCaptureFixture
) -> None:
    answer = conformant()
    answer["data"]["silenceThreshold"] = "800"
    answer["data"]["voiceStyle"] = "calm"
    with pytest.raises(InvalidResponse):
        watched_clone(mode, answer)
    assert reported(caplog) == [
        "POST /v1/voice-agents/clone -> 200: unknown field data.voiceStyle (string), not in the "
        "spec"
    ]


def test_without_a_watch_nothing_is_compared(mode: Mode, caplog: pytest.LogCaptureFixture) -> None:
    answer = conformant()
    answer["data"]["voiceStyle"] = "calm"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=answer)

    parsed = clone(mode, make_client(handler))
    assert isinstance(parsed, CloneVoiceAgentResponse)
    assert reported(caplog) == []


def assert_key_nowhere(*texts: str) -> None:
    forms = [API_KEY, quote(API_KEY, safe=""), base64.b64encode(f"u:{API_KEY}".encode()).decode()]
    for text in texts:
        for form in forms:
            assert form not in text, f"the key ({form!r}) was shown: {text}"


def test_a_findings_file_that_cannot_be_written_never_fails_the_call(
    mode: Mode, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    answer = conformant()
    answer["data"]["voiceStyle"] = "calm"
    watched_clone(mode, answer, findings_file=tmp_path / "no-such-folder" / "findings.jsonl")
    assert reported(caplog)[0].endswith("unknown field data.voiceStyle (string), not in the spec")
    assert reported(caplog)[1].startswith("cannot append findings to ")


def test_the_watch_compares_with_the_spec_the_client_was_generated_from() -> None:
    schemas = spec_document()["components"]["schemas"]
    declared = {
        name: schema
        for name, schema in schemas.items()
        if schema.get("properties") and schema.get("additionalProperties") is not True
    }
    assert set(client_module.ANSWER_SHAPES) == set(declared)
    for name, schema in declared.items():
        shape = client_module.ANSWER_SHAPES[name]
        assert shape.fields == set(schema["properties"]), name
        assert shape.required == set(schema.get("required", [])), name
    agent = client_module.ANSWER_SHAPES["VoiceAgent"].children
    assert agent == {
        "webhookAuth": "WebhookAuth",
        "alignment": "Alignment",
        "tools": "AgentTools",
        "llmConfig": "LlmConfig",
    }
    rules = spec_document()["paths"][CLONE_PATH]["post"]["responses"]["200"]["x-hamsa-watch"]
    answer = clone_voice_agent._CONTRACT.answers[200]
    assert answer.complete_under == rules["complete"]
    assert answer.as_sent == rules["as-sent"]
    assert answer.not_the_source == rules["not-the-source"]
    assert answer.fresh == rules["fresh"]


def lone_surrogate_answer() -> bytes:
    """A conformant answer with an unknown field holding "\\ud800" (valid JSON, no UTF-8)."""
    answer = conformant()
    answer["data"]["voiceStyle"] = "\ud800"
    return json.dumps(answer).encode()  # ensure_ascii: the surrogate travels as the escape \ud800


def test_a_lone_surrogate_changes_no_result_and_its_finding_is_reported(
    mode: Mode, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    body = lone_surrogate_answer()

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"content-type": "application/json"})

    findings = tmp_path / "findings.jsonl"
    unwatched = clone(mode, make_client(handler))
    watch = ContractWatch(findings_file=findings, clock=lambda: NOW)
    watched = clone(mode, make_client(handler, watch=watch))

    assert isinstance(unwatched, CloneVoiceAgentResponse)
    assert watched == unwatched
    assert reported(caplog) == [
        "POST /v1/voice-agents/clone -> 200: unknown field data.voiceStyle (string), not in the "
        "spec"
    ]
    lines = findings_lines(findings.read_text(encoding="utf-8"))
    assert lines is not None
    assert [line["value"] for line in lines] == ["\ud800"]


def test_whatever_the_watch_meets_the_call_returns_what_it_would_without_it(
    mode: Mode, caplog: pytest.LogCaptureFixture
) -> None:
    answer = conformant()

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=answer)

    def broken_clock() -> datetime:
        raise OSError("no clock")

    watched = clone(mode, make_client(handler, watch=ContractWatch(clock=broken_clock)))

    assert watched == clone(mode, make_client(handler))
    assert reported(caplog) == [
        "POST /v1/voice-agents/clone -> 200: the watch could not finish comparing this answer "
        "(OSError)"
    ]


@pytest.mark.parametrize(
    "spelled",
    [
        pytest.param("".join(f"\\u{ord(c):04x}" for c in API_KEY), id="every character \\u"),
        pytest.param("".join(f"&#{ord(c)};" for c in API_KEY), id="HTML entities"),
        pytest.param(
            base64.urlsafe_b64encode(f"Token {API_KEY}".encode()).decode().rstrip("="),
            id="base64 URL-safe of Token key",
        ),
    ],
)
def test_the_key_escaped_or_encoded_in_the_body_is_a_contract_break(
    mode: Mode, caplog: pytest.LogCaptureFixture, spelled: str
) -> None:
    """The watch reads what the answer means: the key escaped is the key."""
    body = json.dumps(conformant())[:-1] + f', "requestedWith": "{spelled}"}}'

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=body.encode(), headers={"content-type": "application/json"}
        )

    clone(mode, make_client(handler, watch=ContractWatch(clock=lambda: NOW)))
    assert (
        "POST /v1/voice-agents/clone -> 200: contract broken (api_key_in_answer): body: the "
        "answer carries the API key"
    ) in reported(caplog)
    assert_key_nowhere(caplog.text)
    assert spelled not in caplog.text


# The watch and the contract suite judge by one definition of each rule (hamsa_client._rules): on
# the same answer to the same request, the watch's finding and the suite's check agree.
TOLERANCE = spec_document()["paths"][CLONE_PATH]["post"]["responses"]["200"]["x-hamsa-watch"][
    "fresh"
]["data.createdAt"]
BASIC = base64.b64encode(f"user:{API_KEY}".encode()).decode()


def watch_kinds(
    monkeypatch: pytest.MonkeyPatch,
    document: Any,
    *,
    sent_name: str,
    source: str | None,
    headers: dict[str, str],
) -> set[str]:
    """The kinds of finding the watch makes of one 200 answer (before reporting them once)."""
    kinds: set[str] = set()
    monkeypatch.setattr(
        ContractWatch,
        "_report",
        lambda self, found, mask, response: kinds.update(finding.kind for finding in found),
    )
    sent = {"params": {"voiceAgentId": source}, "json": {"agentName": sent_name}}
    request = httpx.Request("POST", f"https://api.example{CLONE_PATH}")
    response = httpx.Response(200, json=document, headers=headers, request=request)
    watch = ContractWatch(clock=lambda: NOW)
    watch.observe_answer(clone_voice_agent._CONTRACT, response, [API_KEY])
    watch.observe(clone_voice_agent._CONTRACT, 200, response, document, sent, [API_KEY])
    return kinds


def suite_breaks(
    rule: Any, document: Any, *, sent_name: str, source: str | None, headers: dict[str, str]
) -> bool:
    """Whether the suite's rule fails the same answer, recorded at the watch's NOW."""
    run = RuleContext(API_KEY, SOURCE_ID, Ledger(), recorded_at=NOW)
    answer = SimpleNamespace(
        status_code=200,
        content=json.dumps(document).encode(),
        headers={name: [value] for name, value in headers.items()},
    )
    case = SimpleNamespace(body={"agentName": sent_name}, query={"voiceAgentId": source}, meta=None)
    try:
        rule(run, answer, case)
    except AssertionError:
        return True
    return False


# (rule of the suite, kinds of finding of the watch, answer, name sent, source, headers, broken)
ONE_RULE_CASES = [
    (created_at_is_fresh, {"not_fresh"}, "fresh", {}, NAME, SOURCE_ID, {}, False),
    *(
        (
            created_at_is_fresh,
            {"not_fresh"},
            f"createdAt {created}",
            {"createdAt": created},
            NAME,
            SOURCE_ID,
            {},
            broken,
        )
        for created, broken in (
            ((NOW + timedelta(seconds=TOLERANCE)).isoformat(), False),
            ((NOW + timedelta(seconds=TOLERANCE + 1)).isoformat(), True),
            ((NOW - timedelta(seconds=TOLERANCE + 1)).isoformat(), True),
            ((NOW - timedelta(seconds=TOLERANCE - 1)).replace(tzinfo=None).isoformat(), False),
            ((NOW + timedelta(seconds=TOLERANCE + 1)).replace(tzinfo=None).isoformat(), True),
            ("yesterday", False),  # no date-time: the schema's to say
            (1733054400, False),
        )
    ),
    *(
        (
            clone_keeps_name_and_gets_new_id,
            {"not_as_sent", "same_as_source"},
            f"sent {sent!r} got {got!r}, id {agent_id!r} of {source!r}",
            {"agentName": got, "id": agent_id},
            sent,
            source,
            {},
            broken,
        )
        for sent, got, agent_id, source, broken in (
            (NAME, NAME, "new-1", SOURCE_ID, False),
            (NAME, f" {NAME} ", "new-1", SOURCE_ID, True),
            (NAME, NAME.upper(), "new-1", SOURCE_ID, True),
            (NAME, None, "new-1", SOURCE_ID, True),
            ("", "chosen by the server", "new-1", SOURCE_ID, False),
            (NAME, NAME, SOURCE_ID, SOURCE_ID, True),
            (NAME, NAME, None, None, False),  # no source sent: nothing to differ from
        )
    ),
    *(
        (api_key_not_echoed, {"api_key_in_answer"}, why, data, NAME, SOURCE_ID, headers, broken)
        for why, data, headers, broken in (
            ("no key", {}, {"x-id": "k1"}, False),
            ("key in a header", {}, {"x-echo": f"Token {API_KEY}"}, True),
            ("key URL-encoded in the body", {"echo": quote(f"Token {API_KEY}")}, {}, True),
            ("key in base64 in a header", {}, {"x-session": BASIC}, True),
        )
    ),
]


@pytest.mark.parametrize(
    ("rule", "kinds", "data", "sent_name", "source", "headers", "broken"),
    [pytest.param(*case[:2], *case[3:], id=case[2]) for case in ONE_RULE_CASES],
)
def test_the_watch_and_the_suite_judge_by_one_rule(
    monkeypatch: pytest.MonkeyPatch,
    rule: Any,
    kinds: set[str],
    data: dict[str, Any],
    sent_name: str,
    source: str | None,
    headers: dict[str, str],
    broken: bool,
) -> None:
    document = conformant()
    document["data"].update(data)
    found = watch_kinds(monkeypatch, document, sent_name=sent_name, source=source, headers=headers)
    assert bool(found & kinds) == broken, found
    assert suite_breaks(rule, document, sent_name=sent_name, source=source, headers=headers) == (
        broken
    )


@pytest.mark.parametrize(
    ("rule", "kinds"),
    sorted(
        {
            *((case[0], frozenset(case[1])) for case in ONE_RULE_CASES),
            (server_error_carries_envelope, frozenset({SERVER_ERROR_WITHOUT_ENVELOPE})),
        },
        key=str,
    ),
)
def test_from_fails_a_finding_under_the_rule_that_judges_by_the_same_function(
    rule: Any, kinds: frozenset[str]
) -> None:
    """`--from` on a findings file names the suite's rule of each break (report/_rules.py)."""
    for kind in kinds:
        judging = RULES.judging(kind)
        assert judging is not None, kind
        assert judging.judge is rule, kind


def test_the_watch_and_the_drift_walk_name_json_types_by_one_function() -> None:
    assert drift_json_type is client_json_type


# A 5xx carries the error envelope (CONTRACT.md decision 5), whether the spec documents the status
# (500) or not (a gateway's 502): the watch sees every answer before the endpoint reads it.
GATEWAY_PAGE = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
ENVELOPE = {"success": False, "message": "upstream unavailable", "messageKey": "UPSTREAM"}


def watched_error(
    mode: Mode, status: int, body: bytes | Any, findings_file: Path | None = None
) -> HamsaError | None:
    """One watched clone call answered `status` with `body`: what it raised (None: it returned)."""
    watch = ContractWatch(findings_file=findings_file, clock=lambda: NOW)
    try:
        clone(mode, make_client(answer(status, body), watch=watch))
    except HamsaError as error:
        return error
    return None


def test_a_gateways_502_page_is_a_contract_break_and_the_call_still_raises(
    mode: Mode, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    findings = tmp_path / "findings.jsonl"
    raised = watched_error(mode, 502, GATEWAY_PAGE, findings)
    assert isinstance(raised, UnexpectedStatus)
    assert reported(caplog) == [
        "POST /v1/voice-agents/clone -> 502: contract broken (server_error_without_envelope): "
        "body: the body is not JSON"
    ]
    lines = findings_lines(findings.read_text(encoding="utf-8"))
    assert lines is not None
    assert [(line["status"], line["kind"], line["field"], line["detail"]) for line in lines] == [
        (502, SERVER_ERROR_WITHOUT_ENVELOPE, "body", "the body is not JSON")
    ]
    # What the call raises is what it raises without a watch.
    with pytest.raises(UnexpectedStatus) as unwatched:
        clone(mode, make_client(answer(502, GATEWAY_PAGE)))
    assert str(raised) == str(unwatched.value)


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_a_5xx_with_the_envelope_reports_nothing(
    mode: Mode, caplog: pytest.LogCaptureFixture, status: int
) -> None:
    raised = watched_error(mode, status, ENVELOPE)
    assert isinstance(raised, UnexpectedStatus) or (status == 500 and raised is None)
    assert reported(caplog) == []


def test_a_documented_500_that_is_no_envelope_is_reported_before_it_fails_to_parse(
    mode: Mode, caplog: pytest.LogCaptureFixture
) -> None:
    assert isinstance(watched_error(mode, 500, b"Internal Server Error"), ResponseDecodeError)
    caplog.clear()
    _watch._reported.clear()
    # JSON, not the envelope: its unknown field is drift, the missing envelope a break.
    assert isinstance(watched_error(mode, 500, {"detail": "boom"}), InvalidResponse)
    assert reported(caplog) == [
        "POST /v1/voice-agents/clone -> 500: contract broken (server_error_without_envelope): "
        "body: 'success' is a required property; neither 'message' nor 'error' (a string)",
        "POST /v1/voice-agents/clone -> 500: unknown field detail (string), not in the spec",
    ]


def test_answers_below_500_are_not_this_rules(mode: Mode, caplog: pytest.LogCaptureFixture) -> None:
    for status in (404, 418, 499):
        watched_error(mode, status, GATEWAY_PAGE)
    assert reported(caplog) == []


def test_a_missing_envelope_is_reported_once_per_status(
    mode: Mode, caplog: pytest.LogCaptureFixture
) -> None:
    for status in (502, 502, 503, 502):
        watched_error(mode, status, GATEWAY_PAGE)
    assert [message.split(":")[0] for message in reported(caplog)] == [
        "POST /v1/voice-agents/clone -> 502",
        "POST /v1/voice-agents/clone -> 503",
    ]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(GATEWAY_PAGE, id="HTML"),
        pytest.param(b"", id="empty"),
        pytest.param(b"[" * 100_000 + b"]" * 100_000, id="nested past Python's recursion"),
        pytest.param(json.dumps({"success": False, "error": "e"}).encode(), id="Flutter's form"),
        pytest.param(json.dumps({"success": False}).encode(), id="no message"),
        pytest.param(json.dumps({"success": "false", "message": "m"}).encode(), id="text false"),
        pytest.param(json.dumps({"success": False, "message": None}).encode(), id="null message"),
        pytest.param(json.dumps(["error"]).encode(), id="array"),
        pytest.param(json.dumps(ENVELOPE).encode(), id="the envelope"),
    ],
)
def test_the_watch_and_the_suite_judge_a_5xx_by_one_rule(
    monkeypatch: pytest.MonkeyPatch, body: bytes
) -> None:
    found: list[Any] = []
    monkeypatch.setattr(
        ContractWatch, "_report", lambda self, more, mask, response: found.extend(more)
    )
    request = httpx.Request("POST", f"https://api.example{CLONE_PATH}")
    response = httpx.Response(503, content=body, request=request)
    ContractWatch().observe_answer(clone_voice_agent._CONTRACT, response, [API_KEY])
    run = RuleContext(API_KEY, SOURCE_ID, Ledger())
    try:
        server_error_carries_envelope(run, raw(503, body), case())
        suite_breaks = False
    except AssertionError:
        suite_breaks = True
    assert [finding.kind for finding in found] == (
        [SERVER_ERROR_WITHOUT_ENVELOPE] if suite_breaks else []
    )


@pytest.mark.parametrize(
    ("status", "body", "headers"),
    [
        pytest.param(
            403,
            b"<html><body>Forbidden. Sent: Authorization: Token " + API_KEY.encode() + b"</body>",
            {},
            id="an undocumented status's page",
        ),
        pytest.param(502, GATEWAY_PAGE, {"x-upstream-auth": f"Token {API_KEY}"}, id="a 502 header"),
    ],
)
def test_the_key_in_any_answer_is_a_contract_break_and_the_call_still_raises(
    mode: Mode,
    caplog: pytest.LogCaptureFixture,
    status: int,
    body: bytes,
    headers: dict[str, str],
) -> None:
    """A proxy's page or header that echoes the key, whatever its status: the generated call
    refuses such answers (UnexpectedStatus) before it parses them, and the watch still sees the
    key."""
    watch = ContractWatch(clock=lambda: NOW)
    with pytest.raises(UnexpectedStatus) as watched:
        clone(mode, make_client(answer(status, body, headers), watch=watch))
    breaks = [message for message in reported(caplog) if "(api_key_in_answer)" in message]
    assert breaks, reported(caplog)
    assert all(message.startswith(f"POST /v1/voice-agents/clone -> {status}") for message in breaks)
    assert API_KEY not in caplog.text
    with pytest.raises(UnexpectedStatus) as unwatched:
        clone(mode, make_client(answer(status, body, headers)))
    assert str(watched.value) == str(unwatched.value)
