"""The contract watch's rules, each defined once: what an answer is compared with, and how.

ContractWatch (_watch.py) judges every watched answer by these, and the contract suite
(hamsa_contract) calls the same functions from its own checks, wrapping them with what its reports
say about each rule. Imports only the standard library and the one mask (_masking), so that the
suite may import it without anything else of the client.
"""

import json
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, TypeGuard

from ._masking import KeyMask

# The `kind` of each finding (and of each line of a findings file).
UNKNOWN_FIELD = "unknown_field"
DECLARED_FIELD_ABSENT = "declared_field_absent"
NOT_AS_SENT = "not_as_sent"
SAME_AS_SOURCE = "same_as_source"
NOT_FRESH = "not_fresh"
API_KEY_IN_ANSWER = "api_key_in_answer"
SERVER_ERROR_WITHOUT_ENVELOPE = "server_error_without_envelope"
DRIFT_KINDS = frozenset({UNKNOWN_FIELD, DECLARED_FIELD_ABSENT})
"""Findings that are drift (warnings); every other kind is a contract break (an error)."""


def json_type(value: Any) -> str:
    """The JSON type name of a parsed JSON value (`integer` for whole numbers)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def expected_complete(path: str, complete_under: str | None) -> bool:
    """Whether the object at dotted `path` must carry every declared field: it is at or below
    `complete_under` (None: nowhere)."""
    return complete_under is not None and (
        path == complete_under or path.startswith(complete_under + ".")
    )


def absent(value: Mapping[str, Any], expected: Iterable[str]) -> list[str]:
    """The `expected` declared fields an answer's object leaves out, in `expected`'s order."""
    return [name for name in expected if name not in value]


def not_as_sent(sent: Any, got: Any) -> TypeGuard[str]:
    """Whether an answer's value breaks an `as-sent` rule: the request sent a non-empty text and
    the answer does not carry it exactly. An empty value asks for nothing the answer must repeat
    (an empty agentName may get a clone under a name the server chooses: CONTRACT.md decision 4).
    True only for a text sent."""
    return isinstance(sent, str) and bool(sent) and got != sent


def same_as_source(sent: Any, got: Any) -> bool:
    """Whether an answer's value breaks a `not-the-source` rule: it equals what the request sent
    (a clone's id its source's)."""
    return sent is not None and got == sent


def instant(value: Any) -> datetime | None:
    """The instant a date-time text names, aware (one without an offset is read as UTC); None when
    `value` is no date-time text."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def seconds_off(value: Any, now: datetime, tolerance: float) -> float | None:
    """How far (seconds, negative before `now`) the date-time `value` is from `now` when that is
    more than `tolerance` seconds either way (a `fresh` rule broken); None when it is within, or
    when `value` is no date-time text at all (the schema's to say)."""
    when = instant(value)
    if when is None:
        return None
    off = (when - now).total_seconds()
    return off if abs(off) > tolerance else None


def key_places(
    mask: KeyMask, headers: Iterable[tuple[str | bytes, str | bytes]], body: bytes
) -> list[str]:
    """Where an answer carries a secret of `mask`, in any form the mask knows: `header <name>` for
    each header whose name or value does, then `body`."""
    places = [
        f"header {name.decode('latin-1') if isinstance(name, bytes) else name}"
        for name, value in headers
        if mask.in_header(value) or mask.in_header(name)
    ]
    if mask.in_body(body):
        places.append("body")
    return places


# The fields of the error envelope that carry text wherever they are present (the spec's
# ErrorResponse).
_ENVELOPE_TEXTS = ("message", "messageKey", "error")


def is_server_error(status: int) -> bool:
    """Whether `status` is a 5xx: a server error, whose answer carries the error envelope all the
    same (CONTRACT.md decision 5), whether the spec documents the status or not."""
    return 500 <= status <= 599


def envelope_problem(content: bytes, parse: Callable[[bytes], Any] = json.loads) -> str | None:
    """What keeps an answer's body (`content`, read by `parse`) from being the error envelope;
    None when it is one. The envelope is the spec's ErrorResponse (CONTRACT.md decision 5): an
    object with `success: false` and `message` or `error`, each a string, as is `messageKey`;
    other properties are allowed. Names fields and JSON types, never a value of the answer."""
    try:
        document = parse(content)
    except ValueError:  # not JSON, not in UTF-8, or nested deeper than `parse` reads
        return "the body is not JSON" if content.strip() else "the body is empty"
    except RecursionError:  # json.loads, nested deeper than Python recurses
        return "the body is nested too deep to read"
    if not isinstance(document, dict):
        return f"the body is not of type 'object' ({json_type(document)})"
    problems = []
    if "success" not in document:
        problems.append("'success' is a required property")
    elif document["success"] is not False:
        success = document["success"]
        problems.append(
            f"['success'] is not false ({'true' if success is True else json_type(success)})"
        )
    problems += [
        f"[{name!r}] is not of type 'string' ({json_type(document[name])})"
        for name in _ENVELOPE_TEXTS
        if name in document and not isinstance(document[name], str)
    ]
    if "message" not in document and "error" not in document:
        problems.append("neither 'message' nor 'error' (a string)")
    return "; ".join(problems) or None
