"""The suite's own checks (src/hamsa_contract/judge/_checks.py: SuiteChecks and
record_drift), called directly with small stand-ins for schemathesis' Response and Case."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest

from hamsa_contract import _spec as spec
from hamsa_contract._redaction import Redactor
from hamsa_contract.judge._checks import SuiteChecks, record_drift
from hamsa_contract.report._ledger import Ledger
from hamsa_contract.send._names import name_difference

KEY = "hamsa-key-0123456789"
CTX: Any = None  # the checks never read their CheckContext
AGENT = "template-1"


@dataclass
class FakeResponse:
    """The attributes of schemathesis' Response that the checks read."""

    status_code: int
    content: bytes
    headers: dict[str, list[str]] = field(default_factory=dict)


def raw(status: int, content: bytes, headers: dict[str, list[str]] | None = None) -> Any:
    return FakeResponse(status, content, headers or {})


def response(status: int, document: Any, headers: dict[str, list[str]] | None = None) -> Any:
    return raw(status, json.dumps(document).encode(), headers)


def case(body: Any = None, query: Any = None, *, positive: bool | None = True) -> Any:
    """A Case stand-in; `positive=None` gives one without metadata (an explicit example)."""
    meta = (
        None
        if positive is None
        else SimpleNamespace(generation=SimpleNamespace(mode=SimpleNamespace(is_positive=positive)))
    )
    return SimpleNamespace(body=body, query=query, meta=meta)


def clone_answer(agent_id: str = "new-1", name: str = "contract-test a") -> dict[str, Any]:
    document = copy.deepcopy(spec.response_example(200))
    document["data"]["id"] = agent_id
    document["data"]["agentName"] = name
    return document


@pytest.fixture
def checks() -> SuiteChecks:
    return SuiteChecks(api_key=KEY, voice_agent_id=AGENT, ledger=Ledger())


def test_all_lists_each_check_once(checks: SuiteChecks) -> None:
    assert checks.all() == [
        checks.api_key_not_echoed,
        checks.clone_keeps_name_and_gets_new_id,
        checks.drift_recorded,
        checks.duplicate_keys_noted,
        checks.known_voice_agent_found,
        checks.server_error_carries_envelope,
    ]


def test_a_name_that_is_no_rule_is_an_attribute_error_naming_it(checks: SuiteChecks) -> None:
    with pytest.raises(AttributeError) as raised:
        checks.no_such_rule  # noqa: B018 (the lookup is what is tested)
    assert str(raised.value) == "no_such_rule"
    assert not hasattr(checks, "no_such_rule")


def test_a_copy_judges_with_the_same_rules(checks: SuiteChecks) -> None:
    # copy looks for __setstate__ on an instance without rules yet: that lookup must fail as an
    # AttributeError, not reach into rules the instance does not have.
    copied = copy.copy(checks)
    assert copied.all() == checks.all()
    assert copied.api_key_not_echoed is checks.api_key_not_echoed


def test_the_key_in_a_header_or_the_body_fails_and_names_where(checks: SuiteChecks) -> None:
    leaky = raw(200, f'{{"echo": "{KEY}"}}'.encode(), {"x-echo": ["fine", f"Token {KEY}"]})
    with pytest.raises(AssertionError) as raised:
        checks.api_key_not_echoed(CTX, leaky, case())
    assert str(raised.value) == "The API key appears in the answer: header x-echo, body"


def test_the_key_in_a_later_value_of_a_header_is_found(checks: SuiteChecks) -> None:
    leaky = raw(200, b"{}", {"x-a": ["one"], "x-b": ["two", KEY]})
    with pytest.raises(AssertionError, match="x-b"):
        checks.api_key_not_echoed(CTX, leaky, case())


def test_an_answer_without_the_key_passes(checks: SuiteChecks) -> None:
    clean = raw(200, b'{"ok": true}', {"content-type": ["application/json"]})
    assert checks.api_key_not_echoed(CTX, clean, case()) is None


def test_a_clone_with_another_name_fails_and_shows_the_difference(checks: SuiteChecks) -> None:
    answer = response(200, clone_answer(name="contract-test b"))
    asked = case({"agentName": "contract-test a"}, {"voiceAgentId": AGENT})
    with pytest.raises(AssertionError) as raised:
        checks.clone_keeps_name_and_gets_new_id(CTX, answer, asked)
    assert str(raised.value) == "The clone's name is not the requested one: " + name_difference(
        "contract-test a", "contract-test b"
    )


def test_a_clone_with_its_sources_id_fails(checks: SuiteChecks) -> None:
    answer = response(200, clone_answer(agent_id=AGENT, name="n"))
    asked = case({"agentName": "n"}, {"voiceAgentId": AGENT})
    with pytest.raises(AssertionError) as raised:
        checks.clone_keeps_name_and_gets_new_id(CTX, answer, asked)
    assert str(raised.value) == f"The clone has the id of its source ({AGENT!r})"


def test_a_clone_with_the_name_asked_for_and_a_new_id_passes(checks: SuiteChecks) -> None:
    answer = response(200, clone_answer(agent_id="new-1", name="n"))
    asked = case({"agentName": "n"}, {"voiceAgentId": AGENT})
    assert checks.clone_keeps_name_and_gets_new_id(CTX, answer, asked) is None


@pytest.mark.parametrize(
    "body",
    [None, "not an object", {"agentName": 5}, {"other": "x"}],
)
def test_without_a_string_name_asked_for_the_name_is_not_compared(
    checks: SuiteChecks, body: Any
) -> None:
    answer = response(200, clone_answer(agent_id="new-1", name="anything"))
    asked = case(body, {"voiceAgentId": AGENT})
    assert checks.clone_keeps_name_and_gets_new_id(CTX, answer, asked) is None


def test_without_a_query_the_id_is_compared_with_none(checks: SuiteChecks) -> None:
    answer = response(200, clone_answer(agent_id="new-1", name="n"))
    queries: list[Any] = [None, "voiceAgentId=new-1", {}]
    for query in queries:
        asked = case({"agentName": "n"}, query)
        assert checks.clone_keeps_name_and_gets_new_id(CTX, answer, asked) is None


@pytest.mark.parametrize(
    ("status", "content"),
    [
        (201, json.dumps(clone_answer(agent_id=AGENT, name="other")).encode()),
        (400, json.dumps(clone_answer(agent_id=AGENT, name="other")).encode()),
        (200, b"not json"),
        (200, b"[1, 2]"),
        (200, b'{"data": "a string"}'),
        (200, b'{"data": null}'),
    ],
)
def test_only_a_200_with_an_agent_object_is_judged_as_a_clone(
    checks: SuiteChecks, status: int, content: bytes
) -> None:
    asked = case({"agentName": "n"}, {"voiceAgentId": AGENT})
    answer = raw(status, content)
    assert checks.clone_keeps_name_and_gets_new_id(CTX, answer, asked) is None


def test_drift_in_an_answer_is_recorded_as_warnings_not_failures(checks: SuiteChecks) -> None:
    document = clone_answer()
    document["data"]["brandNew"] = 1
    del document["data"]["agentName"]
    assert checks.drift_recorded(CTX, response(200, document), case()) is None
    assert checks.ledger.drift == {"data.brandNew": ["200"]}
    assert checks.ledger.absent == {"data.agentName": ["200"]}
    assert checks.ledger.failures == {}


def test_an_answer_that_is_not_json_records_no_drift(checks: SuiteChecks) -> None:
    checks.drift_recorded(CTX, raw(200, b"<html>"), case())
    assert checks.ledger.drift == {}
    assert checks.ledger.absent == {}


def test_record_drift_checks_completeness_only_under_data_of_a_200() -> None:
    ledger = Ledger()
    error = copy.deepcopy(spec.response_example(404))
    error["extra"] = True
    report = record_drift(ledger, 404, error)
    assert report.unknown == ("extra",)
    assert report.missing == ()
    assert ledger.drift == {"extra": ["404"]}

    document = clone_answer()
    del document["data"]["agentName"]
    document["success"] = True
    report = record_drift(ledger, 200, document)
    assert report.missing == ("data.agentName",)
    assert ledger.absent == {"data.agentName": ["200"]}


def test_record_drift_fills_the_drift_log_with_the_answers_status() -> None:
    ledger = Ledger()
    document = clone_answer()
    document["data"]["brandNew"] = "x"
    record_drift(ledger, 200, document)
    log = ledger.drift_log.document(Redactor([KEY]), observed_on=date(2026, 11, 27), target="t")
    assert [(e["path"], e["statuses"]) for e in log["unknown_fields"]] == [("data.brandNew", [200])]


def test_only_a_200s_agent_must_carry_every_declared_field(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The spec's error answers declare no `data`; one that did would still not be held complete.
    with_data = {
        "type": "object",
        "properties": {"data": {"type": "object", "properties": {"id": {"type": "string"}}}},
    }
    monkeypatch.setattr(spec, "response_schema", lambda status: with_data)
    assert record_drift(Ledger(), 404, {"data": {}}).missing == ()
    assert record_drift(Ledger(), 200, {"data": {}}).missing == ("data.id",)


def test_an_undocumented_status_has_no_schema_and_so_no_drift() -> None:
    ledger = Ledger()
    report = record_drift(ledger, 418, {"anything": {"at": "all"}})
    assert (report.unknown, report.missing) == ((), ())
    assert ledger.drift == {}
    assert ledger.drift_log._unknown == {}


def test_a_404_for_the_runs_agent_on_a_valid_request_fails(checks: SuiteChecks) -> None:
    with pytest.raises(AssertionError) as raised:
        checks.known_voice_agent_found(CTX, raw(404, b"{}"), case(query={"voiceAgentId": AGENT}))
    assert str(raised.value) == (
        f"A valid clone request for the run's agent ({AGENT!r}) got 404: "
        "the agent the run may clone was not found"
    )


@pytest.mark.parametrize(
    ("status", "asked", "positive"),
    [
        (200, {"voiceAgentId": AGENT}, True),
        (400, {"voiceAgentId": AGENT}, True),
        (404, {"voiceAgentId": "someone-else"}, True),
        (404, {"voiceAgentId": AGENT}, False),
        (404, {"voiceAgentId": AGENT}, None),
        (404, None, True),
        (404, {}, True),
    ],
)
def test_a_404_is_fine_for_another_agent_an_invalid_request_or_no_metadata(
    checks: SuiteChecks, status: int, asked: Any, positive: bool | None
) -> None:
    result = checks.known_voice_agent_found(
        CTX, raw(status, b"{}"), case(query=asked, positive=positive)
    )
    assert result is None


def test_repeated_json_names_are_a_note_never_a_failure(checks: SuiteChecks) -> None:
    """RFC 8259 §4: names SHOULD be unique; the contract is silent, so a warning only."""
    repeated = raw(200, b'{"success": true, "data": {"id": 1, "id": 2}, "success": true}', {})
    assert checks.duplicate_keys_noted(CTX, repeated, case()) is None
    assert checks.ledger.notes == [
        "a 200 answer repeats JSON names (id, success): parsers differ on which value wins "
        "(RFC 8259 §4)"
    ]
    checks.duplicate_keys_noted(CTX, raw(200, b'{"success": true}', {}), case())
    assert len(checks.ledger.notes) == 1
