"""Part 5: what the `hamsa_mock` fixture costs a user's test per clone call.

The same `hamsa_client` clone call, sync and async, through the fixture's client (the mock
in-process: `InProcessTransport`, the app's validation and store) and through a client on a
static `httpx.MockTransport` stub that answers the bytes the mock answered. The difference is
the mock's whole cost; the target is a ratio of at most 1.5. Batches of the two alternate within
one process, each repetition a paired ratio.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from bench.report import Figure, PairedRatio
from bench.timing import AsyncCall, Settings, SyncCall, interleaved, interleaved_async
from hamsa_client import AuthenticatedClient
from hamsa_client.api.voice_agents import clone_voice_agent
from hamsa_client.models import CloneVoiceAgentRequest, CloneVoiceAgentResponse
from hamsa_contract.mock import ARABIC_SUPPORT_TEMPLATE_ID
from hamsa_contract.mock._clients import MockHamsa, in_process

PART = "fixture"
TARGET_RATIO = 1.5
AGENT_NAME = "Bench Fixture"
FIXTURE, STUB = "hamsa_mock fixture", "static httpx.MockTransport stub"


def stub_transport(answer: httpx.Response) -> httpx.MockTransport:
    """A transport answering every request with `answer`'s status, headers and bytes."""
    status, headers, content = answer.status_code, answer.headers.raw, answer.content

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, headers=headers, content=content)

    return httpx.MockTransport(handler)


@contextmanager
def fixture_and_stub() -> Iterator[tuple[MockHamsa, AuthenticatedClient]]:
    """The fixture's mock and client, and a client on a stub answering what the mock answers."""
    with in_process() as mock:
        first = clone_voice_agent.sync_detailed(
            client=mock.client,
            body=CloneVoiceAgentRequest(agent_name=AGENT_NAME),
            voice_agent_id=ARABIC_SUPPORT_TEMPLATE_ID,
        )
        answer = httpx.Response(first.status_code, headers=first.headers, content=first.content)
        stub = AuthenticatedClient(
            base_url=mock.base_url,
            token=mock.api_key,
            prefix="Token",
            httpx_args={"transport": stub_transport(answer)},
        )
        yield mock, stub


def check_answer(parsed: object) -> None:
    """Both variants parsed a 200 clone (neither is timing an error path)."""
    if not isinstance(parsed, CloneVoiceAgentResponse):
        raise RuntimeError(f"a clone call did not parse into a 200 answer: {parsed!r}")


def sync_variants(mock: MockHamsa, stub: AuthenticatedClient) -> dict[str, SyncCall]:
    def call(client: AuthenticatedClient) -> SyncCall:
        def clone() -> object:
            return clone_voice_agent.sync(
                client=client,
                body=CloneVoiceAgentRequest(agent_name=AGENT_NAME),
                voice_agent_id=ARABIC_SUPPORT_TEMPLATE_ID,
            )

        return clone

    return {FIXTURE: call(mock.client), STUB: call(stub)}


def async_variants(mock: MockHamsa, stub: AuthenticatedClient) -> dict[str, AsyncCall]:
    def call(client: AuthenticatedClient) -> AsyncCall:
        async def clone() -> object:
            return await clone_voice_agent.asyncio(
                client=client,
                body=CloneVoiceAgentRequest(agent_name=AGENT_NAME),
                voice_agent_id=ARABIC_SUPPORT_TEMPLATE_ID,
            )

        return clone

    return {FIXTURE: call(mock.client), STUB: call(stub)}


def figures_for(mode: str, samples: dict[str, list[float]], settings: Settings) -> list[Figure]:
    detail = {"calls_per_repetition": settings.calls_per_batch, "mock": "in-process, fresh"}
    ratio = PairedRatio(FIXTURE, STUB, "ratio fixture / static stub", TARGET_RATIO)
    return ratio.figures(PART, mode, samples, detail)


def run(settings: Settings) -> list[Figure]:
    """Sync and async: per-call time of the fixture and of the stub, and their paired ratio."""
    with fixture_and_stub() as (mock, stub):
        sync = sync_variants(mock, stub)
        for clone in sync.values():
            check_answer(clone())
        sync_samples = interleaved(sync, settings)

        async def measure_async() -> dict[str, list[float]]:
            variants = async_variants(mock, stub)
            for clone in variants.values():
                check_answer(await clone())
            return await interleaved_async(variants, settings)

        async_samples = asyncio.run(measure_async())
    return figures_for("sync", sync_samples, settings) + figures_for(
        "async", async_samples, settings
    )
