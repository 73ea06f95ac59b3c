"""Retries are opt-in, and never send a clone twice when the first one may have reached the server.

Waits are recorded by injected sleeps, never slept.
"""

from __future__ import annotations

import datetime
import email.utils
import logging
import socket
import time
from typing import Any

import httpx
import pytest

from hamsa_client import AuthenticatedClient, RetryPolicy
from hamsa_client.errors import UnexpectedStatus
from hamsa_client.models import CloneVoiceAgentResponse, ErrorResponse
from tests.hamsa_client.loopback import Script, serve
from tests.support.client import API_KEY, Mode, Waits, answers, clone, make_client

RATE_LIMITED = {"success": False, "message": "Too many requests", "messageKey": "RATE_LIMITED"}


@pytest.fixture
def waits() -> Waits:
    return Waits()


def rate_limited(retry_after: str | bytes | None = None) -> httpx.Response:
    if isinstance(retry_after, str):
        retry_after = retry_after.encode()
    headers = [] if retry_after is None else [(b"Retry-After", retry_after)]
    return httpx.Response(429, json=RATE_LIMITED, headers=headers)


def success(example: dict[str, Any]) -> httpx.Response:
    return httpx.Response(200, json=example)


def retry_after_value(value: str | float) -> str:
    """A string as is; a number as the HTTP-date that many seconds from now."""
    if isinstance(value, str):
        return value
    when = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=value)
    return email.utils.format_datetime(when, usegmt=True)


@pytest.mark.parametrize("first", ["429", "connect-error"])
def test_without_a_policy_nothing_is_retried(
    mode: Mode, first: str, clone_200_example: dict[str, Any]
) -> None:
    seen: list[httpx.Request] = []
    failure = rate_limited("0") if first == "429" else httpx.ConnectError("refused")
    handler = answers(failure, success(clone_200_example), seen=seen)

    if first == "429":
        result = clone(mode, make_client(handler))
        assert isinstance(result, ErrorResponse)
        assert result.message_key == "RATE_LIMITED"
    else:
        with pytest.raises(httpx.ConnectError):
            clone(mode, make_client(handler))

    assert len(seen) == 1


@pytest.mark.parametrize(
    ("retry_after", "low", "high"),
    [
        pytest.param("3", 3.0, 3.0, id="delta-seconds"),
        pytest.param(" 0 ", 0.0, 0.0, id="zero"),
        pytest.param(-60.0, 0.0, 0.0, id="http-date-past"),
        pytest.param(20.0, 15.0, 20.0, id="http-date-future"),
    ],
)
def test_a_429_is_retried_after_its_retry_after(
    mode: Mode,
    waits: Waits,
    clone_200_example: dict[str, Any],
    retry_after: str | float,
    low: float,
    high: float,
) -> None:
    seen: list[httpx.Request] = []
    first = rate_limited(retry_after_value(retry_after))
    handler = answers(first, success(clone_200_example), seen=seen)

    result = clone(mode, make_client(handler, retries=waits.policy()))

    assert isinstance(result, CloneVoiceAgentResponse)
    assert len(seen) == 2
    assert seen[0].content == seen[1].content
    (waited,) = waits.seconds
    assert low <= waited <= high


@pytest.mark.parametrize("retry_after", [None, "soon", "-5", "1.5", "٣".encode()])
def test_a_429_without_a_readable_retry_after_backs_off(
    mode: Mode, waits: Waits, clone_200_example: dict[str, Any], retry_after: str | bytes | None
) -> None:
    seen: list[httpx.Request] = []
    handler = answers(
        rate_limited(retry_after),
        rate_limited(retry_after),
        success(clone_200_example),
        seen=seen,
    )

    result = clone(mode, make_client(handler, retries=waits.policy(backoff=0.25)))

    assert isinstance(result, CloneVoiceAgentResponse)
    assert waits.seconds == [0.25, 0.5]


@pytest.mark.parametrize("retry_after", ["31", 3600.0], ids=["delta-seconds", "http-date"])
def test_a_429_asking_for_more_than_max_retry_after_is_returned_at_once(
    mode: Mode, waits: Waits, clone_200_example: dict[str, Any], retry_after: str | float
) -> None:
    seen: list[httpx.Request] = []
    first = rate_limited(retry_after_value(retry_after))
    handler = answers(first, success(clone_200_example), seen=seen)

    result = clone(mode, make_client(handler, retries=waits.policy(max_retry_after=30)))

    assert isinstance(result, ErrorResponse)
    assert result.message_key == "RATE_LIMITED"
    assert len(seen) == 1
    assert waits.seconds == []


def test_429s_are_retried_at_most_max_retries_times(mode: Mode, waits: Waits) -> None:
    seen: list[httpx.Request] = []
    handler = answers(*[rate_limited("1") for _ in range(4)], seen=seen)

    result = clone(mode, make_client(handler, retries=waits.policy(max_retries=2)))

    assert isinstance(result, ErrorResponse)
    assert result.message_key == "RATE_LIMITED"
    assert len(seen) == 3
    assert waits.seconds == [1.0, 1.0]


def test_connections_that_could_not_be_made_are_retried_with_backoff(
    mode: Mode, waits: Waits, clone_200_example: dict[str, Any]
) -> None:
    seen: list[httpx.Request] = []
    handler = answers(
        httpx.ConnectError("[Errno 111] Connection refused"),
        httpx.ConnectTimeout("timed out"),
        success(clone_200_example),
        seen=seen,
    )

    result = clone(mode, make_client(handler, retries=waits.policy(max_retries=2, backoff=0.5)))

    assert isinstance(result, CloneVoiceAgentResponse)
    assert len(seen) == 3
    assert waits.seconds == [0.5, 1.0]


def test_the_last_connection_failure_is_raised(mode: Mode, waits: Waits) -> None:
    seen: list[httpx.Request] = []
    failures = [httpx.ConnectError(f"refused {attempt}") for attempt in range(3)]

    with pytest.raises(httpx.ConnectError, match="refused 2"):
        clone(mode, make_client(answers(*failures, seen=seen), retries=waits.policy()))

    assert len(seen) == 3


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ReadTimeout("timed out"),
        httpx.WriteTimeout("timed out"),
        httpx.ReadError("[Errno 104] Connection reset by peer"),
        httpx.WriteError("[Errno 32] Broken pipe"),
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
    ],
    ids=lambda failure: type(failure).__name__,
)
def test_a_failure_after_the_request_may_have_been_sent_is_not_retried(
    mode: Mode, waits: Waits, clone_200_example: dict[str, Any], failure: Exception
) -> None:
    seen: list[httpx.Request] = []
    handler = answers(failure, success(clone_200_example), seen=seen)

    with pytest.raises(type(failure)):
        clone(mode, make_client(handler, retries=waits.policy()))

    assert len(seen) == 1
    assert waits.seconds == []


@pytest.mark.parametrize("status", [500, 502, 503, 504, 520])
def test_a_server_error_is_not_retried(
    mode: Mode, waits: Waits, clone_200_example: dict[str, Any], status: int
) -> None:
    seen: list[httpx.Request] = []
    body = {"success": False, "message": "Internal server error"}
    handler = answers(
        httpx.Response(status, json=body, headers={"Retry-After": "1"}),
        success(clone_200_example),
        seen=seen,
    )

    client = make_client(handler, retries=waits.policy())
    if status == 500:  # documented
        assert isinstance(clone(mode, client), ErrorResponse)
    else:
        with pytest.raises(UnexpectedStatus):
            clone(mode, client)

    assert len(seen) == 1
    assert waits.seconds == []


def test_each_retry_is_logged(
    mode: Mode, waits: Waits, clone_200_example: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="hamsa_client")
    handler = answers(
        httpx.ConnectError("refused"), rate_limited("2"), success(clone_200_example), seen=[]
    )

    clone(mode, make_client(handler, retries=waits.policy(backoff=0.5)))

    assert [record.getMessage().split(": ", 1)[1] for record in caplog.records] == [
        "ConnectError, retry 1 of 2 in 0.50 s",
        "HTTP 429, retry 2 of 2 in 2.00 s",
    ]
    # Each line names the request: method and URL.
    for record in caplog.records:
        request = record.getMessage().split(": ", 1)[0]
        assert request.startswith("POST https://"), request
        assert "/v1/voice-agents/clone?voiceAgentId=" in request, request


class CountingTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """A real transport, and how many times it was asked to send."""

    def __init__(self) -> None:
        self.attempts = 0
        self._sync = httpx.HTTPTransport()
        self._async = httpx.AsyncHTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.attempts += 1
        return self._sync.handle_request(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.attempts += 1
        return await self._async.handle_async_request(request)


def closed_port() -> int:
    """A loopback port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_a_refused_connection_is_retried_over_a_real_socket(mode: Mode, waits: Waits) -> None:
    transport = CountingTransport()
    client = AuthenticatedClient(
        base_url=f"http://127.0.0.1:{closed_port()}",
        token=API_KEY,
        retries=waits.policy(max_retries=2),
        httpx_args={"transport": transport},
    )

    with pytest.raises(httpx.ConnectError):
        clone(mode, client)

    assert transport.attempts == 3


@pytest.mark.parametrize(
    ("behaviour", "failure"),
    [("hang_up", httpx.RemoteProtocolError), ("stall", httpx.ReadTimeout)],
)
def test_a_clone_that_reached_the_server_is_not_sent_again(
    mode: Mode, waits: Waits, behaviour: Any, failure: type[Exception]
) -> None:
    script = Script(behaviour=behaviour)
    with serve(script) as base_url:
        client = AuthenticatedClient(
            base_url=base_url,
            token=API_KEY,
            retries=waits.policy(max_retries=3),
            timeout=httpx.Timeout(5.0, read=0.2),
        )
        with pytest.raises(failure):
            clone(mode, client)

    assert len(script.requests) == 1
    assert waits.seconds == []


@pytest.mark.parametrize("option", ["max_retries", "backoff", "max_retry_after"])
def test_a_policy_refuses_negative_numbers(option: str) -> None:
    options: dict[str, Any] = {option: -1}
    with pytest.raises(ValueError, match=option):
        RetryPolicy(**options)


@pytest.mark.parametrize(
    ("retry_after", "deadline"),
    [
        pytest.param("20", 10.0, id="past the deadline"),
        # The clock stands still: all 5 s of the deadline are left when the 429 asks for 5 s.
        pytest.param("5", 5.0, id="as long as what is left"),
    ],
)
def test_a_retry_wait_the_deadline_leaves_no_time_after_is_not_waited(
    monkeypatch: pytest.MonkeyPatch,
    mode: Mode,
    clone_200_example: dict[str, Any],
    retry_after: str,
    deadline: float,
) -> None:
    """Waiting would end the call at its deadline with nothing more to show: the 429 is the
    result."""
    monkeypatch.setattr(time, "monotonic", lambda: 1000.0)
    waits = Waits()
    seen: list[httpx.Request] = []
    limited = {"success": False, "message": "Too many requests", "messageKey": "RATE_LIMITED"}

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if len(seen) == 1:
            return httpx.Response(429, json=limited, headers={"Retry-After": retry_after})
        return httpx.Response(200, json=clone_200_example)

    client = make_client(handler, retries=waits.policy(max_retry_after=30), deadline=deadline)
    result = clone(mode, client)

    assert isinstance(result, ErrorResponse)
    assert result.message_key == "RATE_LIMITED"
    assert (waits.seconds, len(seen)) == ([], 1)
