"""Part 1: a clone call through `hamsa_client` against the same call with plain httpx + json.

Both variants send the same request over one in-process `httpx.MockTransport` that answers the
spec's full 200 example, so the only difference is the generated code (request model, response
parsing into typed models). Batches of the two variants alternate within one process and each
repetition yields a paired ratio, so drift in machine load hits both sides alike.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx

from bench.fixtures import API_KEY, BASE_URL, SOURCE_ID, full_clone_answer
from bench.report import Figure, PairedRatio
from bench.timing import AsyncCall, Settings, SyncCall, interleaved, interleaved_async
from hamsa_client import AuthenticatedClient
from hamsa_client.api.voice_agents import clone_voice_agent
from hamsa_client.models import CloneVoiceAgentRequest, CloneVoiceAgentResponse

PART = "client"
TARGET_RATIO = 1.15
AGENT_NAME = "Bench Support"
CLONE_PATH = "/v1/voice-agents/clone"
GENERATED, PLAIN = "hamsa_client", "plain httpx + json.loads"


def answering_transport(body: bytes) -> httpx.MockTransport:
    """An in-process transport that answers every request with `body` as a 200 JSON answer."""
    headers = {"content-type": "application/json"}

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers=headers)

    return httpx.MockTransport(handler)


def generated_client(transport: httpx.MockTransport) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url=BASE_URL, token=API_KEY, prefix="Token", httpx_args={"transport": transport}
    )


def plain_headers() -> dict[str, str]:
    return {"Authorization": f"Token {API_KEY}"}


def sync_variants(client: AuthenticatedClient, plain: httpx.Client) -> dict[str, SyncCall]:
    """One clone call each, the answer decoded: typed models vs a dict."""

    def generated() -> object:
        return clone_voice_agent.sync(
            client=client,
            body=CloneVoiceAgentRequest(agent_name=AGENT_NAME),
            voice_agent_id=SOURCE_ID,
        )

    def baseline() -> object:
        response = plain.post(
            CLONE_PATH, params={"voiceAgentId": SOURCE_ID}, json={"agentName": AGENT_NAME}
        )
        return json.loads(response.content)

    return {GENERATED: generated, PLAIN: baseline}


def async_variants(client: AuthenticatedClient, plain: httpx.AsyncClient) -> dict[str, AsyncCall]:
    """As `sync_variants`, through the async APIs."""

    async def generated() -> object:
        return await clone_voice_agent.asyncio(
            client=client,
            body=CloneVoiceAgentRequest(agent_name=AGENT_NAME),
            voice_agent_id=SOURCE_ID,
        )

    async def baseline() -> object:
        response = await plain.post(
            CLONE_PATH, params={"voiceAgentId": SOURCE_ID}, json={"agentName": AGENT_NAME}
        )
        return json.loads(response.content)

    return {GENERATED: generated, PLAIN: baseline}


def check_answers(generated: object, baseline: object) -> None:
    """Both variants decoded the full answer (so neither is timing an error path)."""
    expected: dict[str, Any] = json.loads(full_clone_answer())
    if not isinstance(generated, CloneVoiceAgentResponse):
        raise RuntimeError(f"generated client did not parse the 200 answer: {generated!r}")
    if generated.data.id != expected["data"]["id"] or baseline != expected:
        raise RuntimeError("the two variants did not decode the same answer")


def run_sync(settings: Settings, transport: httpx.MockTransport) -> dict[str, list[float]]:
    with (
        generated_client(transport) as client,
        httpx.Client(base_url=BASE_URL, headers=plain_headers(), transport=transport) as plain,
    ):
        variants = sync_variants(client, plain)
        check_answers(variants[GENERATED](), variants[PLAIN]())
        return interleaved(variants, settings)


async def run_async(settings: Settings, transport: httpx.MockTransport) -> dict[str, list[float]]:
    async with (
        generated_client(transport) as client,
        httpx.AsyncClient(base_url=BASE_URL, headers=plain_headers(), transport=transport) as plain,
    ):
        variants = async_variants(client, plain)
        check_answers(await variants[GENERATED](), await variants[PLAIN]())
        return await interleaved_async(variants, settings)


def figures_for(mode: str, samples: dict[str, list[float]], settings: Settings) -> list[Figure]:
    detail = {"calls_per_repetition": settings.calls_per_batch, "transport": "httpx.MockTransport"}
    ratio = PairedRatio(GENERATED, PLAIN, f"ratio {GENERATED} / plain httpx", TARGET_RATIO)
    return ratio.figures(PART, mode, samples, detail)


def run(settings: Settings) -> list[Figure]:
    """Sync and async: per-call time of each variant and their paired ratio."""
    transport = answering_transport(full_clone_answer())
    sync_samples = run_sync(settings, transport)
    async_samples = asyncio.run(run_async(settings, transport))
    return figures_for("sync", sync_samples, settings) + figures_for(
        "async", async_samples, settings
    )
