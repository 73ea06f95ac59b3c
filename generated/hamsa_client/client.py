import asyncio
import email.utils
import logging
import ssl
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Self

import httpx
from attrs import define, evolve, field, validators

from .errors import CREDENTIAL_HEADERS

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
"""Timeout of a client built without `timeout=`: 5 s to connect, 30 s for each read, write and pool wait."""

# Options of httpx.Client that configure its default transport; passed on when RetryTransport wraps one.
_TRANSPORT_OPTIONS = ("cert", "trust_env", "http1", "http2", "limits")


class Region(StrEnum):
    """The API's regional servers (the spec's `servers`): pass one as `base_url`."""

    EU = "https://api.tryhamsa.com"
    UAE = "https://api.uae.tryhamsa.com"


def _masked_headers_repr(headers: Mapping[str, str]) -> str:
    """repr of `headers` with the values of credential headers hidden."""
    return repr({name: "[secure]" if name.lower() in CREDENTIAL_HEADERS else value for name, value in headers.items()})


def _seconds_from_retry_after(value: str | None) -> float | None:
    """A Retry-After value (delta-seconds or HTTP-date, RFC 9110) as seconds from now; None if absent or unreadable."""
    if value is None:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:  # HTTP-dates are GMT
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


@define(frozen=True)
class RetryPolicy:
    """Which failed attempts a client retries, and how long it waits: never a request that may have reached the server.

    Retried: a connection that could not be established (httpx.ConnectError, httpx.ConnectTimeout: nothing was
    sent), and a 429 (the server refused the request). A 429 waits for its Retry-After (seconds or HTTP-date);
    one that asks for more than `max_retry_after` is returned at once instead. Without Retry-After, and for
    connection failures, the wait is `backoff` seconds, doubled at each retry.

    Never retried: read or write timeouts, connections reset or closed after the request was sent, 5xx and every
    other status. The request may have been processed, and a second clone is worse than an error.

    With a proxy, give the client a transport that uses it (`httpx_args={"transport": httpx.HTTPTransport(proxy=...)}`):
    httpx sends proxied requests through its own transports, which are not wrapped.

    Attributes:
        max_retries: Retries after the first attempt.
        backoff: Seconds before the first retry when the server gave no Retry-After; doubles with each retry.
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
        """Seconds to wait before retry number `retry` (from 1) after `outcome`, or None: do not retry."""
        if retry > self.max_retries:
            return None
        backoff = min(self.backoff * 2.0 ** (retry - 1), self.max_retry_after)
        if isinstance(outcome, httpx.ConnectError | httpx.ConnectTimeout):
            return backoff
        if not isinstance(outcome, httpx.Response) or outcome.status_code != 429:
            return None
        wait = _seconds_from_retry_after(outcome.headers.get("retry-after"))
        if wait is None:
            return backoff
        return wait if wait <= self.max_retry_after else None


class RetryTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Sends each request through `transport`, retrying it as `policy` allows (sync and async alike)."""

    def __init__(self, transport: httpx.BaseTransport | httpx.AsyncBaseTransport, policy: RetryPolicy) -> None:
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

    def _next_delay(
        self, request: httpx.Request, retry: int, outcome: httpx.Response | httpx.TransportError
    ) -> float | None:
        delay = self._policy.delay(retry, outcome)
        if delay is not None:
            reason = f"HTTP {outcome.status_code}" if isinstance(outcome, httpx.Response) else type(outcome).__name__
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


@define
class Client:
    """A class for keeping track of data related to the API

    The following are accepted as keyword arguments and will be used to construct httpx Clients internally:

        ``base_url``: The base URL for the API, all requests are made to a relative path to this URL.
        Defaults to Region.EU; Region.UAE targets the UAE server.

        ``cookies``: A dictionary of cookies to be sent with every request

        ``headers``: A dictionary of headers to be sent with every request

        ``timeout``: The maximum amount of a time a request can take. API functions will raise
        httpx.TimeoutException if this is exceeded. Defaults to DEFAULT_TIMEOUT; None waits forever.

        ``verify_ssl``: Whether or not to verify the SSL certificate of the API server. This should be True in production,
        but can be set to False for testing purposes.

        ``follow_redirects``: Whether or not to follow redirects. Default value is False.

        ``httpx_args``: A dictionary of additional arguments to be passed to the ``httpx.Client`` and ``httpx.AsyncClient`` constructor.


    Attributes:
        retries: Opt-in retries (see RetryPolicy); None, the default, sends each request once.
    """

    retries: RetryPolicy | None = field(default=None, kw_only=True)
    _base_url: str = field(default=Region.EU, alias="base_url")
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies")
    _headers: dict[str, str] = field(factory=dict, kw_only=True, alias="headers", repr=_masked_headers_repr)
    _timeout: httpx.Timeout | None = field(default=DEFAULT_TIMEOUT, kw_only=True, alias="timeout")
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args")
    _client: httpx.Client | None = field(default=None, init=False)
    _async_client: httpx.AsyncClient | None = field(default=None, init=False)

    def with_headers(self, headers: dict[str, str]) -> "Client":
        """Get a new client matching this one with additional headers"""
        if self._client is not None:
            self._client.headers.update(headers)
        if self._async_client is not None:
            self._async_client.headers.update(headers)
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> "Client":
        """Get a new client matching this one with additional cookies"""
        if self._client is not None:
            self._client.cookies.update(cookies)
        if self._async_client is not None:
            self._async_client.cookies.update(cookies)
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout) -> "Client":
        """Get a new client matching this one with a new timeout configuration"""
        if self._client is not None:
            self._client.timeout = timeout
        if self._async_client is not None:
            self._async_client.timeout = timeout
        return evolve(self, timeout=timeout)

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Manually set the underlying httpx.Client

        **NOTE**: This will override any other settings on the client, including cookies, headers, and timeout.
        """
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """Get the underlying httpx.Client, constructing a new one if not previously set"""
        if self._client is None:
            self._client = httpx.Client(
                base_url=self._base_url,
                cookies=self._cookies,
                headers=self._headers,
                timeout=self._timeout,
                verify=self._verify_ssl,
                follow_redirects=self._follow_redirects,
                **self._httpx_args_with_retries(httpx.HTTPTransport),
            )
        return self._client

    def __enter__(self) -> Self:
        """Enter a context manager for self.client—you cannot enter twice (see httpx docs)"""
        self.get_httpx_client().__enter__()
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for internal httpx.Client (see httpx docs)"""
        self.get_httpx_client().__exit__(*args, **kwargs)

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Manually set the underlying httpx.AsyncClient

        **NOTE**: This will override any other settings on the client, including cookies, headers, and timeout.
        """
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """Get the underlying httpx.AsyncClient, constructing a new one if not previously set"""
        if self._async_client is None:
            self._async_client = httpx.AsyncClient(
                base_url=self._base_url,
                cookies=self._cookies,
                headers=self._headers,
                timeout=self._timeout,
                verify=self._verify_ssl,
                follow_redirects=self._follow_redirects,
                **self._httpx_args_with_retries(httpx.AsyncHTTPTransport),
            )
        return self._async_client

    async def __aenter__(self) -> Self:
        """Enter a context manager for underlying httpx.AsyncClient—you cannot enter twice (see httpx docs)"""
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for underlying httpx.AsyncClient (see httpx docs)"""
        await self.get_async_httpx_client().__aexit__(*args, **kwargs)

    def _httpx_args_with_retries(
        self, default_transport: type[httpx.HTTPTransport] | type[httpx.AsyncHTTPTransport]
    ) -> dict[str, Any]:
        """httpx_args, with the transport (given or default) wrapped in RetryTransport when `retries` is set."""
        if self.retries is None:
            return self._httpx_args
        transport = self._httpx_args.get("transport") or default_transport(
            verify=self._verify_ssl,
            **{name: value for name, value in self._httpx_args.items() if name in _TRANSPORT_OPTIONS},
        )
        return {**self._httpx_args, "transport": RetryTransport(transport, self.retries)}


@define
class AuthenticatedClient:
    """A Client which has been authenticated for use on secured endpoints

    The following are accepted as keyword arguments and will be used to construct httpx Clients internally:

        ``base_url``: The base URL for the API, all requests are made to a relative path to this URL.
        Defaults to Region.EU; Region.UAE targets the UAE server.

        ``cookies``: A dictionary of cookies to be sent with every request

        ``headers``: A dictionary of headers to be sent with every request

        ``timeout``: The maximum amount of a time a request can take. API functions will raise
        httpx.TimeoutException if this is exceeded. Defaults to DEFAULT_TIMEOUT; None waits forever.

        ``verify_ssl``: Whether or not to verify the SSL certificate of the API server. This should be True in production,
        but can be set to False for testing purposes.

        ``follow_redirects``: Whether or not to follow redirects. Default value is False.

        ``httpx_args``: A dictionary of additional arguments to be passed to the ``httpx.Client`` and ``httpx.AsyncClient`` constructor.


    Attributes:
        retries: Opt-in retries (see RetryPolicy); None, the default, sends each request once.
        token: The API key (never shown in repr)
        prefix: The word before the key in the Authorization header
        auth_header_name: The name of the Authorization header
    """

    retries: RetryPolicy | None = field(default=None, kw_only=True)
    _base_url: str = field(default=Region.EU, alias="base_url")
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies")
    _headers: dict[str, str] = field(factory=dict, kw_only=True, alias="headers", repr=_masked_headers_repr)
    _timeout: httpx.Timeout | None = field(default=DEFAULT_TIMEOUT, kw_only=True, alias="timeout")
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args")
    _client: httpx.Client | None = field(default=None, init=False)
    _async_client: httpx.AsyncClient | None = field(default=None, init=False)

    token: str = field(repr=False, kw_only=True)
    prefix: str = field(default="Token", kw_only=True)
    auth_header_name: str = field(default="Authorization", kw_only=True)

    def with_headers(self, headers: dict[str, str]) -> "AuthenticatedClient":
        """Get a new client matching this one with additional headers"""
        if self._client is not None:
            self._client.headers.update(headers)
        if self._async_client is not None:
            self._async_client.headers.update(headers)
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> "AuthenticatedClient":
        """Get a new client matching this one with additional cookies"""
        if self._client is not None:
            self._client.cookies.update(cookies)
        if self._async_client is not None:
            self._async_client.cookies.update(cookies)
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout) -> "AuthenticatedClient":
        """Get a new client matching this one with a new timeout configuration"""
        if self._client is not None:
            self._client.timeout = timeout
        if self._async_client is not None:
            self._async_client.timeout = timeout
        return evolve(self, timeout=timeout)

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Manually set the underlying httpx.Client

        **NOTE**: This will override any other settings on the client, including cookies, headers, and timeout.
        """
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """Get the underlying httpx.Client, constructing a new one if not previously set"""
        if self._client is None:
            self._client = httpx.Client(
                base_url=self._base_url,
                cookies=self._cookies,
                headers={
                    **self._headers,
                    self.auth_header_name: f"{self.prefix} {self.token}" if self.prefix else self.token,
                },
                timeout=self._timeout,
                verify=self._verify_ssl,
                follow_redirects=self._follow_redirects,
                **self._httpx_args_with_retries(httpx.HTTPTransport),
            )
        return self._client

    def __enter__(self) -> Self:
        """Enter a context manager for self.client—you cannot enter twice (see httpx docs)"""
        self.get_httpx_client().__enter__()
        return self

    def __exit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for internal httpx.Client (see httpx docs)"""
        self.get_httpx_client().__exit__(*args, **kwargs)

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Manually set the underlying httpx.AsyncClient

        **NOTE**: This will override any other settings on the client, including cookies, headers, and timeout.
        """
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """Get the underlying httpx.AsyncClient, constructing a new one if not previously set"""
        if self._async_client is None:
            self._async_client = httpx.AsyncClient(
                base_url=self._base_url,
                cookies=self._cookies,
                headers={
                    **self._headers,
                    self.auth_header_name: f"{self.prefix} {self.token}" if self.prefix else self.token,
                },
                timeout=self._timeout,
                verify=self._verify_ssl,
                follow_redirects=self._follow_redirects,
                **self._httpx_args_with_retries(httpx.AsyncHTTPTransport),
            )
        return self._async_client

    async def __aenter__(self) -> Self:
        """Enter a context manager for underlying httpx.AsyncClient—you cannot enter twice (see httpx docs)"""
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for underlying httpx.AsyncClient (see httpx docs)"""
        await self.get_async_httpx_client().__aexit__(*args, **kwargs)

    def _httpx_args_with_retries(
        self, default_transport: type[httpx.HTTPTransport] | type[httpx.AsyncHTTPTransport]
    ) -> dict[str, Any]:
        """httpx_args, with the transport (given or default) wrapped in RetryTransport when `retries` is set."""
        if self.retries is None:
            return self._httpx_args
        transport = self._httpx_args.get("transport") or default_transport(
            verify=self._verify_ssl,
            **{name: value for name, value in self._httpx_args.items() if name in _TRANSPORT_OPTIONS},
        )
        return {**self._httpx_args, "transport": RetryTransport(transport, self.retries)}
