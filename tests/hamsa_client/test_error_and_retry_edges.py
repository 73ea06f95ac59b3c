"""Edges of the client's errors (masking, excerpts, messages) and of its retry rules."""

from __future__ import annotations

import email.utils
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from hamsa_client import AuthenticatedClient, Client, RetryPolicy
from hamsa_client._retries import RetryTransport, seconds_from_retry_after
from hamsa_client.errors import EXCERPT_CHARS, MASK, HamsaError, unexpected_status


def answered(content: bytes, status: int = 502, **request_headers: str) -> httpx.Response:
    request = httpx.Request("POST", "https://h.test/clone", headers=request_headers)
    return httpx.Response(status, content=content, request=request)


def test_a_secret_inside_another_is_masked_whole() -> None:
    error = HamsaError("s", status_code=502, content=b"abc b", secrets=["b", "abc"])
    assert error.content == f"{MASK} {MASK}".encode()


def test_headers_given_as_a_plain_mapping_are_kept_and_masked() -> None:
    error = HamsaError(
        "s", status_code=502, content=b"", headers={"x-echo": "k1", "x-other": "v"}, secrets=["k1"]
    )
    assert dict(error.headers) == {"x-echo": MASK, "x-other": "v"}


def test_an_unexpected_status_says_so_with_an_excerpt_of_the_body() -> None:
    error = unexpected_status(answered(b"<h1>Bad   gateway</h1>"))
    assert str(error) == "HTTP 502: undocumented status; body: '<h1>Bad gateway</h1>'"


@pytest.mark.parametrize(
    ("length", "excerpt_length"),
    [(EXCERPT_CHARS, EXCERPT_CHARS), (EXCERPT_CHARS + 1, EXCERPT_CHARS + 1)],
)
def test_the_excerpt_is_cut_only_past_its_limit(length: int, excerpt_length: int) -> None:
    error = HamsaError("s", status_code=502, content=b"x" * length)
    assert len(error.excerpt) == excerpt_length
    assert error.excerpt.endswith("…") == (length > EXCERPT_CHARS)


@pytest.mark.parametrize(
    ("authorization", "echoed", "masked"),
    [
        ("Token k1", b"Token k1 and k1", f"{MASK} and {MASK}".encode()),
        ("Basic a b", b"a b", MASK.encode()),
    ],
)
def test_credentials_the_request_sent_are_masked_with_and_without_their_scheme(
    authorization: str, echoed: bytes, masked: bytes
) -> None:
    error = unexpected_status(answered(echoed, Authorization=authorization))
    assert error.content == masked


def test_client_reprs_hide_credential_headers_only() -> None:
    plain = Client(headers={"Authorization": "x", "A": "b"})
    authenticated = AuthenticatedClient(token="k", headers={"X-Api-Key": "x", "A": "b"})
    assert f"_headers={{'Authorization': '{MASK}', 'A': 'b'}}" in repr(plain)
    assert f"_headers={{'X-Api-Key': '{MASK}', 'A': 'b'}}" in repr(authenticated)


def test_an_http_date_without_a_zone_is_read_as_gmt() -> None:
    when = datetime.now(UTC) + timedelta(seconds=100)
    zoneless = email.utils.format_datetime(when.replace(tzinfo=None))
    seconds = seconds_from_retry_after(zoneless)
    assert seconds is not None
    assert 90 <= seconds <= 100


def test_a_429_asking_for_exactly_the_longest_wait_is_retried() -> None:
    policy = RetryPolicy(max_retry_after=3)
    answer = httpx.Response(429, headers={"Retry-After": "3"})
    assert policy.delay(1, answer) == 3.0
    assert RetryPolicy(max_retry_after=2.9).delay(1, answer) is None


async def test_a_transport_of_the_other_kind_is_refused_by_name() -> None:
    request = httpx.Request("POST", "https://h.test/clone")
    only_async = RetryTransport(httpx.AsyncHTTPTransport(), RetryPolicy())
    only_sync = RetryTransport(httpx.HTTPTransport(), RetryPolicy())

    with pytest.raises(TypeError, match="cannot send sync requests"):
        only_async.handle_request(request)
    with pytest.raises(TypeError, match="cannot send async requests"):
        await only_sync.handle_async_request(request)
