"""The seeded templates: fixed ids, every VoiceAgent field filled, valid against the spec."""

from __future__ import annotations

import pytest

from hamsa_contract.mock import (
    ARABIC_SUPPORT_TEMPLATE_ID,
    ENGLISH_BOOKING_FLOW_TEMPLATE_ID,
    ENGLISH_SALES_TEMPLATE_ID,
    TEMPLATE_IDS,
    create_app,
)
from hamsa_contract.mock._request_rules import document, operation_as_written, validator_at
from hamsa_contract.mock._templates import TEMPLATES

VOICE_AGENT = document()["components"]["schemas"]["VoiceAgent"]
BY_ID = {agent["id"]: agent for agent in TEMPLATES}


def test_template_ids_are_the_documented_constants() -> None:
    assert dict(TEMPLATE_IDS) == {
        "arabic_support": ARABIC_SUPPORT_TEMPLATE_ID,
        "english_sales": ENGLISH_SALES_TEMPLATE_ID,
        "english_booking_flow": ENGLISH_BOOKING_FLOW_TEMPLATE_ID,
    }
    assert set(BY_ID) == set(TEMPLATE_IDS.values())
    assert len(BY_ID) == len(TEMPLATES)


def test_a_fresh_app_holds_exactly_the_templates() -> None:
    store = create_app().store
    assert set(store.template_ids) == set(TEMPLATE_IDS.values())
    assert store.clone_ids() == ()


@pytest.mark.parametrize("template_id", sorted(BY_ID))
def test_template_fills_every_voice_agent_field(template_id: str) -> None:
    assert set(VOICE_AGENT["properties"]) <= set(BY_ID[template_id])


@pytest.mark.parametrize("template_id", sorted(BY_ID))
def test_template_is_a_valid_voice_agent_and_a_template(template_id: str) -> None:
    validator_at("components", "schemas", "VoiceAgent").validate(dict(BY_ID[template_id]))
    assert BY_ID[template_id]["isTemplate"] is True


def test_some_nullable_fields_are_null() -> None:
    nulls = {name for agent in TEMPLATES for name, value in agent.items() if value is None}
    assert {"description", "voiceRecordId", "webhookAuth", "outcomeResponseShape"} <= nulls


def test_there_is_an_arabic_and_an_english_template() -> None:
    assert BY_ID[ARABIC_SUPPORT_TEMPLATE_ID]["lang"] == "ar"
    assert {agent["lang"] for agent in TEMPLATES} == {"ar", "en"}


def test_the_spec_example_id_is_a_template() -> None:
    # So schemathesis' examples phase (and anyone pasting the spec's example) clones for real.
    parameter = next(p for p in operation_as_written()["parameters"] if p["name"] == "voiceAgentId")
    assert set(parameter["schema"]["examples"]) <= set(TEMPLATE_IDS.values())
