"""Part 1: a clone call through `hamsa_client` against the same call with plain httpx + json.

Both variants send the same request over one in-process `httpx.MockTransport` that answers the
spec's full 200 example, so the only difference is what the client does beyond httpx: the request
model, the call's bounds (deadline, longest answer, deepest JSON), parsing into typed models, and
what it saves httpx (its base URL merged with each path once, not on every request). Batches of
the two variants alternate within one process and each repetition yields a paired ratio, so drift
in machine load hits both sides alike.

A third variant is the generated call with the contract watch on (`watch=ContractWatch()`, no
findings file): its ratio to the unwatched call is the watch's cost per call (docs/watching.md).
The answer is the spec's example made a conformant answer to the request sent (the name sent, a
`createdAt` of now), so the watch compares everything and finds nothing, as in production.
"""

from __future__ import annotations

import asyncio
import functools
import json
from datetime import UTC, datetime
from typing import Any

import httpx

from bench.fixtures import API_KEY, BASE_URL, SOURCE_ID, full_clone_answer
from bench.report import Figure, PairedRatio
from bench.timing import AsyncCall, Settings, SyncCall, interleaved, interleaved_async
from hamsa_client import AuthenticatedClient, ContractWatch
from hamsa_client.api.voice_agents import clone_voice_agent
from hamsa_client.models import CloneVoiceAgentRequest, CloneVoiceAgentResponse

PART = "client"
TARGET_RATIO = 1.10
WATCH_TARGET_RATIO = 1.05
AGENT_NAME = "Bench Support"
CLONE_PATH = "/v1/voice-agents/clone"
GENERATED, PLAIN = "hamsa_client", "plain httpx + json.loads"
WATCHED = "hamsa_client, watched"


def answering_transport(body: bytes) -> httpx.MockTransport:
    """An in-process transport that answers every request with `body` as a 200 JSON answer."""
    headers = {"content-type": "application/json"}

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers=headers)

    return httpx.MockTransport(handler)


def generated_client(
    transport: httpx.MockTransport, watch: ContractWatch | None = None
) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url=BASE_URL,
        token=API_KEY,
        prefix="Token",
        httpx_args={"transport": transport},
        watch=watch,
    )


def plain_headers() -> dict[str, str]:
    return {"Authorization": f"Token {API_KEY}"}


def sync_variants(
    client: AuthenticatedClient, plain: httpx.Client, watched: AuthenticatedClient | None = None
) -> dict[str, SyncCall]:
    """One clone call each, the answer decoded: typed models (and, given `watched`, typed models
    with the contract watch on) vs a dict."""

    def call(through: AuthenticatedClient) -> SyncCall:
        return lambda: clone_voice_agent.sync(
            client=through,
            body=CloneVoiceAgentRequest(agent_name=AGENT_NAME),
            voice_agent_id=SOURCE_ID,
        )

    def baseline() -> object:
        response = plain.post(
            CLONE_PATH, params={"voiceAgentId": SOURCE_ID}, json={"agentName": AGENT_NAME}
        )
        return json.loads(response.content)

    variants = {GENERATED: call(client), PLAIN: baseline}
    if watched is not None:
        variants[WATCHED] = call(watched)
    return variants


def async_variants(
    client: AuthenticatedClient,
    plain: httpx.AsyncClient,
    watched: AuthenticatedClient | None = None,
) -> dict[str, AsyncCall]:
    """As `sync_variants`, through the async APIs."""

    def call(through: AuthenticatedClient) -> AsyncCall:
        async def generated() -> object:
            return await clone_voice_agent.asyncio(
                client=through,
                body=CloneVoiceAgentRequest(agent_name=AGENT_NAME),
                voice_agent_id=SOURCE_ID,
            )

        return generated

    async def baseline() -> object:
        response = await plain.post(
            CLONE_PATH, params={"voiceAgentId": SOURCE_ID}, json={"agentName": AGENT_NAME}
        )
        return json.loads(response.content)

    variants = {GENERATED: call(client), PLAIN: baseline}
    if watched is not None:
        variants[WATCHED] = call(watched)
    return variants


@functools.cache
def conformant_answer() -> bytes:
    """The spec's full 200 example as the answer to this benchmark's request: the name sent, and
    created now (so the contract watch finds nothing to report)."""
    document: dict[str, Any] = json.loads(full_clone_answer())
    now = datetime.now(UTC).isoformat()
    document["data"].update(agentName=AGENT_NAME, createdAt=now, updatedAt=now)
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def check_answers(generated: object, baseline: object) -> None:
    """Both variants decoded the full answer (so neither is timing an error path)."""
    expected: dict[str, Any] = json.loads(conformant_answer())
    if not isinstance(generated, CloneVoiceAgentResponse):
        raise RuntimeError(f"generated client did not parse the 200 answer: {generated!r}")
    if generated.data.id != expected["data"]["id"] or baseline != expected:
        raise RuntimeError("the two variants did not decode the same answer")


def run_sync(settings: Settings, transport: httpx.MockTransport) -> dict[str, list[float]]:
    with (
        generated_client(transport) as client,
        generated_client(transport, ContractWatch()) as watched,
        httpx.Client(base_url=BASE_URL, headers=plain_headers(), transport=transport) as plain,
    ):
        variants = sync_variants(client, plain, watched)
        check_answers(variants[GENERATED](), variants[PLAIN]())
        check_answers(variants[WATCHED](), variants[PLAIN]())
        return interleaved(variants, settings)


async def run_async(settings: Settings, transport: httpx.MockTransport) -> dict[str, list[float]]:
    async with (
        generated_client(transport) as client,
        generated_client(transport, ContractWatch()) as watched,
        httpx.AsyncClient(base_url=BASE_URL, headers=plain_headers(), transport=transport) as plain,
    ):
        variants = async_variants(client, plain, watched)
        check_answers(await variants[GENERATED](), await variants[PLAIN]())
        check_answers(await variants[WATCHED](), await variants[PLAIN]())
        return await interleaved_async(variants, settings)


def figures_for(mode: str, samples: dict[str, list[float]], settings: Settings) -> list[Figure]:
    detail = {"calls_per_repetition": settings.calls_per_batch, "transport": "httpx.MockTransport"}
    ratio = PairedRatio(GENERATED, PLAIN, f"ratio {GENERATED} / plain httpx", TARGET_RATIO)
    watch_cost = PairedRatio(
        WATCHED, GENERATED, f"ratio {WATCHED} / {GENERATED}", WATCH_TARGET_RATIO
    )
    return [
        *ratio.figures(PART, mode, samples, detail),
        watch_cost.ratio_figure(PART, mode, samples, detail),
    ]


def run(settings: Settings) -> list[Figure]:
    """Sync and async: per-call time of each variant and their paired ratio."""
    transport = answering_transport(conformant_answer())
    sync_samples = run_sync(settings, transport)
    async_samples = asyncio.run(run_async(settings, transport))
    return figures_for("sync", sync_samples, settings) + figures_for(
        "async", async_samples, settings
    )
