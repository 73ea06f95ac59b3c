"""The bounds of every call: its deadline, the longest answer it reads, the deepest JSON it
parses."""

import contextvars
import json
import re
import ssl
import time
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

import httpcore
import httpx

from .errors import DeadlineExceeded, too_deep, too_large

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
"""Timeout of a client built without `timeout=`: 5 s to connect, 30 s for each read, write and pool
wait."""

DEFAULT_MAX_ANSWER_BYTES = 8 * 1024 * 1024
"""Longest body, decoded, a client built without `max_answer_bytes=` reads (8 MiB; a clone answer is
a few KB)."""
DEFAULT_MAX_JSON_DEPTH = 128
"""Deepest nesting of arrays and objects a client built without `max_json_depth=` parses (the spec's
full 200 example: 5)."""
DEFAULT_DEADLINE = 120.0
"""Seconds a whole call may take in a client built without `deadline=`: connecting, sending, every
read and retries' waits together."""

# Where a request carries its call's deadline (a time.monotonic() instant), for RetryTransport's
# waits.
_DEADLINE = "hamsa_client.deadline"
# How much earlier than a deadline a socket's timer may fire (it counts in milliseconds).
_TIMER_SLACK = 0.01
# Compressed bytes handed to httpx's decoder at a time: deflate expands a byte to 1032 at most, so a
# slice decodes to at most ~8 MiB before the running total is checked.
_COMPRESSED_SLICE = 8 * 1024
# A JSON string (skipped whole) or a bracket: what json_too_deep reads.
_JSON_NESTING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)


def json_too_deep(document: bytes | str, max_depth: int) -> bool:
    """Whether the JSON text `document` nests arrays and objects deeper than `max_depth` levels.

    Brackets inside strings do not count. Cheap: text with at most `max_depth` opening brackets in
    all is not read further. Invalid JSON may be answered either way (json.loads refuses it after).
    """
    data = document.encode("utf-8", "surrogatepass") if isinstance(document, str) else document
    if data.count(b"[") + data.count(b"{") <= max_depth:
        return False
    depth = 0
    for token in _JSON_NESTING.finditer(data):
        first = data[token.start()]
        if first == 0x5B or first == 0x7B:  # [ {
            depth += 1
            if depth > max_depth:
                return True
        elif first != 0x22:  # ] }, not a string
            depth -= 1
    return False


def answer_json(response: httpx.Response, max_depth: int) -> Any:
    """The answer's body as JSON; errors.JsonTooDeep past `max_depth` levels (ValueError if not
    JSON)."""
    content = response.content
    if json_too_deep(content, max_depth):
        raise too_deep(response, max_depth)
    return json.loads(content)


def _seconds_left(request: httpx.Request) -> float:
    """What is left of the request's deadline, in seconds (infinite without one);
    errors.DeadlineExceeded when nothing is."""
    deadline = request.extensions.get(_DEADLINE)
    if deadline is None:
        return float("inf")
    ends_at, seconds = deadline
    left = float(ends_at - time.monotonic())
    if left <= 0:
        raise DeadlineExceeded(seconds, request)
    return left


def _within_deadline(request: httpx.Request) -> None:
    """Cut the request's httpx timeouts (connect, each read and write, the pool wait) to what is
    left of its deadline. httpcore reads them as each phase starts (connecting, sending, the
    answer's head, its body)."""
    left = _seconds_left(request)
    timeouts = request.extensions.get("timeout")
    if isinstance(timeouts, dict):
        for phase, seconds in timeouts.items():
            if seconds is None or seconds > left:
                timeouts[phase] = left


# When the call running in this context must end (a time.monotonic() instant; request_deadline sets
# it): every socket wait of the client's transports is cut to it, so that an answer dripped a byte
# at a time, its head included, cannot outlast the call's deadline.
_ENDS_AT: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "hamsa_client.ends_at", default=None
)


def _cut(timeout: float | None, error: type[httpcore.TimeoutException]) -> float | None:
    """A socket wait of `timeout` seconds cut to the running call's deadline; `error` past it."""
    ends_at = _ENDS_AT.get()
    if ends_at is None:
        return timeout
    left = ends_at - time.monotonic()
    if left <= 0:
        raise error("the call's deadline has passed")
    return left if timeout is None or timeout > left else timeout


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write waits no longer than the running call's deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _cut(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _cut(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        cut = _cut(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, cut))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _AsyncDeadlineStream(httpcore.AsyncNetworkStream):
    """_DeadlineStream, for async connections."""

    def __init__(self, stream: httpcore.AsyncNetworkStream) -> None:
        self._stream = stream

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._stream.read(max_bytes, _cut(timeout, httpcore.ReadTimeout))

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._stream.write(buffer, _cut(timeout, httpcore.WriteTimeout))

    async def aclose(self) -> None:
        await self._stream.aclose()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        cut = _cut(timeout, httpcore.ConnectTimeout)
        return _AsyncDeadlineStream(await self._stream.start_tls(ssl_context, server_hostname, cut))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """Opens connections whose socket waits end at the running call's deadline."""

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        cut = _cut(timeout, httpcore.ConnectTimeout)
        stream = self._backend.connect_tcp(host, port, cut, local_address, socket_options)
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        cut = _cut(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._backend.connect_unix_socket(path, cut, socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


class _AsyncDeadlineBackend(httpcore.AsyncNetworkBackend):
    """_DeadlineBackend, for async connections."""

    def __init__(self, backend: httpcore.AsyncNetworkBackend) -> None:
        self._backend = backend

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        cut = _cut(timeout, httpcore.ConnectTimeout)
        stream = await self._backend.connect_tcp(host, port, cut, local_address, socket_options)
        return _AsyncDeadlineStream(stream)

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        cut = _cut(timeout, httpcore.ConnectTimeout)
        return _AsyncDeadlineStream(
            await self._backend.connect_unix_socket(path, cut, socket_options)
        )

    async def sleep(self, seconds: float) -> None:
        await self._backend.sleep(seconds)


def bound_sockets(transports: Iterable[object]) -> None:
    """Make the connections httpx's own transports among `transports` open (and those of a
    transport they wrap, like RetryTransport's) wait no longer than the running call's deadline.
    Other transports are left as they are: they bound their waits themselves, or not."""
    for transport in transports:
        inner = getattr(transport, "_transport", None)
        if inner is not None:
            bound_sockets([inner])
        pool = getattr(transport, "_pool", None)
        if isinstance(pool, httpcore.ConnectionPool) and not isinstance(
            pool._network_backend, _DeadlineBackend
        ):
            pool._network_backend = _DeadlineBackend(pool._network_backend)
        elif isinstance(pool, httpcore.AsyncConnectionPool) and not isinstance(
            pool._network_backend, _AsyncDeadlineBackend
        ):
            pool._network_backend = _AsyncDeadlineBackend(pool._network_backend)


class request_deadline:
    """Within this block, `request` has a deadline `seconds` from its start (or the earlier one it
    had): its httpx timeouts are cut to it, RetryTransport waits no longer, and read_bounded() stops
    reading its answer there (errors.DeadlineExceeded). After the block the request's earlier
    deadline and timeouts are back, for a transport that sends it again.

    Used by every call (Client.deadline) and by transports that bound each request they send
    themselves.
    """

    __slots__ = ("_ends_at", "_request", "_saved", "_seconds")

    def __init__(self, request: httpx.Request, seconds: float) -> None:
        self._request = request
        self._seconds = seconds

    def __enter__(self) -> None:
        extensions = self._request.extensions
        timeouts = extensions.get("timeout")
        earlier = extensions.get(_DEADLINE)
        self._saved = (earlier, dict(timeouts) if isinstance(timeouts, dict) else None)
        ends_at = time.monotonic() + self._seconds
        if earlier is None or ends_at < earlier[0]:
            extensions[_DEADLINE] = (ends_at, self._seconds)
        self._ends_at = _ENDS_AT.set(extensions[_DEADLINE][0])
        try:
            _within_deadline(self._request)
        except BaseException:
            self.__exit__()
            raise

    def __exit__(self, kind: object = None, error: object = None, traceback: object = None) -> None:
        extensions = self._request.extensions
        deadline = extensions[_DEADLINE]
        _ENDS_AT.reset(self._ends_at)
        earlier, timeouts = self._saved
        if earlier is None:
            extensions.pop(_DEADLINE, None)
        else:
            extensions[_DEADLINE] = earlier
        if timeouts is not None:
            extensions["timeout"] = timeouts
        if isinstance(error, httpx.TimeoutException):
            _ended(error, self._request, deadline)


class _Sliced(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A compressed body's bytes, in slices of at most _COMPRESSED_SLICE for the decoder."""

    def __init__(self, stream: httpx.SyncByteStream | httpx.AsyncByteStream) -> None:
        self._stream = stream

    def __iter__(self) -> Iterator[bytes]:
        if not isinstance(self._stream, httpx.SyncByteStream):
            raise TypeError("an async body read by a sync call")
        for chunk in self._stream:
            for start in range(0, len(chunk), _COMPRESSED_SLICE):
                yield chunk[start : start + _COMPRESSED_SLICE]

    async def __aiter__(self) -> AsyncIterator[bytes]:
        if not isinstance(self._stream, httpx.AsyncByteStream):
            raise TypeError("a sync body read by an async call")
        async for chunk in self._stream:
            for start in range(0, len(chunk), _COMPRESSED_SLICE):
                yield chunk[start : start + _COMPRESSED_SLICE]

    def close(self) -> None:
        if isinstance(self._stream, httpx.SyncByteStream):
            self._stream.close()

    async def aclose(self) -> None:
        if isinstance(self._stream, httpx.AsyncByteStream):
            await self._stream.aclose()


class _Body:
    """An answer's body as it is read: its decoded chunks, within the cap and the request's
    deadline. A body read in one chunk (most answers) costs one test of each."""

    __slots__ = ("chunks", "ends_at", "max_bytes", "read", "response", "seconds")

    def __init__(self, response: httpx.Response, max_bytes: int) -> None:
        request = response.request
        # The body's reads wait no longer than the deadline: httpcore reads the request's
        # timeouts as the body starts (a transport whose sockets end at the deadline, see
        # bound_sockets, needs no cut; another one does).
        _within_deadline(request)
        deadline = request.extensions.get(_DEADLINE)
        self.ends_at: float
        self.seconds: float
        self.ends_at, self.seconds = deadline if deadline is not None else (float("inf"), 0.0)
        if "content-encoding" in response.headers:
            response.stream = _Sliced(response.stream)
        self.response = response
        self.max_bytes = max_bytes
        self.chunks: list[bytes] = []
        self.read = 0

    def add(self, chunk: bytes) -> None:
        self.read += len(chunk)
        if self.read > self.max_bytes:
            self.chunks.append(chunk[: len(chunk) - (self.read - self.max_bytes)])
            raise too_large(self.response, b"".join(self.chunks), self.max_bytes)
        if time.monotonic() >= self.ends_at:
            raise DeadlineExceeded(self.seconds, self.response.request)
        self.chunks.append(chunk)

    def keep(self) -> bytes:
        # Where httpx's own read() keeps the body, for .content, .json() and .text.
        chunks = self.chunks
        content = self.response._content = chunks[0] if len(chunks) == 1 else b"".join(chunks)
        return content


def _read_already(response: httpx.Response, max_bytes: int) -> bytes | None:
    """The body of an answer its transport read whole before handing it over (an httpx.Response
    built with `content=`, as httpx.MockTransport handlers answer), checked as the last chunk of a
    streamed body is: within `max_bytes` (errors.ResponseTooLarge) and the request's deadline
    (errors.DeadlineExceeded). None for a body still to be read. Such an answer holds nothing to
    release (nothing is left to read), and is left as httpx's own read() leaves it: open."""
    content: bytes | None = getattr(response, "_content", None)
    if content is None:
        return None
    if len(content) > max_bytes:
        raise too_large(response, content[:max_bytes], max_bytes)
    request = response.request
    deadline = request.extensions.get(_DEADLINE)
    if deadline is not None and time.monotonic() >= deadline[0]:
        raise DeadlineExceeded(deadline[1], request)
    return content


def read_bounded(response: httpx.Response, max_bytes: int) -> bytes:
    """httpx's response.read(), within `max_bytes` of decoded body (errors.ResponseTooLarge) and the
    deadline of `response.request` (errors.DeadlineExceeded; see request_deadline). The response is
    closed after (unless its transport had read it whole: see _read_already)."""
    content = _read_already(response, max_bytes)
    if content is not None:
        return content
    try:
        body = _Body(response, max_bytes)
        for chunk in response.iter_bytes():
            body.add(chunk)
    finally:
        response.close()
    return body.keep()


async def aread_bounded(response: httpx.Response, max_bytes: int) -> bytes:
    """read_bounded(), for async responses."""
    content = _read_already(response, max_bytes)
    if content is not None:
        return content
    try:
        body = _Body(response, max_bytes)
        async for chunk in response.aiter_bytes():
            body.add(chunk)
    finally:
        await response.aclose()
    return body.keep()


def _start(request: httpx.Request, seconds: float) -> contextvars.Token[float | None]:
    """Give `request`, built for one call, the call's deadline `seconds` from now: its httpx
    timeouts cut to it, and the sockets of the client's transports (_ENDS_AT, which the caller
    resets with the token returned)."""
    ends_at = time.monotonic() + seconds
    extensions = request.extensions
    extensions[_DEADLINE] = (ends_at, seconds)
    timeouts = extensions.get("timeout")
    if isinstance(timeouts, dict):
        for phase, value in timeouts.items():
            if value is None or value > seconds:
                timeouts[phase] = seconds
    return _ENDS_AT.set(ends_at)


def _ended(
    error: httpx.TimeoutException, request: httpx.Request, deadline: tuple[float, float]
) -> None:
    """errors.DeadlineExceeded from `error` if what fired was a timeout cut to the call's
    `deadline` (its instant and its seconds): the deadline is what ended the call."""
    ends_at, seconds = deadline
    if not isinstance(error, DeadlineExceeded) and time.monotonic() >= ends_at - _TIMER_SLACK:
        raise DeadlineExceeded(seconds, request) from error


def send_bounded(
    client: httpx.Client, request: httpx.Request, seconds: float, max_bytes: int
) -> httpx.Response:
    """Send `request` (built for this call) and read its answer whole, within `seconds` in all
    (errors.DeadlineExceeded) and `max_bytes` of decoded body (errors.ResponseTooLarge): what
    `with request_deadline(...)` around send(stream=True) and read_bounded() do, in fewer steps."""
    token = _start(request, seconds)
    try:
        response = client.send(request, stream=True)
        read_bounded(response, max_bytes)
    except httpx.TimeoutException as error:
        _ended(error, request, request.extensions[_DEADLINE])
        raise
    finally:
        _ENDS_AT.reset(token)
    return response


async def asend_bounded(
    client: httpx.AsyncClient, request: httpx.Request, seconds: float, max_bytes: int
) -> httpx.Response:
    """send_bounded(), for async calls."""
    token = _start(request, seconds)
    try:
        response = await client.send(request, stream=True)
        await aread_bounded(response, max_bytes)
    except httpx.TimeoutException as error:
        _ended(error, request, request.extensions[_DEADLINE])
        raise
    finally:
        _ENDS_AT.reset(token)
    return response
