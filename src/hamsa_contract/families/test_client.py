"""The generated client, `hamsa_client`, against the target and offline.

Against the target, its requests must be ones the spec allows, and every answer must parse into
the typed models with `to_dict()` giving back the JSON received. Date-times compare as instants:
the models re-encode them with Python's `isoformat`. (The offline round trips of any valid
document are the project's own tests: tests/hamsa_client/test_model_round_trips.py.)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Final

import pytest

from hamsa_client import AuthenticatedClient
from hamsa_client.api.voice_agents import clone_voice_agent
from hamsa_client.models import (
    CloneVoiceAgentRequest,
    CloneVoiceAgentResponse,
    ErrorResponse,
)
from hamsa_client.types import Response
from hamsa_contract import _spec as spec
from hamsa_contract.judge._instants import same_document
from hamsa_contract.judge._request_check import request_problems
from hamsa_contract.run._planned_clones import Clone
from hamsa_contract.run._suite import Suite
from hamsa_contract.send._names import agent_name

pytestmark = pytest.mark.client

UNKNOWN_ID: Final = "contract-test-no-such-agent"
Parsed = CloneVoiceAgentResponse | ErrorResponse


def call(
    client: AuthenticatedClient, suite: Suite, name: str, voice_agent_id: str | None = None
) -> Response[Parsed]:
    with client:
        return clone_voice_agent.sync_detailed(
            client=client,
            body=CloneVoiceAgentRequest(agent_name=name),
            voice_agent_id=suite.target.voice_agent_id
            if voice_agent_id is None
            else voice_agent_id,
        )


def call_with_empty_id(client: AuthenticatedClient) -> Response[Parsed]:
    """A clone request with an empty voiceAgentId (a 400, decision 5), sent on the client's own
    connection and parsed by the generated module: the generated call itself refuses an empty id
    before sending (a mistake it can see), so it cannot make this request."""
    sent: dict[str, Any] = {
        "method": "post",
        "url": spec.CLONE_PATH,
        "params": {"voiceAgentId": ""},
        "json": {"agentName": agent_name("client")},
    }
    with client:
        answer = client.get_httpx_client().request(**sent)
        return clone_voice_agent._build_response(client=client, response=answer, sent=sent)


def assert_round_trip(
    status_code: int, content: bytes, parsed: Parsed | None, model: type[Parsed], status: int
) -> None:
    """The answer has `status`, parses into `model`, and `to_dict()` is the JSON received."""
    assert status_code == status, f"expected {status}, got {status_code}"
    assert isinstance(parsed, model), f"parsed into {type(parsed).__name__}, not {model.__name__}"
    received = json.loads(content)
    encoded = parsed.to_dict()
    assert same_document(received, encoded, spec.response_schema(status)), (
        f"to_dict() differs from the JSON received:\nreceived {received!r}\nencoded  {encoded!r}"
    )


def assert_clone_round_trips(clone: Clone) -> None:
    if clone.client_error is not None:
        raise AssertionError(f"hamsa_client refused the answer: {clone.client_error}")
    assert_round_trip(clone.status_code, clone.content, clone.parsed, CloneVoiceAgentResponse, 200)


def test_clone_request_is_valid_and_answer_round_trips(suite: Suite, first: Clone) -> None:
    """A clone through hamsa_client sends a request the spec allows; its answer round-trips.

    Source: CONTRACT.md decisions 1 and 4 (the client keeps what it receives)."""
    sent = first.request
    assert sent is not None
    problems = request_problems(sent, suite.target.api_key)
    assert not problems, "hamsa_client sent a request the spec does not allow: " + "; ".join(
        problems
    )
    assert_clone_round_trips(first)


def test_async_clone_answers_round_trip(overlapping: list[Clone]) -> None:
    """hamsa_client's async calls, in flight at once, parse each answer and round-trip it.

    Source: CONTRACT.md decisions 1 and 7."""
    for clone in overlapping:
        assert_clone_round_trips(clone)


ERRORS: dict[str, Callable[[Suite], tuple[Response[Parsed], int]]] = {
    # An empty voiceAgentId, not an empty name: that one may get a clone (decision 4).
    "400-empty-id": lambda suite: (call_with_empty_id(suite.generated_client()), 400),
    "401-unknown-key": lambda suite: (
        call(
            suite.generated_client(token="contract-test-unknown-key"), suite, agent_name("client")
        ),
        401,
    ),
    "404-unknown-agent": lambda suite: (
        call(suite.generated_client(), suite, agent_name("client"), UNKNOWN_ID),
        404,
    ),
}


@pytest.mark.parametrize("make", ERRORS.values(), ids=ERRORS.keys())
def test_error_answer_round_trips(
    suite: Suite, make: Callable[[Suite], tuple[Response[Parsed], int]]
) -> None:
    """Error answers parse into ErrorResponse, and `to_dict()` is the JSON received.

    Source: CONTRACT.md decisions 1 and 5."""
    response, status = make(suite)
    assert_round_trip(
        response.status_code, response.content, response.parsed, ErrorResponse, status
    )
