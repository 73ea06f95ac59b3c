"""The hand-written spec is valid OpenAPI 3.1 and records CONTRACT.md's names (decision 11) and
decisions."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from openapi_spec_validator import validate

from hamsa_contract.mock._request_rules import request_body_validator, response_validator
from tools.drift_field_schema import OBSERVED_KEY

OPERATION_PATH = "/v1/voice-agents/clone"
DOCUMENTED_STATUSES = {"200", "400", "401", "404", "415", "429", "500"}
# CONTRACT.md decision 3: exactly these VoiceAgent fields may be null.
NULLABLE_AGENT_FIELDS = {
    "description",
    "outcome",
    "outcomeResponseShape",
    "voiceId",
    "voiceRecordId",
    "voiceRecord",
    "collectionId",
    "icon",
    "webhookUrl",
    "webhookAuth",
    "params",
    "webToolsOverrides",
    "noiseCancellation",
    "cancelNoisePer",
    # Evidence: the vendor's own v1 create example shows it null.
    "greetingMessageType",
}
NUMBER_AGENT_FIELDS = {
    "silenceThreshold",
    "userInactivityTimeout",
    "maxCallDuration",
    "responseDelay",
    "waitForUserToSpeakFirst",
    "minInterruptionDuration",
    "vadActivationThreshold",
}


def operation(spec: dict[str, Any]) -> dict[str, Any]:
    op: dict[str, Any] = spec["paths"][OPERATION_PATH]["post"]
    return op


def allows_null(schema: dict[str, Any]) -> bool:
    type_ = schema.get("type")
    if type_ == "null" or (isinstance(type_, list) and "null" in type_):
        return True
    return any(allows_null(branch) for branch in schema.get("anyOf", []) + schema.get("oneOf", []))


def decided(properties: dict[str, Any]) -> dict[str, Any]:
    """The fields the spec decided on: those adopted from live answers (`make adopt-drift`,
    marked `x-observed-on`) are observations, outside CONTRACT.md's decisions."""
    return {name: schema for name, schema in properties.items() if OBSERVED_KEY not in schema}


# Keys whose values are sample data, not schema: an "enum" key in an example is just data.
DATA_KEYS = {"example", "examples"}


def walk(node: Any, at: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every mapping in a YAML tree with its JSON pointer, depth first, examples left out."""
    if isinstance(node, dict):
        yield at, node
        for key, value in node.items():
            if key not in DATA_KEYS:
                yield from walk(value, f"{at}/{str(key).replace('~', '~0').replace('/', '~1')}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{at}/{index}")


def intolerant_places(spec: dict[str, Any]) -> list[str]:
    """Decision 1 broken anywhere in the spec (schemas, parameters, request bodies, responses,
    headers): where an enum closes a value, or an object closes itself to new properties."""
    places = []
    for at, node in walk(spec):
        if "enum" in node:
            places.append(f"{at}: enum")
        if node.get("additionalProperties", True) is False:
            places.append(f"{at}: additionalProperties false")
    return places


def test_spec_is_valid_openapi_3_1(spec: dict[str, Any]) -> None:
    assert spec["openapi"] == "3.1.0"
    validate(spec)  # raises on any error


def test_names_follow_the_contract(spec: dict[str, Any]) -> None:
    op = operation(spec)
    assert op["operationId"] == "cloneVoiceAgent"
    assert op["tags"] == ["voice-agents"]
    assert {
        "CloneVoiceAgentRequest",
        "CloneVoiceAgentResponse",
        "VoiceAgent",
        "ErrorResponse",
    } <= set(spec["components"]["schemas"])


def test_both_regions_are_servers(spec: dict[str, Any]) -> None:
    assert [server["url"] for server in spec["servers"]] == [
        "https://api.tryhamsa.com",
        "https://api.uae.tryhamsa.com",
    ]


def test_security_is_token_header_declared_on_the_operation(spec: dict[str, Any]) -> None:
    op = operation(spec)
    assert op["security"] == [{"TokenAuth": []}]
    scheme = spec["components"]["securitySchemes"]["TokenAuth"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "Authorization")


def test_voice_agent_id_is_a_required_non_empty_query_string(spec: dict[str, Any]) -> None:
    (parameter,) = operation(spec)["parameters"]
    assert parameter["name"] == "voiceAgentId"
    assert parameter["in"] == "query"
    assert parameter["required"] is True
    assert parameter["schema"] == {**parameter["schema"], "type": "string", "minLength": 1}


def test_every_documented_status_has_a_json_body_and_an_example(spec: dict[str, Any]) -> None:
    responses = operation(spec)["responses"]
    assert set(responses) == DOCUMENTED_STATUSES
    for status, response in responses.items():
        media = response["content"]["application/json"]
        expected = "CloneVoiceAgentResponse" if status == "200" else "ErrorResponse"
        assert media["schema"] == {"$ref": f"#/components/schemas/{expected}"}, status
        assert "example" in media, status


def test_examples_validate_against_their_schemas(spec: dict[str, Any]) -> None:
    op = operation(spec)
    request_example = op["requestBody"]["content"]["application/json"]["example"]
    request_body_validator().validate(request_example)
    for status, response in op["responses"].items():
        response_validator(int(status)).validate(response["content"]["application/json"]["example"])


def test_the_200_example_fills_every_voice_agent_field(spec: dict[str, Any]) -> None:
    agent_schema = spec["components"]["schemas"]["VoiceAgent"]
    example = operation(spec)["responses"]["200"]["content"]["application/json"]["example"]
    assert set(example["data"]) == set(agent_schema["properties"])


def test_exactly_the_decided_fields_are_nullable(spec: dict[str, Any]) -> None:
    properties = decided(spec["components"]["schemas"]["VoiceAgent"]["properties"])
    nullable = {name for name, schema in properties.items() if allows_null(schema)}
    assert nullable == NULLABLE_AGENT_FIELDS
    llm_config = decided(spec["components"]["schemas"]["LlmConfig"]["properties"])
    assert {name for name, schema in llm_config.items() if allows_null(schema)} == {
        "baseUrl",
        "apiKey",
    }


def test_numbers_are_not_narrowed_to_integers(spec: dict[str, Any]) -> None:
    properties = decided(spec["components"]["schemas"]["VoiceAgent"]["properties"])
    assert {name for name, schema in properties.items() if schema.get("type") == "number"} == (
        NUMBER_AGENT_FIELDS
    )


def test_responses_are_tolerant_readers(spec: dict[str, Any]) -> None:
    """Decision 1: no enum anywhere, and no object closes itself to new properties."""
    assert intolerant_places(spec) == []


def test_an_enum_or_closed_object_outside_the_schemas_is_found(spec: dict[str, Any]) -> None:
    broken = copy.deepcopy(spec)
    op = operation(broken)
    op["parameters"][0]["schema"]["enum"] = ["a"]
    op["responses"]["429"]["headers"]["Retry-After"]["schema"]["enum"] = ["5"]
    op["requestBody"]["content"]["application/json"]["schema"] = {
        "type": "object",
        "additionalProperties": False,
    }
    # Sample data is not schema: an "enum" key inside an example is fine.
    op["responses"]["200"]["content"]["application/json"]["example"]["enum"] = 1

    path = "#/paths/~1v1~1voice-agents~1clone/post"
    assert intolerant_places(broken) == [
        f"{path}/parameters/0/schema: enum",
        f"{path}/requestBody/content/application~1json/schema: additionalProperties false",
        f"{path}/responses/429/headers/Retry-After/schema: enum",
    ]


@pytest.mark.parametrize("agent_name", [42, None, True, ["n"], {"n": 1}])
def test_request_schema_rejects_a_bad_agent_name(agent_name: Any) -> None:
    with pytest.raises(jsonschema.ValidationError):
        request_body_validator().validate({"agentName": agent_name})


@pytest.mark.parametrize("body", [{}, {"agentName": ""}, {"agentName": "n" * 6000}])
def test_request_schema_leaves_the_name_to_the_server(body: dict[str, Any]) -> None:
    """A body without a name, with an empty one or a long one is a request the client may send:
    the server may clone or answer 400 (CONTRACT.md decisions 4 and 12)."""
    request_body_validator().validate(body)


@pytest.mark.parametrize(
    "body",
    [
        {"success": False, "message": "m"},
        {"success": False, "error": "e"},
        {"success": False, "message": "m", "error": "e", "messageKey": "K"},
    ],
    ids=["message", "error", "both"],
)
def test_an_error_body_carries_message_or_error(body: dict[str, Any]) -> None:
    """CONTRACT.md decision 5: `message` or `error`, a string, or both."""
    for status in (400, 401, 404, 429, 500):
        response_validator(status).validate(body)


@pytest.mark.parametrize(
    "body",
    [
        {"success": False},
        {"success": False, "messageKey": "K"},
        {"success": False, "error": 5},
        {"success": False, "message": None, "error": "e"},
    ],
    ids=["neither", "key-only", "error-not-a-string", "message-null"],
)
def test_an_error_body_without_a_message_string_breaks_the_contract(body: dict[str, Any]) -> None:
    with pytest.raises(jsonschema.ValidationError):
        response_validator(404).validate(body)


@pytest.mark.parametrize("webhook_auth", [{}, {"authKey": "Token"}, None])
def test_webhook_auth_may_be_empty(
    clone_200_example: dict[str, Any], webhook_auth: dict[str, str] | None
) -> None:
    """v2 answers show `"webhookAuth": {}` (evidence): neither inner field is required."""
    clone_200_example["data"]["webhookAuth"] = webhook_auth
    response_validator(200).validate(clone_200_example)


@pytest.mark.parametrize("value", ["STATIC", "PROMPT", "A_LATER_KIND", None])
def test_greeting_message_type_is_a_string_or_null(
    clone_200_example: dict[str, Any], value: str | None
) -> None:
    """Evidence: `STATIC`, `PROMPT` or null; no enum (decision 1), so a new kind conforms."""
    clone_200_example["data"]["greetingMessageType"] = value
    response_validator(200).validate(clone_200_example)


@pytest.mark.parametrize("value", [1, True, {"kind": "STATIC"}])
def test_greeting_message_type_of_another_type_breaks_the_contract(
    clone_200_example: dict[str, Any], value: object
) -> None:
    clone_200_example["data"]["greetingMessageType"] = value
    with pytest.raises(jsonschema.ValidationError):
        response_validator(200).validate(clone_200_example)


def test_request_schema_allows_unknown_properties() -> None:
    request_body_validator().validate({"agentName": "x", "ignoredByServers": True})


def test_a_null_boolean_breaks_the_voice_agent_schema(clone_200_example: dict[str, Any]) -> None:
    clone_200_example["data"]["realTime"] = None
    with pytest.raises(jsonschema.ValidationError):
        response_validator(200).validate(clone_200_example)
