"""The mock's view of the spec (read once, by `hamsa_contract._spec`): its request rules and
documented answers.

Reading the rules from `openapi/hamsa-voice-agents.yaml` (rather than restating them in code)
means the spec and the mock cannot drift apart silently: tighten a schema in the spec and the mock
enforces it on the next start.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, cast

import jsonschema_rs
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from hamsa_contract import _spec as suite_spec
from hamsa_contract._spec import (
    CLONE_METHOD,
    CLONE_PATH,
    SPEC_PATH,
    document,
    documented_statuses,
    response_example,
    spec_text,
)

__all__ = [
    "CLONE_METHOD",
    "CLONE_PATH",
    "SPEC_PATH",
    "clear_caches",
    "compiled_query_parameter",
    "compiled_request_body_validator",
    "document",
    "documented_error_statuses",
    "documented_statuses",
    "operation_as_written",
    "query_parameter",
    "request_body_validator",
    "response_example",
    "response_validator",
    "spec_text",
    "validator_at",
]

JSON = "application/json"

# The spec is registered under this URI so that `$ref`s inside it resolve against the document.
_SPEC_URI = "urn:hamsa:openapi"


def operation_as_written() -> Mapping[str, Any]:
    """The `POST /v1/voice-agents/clone` operation object, as written (`$ref`s kept, so the
    validators' JSON pointers point into the document); `_spec.clone_operation()` inlines them."""
    return cast(Mapping[str, Any], document()["paths"][CLONE_PATH][CLONE_METHOD])


def _pointer(*tokens: str) -> str:
    """JSON pointer (RFC 6901) to `tokens` inside the spec."""
    return "/" + "/".join(token.replace("~", "~0").replace("/", "~1") for token in tokens)


@functools.cache
def _registry() -> Registry[Any]:
    empty: Registry[Any] = Registry()
    registry: Registry[Any] = empty.with_resource(
        _SPEC_URI, DRAFT202012.create_resource(document())
    )
    return registry


@functools.cache
def validator_at(*tokens: str) -> Draft202012Validator:
    """A JSON Schema validator for the schema found at `tokens` inside the spec.

    `$ref`s in that schema resolve against the whole spec; formats (`date-time`, ...) are checked.
    """
    schema = {"$ref": f"{_SPEC_URI}#{_pointer(*tokens)}"}
    return Draft202012Validator(
        schema, registry=_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


@functools.cache
def _compiled_registry() -> jsonschema_rs.Registry:
    return jsonschema_rs.Registry([(_SPEC_URI, document())])


@functools.cache
def compiled_validator_at(*tokens: str) -> jsonschema_rs.Validator:
    """The schema at `tokens`, compiled once by jsonschema-rs: the same schema, `$ref`s and formats
    as `validator_at`'s, checked in well under a microsecond instead of about a hundred.

    For the fast path only: its `is_valid` lets the common, valid request through at once; an
    instance it refuses goes to `validator_at`'s validator, which keeps the last word and says why.
    """
    schema = {"$ref": f"{_SPEC_URI}#{_pointer(*tokens)}"}
    return jsonschema_rs.Draft202012Validator(
        schema, registry=_compiled_registry(), validate_formats=True
    )


def _operation_tokens() -> tuple[str, ...]:
    return ("paths", CLONE_PATH, CLONE_METHOD)


def request_body_validator() -> Draft202012Validator:
    """Validator of the JSON request body (`CloneVoiceAgentRequest`)."""
    return validator_at(*_operation_tokens(), "requestBody", "content", JSON, "schema")


def compiled_request_body_validator() -> jsonschema_rs.Validator:
    """`request_body_validator`'s schema, compiled (see `compiled_validator_at`)."""
    return compiled_validator_at(*_operation_tokens(), "requestBody", "content", JSON, "schema")


def _query_parameter_tokens(name: str) -> tuple[bool, tuple[str, ...]]:
    for index, parameter in enumerate(operation_as_written()["parameters"]):
        if parameter["in"] == "query" and parameter["name"] == name:
            tokens = (*_operation_tokens(), "parameters", str(index), "schema")
            return bool(parameter.get("required", False)), tokens
    raise LookupError(f"the spec declares no query parameter {name!r}")


def query_parameter(name: str) -> tuple[bool, Draft202012Validator]:
    """Whether query parameter `name` is required, and a validator of its value."""
    required, tokens = _query_parameter_tokens(name)
    return required, validator_at(*tokens)


@functools.cache
def compiled_query_parameter(name: str) -> jsonschema_rs.Validator:
    """`query_parameter`'s validator of `name`, compiled (see `compiled_validator_at`)."""
    return compiled_validator_at(*_query_parameter_tokens(name)[1])


def response_validator(status: int) -> Draft202012Validator:
    """Validator of the JSON body the spec documents for `status`."""
    return validator_at(*_operation_tokens(), "responses", str(status), "content", JSON, "schema")


def documented_error_statuses() -> frozenset[int]:
    """The documented statuses that are errors (4xx and 5xx)."""
    return frozenset(status for status in documented_statuses() if status >= 400)


def clear_caches() -> None:
    """Forget the spec read so far: the next call reads `hamsa_contract._spec.SPEC_PATH` again."""
    suite_spec.clear_caches()
    for cached in (
        _registry,
        validator_at,
        _compiled_registry,
        compiled_validator_at,
        compiled_query_parameter,
    ):
        cached.cache_clear()
