"""Part 1, broken down: what the generated client adds per call, one piece at a time.

The call-level ratio says how much the client costs; these figures say where: building the
request model, decoding the JSON (which the plain baseline pays too) and turning the decoded
answer into typed models. Each piece runs alone, interleaved with the others.
"""

from __future__ import annotations

import json
from typing import Any

from bench.client_overhead import AGENT_NAME, PART
from bench.fixtures import full_clone_answer
from bench.report import Figure
from bench.stats import Summary
from bench.timing import Settings, SyncCall, interleaved
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

    return {
        "request model build + to_dict": request_model,
        "json.loads of the full answer (both variants pay it)": json_decode,
        "CloneVoiceAgentResponse.from_dict (full answer)": typed_parse,
        "CloneVoiceAgentResponse.to_dict (not on the call path)": typed_encode,
    }


def run(settings: Settings) -> list[Figure]:
    samples = interleaved(pieces(), settings)
    detail = {"calls_per_repetition": settings.calls_per_batch}
    return [
        Figure(PART, f"piece: {name}", "µs", Summary.of(seconds).scaled(1e6), detail)
        for name, seconds in samples.items()
    ]
