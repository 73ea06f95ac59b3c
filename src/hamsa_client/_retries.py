"""Retries of failed attempts that cannot have reached the server (RetryPolicy, RetryTransport)."""

import asyncio
import email.utils
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import httpx
from attrs import define, field, validators

from ._bounds import _seconds_left, _within_deadline

logger = logging.getLogger("hamsa_client.client")


def seconds_from_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds a `Retry-After` value asks for (delta-seconds or an HTTP-date, RFC 9110 §10.2.3),
    0 for a date in the past; None when it is absent or unreadable. The one parser: the contract
    suite's door reads 429s with it too.

    Delta-seconds are ASCII digits (RFC 9110 §5.6.1: DIGIT), so `²` or `٣` are no number
    (str.isdigit takes them, and float() then refuses `²`).
    """
    if value is None:
        return None
    text = value.strip()
    if text.isascii() and text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # HTTP-dates are GMT
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


@define(frozen=True)
class RetryPolicy:
    """Which failed attempts a client retries, and how long it waits: never a request that may have
    reached the server.

    Retried: a connection that could not be established (httpx.ConnectError,
    httpx.ConnectTimeout: nothing was sent), and a 429 (the server refused the request). A 429 waits
    for its Retry-After (seconds or HTTP-date); one that asks for more than `max_retry_after` is
    returned at once instead. Without Retry-After, and for connection failures, the wait is
    `backoff` seconds, doubled at each retry.

    Never retried: read or write timeouts, connections reset or closed after the request was
    sent, 5xx and every other status. The request may have been processed, and a second clone is
    worse than an error.

    With a proxy, give the client a transport that uses it
    (`httpx_args={"transport": httpx.HTTPTransport(proxy=...)}`): httpx sends proxied requests
    through its own transports, which are not wrapped.

    Attributes:
        max_retries: Retries after the first attempt.
        backoff: Seconds before the first retry when the server gave no Retry-After; doubles with
            each retry.
        max_retry_after: Longest wait, in seconds, the client accepts.
        sleep: Waits in sync calls (injectable, e.g. by tests).
        async_sleep: Waits in async calls (asyncio.sleep by default; pass e.g. trio.sleep for trio).
    """

    max_retries: int = field(default=2, validator=validators.ge(0))
    backoff: float = field(default=0.5, validator=validators.ge(0))
    max_retry_after: float = field(default=30.0, validator=validators.ge(0))
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    async_sleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep, repr=False)

    def delay(self, retry: int, outcome: httpx.Response | httpx.TransportError) -> float | None:
        """Seconds to wait before retry number `retry` (from 1) after `outcome`, or None: do not
        retry."""
        if retry > self.max_retries:
            return None
        backoff = min(self.backoff * 2.0 ** (retry - 1), self.max_retry_after)
        if isinstance(outcome, httpx.ConnectError | httpx.ConnectTimeout):
            return backoff
        if not isinstance(outcome, httpx.Response) or outcome.status_code != 429:
            return None
        wait = seconds_from_retry_after(outcome.headers.get("retry-after"))
        if wait is None:
            return backoff
        return wait if wait <= self.max_retry_after else None


class RetryTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Sends each request through `transport`, retrying it as `policy` allows (sync and async
    alike)."""

    def __init__(
        self, transport: httpx.BaseTransport | httpx.AsyncBaseTransport, policy: RetryPolicy
    ) -> None:
        self._transport = transport
        self._policy = policy

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if not isinstance(self._transport, httpx.BaseTransport):
            raise TypeError(f"{self._transport!r} cannot send sync requests")
        retry = 1
        while True:
            try:
                response = self._transport.handle_request(request)
            except httpx.TransportError as error:
                delay = self._next_delay(request, retry, error)
                if delay is None:
                    raise
            else:
                delay = self._next_delay(request, retry, response)
                if delay is None:
                    return response
                response.close()
            self._policy.sleep(delay)
            retry += 1
            _within_deadline(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if not isinstance(self._transport, httpx.AsyncBaseTransport):
            raise TypeError(f"{self._transport!r} cannot send async requests")
        retry = 1
        while True:
            try:
                response = await self._transport.handle_async_request(request)
            except httpx.TransportError as error:
                delay = self._next_delay(request, retry, error)
                if delay is None:
                    raise
            else:
                delay = self._next_delay(request, retry, response)
                if delay is None:
                    return response
                await response.aclose()
            await self._policy.async_sleep(delay)
            retry += 1
            _within_deadline(request)

    def _next_delay(
        self, request: httpx.Request, retry: int, outcome: httpx.Response | httpx.TransportError
    ) -> float | None:
        delay = self._policy.delay(retry, outcome)
        if delay is not None and delay >= _seconds_left(request):
            delay = None  # the call's deadline comes first: this outcome is its result
        if delay is not None:
            reason = (
                f"HTTP {outcome.status_code}"
                if isinstance(outcome, httpx.Response)
                else type(outcome).__name__
            )
            logger.info(
                "%s %s: %s, retry %d of %d in %.2f s",
                request.method,
                request.url,
                reason,
                retry,
                self._policy.max_retries,
                delay,
            )
        return delay

    def close(self) -> None:
        if isinstance(self._transport, httpx.BaseTransport):
            self._transport.close()

    async def aclose(self) -> None:
        if isinstance(self._transport, httpx.AsyncBaseTransport):
            await self._transport.aclose()
