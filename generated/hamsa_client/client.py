import asyncio
import email.utils
import json
import logging
import os
import re
import ssl
import threading
import time
import unicodedata
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Self

import httpx
from attrs import Factory, define, evolve, field, validators

from .errors import CREDENTIAL_HEADERS, MASK, DeadlineExceeded, KeyMask, mask_in_logs, too_deep, too_large

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
"""Timeout of a client built without `timeout=`: 5 s to connect, 30 s for each read, write and pool wait."""

DEFAULT_MAX_ANSWER_BYTES = 8 * 1024 * 1024
"""Longest body, decoded, a client built without `max_answer_bytes=` reads (8 MiB; a clone answer is a few KB)."""
DEFAULT_MAX_JSON_DEPTH = 128
"""Deepest nesting of arrays and objects a client built without `max_json_depth=` parses (the spec's full 200 example: 5)."""
DEFAULT_DEADLINE = 120.0
"""Seconds a whole call may take in a client built without `deadline=`: connecting, sending, every read and
retries' waits together."""

# Where a request carries its call's deadline (a time.monotonic() instant), for RetryTransport's waits.
_DEADLINE = "hamsa_client.deadline"
# How much earlier than a deadline a socket's timer may fire (it counts in milliseconds).
_TIMER_SLACK = 0.01
# Compressed bytes handed to httpx's decoder at a time: deflate expands a byte to 1032 at most, so a slice
# decodes to at most ~8 MiB before the running total is checked.
_COMPRESSED_SLICE = 8 * 1024
# A JSON string (skipped whole) or a bracket: what json_too_deep reads.
_JSON_NESTING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)


def json_too_deep(document: bytes | str, max_depth: int) -> bool:
    """Whether the JSON text `document` nests arrays and objects deeper than `max_depth` levels.

    Brackets inside strings do not count. Cheap: text with at most `max_depth` opening brackets in all is
    not read further. Invalid JSON may be answered either way (json.loads refuses it after).
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
    """The answer's body as JSON; errors.JsonTooDeep past `max_depth` levels (ValueError if not JSON)."""
    content = response.content
    if json_too_deep(content, max_depth):
        raise too_deep(response, max_depth)
    return json.loads(content)


def _seconds_left(request: httpx.Request) -> float:
    """What is left of the request's deadline, in seconds (infinite without one); errors.DeadlineExceeded when
    nothing is."""
    deadline = request.extensions.get(_DEADLINE)
    if deadline is None:
        return float("inf")
    ends_at, seconds = deadline
    left = float(ends_at - time.monotonic())
    if left <= 0:
        raise DeadlineExceeded(seconds, request)
    return left


def _within_deadline(request: httpx.Request) -> None:
    """Cut the request's httpx timeouts (connect, each read and write, the pool wait) to what is left of its
    deadline. httpcore reads them as each phase starts (connecting, sending, the answer's head, its body)."""
    left = _seconds_left(request)
    timeouts = request.extensions.get("timeout")
    if isinstance(timeouts, dict):
        for phase, seconds in timeouts.items():
            if seconds is None or seconds > left:
                timeouts[phase] = left


class request_deadline:
    """Within this block, `request` has a deadline `seconds` from its start (or the earlier one it had): its httpx
    timeouts are cut to it, RetryTransport waits no longer, and read_bounded() stops reading its answer there
    (errors.DeadlineExceeded). After the block the request's earlier deadline and timeouts are back, for a
    transport that sends it again.

    Used by every call (Client.deadline) and by transports that bound each request they send themselves.
    """

    __slots__ = ("_request", "_saved", "_seconds")

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
        try:
            _within_deadline(self._request)
        except BaseException:
            self.__exit__()
            raise

    def __exit__(self, kind: object = None, error: object = None, traceback: object = None) -> None:
        extensions = self._request.extensions
        ends_at, seconds = extensions[_DEADLINE]
        earlier, timeouts = self._saved
        if earlier is None:
            extensions.pop(_DEADLINE, None)
        else:
            extensions[_DEADLINE] = earlier
        if timeouts is not None:
            extensions["timeout"] = timeouts
        # An httpx timeout cut to the deadline fired: the deadline is what ended the call.
        if (
            isinstance(error, httpx.TimeoutException)
            and not isinstance(error, DeadlineExceeded)
            and time.monotonic() >= ends_at - _TIMER_SLACK
        ):
            raise DeadlineExceeded(seconds, self._request) from error


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
    """An answer's body as it is read: its decoded chunks, within the cap and the request's deadline."""

    def __init__(self, response: httpx.Response, max_bytes: int) -> None:
        _within_deadline(response.request)
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
        _seconds_left(self.response.request)
        self.chunks.append(chunk)

    def keep(self) -> bytes:
        # Where httpx's own read() keeps the body, for .content, .json() and .text.
        content = self.response._content = b"".join(self.chunks)
        return content


def read_bounded(response: httpx.Response, max_bytes: int) -> bytes:
    """httpx's response.read(), within `max_bytes` of decoded body (errors.ResponseTooLarge) and the deadline of
    `response.request` (errors.DeadlineExceeded; see request_deadline). The response is closed after."""
    try:
        body = _Body(response, max_bytes)
        for chunk in response.iter_bytes():
            body.add(chunk)
    finally:
        response.close()
    return body.keep()


async def aread_bounded(response: httpx.Response, max_bytes: int) -> bytes:
    """read_bounded(), for async responses."""
    try:
        body = _Body(response, max_bytes)
        async for chunk in response.aiter_bytes():
            body.add(chunk)
    finally:
        await response.aclose()
    return body.keep()


def send(client: "Client | AuthenticatedClient", kwargs: dict[str, Any]) -> httpx.Response:
    """Send the request `kwargs` describe (an endpoint's _get_kwargs) and read its answer whole, within the
    client's max_answer_bytes (errors.ResponseTooLarge) and deadline (errors.DeadlineExceeded)."""
    httpx_client = client.get_httpx_client()
    request = httpx_client.build_request(**kwargs)
    with request_deadline(request, client.deadline):
        response = httpx_client.send(request, stream=True)
        read_bounded(response, client.max_answer_bytes)
    return response


async def send_async(client: "Client | AuthenticatedClient", kwargs: dict[str, Any]) -> httpx.Response:
    """send(), for async calls."""
    httpx_client = client.get_async_httpx_client()
    request = httpx_client.build_request(**kwargs)
    with request_deadline(request, client.deadline):
        response = await httpx_client.send(request, stream=True)
        await aread_bounded(response, client.max_answer_bytes)
    return response


# Options of httpx.Client that configure its default transport; passed on when RetryTransport wraps one.
_TRANSPORT_OPTIONS = ("cert", "trust_env", "http1", "http2", "limits")


class Region(StrEnum):
    """The API's regional servers (the spec's `servers`): pass one as `base_url`."""

    EU = "https://api.tryhamsa.com"
    UAE = "https://api.uae.tryhamsa.com"


def _masked_headers_repr(headers: Mapping[str, str]) -> str:
    """repr of `headers` with the values of credential headers hidden."""
    return repr({name: MASK if name.lower() in CREDENTIAL_HEADERS else value for name, value in headers.items()})


def _masked_cookies_repr(cookies: Mapping[str, str]) -> str:
    """repr of `cookies` with every value hidden: a cookie is a credential (a session), like the key."""
    return repr({name: MASK for name in cookies})


def _check_token(client: Any, attribute: Any, token: str) -> None:
    """Refuse a token that cannot be sent in a header (httpx would fail at the first call, quoting it), without
    quoting it; and mask an accepted one in httpx' and httpcore's logs."""
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
            f"token has {problem} at position {position + 1} of {len(token)}: it cannot be sent in a header"
        )
    mask_in_logs(token)


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


WATCH_LOGGER = "hamsa_client.contract"
"""The logger the contract watch reports to (warnings for drift, errors for contract breaks)."""
FINDINGS_FORMAT = "hamsa-client-findings/1"
"""The `format` of every line of a findings file (read by `make adopt-drift` and `hamsa-contract-test --from`)."""
_watch_logger = logging.getLogger(WATCH_LOGGER)
# Findings already reported by this process (its every ContractWatch): each is logged and written once.
_reported: set[tuple[str, int, str, str]] = set()
_reported_lock = threading.Lock()


@define(frozen=True)
class AnswerShape:
    """What the spec declares for one object schema (a model) of the answers.

    Attributes:
        required: The declared fields an answer must carry.
        optional: The declared fields an answer may leave out.
        children: Field -> the ANSWER_SHAPES entry of the object it holds (`"[]" + name`: an array of them).
        fields: Every declared field (required and optional).
    """

    required: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    children: Mapping[str, str] = field(factory=dict)
    fields: frozenset[str] = field(
        init=False, default=Factory(lambda self: self.required | self.optional, takes_self=True)
    )


# Every model the watch compares, by name (references, not nesting: a model may contain itself).
ANSWER_SHAPES: Mapping[str, AnswerShape] = {
    "CloneVoiceAgentRequest": AnswerShape(
        required=frozenset(()),
        optional=frozenset(("agentName",)),
        children={},
    ),
    "CloneVoiceAgentResponse": AnswerShape(
        required=frozenset(
            (
                "success",
                "message",
                "data",
            )
        ),
        optional=frozenset(()),
        children={
            "data": "VoiceAgent",
        },
    ),
    "ErrorResponse": AnswerShape(
        required=frozenset(("success",)),
        optional=frozenset(
            (
                "message",
                "messageKey",
                "error",
            )
        ),
        children={},
    ),
    "VoiceAgent": AnswerShape(
        required=frozenset(
            (
                "id",
                "agentName",
                "createdAt",
                "updatedAt",
            )
        ),
        optional=frozenset(
            (
                "greetingMessage",
                "greetingMessageType",
                "description",
                "preamble",
                "lang",
                "pokeMessages",
                "realTime",
                "silenceThreshold",
                "interrupt",
                "type",
                "outcome",
                "outcomeResponseShape",
                "projectId",
                "apiKeyId",
                "voiceId",
                "voiceRecordId",
                "voiceRecord",
                "collectionId",
                "isTemplate",
                "icon",
                "webhookUrl",
                "webhookAuth",
                "params",
                "alignment",
                "tools",
                "webToolsIds",
                "voiceDictionaryIds",
                "knowledgeBaseItemsIds",
                "webToolsOverrides",
                "userInactivityTimeout",
                "maxCallDuration",
                "responseDelay",
                "backgroundNoise",
                "waitForUserToSpeakFirst",
                "thinkingVoice",
                "speakerIdentification",
                "llmConfig",
                "noiseCancellation",
                "cancelNoisePer",
                "agenticRag",
                "languageDialectSwitcher",
                "minInterruptionDuration",
                "vadActivationThreshold",
                "enableAutoGainControl",
                "sendDenoisedToStt",
            )
        ),
        children={
            "webhookAuth": "WebhookAuth",
            "alignment": "Alignment",
            "tools": "AgentTools",
            "llmConfig": "LlmConfig",
        },
    ),
    "WebhookAuth": AnswerShape(
        required=frozenset(()),
        optional=frozenset(
            (
                "authKey",
                "authSecret",
            )
        ),
        children={},
    ),
    "Alignment": AnswerShape(
        required=frozenset(()),
        optional=frozenset(
            (
                "greetingMessage",
                "preamble",
            )
        ),
        children={},
    ),
    "AgentTools": AnswerShape(
        required=frozenset(()),
        optional=frozenset(
            (
                "genderDetection",
                "smartCallEnd",
            )
        ),
        children={},
    ),
    "LlmConfig": AnswerShape(
        required=frozenset(()),
        optional=frozenset(
            (
                "provider",
                "modelName",
                "baseUrl",
                "apiKey",
                "temperature",
            )
        ),
        children={},
    ),
}


@define(eq=False)
class _Place:
    """Where the watch meets an object of a declared shape (or an array of them) in an answer, worked out once per
    path: each answer then costs set tests and dict lookups there, no path strings and no ANSWER_SHAPES lookups.

    Attributes:
        path: Dotted JSON path ("" for the body itself; array items written `[]`).
        shape: The declared shape; None for an array, whose items are `items`.
        items: An array's items.
        expects_optional: Whether declared optional fields absent here are reported (at or below `complete_under`).
        complete_under: The answer's `complete_under`, handed down to the places below.
    """

    path: str
    shape: AnswerShape | None
    items: "_Place | None"
    expects_optional: bool
    complete_under: str | None
    # Worked out the first time an answer reaches this place, not up front: a model may contain itself, and then
    # its paths have no end.
    _children: "tuple[tuple[str, _Place], ...] | None" = field(default=None, init=False)

    def children(self) -> "tuple[tuple[str, _Place], ...]":
        """(field, place) of each declared field that holds an object of a declared shape."""
        if self._children is None:
            shape = self.shape.children if self.shape is not None else {}
            below = (
                (name, _place(child, f"{self.path}.{name}" if self.path else name, self.complete_under))
                for name, child in shape.items()
            )
            self._children = tuple((name, place) for name, place in below if place is not None)
        return self._children


def _place(shape_name: str, path: str, complete_under: str | None) -> _Place | None:
    """The place of an ANSWER_SHAPES entry (`"[]" + name`: an array of them) at `path`; None where none is declared."""
    if shape_name.startswith("[]"):
        items = _place(shape_name[2:], f"{path}[]", complete_under)
        return None if items is None else _Place(path, None, items, False, complete_under)
    shape = ANSWER_SHAPES.get(shape_name)
    if shape is None:
        return None
    expects_optional = complete_under is not None and (path == complete_under or path.startswith(complete_under + "."))
    return _Place(path, shape, None, expects_optional, complete_under)


# Where a rule's `query.<name>` and `body.<field>` are in a request's _get_kwargs.
_SENT_PARTS = {"query": "params", "body": "json"}


@define(frozen=True)
class _Comparison:
    """An `as-sent` or `not-the-source` rule, its paths split once: the answer's `path` against the request's `source`."""

    path: str
    source: str
    steps: tuple[str, ...]
    sent_part: str
    sent_steps: tuple[str, ...]

    @classmethod
    def of(cls, path: str, source: str) -> "_Comparison":
        part, _, name = source.partition(".")
        return cls(path, source, tuple(path.split(".")), _SENT_PARTS.get(part, part), tuple(name.split(".")))


@define(frozen=True)
class AnswerContract:
    """One documented status of an operation: its shape and the spec's `x-hamsa-watch` rules for it.

    Attributes:
        shape: The ANSWER_SHAPES entry of the answer's body (`"[]" + name` for an array; "" for no object).
        complete_under: Dotted path below which every declared optional field is expected (None: nowhere).
        as_sent: Answer path -> `body.<field>` or `query.<name>` of the request it must equal exactly.
        not_the_source: Answer path -> `body.<field>` or `query.<name>` of the request it must differ from.
        fresh: Answer path of a date-time -> seconds it may be from the client's clock when the answer arrived.
    """

    shape: str
    complete_under: str | None = None
    as_sent: Mapping[str, str] = field(factory=dict)
    not_the_source: Mapping[str, str] = field(factory=dict)
    fresh: Mapping[str, float] = field(factory=dict)
    # The same, worked out once for every answer to come: where the body's shape starts, the rules' paths split.
    _body: _Place | None = field(
        init=False,
        eq=False,
        repr=False,
        default=Factory(lambda self: _place(self.shape, "", self.complete_under), takes_self=True),
    )
    _as_sent: tuple[_Comparison, ...] = field(
        init=False,
        eq=False,
        repr=False,
        default=Factory(lambda self: tuple(_Comparison.of(*rule) for rule in self.as_sent.items()), takes_self=True),
    )
    _not_the_source: tuple[_Comparison, ...] = field(
        init=False,
        eq=False,
        repr=False,
        default=Factory(
            lambda self: tuple(_Comparison.of(*rule) for rule in self.not_the_source.items()), takes_self=True
        ),
    )
    _fresh: tuple[tuple[str, tuple[str, ...], float], ...] = field(
        init=False,
        eq=False,
        repr=False,
        default=Factory(
            lambda self: tuple((path, tuple(path.split(".")), seconds) for path, seconds in self.fresh.items()),
            takes_self=True,
        ),
    )


@define(frozen=True)
class OperationContract:
    """What the contract watch compares an operation's answers with (generated into each endpoint module)."""

    operation: str
    method: str
    path: str
    answers: Mapping[int, AnswerContract]


@define(frozen=True)
class Finding:
    """One difference between an answer and the spec. Never holds the key: a value or place that carried it is masked.

    Attributes:
        kind: `unknown_field`, `declared_field_absent` (drift, a warning), or a contract break (an error):
            `not_as_sent`, `same_as_source`, `not_fresh`, `api_key_in_answer`.
        operation, method, path, status: Where it was seen.
        field: Dotted JSON path of the field (array items written `[]`), or where the key was (`body`, `header <name>`).
        json_type: Inferred JSON type of an unknown field's value.
        detail: What was wrong, in words (never a value of the answer).
        value: An unknown field's value (for `make adopt-drift`); masked when it carried the key.
        carries_api_key: Whether the value (or the field's name) carried the key.
    """

    kind: str
    operation: str
    method: str
    path: str
    status: int
    field: str
    json_type: str | None = None
    detail: str | None = None
    value: Any = None
    carries_api_key: bool = False

    @property
    def is_break(self) -> bool:
        return self.kind not in ("unknown_field", "declared_field_absent")

    def message(self) -> str:
        where = f"{self.method} {self.path} -> {self.status}"
        if self.kind == "unknown_field":
            return f"{where}: unknown field {self.field} ({self.json_type}), not in the spec"
        if self.kind == "declared_field_absent":
            return f"{where}: declared optional field {self.field} absent"
        return f"{where}: contract broken ({self.kind}): {self.field}: {self.detail}"

    def to_json(self, observed_at: datetime, server: str) -> dict[str, Any]:
        """The finding as one line of a findings file."""
        line: dict[str, Any] = {
            "format": FINDINGS_FORMAT,
            "observed_at": observed_at.isoformat().replace("+00:00", "Z"),
            "server": server,
            "operation": self.operation,
            "method": self.method,
            "path": self.path,
            "status": self.status,
            "kind": self.kind,
            "field": self.field,
        }
        if self.kind == "unknown_field":
            line.update(type=self.json_type, value=self.value, carries_api_key=self.carries_api_key)
        if self.detail is not None:
            line["detail"] = self.detail
        return line


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _is_new(where: tuple[str, str, str, int], kind: str, field: str) -> bool:
    """Whether this process has yet to report the finding. Read without the lock: it only spares building findings
    that every answer shows (`_report` decides, under the lock, what is reported)."""
    return (where[0], where[3], kind, field) not in _reported


@define
class ContractWatch:
    """Opt-in: compares each answer the client parses with the spec it was generated from.

    Pass one as `watch=` to Client or AuthenticatedClient. Each distinct finding (kind, status, field) is
    reported once per process: to the `hamsa_client.contract` logger (WARNING for drift, ERROR for a contract
    break) and, with `findings_file`, as one JSON line appended to that file. Neither ever holds the key.
    An answer that breaks its types still raises errors.InvalidResponse, as without a watch; nothing else the
    watch meets changes a call's result (what it cannot compare or write is logged instead).

    Attributes:
        findings_file: Where to append findings as JSON lines (`make adopt-drift --report <file>` reads it).
        clock: The time an answer arrived (injectable, e.g. by tests); aware, UTC.
    """

    findings_file: str | os.PathLike[str] | None = None
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC), repr=False)
    _masks: dict[tuple[str, ...], KeyMask] = field(factory=dict, init=False, repr=False)
    _file_lock: threading.Lock = field(factory=threading.Lock, init=False, repr=False)

    def observe(
        self,
        contract: OperationContract,
        status: int,
        response: httpx.Response,
        document: Any,
        sent: Mapping[str, Any],
        secrets: list[str],
    ) -> None:
        """Compare one answer (`document`, its JSON) to the request `sent` (its _get_kwargs) with `contract`; report
        what is new. Never raises: the call returns what it would without the watch."""
        try:
            self._compare(contract, status, response, document, sent, secrets)
        except Exception as error:  # whatever it is, the call's result must not change
            _watch_logger.error(
                "%s %s -> %d: the watch could not finish comparing this answer (%s)",
                contract.method,
                contract.path,
                status,
                type(error).__name__,
            )

    def _compare(
        self,
        contract: OperationContract,
        status: int,
        response: httpx.Response,
        document: Any,
        sent: Mapping[str, Any],
        secrets: list[str],
    ) -> None:
        answer = contract.answers.get(status)
        if answer is None:
            return
        found: list[Finding] = []
        where = (contract.operation, contract.method, contract.path, status)
        mask = self._mask(secrets)
        if mask:
            self._look_for_key(mask, response, where, found)
        if answer._body is not None:
            _walk(document, answer._body, where, found)
        if answer._as_sent or answer._not_the_source or answer._fresh:
            self._check_rules(answer, sent, document, where, found)
        if found:
            self._report(found, mask, response)

    def _mask(self, secrets: list[str]) -> KeyMask:
        key = tuple(secrets)
        mask = self._masks.get(key)
        if mask is None:
            mask = self._masks[key] = KeyMask(secrets)
        return mask

    def _look_for_key(
        self, mask: KeyMask, response: httpx.Response, where: tuple[str, str, str, int], found: list[Finding]
    ) -> None:
        # What the answer means, not only its bytes: KeyMask finds the key escaped, URL-encoded or in base64 too.
        # One quick look at the whole answer first; only one that may show the key is searched part by part.
        headers = response.headers.raw
        if not mask.may_show(b"\n".join([response.content, *(part for header in headers for part in header)])):
            return
        places = [
            f"header {name.decode('latin-1')}"
            for name, value in headers
            if mask.in_header(value) or mask.in_header(name)
        ]
        if mask.in_body(response.content):
            places.append("body")
        for place in places:
            found.append(Finding("api_key_in_answer", *where, field=place, detail="the answer carries the API key"))

    def _check_rules(
        self,
        answer: AnswerContract,
        sent_kwargs: Mapping[str, Any],
        document: Any,
        where: tuple[str, str, str, int],
        found: list[Finding],
    ) -> None:
        for rule in answer._as_sent:
            sent, got = _at(sent_kwargs.get(rule.sent_part), rule.sent_steps), _at(document, rule.steps)
            # An empty value asks for nothing the answer must repeat (an empty agentName may get a
            # clone under a name the server chooses: CONTRACT.md decision 4).
            if isinstance(sent, str) and sent and got != sent:
                found.append(
                    Finding("not_as_sent", *where, field=rule.path, detail=_how_it_differs(sent, got, rule.source))
                )
        for rule in answer._not_the_source:
            sent, got = _at(sent_kwargs.get(rule.sent_part), rule.sent_steps), _at(document, rule.steps)
            if sent is not None and got == sent:
                found.append(
                    Finding("same_as_source", *where, field=rule.path, detail=f"equals the request's {rule.source}")
                )
        for path, steps, seconds in answer._fresh:
            got = _at(document, steps)
            if not isinstance(got, str):
                continue
            try:
                instant = datetime.fromisoformat(got)
            except ValueError:
                continue  # not a date-time at all: the schema's to say
            if instant.tzinfo is None:
                instant = instant.replace(tzinfo=UTC)
            off = (instant - self.clock()).total_seconds()
            if abs(off) > seconds:
                side = "before" if off < 0 else "after"
                found.append(
                    Finding(
                        "not_fresh",
                        *where,
                        field=path,
                        detail=f"{abs(off):.0f} s {side} the answer arrived (tolerance {seconds:g} s)",
                    )
                )

    def _report(self, found: list[Finding], mask: KeyMask, response: httpx.Response) -> None:
        fresh: list[Finding] = []
        with _reported_lock:
            for finding in found:
                key = (finding.operation, finding.status, finding.kind, finding.field)
                if key not in _reported:
                    _reported.add(key)
                    fresh.append(finding)
        if not fresh:
            return
        fresh = [_masked(finding, mask) for finding in fresh]
        for finding in fresh:
            _watch_logger.log(logging.ERROR if finding.is_break else logging.WARNING, "%s", finding.message())
        if self.findings_file is not None:
            observed_at = self.clock()
            url = response.request.url
            # Scheme, host and port only: never user info, a path or a query that may carry a credential.
            server = f"{url.scheme}://{url.host}" + (f":{url.port}" if url.port else "")
            lines = "".join(_findings_line(finding.to_json(observed_at, server)) for finding in fresh)
            try:
                with self._file_lock, open(self.findings_file, "a", encoding="utf-8") as out:
                    out.write(lines)
            except OSError as error:
                # Watching must never fail the call it watches: the findings are logged above.
                _watch_logger.error("cannot append findings to %s: %s", self.findings_file, error)


def _findings_line(line: dict[str, Any]) -> str:
    """One line of a findings file: UTF-8 as it reads, or all escaped when a value holds what UTF-8 cannot (a lone
    surrogate), so that every line stays valid JSON in a valid UTF-8 file."""
    text = json.dumps(line, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(line)
    return text + "\n"


def _masked(finding: Finding, mask: KeyMask) -> Finding:
    """`finding` with its field name and value masked if either carries the key."""
    if not mask or finding.kind == "api_key_in_answer" and not mask.hides(finding.field):
        return finding
    value_carries = finding.value is not None and mask.hides(json.dumps(finding.value, ensure_ascii=False))
    field_carries = mask.hides(finding.field)
    if not (value_carries or field_carries):
        return finding
    field_text = finding.field
    if field_carries:
        field_text = ".".join(MASK if mask.hides(part) else part for part in field_text.split("."))
    return evolve(finding, field=field_text, value=MASK if value_carries else finding.value, carries_api_key=True)


def _walk(value: Any, place: _Place, where: tuple[str, str, str, int], found: list[Finding]) -> None:
    # Runs on every answer: set tests first (no allocation), details only when something differs, and findings
    # only when new (an answer with drift shows the same drift in every call).
    if place.items is not None:
        if isinstance(value, list):
            for item in value:
                _walk(item, place.items, where, found)
        return
    shape = place.shape
    if shape is None or not isinstance(value, dict):
        return
    fields = shape.fields
    only_declared = fields.issuperset(value)
    if not only_declared:
        for name in sorted(value.keys() - fields):
            field_path = f"{place.path}.{name}" if place.path else name
            if _is_new(where, "unknown_field", field_path):
                found.append(
                    Finding(
                        "unknown_field", *where, field=field_path, json_type=_json_type(value[name]), value=value[name]
                    )
                )
    if (
        place.expects_optional
        # Only declared fields, as many as declared: every one is there.
        and not (only_declared and len(value) == len(fields))
        and not value.keys() >= shape.optional
    ):
        for name in sorted(shape.optional - value.keys()):
            field_path = f"{place.path}.{name}" if place.path else name
            if _is_new(where, "declared_field_absent", field_path):
                found.append(Finding("declared_field_absent", *where, field=field_path))
    for name, child in place.children():
        item = value.get(name)
        if item is not None:
            _walk(item, child, where, found)


def _at(document: Any, steps: tuple[str, ...]) -> Any:
    """The value at a path (its dotted parts) of a JSON document; None where there is none."""
    for step in steps:
        if not isinstance(document, dict):
            return None
        document = document.get(step)
    return document


def _how_it_differs(sent: str, got: Any, source: str) -> str:
    """How an answer's value differs from the one sent, in words: never the values themselves."""
    if not isinstance(got, str):
        return f"is {_json_type(got)}, not the {source} sent"
    if got == sent.strip():
        return f"the {source} sent, with its surrounding whitespace trimmed"
    if unicodedata.normalize("NFC", got) == unicodedata.normalize("NFC", sent):
        return f"the {source} sent, in another Unicode normal form"
    if got.casefold() == sent.casefold():
        return f"the {source} sent, in another case"
    return f"differs from the {source} sent ({len(sent)} characters sent, {len(got)} received)"


@define
class Client:
    """A class for keeping track of data related to the API

    The following are accepted as keyword arguments and will be used to construct httpx Clients internally:

        ``base_url``: The base URL for the API, all requests are made to a relative path to this URL.
        Defaults to Region.EU; Region.UAE targets the UAE server.

        ``cookies``: A dictionary of cookies to be sent with every request

        ``headers``: A dictionary of headers to be sent with every request

        ``timeout``: The maximum amount of a time each connect, read, write and pool wait can take. API functions
        will raise httpx.TimeoutException if this is exceeded. Defaults to DEFAULT_TIMEOUT; None leaves only
        ``deadline``, which bounds the whole call.

        ``verify_ssl``: Whether or not to verify the SSL certificate of the API server. This should be True in production,
        but can be set to False for testing purposes.

        ``follow_redirects``: Whether or not to follow redirects. Default value is False.

        ``httpx_args``: A dictionary of additional arguments to be passed to the ``httpx.Client`` and ``httpx.AsyncClient`` constructor.


    Attributes:
        retries: Opt-in retries (see RetryPolicy); None, the default, sends each request once.
        watch: Opt-in contract watch (see ContractWatch); None, the default, compares nothing.
        max_answer_bytes: Longest body a call reads, once decoded; a longer one raises
            errors.ResponseTooLarge.
        max_json_depth: Deepest nesting of arrays and objects a call parses; a deeper answer raises
            errors.JsonTooDeep.
        deadline: Seconds a whole call may take (connecting, sending, every read, retries' waits); past it a
            call raises errors.DeadlineExceeded.
    """

    retries: RetryPolicy | None = field(default=None, kw_only=True)
    watch: ContractWatch | None = field(default=None, kw_only=True)
    max_answer_bytes: int = field(default=DEFAULT_MAX_ANSWER_BYTES, kw_only=True, validator=validators.gt(0))
    max_json_depth: int = field(default=DEFAULT_MAX_JSON_DEPTH, kw_only=True, validator=validators.gt(0))
    deadline: float = field(default=DEFAULT_DEADLINE, kw_only=True, validator=validators.gt(0))
    _base_url: str = field(default=Region.EU, alias="base_url")
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies", repr=_masked_cookies_repr)
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

        ``timeout``: The maximum amount of a time each connect, read, write and pool wait can take. API functions
        will raise httpx.TimeoutException if this is exceeded. Defaults to DEFAULT_TIMEOUT; None leaves only
        ``deadline``, which bounds the whole call.

        ``verify_ssl``: Whether or not to verify the SSL certificate of the API server. This should be True in production,
        but can be set to False for testing purposes.

        ``follow_redirects``: Whether or not to follow redirects. Default value is False.

        ``httpx_args``: A dictionary of additional arguments to be passed to the ``httpx.Client`` and ``httpx.AsyncClient`` constructor.


    Attributes:
        retries: Opt-in retries (see RetryPolicy); None, the default, sends each request once.
        watch: Opt-in contract watch (see ContractWatch); None, the default, compares nothing.
        max_answer_bytes: Longest body a call reads, once decoded; a longer one raises
            errors.ResponseTooLarge.
        max_json_depth: Deepest nesting of arrays and objects a call parses; a deeper answer raises
            errors.JsonTooDeep.
        deadline: Seconds a whole call may take (connecting, sending, every read, retries' waits); past it a
            call raises errors.DeadlineExceeded.
        token: The API key (never shown in repr; one that cannot be sent in a header is refused, unquoted)
        prefix: The word before the key in the Authorization header
        auth_header_name: The name of the Authorization header
    """

    retries: RetryPolicy | None = field(default=None, kw_only=True)
    watch: ContractWatch | None = field(default=None, kw_only=True)
    max_answer_bytes: int = field(default=DEFAULT_MAX_ANSWER_BYTES, kw_only=True, validator=validators.gt(0))
    max_json_depth: int = field(default=DEFAULT_MAX_JSON_DEPTH, kw_only=True, validator=validators.gt(0))
    deadline: float = field(default=DEFAULT_DEADLINE, kw_only=True, validator=validators.gt(0))
    _base_url: str = field(default=Region.EU, alias="base_url")
    _cookies: dict[str, str] = field(factory=dict, kw_only=True, alias="cookies", repr=_masked_cookies_repr)
    _headers: dict[str, str] = field(factory=dict, kw_only=True, alias="headers", repr=_masked_headers_repr)
    _timeout: httpx.Timeout | None = field(default=DEFAULT_TIMEOUT, kw_only=True, alias="timeout")
    _verify_ssl: str | bool | ssl.SSLContext = field(default=True, kw_only=True, alias="verify_ssl")
    _follow_redirects: bool = field(default=False, kw_only=True, alias="follow_redirects")
    _httpx_args: dict[str, Any] = field(factory=dict, kw_only=True, alias="httpx_args")
    _client: httpx.Client | None = field(default=None, init=False)
    _async_client: httpx.AsyncClient | None = field(default=None, init=False)

    token: str = field(repr=False, kw_only=True, validator=_check_token)
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
