"""Checks of a clone request against the spec: `voiceAgentId` and the JSON body.

Each check returns the valid value or raises RequestInvalid with a message that names the
problem without echoing the input back (it may be large). A valid value is recognised by the
spec's compiled validators at once; only a value they refuse meets the (much slower) reference
validators, which decide and describe what is wrong.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Sequence
from typing import Final

from jsonschema import ValidationError
from jsonschema.exceptions import best_match

from hamsa_contract._input_files import STRICT_JSON
from hamsa_contract.mock import _request_rules as spec

VOICE_AGENT_ID: Final = "voiceAgentId"
MAX_BODY_BYTES: Final = 1024 * 1024
# The mock's own cap on a name, far above the 150 characters every server must keep (CONTRACT.md
# decision 12 lets a longer name get 400): it bounds what one clone can hold in memory.
MAX_NAME_CHARACTERS: Final = 10_000


class RequestInvalid(ValueError):
    """The request breaks a rule of the spec (answered with 400); the message says which."""

    status = 400


class UnsupportedMediaType(RequestInvalid):
    """A body sent as another media type than `application/json`: answered with 415 (CONTRACT.md
    decision 14, RFC 9110 §15.5.16)."""

    status = 415


def _describe(error: ValidationError, where: str) -> str:
    location = ".".join([where, *(str(part) for part in error.absolute_path)])
    match error.validator:
        case "required":
            present = error.instance if isinstance(error.instance, dict) else {}
            names = error.validator_value if isinstance(error.validator_value, list) else []
            missing = [name for name in names if name not in present]
            return (
                f"{location}.{missing[0]} is required" if missing else f"{location} is incomplete"
            )
        case "type":
            expected = error.validator_value
            kinds = " or ".join(expected) if isinstance(expected, list) else str(expected)
            return f"{location} must be of type {kinds}"
        case "minLength" if error.validator_value == 1:
            return f"{location} must not be empty"
        case "minLength" | "maxLength" | "pattern" | "format" | "enum" | "const":
            return f"{location} breaks the spec's {error.validator}: {error.validator_value!r}"
        case _:
            return f"{location} does not match the spec ({error.validator})"


def voice_agent_id(values: Sequence[str]) -> str:
    """The one `voiceAgentId` query value, checked against the spec's parameter schema."""
    if len(values) == 1 and spec.compiled_query_parameter(VOICE_AGENT_ID).is_valid(values[0]):
        return values[0]
    required, validator = spec.query_parameter(VOICE_AGENT_ID)
    if not values:
        if required:
            raise RequestInvalid(f"query parameter {VOICE_AGENT_ID} is required")
        raise RequestInvalid(f"query parameter {VOICE_AGENT_ID} is missing")
    if len(values) > 1:
        raise RequestInvalid(f"query parameter {VOICE_AGENT_ID} must be given once")
    error = best_match(validator.iter_errors(values[0]))
    if error is not None:
        raise RequestInvalid(_describe(error, VOICE_AGENT_ID))
    return values[0]


def is_json_media_type(content_type: str | None) -> bool:
    """Whether a Content-Type names `application/json` (parameters such as charset allowed:
    CONTRACT.md decision 14)."""
    if content_type is None:
        return False
    return content_type.split(";", 1)[0].strip().lower() == spec.JSON


async def read_body(chunks: AsyncIterable[bytes], limit: int = MAX_BODY_BYTES) -> bytes:
    """The whole body, refusing one larger than `limit` bytes before reading it all."""
    body = bytearray()
    async for chunk in chunks:
        body += chunk
        if len(body) > limit:
            raise RequestInvalid(f"body is larger than {limit} bytes")
    return bytes(body)


def agent_name(content_type: str | None, body: bytes) -> str | None:
    """The `agentName` of a body that the spec's `CloneVoiceAgentRequest` schema accepts; None
    when the body asks for no name (missing or empty: CONTRACT.md decision 4 lets the mock clone;
    a null one is not a string, and the mock takes the other answer decision 4 allows, 400)."""
    if not body.strip():
        raise RequestInvalid("body is required: a JSON object with agentName")
    if not is_json_media_type(content_type):
        raise UnsupportedMediaType(f"body must be sent as {spec.JSON}")
    try:
        document = STRICT_JSON.decode(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise RequestInvalid("body is not valid JSON") from None
    if not spec.compiled_request_body_validator().is_valid(document):
        error = best_match(spec.request_body_validator().iter_errors(document))
        if error is not None:
            raise RequestInvalid(_describe(error, "body"))
    # The schema allows only a string agentName; this also narrows the type for the caller.
    name = document.get("agentName", "") if isinstance(document, dict) else None
    if not isinstance(name, str):
        raise RequestInvalid("body.agentName must be a string")
    return storable_name(name) or None


def storable_name(name: str) -> str:
    """`name`, if the mock can store and send it back: at most MAX_NAME_CHARACTERS code points,
    and encodable as UTF-8 (JSON's `"\\ud800"`, a lone surrogate, decodes to a string that is not).
    """
    if len(name) > MAX_NAME_CHARACTERS:
        raise RequestInvalid(
            f"body.agentName is longer than the mock's limit of {MAX_NAME_CHARACTERS} characters"
        )
    try:
        if not name.isascii():
            name.encode("utf-8")
    except UnicodeEncodeError:
        raise RequestInvalid(
            "body.agentName cannot be stored as UTF-8 (it holds a lone surrogate)"
        ) from None
    return name
