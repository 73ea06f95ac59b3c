"""Requests schemathesis does not make by itself, each with its documented status and the error
envelope (CONTRACT.md decision 5). None of them may create an agent on a conformant server: the
door (`transport.py`) fails the first one that does and sends no more like it."""

from __future__ import annotations

import random
from typing import Any, Final

import pytest

from contract_tests.answers import error_answer
from contract_tests.api import CloneApi
from contract_tests.credentials import almost_right, lookalike
from contract_tests.names import agent_name
from contract_tests.suite import Suite, active

pytestmark = pytest.mark.requests

NAME: Final = {"agentName": agent_name("hand-made request")}
# Bodies a conformant server refuses with 400 (decision 5).
INVALID_BODIES: Final[dict[str, Any]] = {
    "agentName-missing": {},
    "agentName-empty": {"agentName": ""},
    "agentName-a-number": {"agentName": 7},
    "agentName-null": {"agentName": None},
    "agentName-a-list": {"agentName": [agent_name("listed")]},
    "agentName-an-object": {"agentName": {"first": agent_name("nested")}},
    "body-a-list": [NAME],
    "body-a-string": agent_name("just a string"),
}
ALMOST_RIGHT: Final = almost_right(active().target.api_key)


def test_missing_voice_agent_id_is_400(api: CloneApi) -> None:
    """A request without voiceAgentId gets 400 and the error envelope."""
    error_answer(api.post(params=None, json=NAME), 400)


def test_empty_voice_agent_id_is_400(api: CloneApi) -> None:
    """A request with an empty voiceAgentId gets 400 and the error envelope."""
    error_answer(api.post(params={"voiceAgentId": ""}, json=NAME), 400)


def test_body_not_json_is_400(api: CloneApi) -> None:
    """A body that is not JSON (sent as application/json) gets 400 and the error envelope."""
    response = api.post(
        params={"voiceAgentId": api.voice_agent_id},
        headers={**api.auth(), "Content-Type": "application/json"},
        content=b'{"agentName": "contract-test not json",',
    )
    error_answer(response, 400)


@pytest.mark.parametrize("body", INVALID_BODIES.values(), ids=INVALID_BODIES.keys())
def test_invalid_body_is_400(api: CloneApi, body: Any) -> None:
    """A body that is not an object with a non-empty string agentName gets 400."""
    error_answer(api.post(params={"voiceAgentId": api.voice_agent_id}, json=body), 400)


# Without credentials the answer is 401 whatever else is wrong: a caller without a key learns
# nothing about which agents exist or what a valid body is (decision 5).
NO_CREDENTIALS: Final[dict[str, tuple[str | None, Any]]] = {
    "valid-request": (None, NAME),
    "unknown-voiceAgentId": ("contract-test-no-such-agent", NAME),
    "invalid-body": (None, {"agentName": ""}),
}


@pytest.mark.parametrize(
    ("voice_agent_id", "body"), NO_CREDENTIALS.values(), ids=NO_CREDENTIALS.keys()
)
def test_no_credentials_is_401(api: CloneApi, voice_agent_id: str | None, body: Any) -> None:
    """A request without an Authorization header gets 401 and the error envelope, before anything
    else about it is looked at (an unknown voiceAgentId, an invalid body)."""
    params = {"voiceAgentId": voice_agent_id or api.voice_agent_id}
    error_answer(api.post(params=params, headers={}, json=body), 401)


@pytest.mark.parametrize("scheme", ["Bearer", None], ids=["bearer-instead-of-token", "no-scheme"])
def test_valid_key_with_wrong_scheme_is_401(api: CloneApi, scheme: str | None) -> None:
    """The valid key sent as `Bearer <key>`, or bare, gets 401: the header must be `Token <key>`."""
    response = api.post(
        params={"voiceAgentId": api.voice_agent_id}, headers=api.auth(scheme=scheme), json=NAME
    )
    error_answer(response, 401)


def test_well_formed_unknown_key_is_401(api: CloneApi, suite: Suite) -> None:
    """`Token <a key shaped like the real one, never issued>` gets 401 and the error envelope."""
    # Seeded so a run is repeatable: this key is fake, nothing needs it unpredictable.
    unknown_key = lookalike(suite.target.api_key, random.Random(suite.settings.seed))  # noqa: S311
    suite.hide(unknown_key)
    response = api.post(
        params={"voiceAgentId": api.voice_agent_id}, headers=api.auth(key=unknown_key), json=NAME
    )
    error_answer(response, 401)


@pytest.mark.parametrize("key", ALMOST_RIGHT.values(), ids=ALMOST_RIGHT.keys())
def test_almost_right_key_is_401(api: CloneApi, suite: Suite, key: str) -> None:
    """The real key slightly altered (a character changed, cut, added, case-swapped, half
    replaced, or embedded in a longer string) gets 401."""
    suite.hide(key)
    response = api.post(
        params={"voiceAgentId": api.voice_agent_id}, headers=api.auth(key=key), json=NAME
    )
    error_answer(response, 401)


@pytest.mark.parametrize("valid_first", [True, False], ids=["valid-then-wrong", "wrong-then-valid"])
def test_repeated_authorization_headers_are_401(
    api: CloneApi, suite: Suite, valid_first: bool
) -> None:
    """Two Authorization headers, one with the valid key and one without, get 401: a server
    must not pick whichever suits it."""
    valid = ("Authorization", f"Token {suite.target.api_key}")
    wrong = ("Authorization", "Token contract-test-not-a-key")
    response = api.post_raw_headers(
        params={"voiceAgentId": api.voice_agent_id},
        headers=[valid, wrong] if valid_first else [wrong, valid],
        json=NAME,
    )
    error_answer(response, 401)
