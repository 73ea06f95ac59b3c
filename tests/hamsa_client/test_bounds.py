"""No answer can exhaust the client: a body too long (compressed or not), JSON nested too deep, an
answer dripped slowly, each ends the call with the client's own typed error naming its cap."""

from __future__ import annotations

import gzip
import json
import time
import tracemalloc
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from hamsa_client import AuthenticatedClient
from hamsa_client.client import (
    DEFAULT_DEADLINE,
    DEFAULT_MAX_ANSWER_BYTES,
    DEFAULT_MAX_JSON_DEPTH,
    json_too_deep,
    read_bounded,
    request_deadline,
)
from hamsa_client.errors import (
    DeadlineExceeded,
    HamsaError,
    JsonTooDeep,
    ResponseTooLarge,
    UnexpectedStatus,
)
from hamsa_client.models import CloneVoiceAgentResponse
from tests.hamsa_client.loopback import Script, serve
from tests.support.client import API_KEY, Mode, answer, clone, make_client

MIB = 1024 * 1024


class Streamed(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body handed over in chunks as a server would send it (not read when the answer is built,
    as httpx does with a body given as bytes)."""

    def __init__(self, body: bytes, chunk: int = 4 * 1024) -> None:
        self._chunks = [body[start : start + chunk] for start in range(0, len(body), chunk)]
        self.sent = 0

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._chunks:
            self.sent += len(chunk)
            yield chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self._chunks:
            self.sent += len(chunk)
            yield chunk


def streaming(status: int, body: bytes, headers: dict[str, str]) -> tuple[Any, list[Streamed]]:
    """A handler answering `body` streamed, and the streams it handed out."""
    streams: list[Streamed] = []

    def handler(request: httpx.Request) -> httpx.Response:
        streams.append(Streamed(body))
        return httpx.Response(status, headers=headers, stream=streams[-1])

    return handler, streams


def test_the_defaults_are_finite() -> None:
    client = AuthenticatedClient(token=API_KEY)

    assert (client.max_answer_bytes, client.max_json_depth, client.deadline) == (
        DEFAULT_MAX_ANSWER_BYTES,
        DEFAULT_MAX_JSON_DEPTH,
        DEFAULT_DEADLINE,
    )
    assert 0 < DEFAULT_MAX_ANSWER_BYTES < float("inf")
    assert 0 < DEFAULT_DEADLINE < float("inf")


@pytest.mark.parametrize("cap", ["max_answer_bytes", "max_json_depth", "deadline"])
def test_a_cap_must_be_positive(cap: str) -> None:
    options: dict[str, Any] = {cap: 0}
    with pytest.raises(ValueError, match=cap):
        AuthenticatedClient(token=API_KEY, **options)


def test_a_gzip_bomb_stops_at_the_cap_while_decoding(mode: Mode) -> None:
    # 64 MiB of zeros is 64 KiB on the wire; the cap is 1 MiB.
    bomb = gzip.compress(b"\0" * (64 * MIB), compresslevel=9)
    handler, streams = streaming(
        200, bomb, {"content-type": "application/json", "content-encoding": "gzip"}
    )

    with pytest.raises(ResponseTooLarge) as raised:
        clone(mode, make_client(handler, max_answer_bytes=MIB))

    assert raised.value.limit == MIB
    assert f"{MIB} bytes" in str(raised.value)
    assert len(raised.value.content) == MIB
    assert isinstance(raised.value, HamsaError)
    # Decoding stopped at the cap: the rest of the compressed body was never read.
    assert streams[0].sent < len(bomb)


def test_a_body_longer_than_the_cap_is_not_read_whole(mode: Mode) -> None:
    body = b'{"padding": "' + b"x" * (4 * MIB) + b'"}'
    handler, streams = streaming(200, body, {"content-type": "application/json"})

    with pytest.raises(ResponseTooLarge) as raised:
        clone(mode, make_client(handler, max_answer_bytes=MIB))

    assert raised.value.status_code == 200
    assert streams[0].sent < len(body)


def test_a_body_handed_over_whole_longer_than_the_cap_is_refused(mode: Mode) -> None:
    # httpx reads a body given as bytes when the answer is built: no chunk is left to count, the
    # whole is checked instead.
    body = b'{"padding": "' + b"x" * (2 * MIB) + b'"}'

    with pytest.raises(ResponseTooLarge) as raised:
        clone(mode, make_client(answer(200, body), max_answer_bytes=MIB))

    assert raised.value.limit == MIB
    assert raised.value.content == body[:MIB]


def test_an_answer_handed_over_whole_after_the_deadline_ends_the_call(
    mode: Mode, clone_200_example: dict[str, Any]
) -> None:
    body = json.dumps(clone_200_example).encode()

    def handler(request: httpx.Request) -> httpx.Response:
        time.sleep(0.2)  # the whole answer comes, but after the call's deadline
        return httpx.Response(200, content=body)

    with pytest.raises(DeadlineExceeded) as raised:
        clone(mode, make_client(handler, deadline=0.05))

    assert raised.value.deadline == 0.05


def test_an_answer_within_the_cap_is_parsed(mode: Mode, clone_200_example: dict[str, Any]) -> None:
    body = gzip.compress(json.dumps(clone_200_example).encode())
    handler, _ = streaming(
        200, body, {"content-type": "application/json", "content-encoding": "gzip"}
    )

    result = clone(mode, make_client(handler, max_answer_bytes=64 * 1024))

    assert isinstance(result, CloneVoiceAgentResponse)


def test_an_error_excerpt_is_built_from_a_bounded_prefix() -> None:
    body = b"Bad Gateway " * (1024 * 1024)  # 12 MiB of words

    tracemalloc.start()
    try:
        error = UnexpectedStatus(502, body)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert error.excerpt.startswith("Bad Gateway Bad Gateway")
    assert len(error.excerpt) == 201  # EXCERPT_CHARS and the ellipsis
    # Splitting the whole body into words took 25 times its size.
    assert peak < len(body)


@pytest.mark.parametrize("depth", [1_200, 100_000])
def test_json_nested_too_deep_is_a_typed_error_naming_the_cap(mode: Mode, depth: int) -> None:
    body = ("[" * depth + "]" * depth).encode()

    with pytest.raises(JsonTooDeep) as raised:
        clone(mode, make_client(answer(200, body)))

    assert raised.value.limit == DEFAULT_MAX_JSON_DEPTH
    assert f"deeper than {DEFAULT_MAX_JSON_DEPTH} levels" in str(raised.value)
    assert raised.value.status_code == 200


def test_brackets_inside_strings_do_not_count_as_nesting(
    mode: Mode, clone_200_example: dict[str, Any]
) -> None:
    clone_200_example["data"]["description"] = '[{"\\' * 500
    body = json.dumps(clone_200_example).encode()

    result = clone(mode, make_client(answer(200, body), max_json_depth=8))

    assert isinstance(result, CloneVoiceAgentResponse)


@pytest.mark.parametrize(
    ("document", "too_deep"),
    [
        pytest.param("[[[]]]", False, id="at-the-cap"),
        pytest.param("[[[[]]]]", True, id="one-past-the-cap"),
        pytest.param('{"a": {"b": {"c": {}}}}', True, id="objects"),
        pytest.param('[["[[[[", "\\"[[[["], [], [], []]', False, id="brackets-in-strings"),
        pytest.param(b"[[[[]]]]", True, id="bytes"),
        pytest.param("[" * 10 + "\ud800", True, id="lone-surrogate"),
        pytest.param("[]" * 100, False, id="many-shallow"),
    ],
)
def test_json_too_deep_counts_levels_outside_strings(document: str | bytes, too_deep: bool) -> None:
    assert json_too_deep(document, 3) is too_deep


def test_an_answer_dripped_past_the_deadline_ends_the_call(mode: Mode) -> None:
    # A byte every 0.2 s: no read ever waits as long as the 30 s timeout, the whole takes 16 s.
    script = Script(behaviour="drip", body=b" " * 80, drip_seconds=0.2)
    with serve(script) as base_url:
        client = AuthenticatedClient(
            token=API_KEY, base_url=base_url, timeout=httpx.Timeout(30.0), deadline=1.0
        )
        with pytest.raises(DeadlineExceeded) as raised:
            clone(mode, client)

    assert raised.value.deadline == 1.0
    assert "1 s" in str(raised.value)
    assert isinstance(raised.value, httpx.TimeoutException)


def test_a_head_dripped_past_the_deadline_ends_the_call(mode: Mode) -> None:
    # The status line and headers a byte every 0.05 s (about 380 of them): every read gets a byte
    # long before its 30 s timeout, so only the call's deadline can cut the head short.
    script = Script(behaviour="drip_head", body=b"{}", drip_seconds=0.05)
    with serve(script) as base_url:
        client = AuthenticatedClient(
            token=API_KEY, base_url=base_url, timeout=httpx.Timeout(30.0), deadline=0.5
        )
        with pytest.raises(DeadlineExceeded) as raised:
            clone(mode, client)
        sent_when_cut = script.head_bytes_sent

    assert raised.value.deadline == 0.5
    # The client hung up while the head was still coming, not after it had all arrived.
    assert not script.head_sent
    assert sent_when_cut > 0


def test_a_stalled_answer_times_out_at_the_deadline_not_the_read_timeout(mode: Mode) -> None:
    script = Script(behaviour="stall")
    with serve(script) as base_url:
        client = AuthenticatedClient(
            token=API_KEY, base_url=base_url, timeout=httpx.Timeout(30.0), deadline=0.5
        )
        with pytest.raises(DeadlineExceeded) as raised:
            clone(mode, client)

    assert raised.value.deadline == 0.5
    assert raised.value.request.url.path.endswith("/clone")  # the request that got no answer
    # The read that waited was cut to the deadline (its own timeout is 30 s).
    assert isinstance(raised.value.__cause__, httpx.ReadTimeout)


def test_the_body_of_a_transport_that_keeps_its_timeouts_waits_only_what_is_left(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A transport the client did not build (as the contract suite's own), whose sockets do not end
    # at the deadline by themselves: httpcore reads the request's timeouts as the body starts, so
    # they must be cut to what is left then, not to what was left when the call began.
    now = [1000.0]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    read_timeouts: list[float | None] = []

    class Recording(httpx.SyncByteStream):
        def __init__(self, request: httpx.Request) -> None:
            self.request = request

        def __iter__(self) -> Iterator[bytes]:
            read_timeouts.append(self.request.extensions["timeout"]["read"])
            yield b"{}"

    def handler(request: httpx.Request) -> httpx.Response:
        now[0] += 8.0  # the head took 8 s of the call's 10
        return httpx.Response(200, stream=Recording(request))

    with httpx.Client(transport=httpx.MockTransport(handler), timeout=30.0) as client:
        request = client.build_request("GET", "http://server.test/")
        with request_deadline(request, 10.0):
            response = client.send(request, stream=True)
            read_bounded(response, DEFAULT_MAX_ANSWER_BYTES)

    assert read_timeouts == [2.0]


@pytest.mark.parametrize(("waited", "deadline_ended_it"), [(10.0, True), (2.0, False)])
def test_a_timeout_within_request_deadline_is_the_deadline_only_when_it_has_passed(
    monkeypatch: pytest.MonkeyPatch, waited: float, deadline_ended_it: bool
) -> None:
    # A read whose timeout was cut to the deadline fired there: the deadline ended the call. One
    # that fired earlier is the read's own timeout.
    now = [1000.0]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])

    def handler(request: httpx.Request) -> httpx.Response:
        now[0] += waited
        raise httpx.ReadTimeout("timed out", request=request)

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        request = client.build_request("GET", "http://server.test/")
        with pytest.raises(httpx.TimeoutException) as raised, request_deadline(request, 10.0):
            client.send(request)

    if deadline_ended_it:
        assert isinstance(raised.value, DeadlineExceeded)
        assert raised.value.deadline == 10.0
        assert isinstance(raised.value.__cause__, httpx.ReadTimeout)
    else:
        assert isinstance(raised.value, httpx.ReadTimeout)
    # The request's own timeouts and deadline are back, for a transport that sends it again.
    assert "hamsa_client.deadline" not in request.extensions
