"""Every answer the client cannot return as a documented model raises one of the package's errors,
carrying the status, the headers and a body excerpt: never a raw KeyError, JSONDecodeError,
TypeError or ValueError."""

from __future__ import annotations

import json
from typing import Any

import pytest

from hamsa_client.errors import (
    EXCERPT_CHARS,
    HamsaError,
    InvalidResponse,
    ResponseDecodeError,
    UnexpectedStatus,
)
from hamsa_client.models import ErrorResponse
from tests.support.client import (
    MISSING,
    Mode,
    answer,
    clone,
    clone_detailed,
    make_client,
    with_value,
)

HTML_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n"
    b"<body><h1>Bad Gateway</h1><p>nginx</p></body></html>"
)
RAW_ERRORS = (KeyError, TypeError, ValueError, AttributeError, json.JSONDecodeError)


def raised(mode: Mode, status: int, body: Any, headers: dict[str, str] | None = None) -> HamsaError:
    """The package error a clone call raises when the server answers `status` with `body`."""
    with pytest.raises(HamsaError) as caught:
        clone(mode, make_client(answer(status, body, headers)))
    error = caught.value
    assert not isinstance(error, RAW_ERRORS)
    assert error.__cause__ is None  # no raw error hangs off it either
    assert error.status_code == status
    return error


@pytest.mark.parametrize(
    ("status", "body"),
    [
        pytest.param(502, HTML_PAGE, id="html-502-from-a-proxy"),
        pytest.param(
            520, b"<html><body>Web server is returning an unknown error</body></html>", id="cdn-520"
        ),
        pytest.param(503, b"", id="empty-503"),
        pytest.param(418, {"success": False, "message": "teapot"}, id="error-envelope-on-418"),
        pytest.param(201, {"success": True, "message": "created"}, id="2xx-other-than-200"),
        pytest.param(302, b"", id="redirect"),
    ],
)
def test_an_undocumented_status_raises_unexpected_status(
    mode: Mode, status: int, body: Any
) -> None:
    error = raised(mode, status, body, {"x-request-id": "req-42"})

    assert type(error) is UnexpectedStatus
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    assert error.content == content
    assert error.headers["x-request-id"] == "req-42"
    assert error.excerpt == " ".join(content.decode().split())
    assert f"HTTP {status}" in str(error)
    assert error.excerpt in str(error)


def test_sync_detailed_raises_too(mode: Mode) -> None:
    with pytest.raises(UnexpectedStatus):
        clone_detailed(mode, make_client(answer(520, HTML_PAGE)))


@pytest.mark.parametrize("status", [200, 400, 401, 404, 415, 429, 500])
@pytest.mark.parametrize(
    "body",
    [
        pytest.param(HTML_PAGE, id="html-page"),
        pytest.param(b"", id="empty"),
        pytest.param(b"\xff\xfe\xfa not utf-8", id="not-utf8"),
        pytest.param(b'{"success": true, "message": "succ', id="truncated-json"),
    ],
)
def test_a_documented_status_with_a_body_that_is_not_json_raises_decode_error(
    mode: Mode, status: int, body: bytes
) -> None:
    error = raised(mode, status, body)

    assert type(error) is ResponseDecodeError
    assert isinstance(error, InvalidResponse)
    assert error.content == body
    assert "body is not JSON" in str(error)
    assert error.excerpt in str(error)


def test_a_truncated_200_answer_raises_decode_error(
    mode: Mode, clone_200_example: dict[str, Any]
) -> None:
    body = json.dumps(clone_200_example).encode()
    error = raised(mode, 200, body[: len(body) // 2])

    assert type(error) is ResponseDecodeError


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        pytest.param(("data", "id"), MISSING, "'id'", id="missing-id"),
        pytest.param(("data", "createdAt"), MISSING, "'createdAt'", id="missing-createdAt"),
        pytest.param(("data",), MISSING, "'data'", id="missing-data"),
        pytest.param(("success",), MISSING, "'success'", id="missing-success"),
        pytest.param(("data", "realTime"), None, "realTime", id="null-boolean"),
        pytest.param(("data", "silenceThreshold"), None, "silenceThreshold", id="null-number"),
        pytest.param(("data", "agentName"), None, "agentName", id="null-string"),
        pytest.param(("data", "tools"), None, "tools", id="null-object"),
        pytest.param(("data", "pokeMessages"), None, "pokeMessages", id="null-array"),
        pytest.param(("data", "createdAt"), None, "fromisoformat", id="null-date-time"),
        pytest.param(("data", "llmConfig", "temperature"), None, "temperature", id="null-nested"),
        pytest.param(
            ("data", "silenceThreshold"), "800", "silenceThreshold", id="string-for-number"
        ),
        pytest.param(("data", "silenceThreshold"), True, "silenceThreshold", id="bool-for-number"),
        pytest.param(("data", "realTime"), "true", "realTime", id="string-for-boolean"),
        pytest.param(("data", "realTime"), 1, "realTime", id="number-for-boolean"),
        pytest.param(("data", "pokeMessages"), "hi", "pokeMessages", id="string-for-array"),
        pytest.param(
            ("data", "pokeMessages"), [1, 2], "pokeMessages", id="numbers-in-string-array"
        ),
        pytest.param(("data", "tools"), [], "tools", id="array-for-object"),
        pytest.param(("data", "description"), 5, "description", id="number-for-nullable-string"),
        pytest.param(("data", "webhookAuth"), "x", "webhookAuth", id="string-for-nullable-object"),
        pytest.param(
            ("data", "webhookAuth", "authKey"), 5, "authKey", id="wrong-type-in-nullable-object"
        ),
        pytest.param(("data", "createdAt"), "yesterday", "yesterday", id="not-a-date-time"),
        pytest.param((), [], "expected object, got list", id="array-body"),
        pytest.param((), None, "expected object, got NoneType", id="null-body"),
        pytest.param((), "success", "expected object, got str", id="string-body"),
    ],
)
def test_a_200_body_that_does_not_match_the_spec_raises_invalid_response(
    mode: Mode, clone_200_example: dict[str, Any], path: tuple[str, ...], value: Any, field: str
) -> None:
    body = with_value(clone_200_example, path, value)

    error = raised(mode, 200, body, {"x-request-id": "req-42"})

    assert type(error) is InvalidResponse
    assert field in str(error)
    assert error.content == json.dumps(body).encode()
    assert error.headers["x-request-id"] == "req-42"
    # The message names the field but does not quote a JSON body: it may hold the agent's secrets.
    assert clone_200_example["data"]["webhookAuth"]["authSecret"] not in str(error)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"success": False}, id="missing-message"),
        pytest.param({"success": False, "message": None}, id="null-message"),
        pytest.param({"success": "false", "message": "Not found"}, id="string-success"),
        pytest.param(["Not found"], id="array"),
    ],
)
def test_an_error_status_with_a_malformed_envelope_raises_invalid_response(
    mode: Mode, body: Any
) -> None:
    error = raised(mode, 404, body)

    assert type(error) is InvalidResponse


def test_a_documented_error_status_is_returned_as_error_response(mode: Mode) -> None:
    body = {"success": False, "message": "Too many requests", "traceId": "t-1"}

    result = clone(mode, make_client(answer(429, body, {"retry-after": "7"})))

    assert isinstance(result, ErrorResponse)
    assert result.message == "Too many requests"
    assert result["traceId"] == "t-1"


def test_the_excerpt_is_short_and_single_line(mode: Mode) -> None:
    page = b"<html>\n" + b"<p>  too   much\n\n text </p>\n" * 200 + b"</html>"

    error = raised(mode, 502, page)

    assert "\n" not in error.excerpt
    assert error.excerpt.startswith("<html> <p> too much text </p>")
    assert len(error.excerpt) == EXCERPT_CHARS + 1
    assert error.excerpt.endswith("…")
    assert error.content == page
