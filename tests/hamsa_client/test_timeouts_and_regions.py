"""A client has a finite timeout unless told otherwise, and targets the spec's servers by region."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

import hamsa_client
from hamsa_client import AuthenticatedClient, Client, Region
from hamsa_client.api.voice_agents import clone_voice_agent
from hamsa_client.client import DEFAULT_TIMEOUT
from hamsa_client.models import CloneVoiceAgentRequest
from tests.support.client import SOURCE_ID, Mode, answers, clone, make_client

NOT_FOUND = {"success": False, "message": "Voice agent not found"}


def sent(mode: Mode, **options: Any) -> httpx.Request:
    """The request a clone call sends with client `options`."""
    seen: list[httpx.Request] = []
    clone(mode, make_client(answers(httpx.Response(404, json=NOT_FOUND), seen=seen), **options))
    return seen[0]


def test_the_default_timeout_is_finite_for_every_phase(mode: Mode) -> None:
    timeouts = sent(mode).extensions["timeout"]

    assert timeouts == DEFAULT_TIMEOUT.as_dict()
    assert all(isinstance(seconds, float) and seconds > 0 for seconds in timeouts.values())


@pytest.mark.parametrize(
    ("timeout", "expected"),
    [
        pytest.param(httpx.Timeout(2.0, read=9.0), (2.0, 9.0, 2.0, 2.0), id="per-client"),
    ],
)
def test_the_timeout_is_set_per_client(
    mode: Mode, timeout: httpx.Timeout | None, expected: tuple[float | None, ...]
) -> None:
    timeouts = sent(mode, timeout=timeout).extensions["timeout"]

    assert tuple(timeouts[phase] for phase in ("connect", "read", "write", "pool")) == expected


def test_without_a_timeout_the_deadline_still_bounds_every_phase(mode: Mode) -> None:
    timeouts: dict[str, float | None] = {}

    def handler(request: httpx.Request) -> httpx.Response:
        timeouts.update(request.extensions["timeout"])  # as the request is sent
        return httpx.Response(404, json=NOT_FOUND)

    clone(mode, make_client(handler, timeout=None, deadline=7.0))

    assert timeouts
    assert all(seconds is not None and 0 < seconds <= 7.0 for seconds in timeouts.values())


def test_with_timeout_changes_it_on_a_copy() -> None:
    client = AuthenticatedClient(token="k")

    changed = client.with_timeout(httpx.Timeout(1.0))

    assert changed.get_httpx_client().timeout == httpx.Timeout(1.0)
    assert client.get_httpx_client().timeout == DEFAULT_TIMEOUT


def test_regions_are_the_spec_servers_and_the_first_is_the_default(spec: dict[str, Any]) -> None:
    servers = [server["url"] for server in spec["servers"]]

    assert [region.value for region in Region] == servers
    assert servers[0] == Region.EU.value
    assert Region.UAE.value == "https://api.uae.tryhamsa.com"


@pytest.mark.parametrize(
    ("options", "host"),
    [
        pytest.param({}, "api.tryhamsa.com", id="default"),
        pytest.param({"base_url": Region.EU}, "api.tryhamsa.com", id="eu"),
        pytest.param({"base_url": Region.UAE}, "api.uae.tryhamsa.com", id="uae"),
        pytest.param({"base_url": "http://127.0.0.1:4010"}, "127.0.0.1", id="any-url"),
    ],
)
def test_a_region_picks_the_server(mode: Mode, options: dict[str, str], host: str) -> None:
    request = sent(mode, **options)

    assert request.url.host == host
    assert request.url.path == "/v1/voice-agents/clone"


def test_a_base_url_with_a_path_is_merged_with_the_endpoints_as_httpx_merges_them(
    mode: Mode,
) -> None:
    base_url = "https://gateway.example.test/hamsa"
    expected = httpx.Client(base_url=base_url).build_request(
        "POST", "/v1/voice-agents/clone", params={"voiceAgentId": SOURCE_ID}
    )

    request = sent(mode, base_url=base_url)

    assert request.url == expected.url
    assert str(request.url) == (
        f"https://gateway.example.test/hamsa/v1/voice-agents/clone?voiceAgentId={SOURCE_ID}"
    )


def test_requests_follow_a_base_url_changed_on_the_built_httpx_client(mode: Mode) -> None:
    # The client keeps each path merged with the base URL; a new base URL is merged anew.
    seen: list[httpx.Request] = []
    client = make_client(
        answers(*[httpx.Response(404, json=NOT_FOUND)] * 2, seen=seen),
        base_url="https://one.example.test/api",
    )
    body = CloneVoiceAgentRequest(agent_name="Acme Support")
    if mode == "sync":
        with client:
            clone_voice_agent.sync(client=client, body=body, voice_agent_id=SOURCE_ID)
            client.get_httpx_client().base_url = httpx.URL("https://two.example.test/v2")
            clone_voice_agent.sync(client=client, body=body, voice_agent_id=SOURCE_ID)
    else:

        async def two_calls() -> None:
            async with client:
                await clone_voice_agent.asyncio(client=client, body=body, voice_agent_id=SOURCE_ID)
                client.get_async_httpx_client().base_url = httpx.URL("https://two.example.test/v2")
                await clone_voice_agent.asyncio(client=client, body=body, voice_agent_id=SOURCE_ID)

        asyncio.run(two_calls())

    assert [(request.url.host, request.url.path) for request in seen] == [
        ("one.example.test", "/api/v1/voice-agents/clone"),
        ("two.example.test", "/v2/v1/voice-agents/clone"),
    ]


def test_the_package_exports_what_a_production_setup_needs() -> None:
    assert {"AuthenticatedClient", "Client", "Region", "RetryPolicy"} <= set(hamsa_client.__all__)
    assert Client().get_httpx_client().base_url == httpx.URL(Region.EU.value)
