"""The mock's auth, request validation and store, one function at a time: exact messages,
boundaries and the branches the current spec cannot reach over HTTP."""

from __future__ import annotations

import re
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from jsonschema import Draft202012Validator, ValidationError

from hamsa_contract.mock import _request_rules as mock_spec
from hamsa_contract.mock._auth import TokenAuth
from hamsa_contract.mock._store import AgentStore, _new_id, _now, utc_timestamp
from hamsa_contract.mock._validation import (
    RequestInvalid,
    _describe,
    agent_name,
    is_json_media_type,
    read_body,
    voice_agent_id,
)

KEY = "mock-api-key"


def exactly(message: str) -> str:
    """A pytest.raises pattern matching `message` and nothing more."""
    return f"^{re.escape(message)}$"


# --- auth -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header", ["Token mock-api-key", "  TOKEN   mock-api-key  ", "token mock-api-key"]
)
def test_the_token_is_accepted_with_any_scheme_case_and_spacing(header: str) -> None:
    assert TokenAuth(KEY).accepts([header])


@pytest.mark.parametrize(
    "headers", [[], ["Token mock-api-key"] * 2, ["Tokens mock-api-key"], ["Token mock-api-keyx"]]
)
def test_anything_else_is_refused(headers: list[str]) -> None:
    assert not TokenAuth(KEY).accepts(headers)


def test_a_non_ascii_key_is_compared_as_utf8() -> None:
    assert TokenAuth("ключ").accepts(["Token ключ"])


@pytest.mark.parametrize("api_key", ["", "padded ", " padded", "two\twords"])
def test_an_unusable_key_is_refused_with_the_reason(api_key: str) -> None:
    message = "the mock's API key must be non-empty and contain no whitespace"
    with pytest.raises(ValueError, match=exactly(message)):
        TokenAuth(api_key)


def test_the_repr_names_the_scheme_and_hides_the_key() -> None:
    assert repr(TokenAuth(KEY)) == "TokenAuth(scheme='Token', api_key=<hidden>)"


# --- validation -----------------------------------------------------------------------------


def first_error(schema: dict[str, Any], instance: Any) -> ValidationError:
    error: ValidationError = next(iter(Draft202012Validator(schema).iter_errors(instance)))
    return error


@pytest.mark.parametrize(
    ("schema", "instance", "message"),
    [
        ({"required": ["a", "b"]}, {"a": 1}, "body.b is required"),
        ({"type": "string"}, 1, "body must be of type string"),
        ({"type": ["string", "null"]}, 1, "body must be of type string or null"),
        ({"minLength": 1}, "", "body must not be empty"),
        ({"minLength": 2}, "x", "body breaks the spec's minLength: 2"),
        ({"maxLength": 1}, "xy", "body breaks the spec's maxLength: 1"),
        ({"pattern": "^a"}, "b", "body breaks the spec's pattern: '^a'"),
        ({"enum": ["a"]}, "b", "body breaks the spec's enum: ['a']"),
        ({"const": "a"}, "b", "body breaks the spec's const: 'a'"),
        ({"maximum": 1}, 2, "body does not match the spec (maximum)"),
        (
            {"properties": {"items": {"items": {"type": "string"}}}},
            {"items": ["a", 2]},
            "body.items.1 must be of type string",
        ),
    ],
)
def test_a_validation_error_is_described_by_its_rule_and_place(
    schema: dict[str, Any], instance: Any, message: str
) -> None:
    assert _describe(first_error(schema, instance), "body") == message


def test_a_format_error_is_described_by_its_rule() -> None:
    error = ValidationError("bad", validator="format", validator_value="date-time", instance="x")
    assert _describe(error, "body") == "body breaks the spec's format: 'date-time'"


@pytest.mark.parametrize(("instance", "names"), [({}, "not-a-list"), ({"a": 1}, ["a"])])
def test_a_required_error_without_a_missing_name_says_incomplete(instance: Any, names: Any) -> None:
    error = ValidationError("x", validator="required", validator_value=names, instance=instance)
    assert _describe(error, "body") == "body is incomplete"


def test_a_required_error_on_a_non_object_names_the_first_name() -> None:
    error = ValidationError("x", validator="required", validator_value=["a"], instance=["a"])
    assert _describe(error, "body") == "body.a is required"


def test_a_required_error_names_the_first_missing_name() -> None:
    error = ValidationError(
        "x", validator="required", validator_value=["a", "b", "c"], instance={"a": 1}
    )
    assert _describe(error, "body") == "body.b is required"


def test_the_voice_agent_id_is_returned_when_valid() -> None:
    assert voice_agent_id(["agent-1"]) == "agent-1"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ([], "query parameter voiceAgentId is required"),
        (["a", "b"], "query parameter voiceAgentId must be given once"),
        ([""], "voiceAgentId must not be empty"),
    ],
)
def test_a_bad_voice_agent_id_is_named(values: list[str], message: str) -> None:
    with pytest.raises(RequestInvalid, match=exactly(message)):
        voice_agent_id(values)


def test_an_optional_voice_agent_id_that_is_absent_is_called_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        mock_spec, "query_parameter", lambda name: (False, Draft202012Validator({}))
    )
    with pytest.raises(RequestInvalid, match=exactly("query parameter voiceAgentId is missing")):
        voice_agent_id([])


@pytest.mark.parametrize(
    ("content_type", "is_json"),
    [
        (None, False),
        ("application/json", True),
        (" Application/JSON ; charset=utf-8; x=y", True),
        ("application/jsonx", False),
        ("text/plain; application/json", False),
    ],
)
def test_json_media_types(content_type: str | None, is_json: bool) -> None:
    assert is_json_media_type(content_type) is is_json


async def chunks(*parts: bytes) -> AsyncIterator[bytes]:
    for part in parts:
        yield part


async def test_a_body_up_to_the_limit_is_read_whole() -> None:
    assert await read_body(chunks(b"ab", b"", b"cd"), limit=4) == b"abcd"


async def test_a_body_past_the_limit_is_refused() -> None:
    with pytest.raises(RequestInvalid, match=exactly("body is larger than 4 bytes")):
        await read_body(chunks(b"ab", b"cde", b"never read"), limit=4)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "body is required: a JSON object with agentName"),
        (b'{"agentName": Infinity}', "body is not valid JSON"),
        (b'{"agentName": -Infinity}', "body is not valid JSON"),
        (b'{"agentName": false}', "body.agentName must be of type string"),
        (b'{"agentName": null}', "body.agentName must be of type string"),
    ],
)
def test_a_bad_body_is_named(body: bytes, message: str) -> None:
    with pytest.raises(RequestInvalid, match=exactly(message)):
        agent_name("application/json", body)


def test_a_body_sent_as_another_type_is_named() -> None:
    with pytest.raises(RequestInvalid, match=exactly("body must be sent as application/json")):
        agent_name("text/plain", b'{"agentName": "N"}')


def test_the_agent_name_is_returned() -> None:
    assert agent_name("application/json", b' {"agentName": "N", "x": 1} ') == "N"


@pytest.mark.parametrize("body", [b"{}", b'{"agentName": "", "x": 1}'])
def test_a_body_that_asks_for_no_name_gives_none(body: bytes) -> None:
    """Missing or empty: no name asked for (CONTRACT.md decision 4), not an invalid body."""
    assert agent_name("application/json", body) is None


@pytest.mark.parametrize("body", [b'{"agentName": 5}', b"[1]"])
def test_a_non_string_name_is_refused_even_by_a_looser_spec(
    monkeypatch: pytest.MonkeyPatch, body: bytes
) -> None:
    monkeypatch.setattr(mock_spec, "request_body_validator", lambda: Draft202012Validator({}))
    with pytest.raises(RequestInvalid, match=exactly("body.agentName must be a string")):
        agent_name("application/json", body)


# --- store ----------------------------------------------------------------------------------

TEMPLATE = {"id": "t1", "agentName": "Template", "isTemplate": True, "config": {"a": [1]}}
CLOCK = datetime(2026, 11, 25, 10, 30, 12, 345678, tzinfo=timezone(timedelta(hours=1)))


def test_timestamps_are_utc_with_milliseconds(monkeypatch: pytest.MonkeyPatch) -> None:
    assert utc_timestamp(CLOCK) == "2026-11-25T09:30:12.345Z"
    # Whatever the machine's own time zone.
    monkeypatch.setenv("TZ", "XST-4")  # POSIX form: UTC+4, no zoneinfo needed
    time.tzset()
    try:
        assert utc_timestamp(CLOCK) == "2026-11-25T09:30:12.345Z"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_the_default_clock_and_ids() -> None:
    assert _now().tzinfo is UTC
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", _new_id())
    assert _new_id() != _new_id()


def test_a_clone_copies_the_source_with_its_own_id_name_and_times() -> None:
    ids = iter(["t1", "c1"])  # the first id is taken by the template: drawn again
    store = AgentStore([TEMPLATE], clock=lambda: CLOCK, new_id=lambda: next(ids))

    clone = store.clone("t1", "Copy")

    assert clone == {
        "id": "c1",
        "agentName": "Copy",
        "isTemplate": False,
        "config": {"a": [1]},
        "createdAt": "2026-11-25T09:30:12.345Z",
        "updatedAt": "2026-11-25T09:30:12.345Z",
    }
    assert store.get("c1") == clone
    assert store.get("t1") == TEMPLATE
    assert store.clone_ids() == ("c1",)
    assert store.template_ids == ("t1",)
    assert store.clone("unknown", "X") is None
    assert store.get("unknown") is None


def test_nothing_handed_out_or_taken_in_changes_the_store() -> None:
    template: dict[str, Any] = {"id": "t1", "config": {"a": [1]}}
    store = AgentStore([template], new_id=lambda: "c1")
    template["config"]["a"].append(2)

    clone = store.clone("t1", "Copy")
    assert clone is not None
    clone["config"]["a"].append(3)
    got = store.get("c1")
    assert got is not None
    got["config"]["a"].append(4)

    assert store.get("t1") == {"id": "t1", "config": {"a": [1]}}
    assert (
        store.get(
            "c1",
        )
        is not None
    )
    assert store.get("c1")["config"] == {"a": [1]}  # type: ignore[index]


def test_the_cap_defaults_to_ten_thousand_and_must_be_positive() -> None:
    assert AgentStore([]).max_clones == 10_000
    assert AgentStore([], max_clones=1).max_clones == 1
    with pytest.raises(ValueError, match=exactly("max_clones must be at least 1, got 0")):
        AgentStore([], max_clones=0)
