"""The compiled validators (the mock's fast path) judge requests exactly as the reference ones do.

A request the compiled validator accepts is never shown to the reference validator, so the two
must agree: were the compiled one more lenient, the mock would answer 200 where the spec says 400.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from hamsa_contract.mock import _request_rules as spec
from hamsa_contract.mock._validation import VOICE_AGENT_ID
from tests.hamsa_client.test_parsing_follows_the_spec import json_values

# Shapes near each rule of the request schemas: types, emptiness, length in code points (an
# emoji is one, though two UTF-16 units), unknown properties, nulls and nesting.
EDGES: list[Any] = [
    "",
    "a",
    " ",
    "é",
    "\U0001f600",
    "\x00",
    0,
    1.5,
    True,
    None,
    [],
    ["x"],
    {},
    {"agentName": "Acme"},
    {"agentName": ""},
    {"agentName": "\U0001f600"},
    {"agentName": None},
    {"agentName": 1},
    {"agentName": ["Acme"]},
    {"agentName": {"first": "Acme"}},
    {"agentName": "Acme", "unknown": [1, None]},
    {"agentname": "Acme"},
]

bodies = json_values | st.dictionaries(
    st.sampled_from(["agentName", "other"]), json_values, max_size=2
)


@pytest.mark.parametrize("instance", EDGES, ids=repr)
def test_both_validators_agree_on_the_body_edges(instance: Any) -> None:
    compiled = spec.compiled_request_body_validator().is_valid(instance)
    assert compiled == spec.request_body_validator().is_valid(instance)


@pytest.mark.parametrize("instance", EDGES, ids=repr)
def test_both_validators_agree_on_the_voice_agent_id_edges(instance: Any) -> None:
    _, reference = spec.query_parameter(VOICE_AGENT_ID)
    compiled = spec.compiled_query_parameter(VOICE_AGENT_ID).is_valid(instance)
    assert compiled == reference.is_valid(instance)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(instance=bodies)
@example(instance={"agentName": "x"})
def test_both_validators_agree_on_generated_bodies(instance: Any) -> None:
    compiled = spec.compiled_request_body_validator().is_valid(instance)
    assert compiled == spec.request_body_validator().is_valid(instance)
