"""The client follows the vendor's evidence (CONTRACT.md, issue 24): a clone without a name, error
bodies that carry `error` (decision 5), `webhookAuth: {}` and `greetingMessageType`."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from hamsa_client import AuthenticatedClient
from hamsa_client.api.voice_agents import clone_voice_agent
from hamsa_client.errors import InvalidResponse
from hamsa_client.models import CloneVoiceAgentRequest, CloneVoiceAgentResponse, ErrorResponse
from hamsa_client.types import UNSET
from tests.support.client import API_KEY, MODES, Mode, answer, clone, make_client


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("body", "text"),
    [
        ({"success": False, "error": "Voice agent not found"}, "Voice agent not found"),
        ({"success": False, "message": "from message", "error": "from error"}, "from message"),
        ({"success": False, "message": "only message", "messageKey": "K"}, "only message"),
    ],
    ids=["error-only", "both", "message-only"],
)
def test_the_error_message_is_message_else_error(
    mode: Mode, body: dict[str, Any], text: str
) -> None:
    result = clone(mode, make_client(answer(404, body)))
    assert isinstance(result, ErrorResponse)
    assert result.error_message == text
    assert result.to_dict() == body


def test_an_error_body_with_only_error_keeps_message_unset() -> None:
    parsed = ErrorResponse.from_dict({"success": False, "error": "e"})
    assert parsed.message is UNSET
    assert parsed.error == "e"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "body", [{"success": False}, {"success": False, "messageKey": "NOT_FOUND"}]
)
def test_an_error_body_with_neither_message_nor_error_is_invalid(
    mode: Mode, body: dict[str, Any]
) -> None:
    with pytest.raises(InvalidResponse, match="none of message, error"):
        clone(mode, make_client(answer(400, body)))


def test_a_clone_without_a_name_sends_an_empty_object(clone_200_example: dict[str, Any]) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=clone_200_example)

    client = AuthenticatedClient(
        token=API_KEY, prefix="Token", httpx_args={"transport": httpx.MockTransport(handler)}
    )
    with client:
        result = clone_voice_agent.sync(
            client=client, voice_agent_id="tmpl", body=CloneVoiceAgentRequest()
        )
    assert isinstance(result, CloneVoiceAgentResponse)
    assert json.loads(sent[0].content) == {}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("webhook_auth", [{}, {"authKey": "Token"}])
def test_an_empty_webhook_auth_parses_and_round_trips(
    mode: Mode, clone_200_example: dict[str, Any], webhook_auth: dict[str, str]
) -> None:
    """v2 answers show `"webhookAuth": {}` (evidence)."""
    clone_200_example["data"]["webhookAuth"] = webhook_auth
    result = clone(mode, make_client(answer(200, clone_200_example)))
    assert isinstance(result, CloneVoiceAgentResponse)
    assert result.to_dict()["data"]["webhookAuth"] == webhook_auth


@pytest.mark.parametrize("value", ["STATIC", "PROMPT", None])
def test_greeting_message_type_is_typed(
    clone_200_example: dict[str, Any], value: str | None
) -> None:
    clone_200_example["data"]["greetingMessageType"] = value
    parsed = CloneVoiceAgentResponse.from_dict(clone_200_example)
    assert parsed.data.greeting_message_type == value
    assert parsed.to_dict()["data"]["greetingMessageType"] == value


def test_greeting_message_type_of_another_type_is_invalid(
    clone_200_example: dict[str, Any],
) -> None:
    clone_200_example["data"]["greetingMessageType"] = 1
    with pytest.raises(InvalidResponse, match="greetingMessageType"):
        clone("sync", make_client(answer(200, clone_200_example)))
