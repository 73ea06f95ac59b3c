"""Client and AuthenticatedClient: the clients of the generated calls (bounds, retries, watch)."""

import ssl
from collections.abc import Mapping
from typing import Any, Self

import httpx
from attrs import define, evolve, field, validators

from ._bounds import (
    DEFAULT_DEADLINE,
    DEFAULT_MAX_ANSWER_BYTES,
    DEFAULT_MAX_JSON_DEPTH,
    DEFAULT_TIMEOUT,
    asend_bounded,
    bound_sockets,
    send_bounded,
)
from ._masking import MASK, mask_in_logs
from ._regions import Region
from ._retries import RetryPolicy, RetryTransport
from ._watch import ContractWatch
from .errors import CREDENTIAL_HEADERS


def send(client: "Client | AuthenticatedClient", kwargs: dict[str, Any]) -> httpx.Response:
    """Send the request `kwargs` describe (an endpoint's _get_kwargs) and read its answer whole,
    within the client's max_answer_bytes (errors.ResponseTooLarge) and deadline
    (errors.DeadlineExceeded)."""
    httpx_client = client.get_httpx_client()
    url = client._merged_urls.of(httpx_client, kwargs["url"])
    request = httpx_client.build_request(**{**kwargs, "url": url})
    return send_bounded(httpx_client, request, client.deadline, client.max_answer_bytes)


async def send_async(
    client: "Client | AuthenticatedClient", kwargs: dict[str, Any]
) -> httpx.Response:
    """send(), for async calls."""
    httpx_client = client.get_async_httpx_client()
    url = client._async_merged_urls.of(httpx_client, kwargs["url"])
    request = httpx_client.build_request(**{**kwargs, "url": url})
    return await asend_bounded(httpx_client, request, client.deadline, client.max_answer_bytes)


_MAX_MERGED_URLS = 64
"""Paths a client keeps merged with its base URL (one with an id in it is one of many)."""


class _MergedUrls:
    """An httpx client's base URL and each endpoint path, merged once: httpx merges them anew for
    every request it builds (two of the three URL parses a request costs). Merged again when the
    client's base_url has changed since."""

    __slots__ = ("_urls",)

    def __init__(self) -> None:
        # Path -> (the base URL it was merged with, the merged URL).
        self._urls: dict[str, tuple[httpx.URL, httpx.URL]] = {}

    def of(self, client: httpx.Client | httpx.AsyncClient, path: str) -> httpx.URL:
        """The URL a request of `client` to `path` goes to, as client.build_request() merges it."""
        base = client.base_url
        merged = self._urls.get(path)
        if merged is None or merged[0] is not base:
            if len(self._urls) >= _MAX_MERGED_URLS:
                self._urls.clear()
            merged = self._urls[path] = (base, client._merge_url(path))
        return merged[1]


def secrets_of(client: "Client | AuthenticatedClient") -> list[str]:
    """What a call's errors must mask besides the request's credential headers: the client's
    key."""
    return [client.token] if isinstance(client, AuthenticatedClient) else []


# Options of httpx.Client that configure its default transport; passed on when RetryTransport wraps
# one.
_TRANSPORT_OPTIONS = ("cert", "trust_env", "http1", "http2", "limits")


def _masked_headers_repr(headers: Mapping[str, str]) -> str:
    """repr of `headers` with the values of credential headers hidden."""
    return repr(
        {
            name: MASK if name.lower() in CREDENTIAL_HEADERS else value
            for name, value in headers.items()
        }
    )


def _masked_cookies_repr(cookies: Mapping[str, str]) -> str:
    """repr of `cookies` with every value hidden: a cookie is a credential (a session), like the
    key."""
    return repr({name: MASK for name in cookies})


def _check_token(client: Any, attribute: Any, token: str) -> None:
    """Refuse a token that cannot be sent in a header (httpx would fail at the first call, quoting
    it), without quoting it; and mask an accepted one in httpx' and httpcore's logs."""
    if not isinstance(token, str) or not token:
        raise ValueError("token must be a non-empty string (the API key)")
    for position, char in enumerate(token):
        if not char.isascii():
            problem = "a non-ASCII character"
        elif char.isspace():
            problem = "whitespace (a trailing newline from a file?)"
        elif not char.isprintable():
            problem = "a control character"
        else:
            continue
        raise ValueError(
            f"token has {problem} at position {position + 1} of {len(token)}:"
            " it cannot be sent in a header"
        )
    mask_in_logs(token)


_CONFIGURATION = """
    Keyword arguments that configure the httpx clients it builds (at the first call):

        ``base_url``: The base URL for the API, all requests are made to a relative path to
        this URL. Defaults to Region.EU; Region.UAE targets the UAE server.

        ``cookies``: A dictionary of cookies to be sent with every request.

        ``headers``: A dictionary of headers to be sent with every request.

        ``timeout``: The maximum amount of a time each connect, read, write and pool wait can
        take; API functions raise httpx.TimeoutException past it. Defaults to DEFAULT_TIMEOUT;
        None leaves only ``deadline``, which bounds the whole call.

        ``verify_ssl``: Whether or not to verify the SSL certificate of the API server. This
        should be True in production, but can be set to False for testing purposes.

        ``follow_redirects``: Whether or not to follow redirects. Default value is False.

        ``httpx_args``: A dictionary of additional arguments to be passed to the
        ``httpx.Client`` and ``httpx.AsyncClient`` constructor.

    Attributes:
        retries: Opt-in retries (see RetryPolicy); None, the default, sends each request once.
        watch: Opt-in contract watch (see ContractWatch); None, the default, compares nothing.
        max_answer_bytes: Longest body a call reads, once decoded; a longer one raises
            errors.ResponseTooLarge.
        max_json_depth: Deepest nesting of arrays and objects a call parses; a deeper answer
            raises errors.JsonTooDeep.
        deadline: Seconds a whole call may take (connecting, sending, every read, retries'
            waits); past it a call raises errors.DeadlineExceeded.
"""


@define
class _BaseClient:
    """What Client and AuthenticatedClient share: everything but the key."""

    retries: RetryPolicy | None = field(default=None, kw_only=True)
    watch: ContractWatch | None = field(default=None, kw_only=True)
    max_answer_bytes: int = field(
        default=DEFAULT_MAX_ANSWER_BYTES, kw_only=True, validator=validators.gt(0)
    )
    max_json_depth: int = field(
        default=DEFAULT_MAX_JSON_DEPTH, kw_only=True, validator=validators.gt(0)
    )
    deadline: float = field(default=DEFAULT_DEADLINE, kw_only=True, validator=validators.gt(0))
    _base_url: str = field(default=Region.EU, alias="base_url")
    _cookies: dict[str, str] = field(
        factory=dict, kw_only=True, alias="cookies", repr=_masked_cookies_repr
    )
    _headers: dict[str, str] = field(
        factory=dict, kw_only=True, alias="headers", repr=_masked_headers_repr
    )
    _timeout: httpx.Timeout | None = field(default=DEFAULT_TIMEOUT, kw_only=True, alias="timeout")
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args")
    _client: httpx.Client | None = field(default=None, init=False)
    _async_client: httpx.AsyncClient | None = field(default=None, init=False)
    _merged_urls: _MergedUrls = field(factory=_MergedUrls, init=False, repr=False, eq=False)
    _async_merged_urls: _MergedUrls = field(factory=_MergedUrls, init=False, repr=False, eq=False)

    def with_headers(self, headers: dict[str, str]) -> Self:
        """Get a new client matching this one with additional headers"""
        if self._client is not None:
            self._client.headers.update(headers)
        if self._async_client is not None:
            self._async_client.headers.update(headers)
        return evolve(self, headers={**self._headers, **headers})

    def with_cookies(self, cookies: dict[str, str]) -> Self:
        """Get a new client matching this one with additional cookies"""
        if self._client is not None:
            self._client.cookies.update(cookies)
        if self._async_client is not None:
            self._async_client.cookies.update(cookies)
        return evolve(self, cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: httpx.Timeout) -> Self:
        """Get a new client matching this one with a new timeout configuration"""
        if self._client is not None:
            self._client.timeout = timeout
        if self._async_client is not None:
            self._async_client.timeout = timeout
        return evolve(self, timeout=timeout)

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Manually set the underlying httpx.Client

        **NOTE**: This will override any other settings on the client, including cookies,
        headers, and timeout.
        """
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """Get the underlying httpx.Client, constructing a new one if not previously set"""
        if self._client is None:
            client = httpx.Client(
                base_url=self._base_url,
                cookies=self._cookies,
                headers=self._sent_headers(),
                timeout=self._timeout,
                verify=self._verify_ssl,
                follow_redirects=self._follow_redirects,
                **self._httpx_args_with_retries(httpx.HTTPTransport),
            )
            bound_sockets([client._transport, *client._mounts.values()])
            self._client = client
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

        **NOTE**: This will override any other settings on the client, including cookies,
        headers, and timeout.
        """
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """Get the underlying httpx.AsyncClient, constructing a new one if not previously set"""
        if self._async_client is None:
            client = httpx.AsyncClient(
                base_url=self._base_url,
                cookies=self._cookies,
                headers=self._sent_headers(),
                timeout=self._timeout,
                verify=self._verify_ssl,
                follow_redirects=self._follow_redirects,
                **self._httpx_args_with_retries(httpx.AsyncHTTPTransport),
            )
            bound_sockets([client._transport, *client._mounts.values()])
            self._async_client = client
        return self._async_client

    async def __aenter__(self) -> Self:
        """Enter a context manager for underlying httpx.AsyncClient—you cannot enter twice (see
        httpx docs)"""
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(self, *args: Any, **kwargs: Any) -> None:
        """Exit a context manager for underlying httpx.AsyncClient (see httpx docs)"""
        await self.get_async_httpx_client().__aexit__(*args, **kwargs)

    def _sent_headers(self) -> dict[str, str]:
        """The headers every request carries."""
        return self._headers

    def _httpx_args_with_retries(
        self, default_transport: type[httpx.HTTPTransport] | type[httpx.AsyncHTTPTransport]
    ) -> dict[str, Any]:
        """httpx_args, with the transport (given or default) wrapped in RetryTransport when
        `retries` is set."""
        if self.retries is None:
            return self._httpx_args
        transport = self._httpx_args.get("transport") or default_transport(
            verify=self._verify_ssl,
            **{
                name: value
                for name, value in self._httpx_args.items()
                if name in _TRANSPORT_OPTIONS
            },
        )
        return {**self._httpx_args, "transport": RetryTransport(transport, self.retries)}


@define
class Client(_BaseClient):
    __doc__ = "A client for the API's endpoints that need no key.\n" + _CONFIGURATION


@define
class AuthenticatedClient(_BaseClient):
    __doc__ = (
        "A client that sends the API key with every request.\n"
        + _CONFIGURATION
        + """        token: The API key (never shown in repr; one that cannot be sent in a header is
            refused, unquoted).
        prefix: The word before the key in the Authorization header.
        auth_header_name: The name of the Authorization header.
"""
    )

    token: str = field(repr=False, kw_only=True, validator=_check_token)
    prefix: str = field(default="Token", kw_only=True)
    auth_header_name: str = field(default="Authorization", kw_only=True)

    def _sent_headers(self) -> dict[str, str]:
        key = f"{self.prefix} {self.token}" if self.prefix else self.token
        return {**self._headers, self.auth_header_name: key}
