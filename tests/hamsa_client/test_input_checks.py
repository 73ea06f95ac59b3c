"""A call checks its arguments before sending: a wrong type (None included) or an empty
voice_agent_id raises at once, naming the argument, and nothing reaches the server."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from hamsa_client.api.voice_agents import clone_voice_agent
from hamsa_client.models import CloneVoiceAgentRequest
from tests.support.client import SOURCE_ID, Mode, answers, make_client


def call(mode: Mode, *, agent_name: Any = "Acme Support", voice_agent_id: Any = SOURCE_ID) -> int:
    """One clone call with these arguments; how many requests reached the server."""
    seen: list[httpx.Request] = []
    client = make_client(answers(seen=seen))
    body = CloneVoiceAgentRequest(agent_name=agent_name)
    if mode == "sync":
        with client:
            clone_voice_agent.sync(client=client, body=body, voice_agent_id=voice_agent_id)
    else:

        async def run() -> None:
            async with client:
                await clone_voice_agent.asyncio(
                    client=client, body=body, voice_agent_id=voice_agent_id
                )

        asyncio.run(run())
    return len(seen)


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        pytest.param(
            {"agent_name": 123}, TypeError, "agent_name: expected str, got int", id="name-int"
        ),
        pytest.param({"agent_name": None}, TypeError, "agent_name: expected str", id="name-none"),
        pytest.param(
            {"voice_agent_id": None},
            TypeError,
            "voice_agent_id: expected str, got NoneType",
            id="id-none",
        ),
        pytest.param(
            {"voice_agent_id": 42}, TypeError, "voice_agent_id: expected str", id="id-int"
        ),
        pytest.param(
            {"voice_agent_id": ""}, ValueError, "voice_agent_id: must not be empty", id="id-empty"
        ),
    ],
)
def test_a_wrong_argument_raises_before_anything_is_sent(
    mode: Mode, arguments: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        call(mode, **arguments)
