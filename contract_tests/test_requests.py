"""Requests schemathesis does not make by itself, each with its documented status and the error
envelope (CONTRACT.md decision 5)."""

from __future__ import annotations

import random
import string

import pytest

from contract_tests.answers import error_answer
from contract_tests.api import CloneApi
from contract_tests.names import agent_name
from contract_tests.suite import Suite

pytestmark = pytest.mark.requests

NAME = {"agentName": agent_name("hand-made request")}


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


def test_body_not_an_object_is_400(api: CloneApi) -> None:
    """A JSON body that is not an object gets 400 and the error envelope."""
    response = api.post(params={"voiceAgentId": api.voice_agent_id}, json=[NAME])
    error_answer(response, 400)


@pytest.mark.parametrize("scheme", ["Bearer", None], ids=["bearer-instead-of-token", "no-scheme"])
def test_valid_key_with_wrong_scheme_is_401(api: CloneApi, scheme: str | None) -> None:
    """The valid key sent as `Bearer <key>`, or bare, gets 401: the header must be `Token <key>`."""
    response = api.post(
        params={"voiceAgentId": api.voice_agent_id}, headers=api.auth(scheme=scheme), json=NAME
    )
    error_answer(response, 401)


def lookalike(key: str, rng: random.Random) -> str:
    """A different key of the same shape: each letter or digit swapped for another of its kind."""
    pools = (string.ascii_lowercase, string.ascii_uppercase, string.digits)
    swapped = "".join(
        next((rng.choice(pool.replace(char, "")) for pool in pools if char in pool), char)
        for char in key
    )
    return swapped if swapped != key else f"{key}x"


def test_well_formed_unknown_key_is_401(api: CloneApi, suite: Suite) -> None:
    """`Token <a key shaped like the real one, never issued>` gets 401 and the error envelope."""
    # Seeded so a run is repeatable: this key is fake, nothing needs it unpredictable.
    unknown_key = lookalike(suite.target.api_key, random.Random(suite.settings.seed))  # noqa: S311
    response = api.post(
        params={"voiceAgentId": api.voice_agent_id}, headers=api.auth(key=unknown_key), json=NAME
    )
    error_answer(response, 401)
