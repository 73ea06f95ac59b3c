"""JSON answers of the mock: the success envelope and the shared error envelope."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import orjson
from starlette.responses import JSONResponse, Response

# messageKey per error; the ones the spec documents match its examples (a test checks this).
VALIDATION_ERROR: Final = "VALIDATION_ERROR"
UNSUPPORTED_MEDIA_TYPE: Final = "UNSUPPORTED_MEDIA_TYPE"
UNAUTHORIZED: Final = "UNAUTHORIZED"
VOICE_AGENT_NOT_FOUND: Final = "VOICE_AGENT_NOT_FOUND"
RATE_LIMITED: Final = "RATE_LIMITED"
INTERNAL_ERROR: Final = "INTERNAL_ERROR"
# Mock-only: a bad `Prefer` scenario header, and requests outside the clone operation.
INVALID_SCENARIO: Final = "INVALID_SCENARIO"
NOT_FOUND: Final = "NOT_FOUND"
METHOD_NOT_ALLOWED: Final = "METHOD_NOT_ALLOWED"
# Mock-only: a request line and headers past the server's bound (`_server.py`, answered 431).
REQUEST_HEAD_TOO_LARGE: Final = "REQUEST_HEAD_TOO_LARGE"


class FastJSONResponse(JSONResponse):
    """A JSONResponse encoded by orjson: the same compact UTF-8 bytes, about 10x faster."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def success(agent: Mapping[str, Any]) -> JSONResponse:
    """200 `{success: true, message: "success", data: agent}`."""
    return FastJSONResponse({"success": True, "message": "success", "data": dict(agent)})


def error(
    status: int, message: str, message_key: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    """`status` with the error envelope `{success: false, message, messageKey}`."""
    body = {"success": False, "message": message, "messageKey": message_key}
    return JSONResponse(body, status_code=status, headers=headers)


def with_error_field(response: Response) -> JSONResponse:
    """The same error answer with its text under `error` and no `message` (the other envelope
    CONTRACT.md decision 5 allows); its other headers kept."""
    document = orjson.loads(bytes(response.body))
    body = {"success": False, "error": document.get("message", "")}
    headers = {
        name: value
        for name, value in response.headers.items()
        if name not in ("content-length", "content-type")
    }
    return JSONResponse(body, status_code=response.status_code, headers=headers)


def documented(status: int, body: Mapping[str, Any], headers: Mapping[str, str]) -> JSONResponse:
    """`status` with a body taken as is (a documented example)."""
    return JSONResponse(dict(body), status_code=status, headers=headers)
