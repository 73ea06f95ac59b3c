"""Every option of Client and AuthenticatedClient reaches the httpx client they build, sync and
async alike, and the with_* copies change both the copy and the clients already built."""

from __future__ import annotations

import ssl
from typing import Any

import httpx
import pytest

from hamsa_client import AuthenticatedClient, Client, RetryPolicy
from hamsa_client.client import RetryTransport

AnyClient = Client | AuthenticatedClient
KINDS = [Client, AuthenticatedClient]
TIMEOUT = httpx.Timeout(7.0, connect=2.0)


def build(kind: type[AnyClient], **options: Any) -> AnyClient:
    if kind is AuthenticatedClient:
        return AuthenticatedClient(token="k", **options)
    return Client(**options)


def httpx_client(client: AnyClient, sync: bool) -> httpx.Client | httpx.AsyncClient:
    return client.get_httpx_client() if sync else client.get_async_httpx_client()


def pool_of(transport: Any) -> Any:
    """The connection pool behind an httpx transport (httpx keeps it in `_pool`)."""
    return transport._pool


@pytest.fixture(params=KINDS, ids=lambda kind: kind.__name__)
def kind(request: pytest.FixtureRequest) -> type[AnyClient]:
    chosen: type[AnyClient] = request.param
    return chosen


@pytest.mark.parametrize("sync", [True, False], ids=["sync", "async"])
def test_every_option_reaches_the_httpx_client(kind: type[AnyClient], sync: bool) -> None:
    client = build(
        kind,
        base_url="https://api.example.test",
        cookies={"c": "1"},
        headers={"x-h": "2"},
        timeout=TIMEOUT,
        verify_ssl=False,
        follow_redirects=True,
    )

    built = httpx_client(client, sync)

    assert built is httpx_client(client, sync)  # built once, then reused
    assert built.base_url == httpx.URL("https://api.example.test")
    assert built.cookies["c"] == "1"
    assert built.headers["x-h"] == "2"
    assert built.timeout == TIMEOUT
    assert built.follow_redirects is True
    assert pool_of(built._transport)._ssl_context.verify_mode == ssl.CERT_NONE


@pytest.mark.parametrize("sync", [True, False], ids=["sync", "async"])
def test_retries_wrap_a_default_transport_built_with_the_clients_options(
    kind: type[AnyClient], sync: bool
) -> None:
    policy = RetryPolicy(max_retries=1)
    client = build(
        kind,
        retries=policy,
        verify_ssl=False,
        httpx_args={"limits": httpx.Limits(max_connections=3), "trust_env": False},
    )

    transport = httpx_client(client, sync)._transport

    assert isinstance(transport, RetryTransport)
    wrapped = transport._transport
    assert isinstance(wrapped, httpx.HTTPTransport if sync else httpx.AsyncHTTPTransport)
    assert pool_of(wrapped)._ssl_context.verify_mode == ssl.CERT_NONE
    assert pool_of(wrapped)._max_connections == 3
    assert transport._policy is policy


def test_retries_wrap_a_given_transport(kind: type[AnyClient]) -> None:
    given = httpx.MockTransport(lambda request: httpx.Response(204))
    client = build(kind, retries=RetryPolicy(), httpx_args={"transport": given})

    transport = client.get_httpx_client()._transport

    assert isinstance(transport, RetryTransport)
    assert transport._transport is given


def test_without_retries_the_given_transport_is_used_as_is(kind: type[AnyClient]) -> None:
    given = httpx.MockTransport(lambda request: httpx.Response(204))
    client = build(kind, httpx_args={"transport": given})

    assert client.get_httpx_client()._transport is given
    assert client.get_async_httpx_client()._transport is given


def test_with_headers_updates_built_clients_and_the_copy(kind: type[AnyClient]) -> None:
    client = build(kind, headers={"a": "1"})
    sync, asynchronous = client.get_httpx_client(), client.get_async_httpx_client()

    copy = client.with_headers({"b": "2"})

    assert (sync.headers["b"], asynchronous.headers["b"]) == ("2", "2")
    for built in (copy.get_httpx_client(), copy.get_async_httpx_client()):
        assert (built.headers["a"], built.headers["b"]) == ("1", "2")


def test_with_cookies_updates_built_clients_and_the_copy(kind: type[AnyClient]) -> None:
    client = build(kind, cookies={"a": "1"})
    sync, asynchronous = client.get_httpx_client(), client.get_async_httpx_client()

    copy = client.with_cookies({"b": "2"})

    assert (sync.cookies["b"], asynchronous.cookies["b"]) == ("2", "2")
    for built in (copy.get_httpx_client(), copy.get_async_httpx_client()):
        assert (built.cookies["a"], built.cookies["b"]) == ("1", "2")


def test_with_timeout_updates_built_clients_and_the_copy(kind: type[AnyClient]) -> None:
    client = build(kind)
    sync, asynchronous = client.get_httpx_client(), client.get_async_httpx_client()

    copy = client.with_timeout(TIMEOUT)

    assert (sync.timeout, asynchronous.timeout) == (TIMEOUT, TIMEOUT)
    assert copy.get_httpx_client().timeout == TIMEOUT
    assert copy.get_async_httpx_client().timeout == TIMEOUT


def test_with_copies_of_a_client_never_built_build_nothing(kind: type[AnyClient]) -> None:
    client = build(kind)

    client.with_headers({"a": "1"}).with_cookies({"b": "2"}).with_timeout(TIMEOUT)

    assert client.get_httpx_client().timeout != TIMEOUT
    assert "a" not in client.get_httpx_client().headers


def test_set_httpx_clients_are_used_as_given(kind: type[AnyClient]) -> None:
    client = build(kind)
    sync, asynchronous = httpx.Client(), httpx.AsyncClient()

    assert client.set_httpx_client(sync) is client
    assert client.set_async_httpx_client(asynchronous) is client

    assert client.get_httpx_client() is sync
    assert client.get_async_httpx_client() is asynchronous


def test_the_sync_context_closes_its_httpx_client(kind: type[AnyClient]) -> None:
    with build(kind) as client:
        assert not client.get_httpx_client().is_closed

    assert client.get_httpx_client().is_closed


async def test_the_async_context_closes_its_httpx_client(kind: type[AnyClient]) -> None:
    async with build(kind) as client:
        assert not client.get_async_httpx_client().is_closed

    assert client.get_async_httpx_client().is_closed
