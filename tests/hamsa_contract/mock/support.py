"""Helpers shared by the mock's tests: requests to the clone operation, and envelope checks."""

from __future__ import annotations

from typing import Any

import httpx

from hamsa_contract.mock import DEFAULT_API_KEY, IN_PROCESS_BASE_URL, InProcessTransport, MockApp
from hamsa_contract.mock._request_rules import (
    CLONE_PATH,
    documented_error_statuses,
    response_validator,
    validator_at,
)
from hamsa_contract.mock._store import OWN_FIELDS

AUTH = {"Authorization": f"Token {DEFAULT_API_KEY}"}


def client_for(app: MockApp, headers: dict[str, str] | None = None) -> httpx.Client:
    """A plain httpx client calling `app` in-process, sending `headers` (default: AUTH)."""
    return httpx.Client(
        transport=InProcessTransport(app),
        base_url=IN_PROCESS_BASE_URL,
        headers=AUTH if headers is None else headers,
    )


def post_clone(
    client: httpx.Client, voice_agent_id: str, agent_name: str, **kwargs: Any
) -> httpx.Response:
    """POST a well-formed clone request (extra `kwargs` go to httpx)."""
    return client.post(
        CLONE_PATH,
        params={"voiceAgentId": voice_agent_id},
        json={"agentName": agent_name},
        **kwargs,
    )


def cloned(client: httpx.Client, voice_agent_id: str, agent_name: str) -> dict[str, Any]:
    """The `data` of a successful clone, after checking the 200 envelope against the spec."""
    response = post_clone(client, voice_agent_id, agent_name)
    assert response.status_code == 200, response.text
    body = response.json()
    response_validator(200).validate(body)
    assert body["success"] is True
    data: dict[str, Any] = body["data"]
    return data


def assert_error(response: httpx.Response, status: int, message_key: str) -> str:
    """Check `response` is `status` with the spec's error envelope and `message_key`.

    Returns the envelope's message.
    """
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    validator_at("components", "schemas", "ErrorResponse").validate(body)
    if status in documented_error_statuses():
        response_validator(status).validate(body)
    assert body["success"] is False
    assert body["messageKey"] == message_key
    message: str = body["message"]
    assert message
    return message


def configuration(agent: dict[str, Any]) -> dict[str, Any]:
    """Every field of `agent` that a clone copies (all but its own id, name, flags and times)."""
    return {name: value for name, value in agent.items() if name not in OWN_FIELDS}
