"""Part 1, broken down: what the generated client adds per call, one piece at a time.

The call-level ratio says how much the client costs; these figures say where: building the
request model, decoding the JSON (which the plain baseline pays too), turning the decoded
answer into typed models, and the contract watch's comparison of a conformant answer with the
spec (paid only with `watch=`). Each piece runs alone, interleaved with the others.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from bench.client_overhead import AGENT_NAME, CLONE_PATH, PART, conformant_answer
from bench.fixtures import API_KEY, BASE_URL, SOURCE_ID, full_clone_answer
from bench.report import Figure
from bench.stats import Summary
from bench.timing import Settings, SyncCall, interleaved
from hamsa_client import ContractWatch
from hamsa_client.api.voice_agents import clone_voice_agent
from hamsa_client.models import CloneVoiceAgentRequest, CloneVoiceAgentResponse


def pieces() -> dict[str, SyncCall]:
    """The steps of a generated call that the plain baseline does differently or not at all."""
    body = full_clone_answer()
    decoded: dict[str, Any] = json.loads(body)
    parsed = CloneVoiceAgentResponse.from_dict(decoded)

    def request_model() -> object:
        return CloneVoiceAgentRequest(agent_name=AGENT_NAME).to_dict()

    def json_decode() -> object:
        return json.loads(body)

    def typed_parse() -> object:
        return CloneVoiceAgentResponse.from_dict(decoded)

    def typed_encode() -> object:
        return parsed.to_dict()

    watch = ContractWatch()
    sent = {"params": {"voiceAgentId": SOURCE_ID}, "json": {"agentName": AGENT_NAME}}
    conformant = conformant_answer()
    request = httpx.Request("POST", f"{BASE_URL}{CLONE_PATH}", params=sent["params"])
    response = httpx.Response(200, content=conformant, request=request)
    conformant_decoded = json.loads(conformant)

    def watch_compare() -> None:
        # The endpoint module's own contract, as `sync()` hands it over.
        contract = clone_voice_agent._CONTRACT
        watch.observe(contract, 200, response, conformant_decoded, sent, [API_KEY])

    return {
        "request model build + to_dict": request_model,
        "json.loads of the full answer (both variants pay it)": json_decode,
        "CloneVoiceAgentResponse.from_dict (full answer)": typed_parse,
        "CloneVoiceAgentResponse.to_dict (not on the call path)": typed_encode,
        "contract watch: observe (conformant full answer, watched calls only)": watch_compare,
    }


def run(settings: Settings) -> list[Figure]:
    samples = interleaved(pieces(), settings)
    detail = {"calls_per_repetition": settings.calls_per_batch}
    return [
        Figure(PART, f"piece: {name}", "µs", Summary.of(seconds).scaled(1e6), detail)
        for name, seconds in samples.items()
    ]
