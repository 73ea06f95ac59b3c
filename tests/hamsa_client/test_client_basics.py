"""The generated client speaks the spec: request shape, typed parsing, lossless round trips.

Every test runs the sync and the async API over an in-process httpx transport (no network).
"""

from __future__ import annotations

import asyncio
import datetime
import json
from collections.abc import Callable
from typing import Any, Literal

import httpx
import pytest

from hamsa_client import AuthenticatedClient
from hamsa_client.api.voice_agents import clone_voice_agent
from hamsa_client.models import (
    AgentTools,
    CloneVoiceAgentRequest,
    CloneVoiceAgentResponse,
    ErrorResponse,
    LlmConfig,
    OutcomeResponseShape,
    VoiceAgent,
    WebhookAuth,
)
from hamsa_client.types import UNSET, Response

API_KEY = "test-key-1234567890"
SOURCE_ID = "tmpl-ar-support"
ERROR_STATUSES = [400, 401, 404, 415, 429, 500]

Mode = Literal["sync", "async"]
Handler = Callable[[httpx.Request], httpx.Response]
Parsed = CloneVoiceAgentResponse | ErrorResponse


def clone(mode: Mode, handler: Handler, agent_name: str = "Acme Support") -> Response[Parsed]:
    """One clone call through the generated client, answered in-process by `handler`."""
    client = AuthenticatedClient(
        base_url="https://api.tryhamsa.com",
        token=API_KEY,
        prefix="Token",
        httpx_args={"transport": httpx.MockTransport(handler)},
    )
    body = CloneVoiceAgentRequest(agent_name=agent_name)
    if mode == "sync":
        with client:
            return clone_voice_agent.sync_detailed(
                client=client, body=body, voice_agent_id=SOURCE_ID
            )

    async def call() -> Response[Parsed]:
        async with client:
            return await clone_voice_agent.asyncio_detailed(
                client=client, body=body, voice_agent_id=SOURCE_ID
            )

    return asyncio.run(call())


def answer(status: int, payload: Any) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json=payload)

    return handler


def as_instant(value: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(value)


def assert_same_json(decoded: dict[str, Any], received: dict[str, Any]) -> None:
    """Equal JSON, with date-times compared as instants (the models re-encode them ISO 8601)."""
    decoded, received = dict(decoded), dict(received)
    for field in ("createdAt", "updatedAt"):
        assert as_instant(decoded.pop(field)) == as_instant(received.pop(field))
    assert decoded == received


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> Mode:
    value: Mode = request.param
    return value


def test_request_has_the_documented_method_path_query_auth_and_body(mode: Mode) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(404, json={"success": False, "message": "Voice agent not found"})

    clone(mode, handler, agent_name="دعم أكمي 🎧")

    (request,) = seen
    assert request.method == "POST"
    assert request.url.path == "/v1/voice-agents/clone"
    assert dict(request.url.params) == {"voiceAgentId": SOURCE_ID}
    assert request.headers["Authorization"] == f"Token {API_KEY}"
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.content) == {"agentName": "دعم أكمي 🎧"}


def test_a_full_200_answer_parses_into_typed_models(
    mode: Mode, clone_200_example: dict[str, Any]
) -> None:
    response = clone(mode, answer(200, clone_200_example))

    assert response.status_code == 200
    parsed = response.parsed
    assert isinstance(parsed, CloneVoiceAgentResponse)
    assert parsed.success is True
    agent = parsed.data
    assert isinstance(agent, VoiceAgent)
    assert agent.agent_name == "Acme Support (Arabic)"
    assert agent.greeting_message == clone_200_example["data"]["greetingMessage"]
    assert agent.lang == "ar"
    assert isinstance(agent.created_at, datetime.datetime)
    assert agent.created_at.tzinfo is not None
    assert isinstance(agent.llm_config, LlmConfig)
    assert agent.llm_config.temperature == 0.2
    assert isinstance(agent.webhook_auth, WebhookAuth)
    assert isinstance(agent.outcome_response_shape, OutcomeResponseShape)
    assert agent.outcome_response_shape["required"] == ["resolved"]
    assert agent.response_delay == 0.5
    assert agent.voice_record is None


def test_to_dict_gives_back_the_received_json(
    mode: Mode, clone_200_example: dict[str, Any]
) -> None:
    parsed = clone(mode, answer(200, clone_200_example)).parsed
    assert isinstance(parsed, CloneVoiceAgentResponse)

    encoded = parsed.to_dict()

    assert_same_json(encoded.pop("data"), clone_200_example.pop("data"))
    assert encoded == clone_200_example


def test_unknown_fields_are_kept_at_every_level(
    mode: Mode, clone_200_example: dict[str, Any]
) -> None:
    clone_200_example["requestId"] = "req-1"
    clone_200_example["data"]["newVendorField"] = {"nested": [1, 2]}
    clone_200_example["data"]["tools"]["transferCall"] = {"enabled": True}
    clone_200_example["data"]["llmConfig"]["topP"] = 0.9

    parsed = clone(mode, answer(200, clone_200_example)).parsed
    assert isinstance(parsed, CloneVoiceAgentResponse)

    assert parsed["requestId"] == "req-1"
    assert parsed.data["newVendorField"] == {"nested": [1, 2]}
    assert isinstance(parsed.data.tools, AgentTools)
    assert parsed.data.tools["transferCall"] == {"enabled": True}
    encoded = parsed.to_dict()
    assert encoded["requestId"] == "req-1"
    assert encoded["data"]["newVendorField"] == {"nested": [1, 2]}
    assert encoded["data"]["tools"]["transferCall"] == {"enabled": True}
    assert encoded["data"]["llmConfig"]["topP"] == 0.9


def test_nulls_in_nullable_fields_parse_and_survive(
    mode: Mode, clone_200_example: dict[str, Any]
) -> None:
    nullable = ["description", "outcome", "outcomeResponseShape", "voiceId", "icon"]
    nullable += ["webhookUrl", "webhookAuth", "params", "noiseCancellation", "cancelNoisePer"]
    for field in nullable:
        clone_200_example["data"][field] = None

    parsed = clone(mode, answer(200, clone_200_example)).parsed
    assert isinstance(parsed, CloneVoiceAgentResponse)

    agent = parsed.data
    assert agent.description is None
    assert agent.webhook_auth is None
    assert agent.outcome_response_shape is None
    assert agent.llm_config is not UNSET
    encoded = parsed.to_dict()["data"]
    assert {field: encoded[field] for field in nullable} == dict.fromkeys(nullable)


def test_optional_fields_may_be_absent(mode: Mode, clone_200_example: dict[str, Any]) -> None:
    required = ("id", "agentName", "createdAt", "updatedAt")
    clone_200_example["data"] = {key: clone_200_example["data"][key] for key in required}

    parsed = clone(mode, answer(200, clone_200_example)).parsed
    assert isinstance(parsed, CloneVoiceAgentResponse)

    assert parsed.data.preamble is UNSET
    assert set(parsed.to_dict()["data"]) == set(required)


@pytest.mark.parametrize("status", ERROR_STATUSES)
def test_each_documented_error_status_parses_into_error_response(
    mode: Mode, status: int, spec: dict[str, Any]
) -> None:
    responses = spec["paths"]["/v1/voice-agents/clone"]["post"]["responses"]
    example = responses[str(status)]["content"]["application/json"]["example"]

    response = clone(mode, answer(status, example))

    assert response.status_code == status
    assert isinstance(response.parsed, ErrorResponse)
    assert response.parsed.success is False
    assert response.parsed.message == example["message"]
    assert response.parsed.message_key == example["messageKey"]
    assert response.parsed.to_dict() == example
