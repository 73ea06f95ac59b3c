"""Errors raised by the API functions, all rooted at HamsaError.

Documented statuses (the spec's responses) come back as values; an error means the answer was not
one of them: an undocumented status (UnexpectedStatus) or a documented status whose body is not the
documented model (InvalidResponse; ResponseDecodeError when the body is not JSON at all; JsonTooDeep
when it nests deeper than the client's max_json_depth), or an answer longer than the client's
max_answer_bytes (ResponseTooLarge). Network failures and timeouts raise httpx.TransportError, as
httpx does; a call that outlives the client's deadline raises DeadlineExceeded, an
httpx.TimeoutException.
"""

import json
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

import httpx

from ._masking import MASK, SHORT_KEY_CHARS, KeyMask

# Request headers whose values are credentials: masked wherever an error shows a response.
CREDENTIAL_HEADERS = frozenset({"authorization", "proxy-authorization", "x-api-key", "cookie"})
EXCERPT_CHARS = 200
# The excerpt is cut from this many bytes of the body at most: enough for EXCERPT_CHARS characters
# of text, and the cost of quoting a body no longer grows with it.
EXCERPT_SOURCE_BYTES = 16 * 1024


class HamsaError(Exception):
    """An answer the client cannot return as a documented model.

    Attributes:
        status_code: The HTTP status of the answer.
        headers: Its headers.
        content: Its body.
        excerpt: The first EXCERPT_CHARS characters of the body as text, whitespace collapsed (read
            from its first EXCERPT_SOURCE_BYTES bytes only).

    Secrets the request carried (its credential headers, the client's key) are masked in all of them
    and in the message.
    """

    # Whether the message quotes the excerpt: yes for error pages, not for JSON answers, which may
    # hold secrets of their own (a voice agent's webhookAuth.authSecret, llmConfig.apiKey).
    quotes_body: ClassVar[bool] = True

    def __init__(
        self,
        summary: str,
        *,
        status_code: int,
        content: bytes,
        headers: Mapping[str, str] | None = None,
        secrets: Iterable[str] = (),
    ) -> None:
        mask = KeyMask(secrets)
        self.status_code = status_code
        self.content = mask.mask_bytes(content)
        self.headers = httpx.Headers(
            [(mask(name), mask(value)) for name, value in _header_items(headers)]
        )
        # Cut after masking, so that no part of a key survives at the cut.
        text = " ".join(self.content[:EXCERPT_SOURCE_BYTES].decode("utf-8", "replace").split())
        self.excerpt = text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…"
        message = f"HTTP {status_code}: {summary}"
        if self.quotes_body:
            message += f"; body: {self.excerpt!r}"
        super().__init__(mask(message))


class UnexpectedStatus(HamsaError):
    """The server answered with a status the spec does not document (e.g. 502 from a proxy, 520 from
    a CDN)."""

    def __init__(
        self,
        status_code: int,
        content: bytes,
        *,
        headers: Mapping[str, str] | None = None,
        secrets: Iterable[str] = (),
    ) -> None:
        super().__init__(
            "undocumented status",
            status_code=status_code,
            content=content,
            headers=headers,
            secrets=secrets,
        )


class InvalidResponse(HamsaError):
    """A documented status whose body is not the documented model: a required field missing, a wrong
    type, a null where the spec has none. The message names the field; `excerpt` and `content` hold
    the body."""

    quotes_body = False


class ResponseDecodeError(InvalidResponse):
    """A documented status whose body is not JSON (an HTML error page, a truncated body)."""

    quotes_body = True


class JsonTooDeep(InvalidResponse):
    """A documented status whose JSON nests arrays and objects deeper than the client's
    `max_json_depth`: refused before it is parsed (Python's parser would recurse once per level).

    Attributes:
        limit: The cap, in levels of nesting.
    """

    def __init__(self, limit: int, **answer: Any) -> None:
        self.limit = limit
        super().__init__(
            f"JSON nested deeper than {limit} levels (the client's max_json_depth)", **answer
        )


class ResponseTooLarge(HamsaError):
    """An answer whose body, once decoded (gzip and the like undone), is longer than the client's
    `max_answer_bytes`: reading stopped at the cap.

    Attributes:
        limit: The cap, in bytes.

    `content` holds the part read before the cap.
    """

    def __init__(self, limit: int, **answer: Any) -> None:
        self.limit = limit
        super().__init__(
            f"body longer than {limit} bytes decoded (the client's max_answer_bytes)", **answer
        )


class DeadlineExceeded(httpx.TimeoutException):
    """A call that did not end within the client's `deadline`: connecting, sending, reading and
    retries' waits all count. No answer came in time (an httpx.TimeoutException, like the timeouts
    of single reads).

    Attributes:
        deadline: The cap, in seconds.
    """

    def __init__(self, deadline: float, request: httpx.Request) -> None:
        self.deadline = deadline
        super().__init__(
            f"no complete answer within {deadline:g} s (the client's deadline)", request=request
        )


def unexpected_status(response: httpx.Response, secrets: Iterable[str] = ()) -> UnexpectedStatus:
    """The error for `response`, whose status the spec does not document."""
    return UnexpectedStatus(
        response.status_code,
        response.content,
        headers=response.headers,
        secrets=[*secrets, *_sent_credentials(response)],
    )


def invalid_response(
    response: httpx.Response, error: Exception, secrets: Iterable[str] = ()
) -> InvalidResponse:
    """The error for `response`, a documented status whose body failed to parse with `error`."""
    kind: type[InvalidResponse] = InvalidResponse
    if isinstance(error, json.JSONDecodeError | UnicodeDecodeError):
        kind, summary = ResponseDecodeError, f"body is not JSON ({error})"
    elif isinstance(error, KeyError):
        summary = f"body lacks required field {error}"
    else:
        summary = f"body does not match the spec ({error})"
    return kind(
        summary,
        status_code=response.status_code,
        content=response.content,
        headers=response.headers,
        secrets=[*secrets, *_sent_credentials(response)],
    )


def too_large(response: httpx.Response, content: bytes, limit: int) -> ResponseTooLarge:
    """The error for `response`, whose decoded body passed `limit` bytes; `content`: what was read
    before."""
    return ResponseTooLarge(
        limit,
        status_code=response.status_code,
        content=content,
        headers=response.headers,
        secrets=_sent_credentials(response),
    )


def too_deep(response: httpx.Response, limit: int, secrets: Iterable[str] = ()) -> JsonTooDeep:
    """The error for `response`, whose JSON nests deeper than `limit`."""
    return JsonTooDeep(
        limit,
        status_code=response.status_code,
        content=response.content,
        headers=response.headers,
        secrets=[*secrets, *_sent_credentials(response)],
    )


def _sent_credentials(response: httpx.Response) -> list[str]:
    """The credentials the request behind `response` carried: each value, and each value without its
    scheme."""
    try:
        request_headers = response.request.headers
    except RuntimeError:  # a Response built by hand has no request
        return []
    values = [
        value for name, value in request_headers.items() if name.lower() in CREDENTIAL_HEADERS
    ]
    return values + [value.partition(" ")[2] for value in values]


def _header_items(headers: Mapping[str, str] | None) -> list[tuple[str, str]]:
    if isinstance(headers, httpx.Headers):
        return headers.multi_items()
    return list((headers or {}).items())


__all__ = [
    "MASK",
    "SHORT_KEY_CHARS",
    "DeadlineExceeded",
    "HamsaError",
    "InvalidResponse",
    "JsonTooDeep",
    "KeyMask",
    "ResponseDecodeError",
    "ResponseTooLarge",
    "UnexpectedStatus",
    "invalid_response",
    "too_deep",
    "too_large",
    "unexpected_status",
]
