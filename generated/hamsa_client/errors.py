"""Errors raised by the API functions, all rooted at HamsaError.

Documented statuses (the spec's responses) come back as values; an error means the answer was not one of
them: an undocumented status (UnexpectedStatus) or a documented status whose body is not the documented
model (InvalidResponse; ResponseDecodeError when the body is not JSON at all). Network failures and
timeouts raise httpx.TransportError, as httpx does.
"""

import json
from collections.abc import Iterable, Mapping
from typing import ClassVar

import httpx

# Request headers whose values are credentials: masked wherever an error shows a response.
CREDENTIAL_HEADERS = frozenset({"authorization", "proxy-authorization", "x-api-key", "cookie"})
EXCERPT_CHARS = 200
_MASK = "[secure]"


class HamsaError(Exception):
    """An answer the client cannot return as a documented model.

    Attributes:
        status_code: The HTTP status of the answer.
        headers: Its headers.
        content: Its body.
        excerpt: The first EXCERPT_CHARS characters of the body as text, whitespace collapsed.

    Secrets the request carried (its credential headers, the client's key) are masked in all of them and in
    the message.
    """

    # Whether the message quotes the excerpt: yes for error pages, not for JSON answers, which may hold
    # secrets of their own (a voice agent's webhookAuth.authSecret, llmConfig.apiKey).
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
        masks = sorted({secret for secret in secrets if secret}, key=len, reverse=True)
        self.status_code = status_code
        self.content = _mask_bytes(content, masks)
        self.headers = httpx.Headers([(name, _mask_text(value, masks)) for name, value in _header_items(headers)])
        text = " ".join(self.content.decode("utf-8", "replace").split())
        self.excerpt = text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…"
        message = f"HTTP {status_code}: {summary}"
        if self.quotes_body:
            message += f"; body: {self.excerpt!r}"
        super().__init__(_mask_text(message, masks))


class UnexpectedStatus(HamsaError):
    """The server answered with a status the spec does not document (e.g. 502 from a proxy, 520 from a CDN)."""

    def __init__(
        self,
        status_code: int,
        content: bytes,
        *,
        headers: Mapping[str, str] | None = None,
        secrets: Iterable[str] = (),
    ) -> None:
        super().__init__(
            "undocumented status", status_code=status_code, content=content, headers=headers, secrets=secrets
        )


class InvalidResponse(HamsaError):
    """A documented status whose body is not the documented model: a required field missing, a wrong type, a
    null where the spec has none. The message names the field; `excerpt` and `content` hold the body."""

    quotes_body = False


class ResponseDecodeError(InvalidResponse):
    """A documented status whose body is not JSON (an HTML error page, a truncated body)."""

    quotes_body = True


def unexpected_status(response: httpx.Response, secrets: Iterable[str] = ()) -> UnexpectedStatus:
    """The error for `response`, whose status the spec does not document."""
    return UnexpectedStatus(
        response.status_code,
        response.content,
        headers=response.headers,
        secrets=[*secrets, *_sent_credentials(response)],
    )


def invalid_response(response: httpx.Response, error: Exception, secrets: Iterable[str] = ()) -> InvalidResponse:
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


def _sent_credentials(response: httpx.Response) -> list[str]:
    """The credentials the request behind `response` carried: each value, and each value without its scheme."""
    try:
        request_headers = response.request.headers
    except RuntimeError:  # a Response built by hand has no request
        return []
    values = [value for name, value in request_headers.items() if name.lower() in CREDENTIAL_HEADERS]
    return values + [value.partition(" ")[2] for value in values]


def _header_items(headers: Mapping[str, str] | None) -> list[tuple[str, str]]:
    if isinstance(headers, httpx.Headers):
        return headers.multi_items()
    return list((headers or {}).items())


def _mask_text(text: str, masks: list[str]) -> str:
    for secret in masks:
        text = text.replace(secret, _MASK)
    return text


def _mask_bytes(content: bytes, masks: list[str]) -> bytes:
    for secret in masks:
        content = content.replace(secret.encode(), _MASK.encode())
    return content


__all__ = [
    "HamsaError",
    "InvalidResponse",
    "ResponseDecodeError",
    "UnexpectedStatus",
    "invalid_response",
    "unexpected_status",
]
