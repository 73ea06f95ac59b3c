"""The pytest fixtures users get: a ready client on a fresh mock, sync and async, two transports."""

from __future__ import annotations

import pytest

from hamsa_client.api.voice_agents import clone_voice_agent
from hamsa_client.models import CloneVoiceAgentRequest, CloneVoiceAgentResponse, ErrorResponse
from hamsa_contract.mock import IN_PROCESS_BASE_URL, MockHamsa

MOCKS = ["hamsa_mock", "hamsa_mock_server"]


@pytest.fixture(params=MOCKS)
def mock(request: pytest.FixtureRequest) -> MockHamsa:
    """Each test below runs against the in-process mock and the loopback HTTP one."""
    fixture: MockHamsa = request.getfixturevalue(request.param)
    return fixture


def _request(name: str) -> CloneVoiceAgentRequest:
    return CloneVoiceAgentRequest(agent_name=name)


def test_sync_clone_through_the_fixture(mock: MockHamsa) -> None:
    response = clone_voice_agent.sync_detailed(
        client=mock.client,
        body=_request("Sync clone"),
        voice_agent_id=mock.template_ids["arabic_support"],
    )
    assert response.status_code == 200
    assert isinstance(response.parsed, CloneVoiceAgentResponse)
    assert response.parsed.data.agent_name == "Sync clone"
    assert mock.app.store.clone_ids() == (response.parsed.data.id,)


async def test_async_clone_through_the_fixture(mock: MockHamsa) -> None:
    async with mock.client as client:
        parsed = await clone_voice_agent.asyncio(
            client=client,
            body=_request("Async clone"),
            voice_agent_id=mock.template_ids["english_sales"],
        )
    assert isinstance(parsed, CloneVoiceAgentResponse)
    assert parsed.data.agent_name == "Async clone"
    assert parsed.data.lang == "en"
    assert mock.app.store.clone_ids() == (parsed.data.id,)


async def test_sync_and_async_calls_share_one_mock(mock: MockHamsa) -> None:
    # A sync call from inside a running event loop works too (the transport has its own loop).
    first = clone_voice_agent.sync(
        client=mock.client,
        body=_request("Parent"),
        voice_agent_id=mock.template_ids["arabic_support"],
    )
    assert isinstance(first, CloneVoiceAgentResponse)
    async with mock.client as client:
        second = await clone_voice_agent.asyncio(
            client=client, body=_request("Child"), voice_agent_id=first.data.id
        )
    assert isinstance(second, CloneVoiceAgentResponse)
    assert mock.app.store.clone_ids() == (first.data.id, second.data.id)


def test_errors_parse_into_the_error_envelope(mock: MockHamsa) -> None:
    parsed = clone_voice_agent.sync(
        client=mock.client, body=_request("Nobody"), voice_agent_id="no-such-agent"
    )
    assert isinstance(parsed, ErrorResponse)
    assert parsed.message_key == "VOICE_AGENT_NOT_FOUND"


def test_a_scenario_through_the_client(mock: MockHamsa) -> None:
    # with_headers() gives a new client with its own connections: close it.
    with mock.client.with_headers({"Prefer": "code=429, retry-after=7"}) as client:
        response = clone_voice_agent.sync_detailed(
            client=client,
            body=_request("Limited"),
            voice_agent_id=mock.template_ids["english_sales"],
        )
    assert response.status_code == 429
    assert response.headers["retry-after"] == "7"
    assert isinstance(response.parsed, ErrorResponse)
    assert response.parsed.message_key == "RATE_LIMITED"


def test_each_test_gets_a_fresh_mock(hamsa_mock: MockHamsa, hamsa_mock_server: MockHamsa) -> None:
    assert hamsa_mock.app is not hamsa_mock_server.app
    assert hamsa_mock.app.store.clone_ids() == ()
    assert hamsa_mock_server.app.store.clone_ids() == ()


def test_where_each_fixture_points(hamsa_mock: MockHamsa, hamsa_mock_server: MockHamsa) -> None:
    assert hamsa_mock.base_url == IN_PROCESS_BASE_URL
    assert hamsa_mock_server.base_url.startswith("http://127.0.0.1:")


def test_the_key_stays_out_of_reprs(mock: MockHamsa) -> None:
    assert mock.api_key not in repr(mock)
    assert mock.api_key not in repr(mock.app.auth)
    assert mock.api_key not in repr(mock.app)
