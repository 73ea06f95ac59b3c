"""New values and new fields from the vendor are data, not errors (CONTRACT.md decision 1)."""

from __future__ import annotations

from typing import Any

import pytest

from hamsa_client.models import CloneVoiceAgentResponse, ErrorResponse, VoiceAgent
from tests.support.client import Mode, answer, clone, make_client

# Enum-like fields (the spec lists known values as examples only) and values no example mentions.
NEW_VALUES = {
    ("lang",): "fr-CA",
    ("type",): "Workflow Agent",
    ("noiseCancellation",): "studio_grade",
    ("cancelNoisePer",): "turn",
    ("llmConfig", "provider"): "Anthropic",
    ("alignment", "preamble"): "auto",
}


def test_new_values_of_enum_like_fields_are_plain_strings(
    mode: Mode, clone_200_example: dict[str, Any]
) -> None:
    for path, value in NEW_VALUES.items():
        parent = clone_200_example["data"]
        for key in path[:-1]:
            parent = parent[key]
        parent[path[-1]] = value

    result = clone(mode, make_client(answer(200, clone_200_example)))

    assert isinstance(result, CloneVoiceAgentResponse)
    agent = result.data
    parsed = [agent.lang, agent.type_, agent.noise_cancellation, agent.cancel_noise_per]
    parsed += [
        getattr(agent.llm_config, "provider", None),
        getattr(agent.alignment, "preamble", None),
    ]
    assert parsed == list(NEW_VALUES.values())
    assert all(type(value) is str for value in parsed)
    assert result.to_dict()["data"]["llmConfig"]["provider"] == "Anthropic"


@pytest.mark.parametrize("number", [800, 800.0, 0.5, 0, -1, 10**20])
def test_a_number_may_be_integral_or_fractional(
    mode: Mode, clone_200_example: dict[str, Any], number: float
) -> None:
    clone_200_example["data"]["silenceThreshold"] = number

    result = clone(mode, make_client(answer(200, clone_200_example)))

    assert isinstance(result, CloneVoiceAgentResponse)
    assert result.data.silence_threshold == number
    assert result.to_dict()["data"]["silenceThreshold"] == number


def test_unknown_fields_survive_a_round_trip_through_the_models(
    clone_200_example: dict[str, Any],
) -> None:
    clone_200_example["data"]["voicemailDetection"] = {"enabled": True, "action": "hang_up"}
    clone_200_example["data"]["webhookAuth"]["rotatedAt"] = "2026-11-01"

    agent = VoiceAgent.from_dict(clone_200_example["data"])
    again = VoiceAgent.from_dict(agent.to_dict())

    assert again.to_dict() == agent.to_dict()
    assert again["voicemailDetection"] == {"enabled": True, "action": "hang_up"}
    assert again.to_dict()["webhookAuth"]["rotatedAt"] == "2026-11-01"


def test_an_error_envelope_keeps_unknown_fields_and_may_omit_message_key(mode: Mode) -> None:
    body = {"success": False, "message": "Voice agent not found", "details": ["id"]}

    result = clone(mode, make_client(answer(404, body)))

    assert isinstance(result, ErrorResponse)
    assert result.to_dict() == body
