"""The client accepts a 200 body exactly when the spec's schema does (on types and required fields).

Hypothesis puts arbitrary JSON at arbitrary places of the spec's own example, and JSON Schema (the
spec, read by jsonschema) is the oracle: a body with a type or required-field violation must raise
InvalidResponse; a schema-valid body must parse and encode back to the same JSON. Keywords the
client does not enforce on answers (`const`, `minLength`, `format`) make no claim either way.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamsa_client.errors import InvalidResponse
from hamsa_client.models import CloneVoiceAgentResponse, ErrorResponse
from tests.conftest import PROPERTY_PROFILE, load_spec
from tests.support.client import MISSING, MODES, Mode, answer, clone, make_client, with_value

SPEC = load_spec()
EXAMPLE = SPEC["paths"]["/v1/voice-agents/clone"]["post"]["responses"]["200"]["content"][
    "application/json"
]["example"]
SCHEMA = {"$ref": "#/components/schemas/CloneVoiceAgentResponse", "components": SPEC["components"]}
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)
# Violations of these make the client raise. It does not check const or minLength, and checks the
# date-time format only as far as datetime.fromisoformat does.
ENFORCED = {"type", "required"}


def paths(node: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every key path in a JSON object tree (the root included)."""
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*prefix, key))


PATHS = list(paths(EXAMPLE))
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=6,
)


def enforced_violations(body: Any) -> set[str]:
    """The enforced keywords `body` violates, looking inside anyOf branches too."""
    found: set[str] = set()
    pending = list(VALIDATOR.iter_errors(body))
    while pending:
        error = pending.pop()
        if error.validator in ENFORCED:
            found.add(str(error.validator))
        pending.extend(error.context or [])
    return found


def same_json(encoded: Any, received: Any) -> bool:
    """Equal JSON, date-times compared as instants (the models re-encode them)."""
    if isinstance(encoded, dict) and isinstance(received, dict):
        return encoded.keys() == received.keys() and all(
            same_json(encoded[key], received[key]) for key in encoded
        )
    if isinstance(encoded, str) and isinstance(received, str) and encoded != received:
        try:
            parse = datetime.datetime.fromisoformat
            return parse(encoded) == parse(received)
        except ValueError:
            return False
    return bool(encoded == received)


@pytest.mark.parametrize("mode", MODES)
@settings(settings.get_profile(PROPERTY_PROFILE), max_examples=150)
@given(path=st.sampled_from(PATHS), value=json_values, remove=st.booleans())
def test_the_client_accepts_what_the_schema_accepts(
    mode: Mode, path: tuple[str, ...], value: Any, remove: bool
) -> None:
    body = with_value(EXAMPLE, path, MISSING if remove and path else value)
    violations = enforced_violations(body)

    outcome: CloneVoiceAgentResponse | ErrorResponse | InvalidResponse
    try:
        outcome = clone(mode, make_client(answer(200, body)))
    except InvalidResponse as error:
        outcome = error

    if isinstance(outcome, InvalidResponse):
        # Rejected: the schema rejects it too (on an enforced keyword, or on one the client's
        # parsing happens to enforce, such as a date-time that is no date).
        assert violations or not VALIDATOR.is_valid(body), (outcome, body)
    else:
        assert not violations, (violations, body)
        assert isinstance(outcome, CloneVoiceAgentResponse)
        assert same_json(outcome.to_dict(), json.loads(json.dumps(body)))
