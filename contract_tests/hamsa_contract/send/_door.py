"""The one door for every request the suite sends, whoever builds it (hand-made checks,
hamsa_client, schemathesis through `send/_requests_bridge.py`).

At the door a clone request is told apart by its shape (`Shape`): one that may create an agent
is charged to the write budget; one that must not create one and gets a 2xx is a failure the first
time, and requests of that shape are not sent again (they would only add agents to the user's
account). A 429 is retried after its Retry-After, and holds back every request of the run for
that long (one shared pause: requests sent side by side would only meet the same 429). A request
that gets no answer (timeout, reset, a 429 that does not stop) makes its check not run: after the
first such answer to a shape, or
after a few in all, the door stops sending (a hung server must not hold the run for minutes).
Each attempt has `request_timeout` (`--timeout`) for all of it, from connecting to the last byte of
the answer: an answer dripped past it, or longer than the client's cap (DEFAULT_MAX_ANSWER_BYTES),
is no answer.
Every exchange goes to the journal, and every answer not judged elsewhere goes to the judge.

Requests may come from several threads at once (`settings.concurrency`). The first request of
each shape that must not create an agent goes alone: until a conformant answer to it is seen,
others of its shape wait, so a server that creates agents where it must not, or does not answer,
costs one agent or one timeout per shape, as when everything went one at a time. `prefetch` sends
a batch of such requests side by side ahead of the checks that need them; each answer is
journaled, settled and judged when its check asks for it, as if sent then.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Final

import httpx

from hamsa_client.client import (
    DEFAULT_MAX_ANSWER_BYTES,
    aread_bounded,
    read_bounded,
    request_deadline,
)
from hamsa_client.errors import DeadlineExceeded, ResponseTooLarge
from hamsa_contract import _agent_name_rules as name_rules
from hamsa_contract import _http_terms as http_terms
from hamsa_contract import _spec as spec
from hamsa_contract.plan._budget import NotRun, WriteBudget
from hamsa_contract.report._ledger import Ledger
from hamsa_contract.report._rules import RULES, defined
from hamsa_contract.send._journal import Exchange, Journal
from hamsa_contract.send._retry_after import (
    MAX_RETRIES,
    MAX_WAIT_SECONDS,
    SharedPause,
    retry_after_seconds,
)
from hamsa_contract.send._settings import DEFAULT_REQUEST_TIMEOUT_SECONDS

# After this many requests without an answer the door sends nothing more.
MAX_UNANSWERED: Final = 3
TOKEN_SCHEME: Final = "Token"
# The refusal of every method but POST on the clone path, once one answered 2xx (decision 10).
OTHER_METHOD: Final = "another method on the clone path"
# Set on requests whose answers schemathesis judges itself (see send/_requests_bridge.py).
JUDGED_BY_SCHEMATHESIS: Final = "hamsa.judged_by_schemathesis"
# The rule the door judges itself: it fails "no agent is created for <what>" and sends no more.
NO_AGENT_CREATED: Final = RULES.register(
    defined(
        "no_agent_created_where_none_may_be",
        "No agent is created for an invalid request, an unknown voiceAgentId or a request "
        "without valid credentials",
        "CONTRACT.md decisions 4, 5, 7 and 8 (an invalid request, an unknown id or a request "
        "without valid credentials never creates an agent)",
        None,
    )
)

# While set, the door sends nothing (see `recording_only`).
_RECORDING: ContextVar[bool] = ContextVar("recording", default=False)
_REPLAY: ContextVar[dict[tuple[object, ...], httpx.Response] | None] = ContextVar(
    "replay", default=None
)

Judge = Callable[[httpx.Response], None]
RequestKey = tuple[object, ...]


class NoAnswer(NotRun):
    """A request got no answer the check could use; the check did not run."""


class NotSent(NotRun):
    """The door did not send a request (see the message for why)."""


@dataclass(frozen=True)
class Shape:
    """What a clone request is, as far as creating an agent goes.

    `valid_credentials`: the first Authorization header carries the run's key (`Token`, in any
    case: RFC 9110 §11.1). With more headers after it, a conformant server may refuse the request
    or judge it by that first header (CONTRACT.md decision 9), so such a request may create an
    agent and is charged like one; a request whose first header is not the key never may.
    """

    valid_credentials: bool
    agent: str  # "known", "unknown" or "missing"
    valid_body: bool

    @property
    def may_create(self) -> bool:
        return self.valid_credentials and self.agent == "known" and self.valid_body

    @property
    def must_not_create(self) -> str | None:
        """Why a conformant server creates nothing for this request (None: it may)."""
        if not self.valid_credentials:
            return "a request without valid credentials"
        if self.agent == "unknown":
            return "an unknown voiceAgentId"
        if not self.may_create:
            return "an invalid request"
        return None


class GuardedTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Wraps the transports that reach the target (see the module docstring)."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        inner_async: httpx.AsyncBaseTransport,
        *,
        budget: WriteBudget,
        journal: Journal,
        ledger: Ledger,
        api_key: str,
        voice_agent_id: str,
        request_timeout: float = DEFAULT_REQUEST_TIMEOUT_SECONDS,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        fresh: httpx.BaseTransport | None = None,
        fresh_async: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._inner = inner
        self._request_timeout = request_timeout
        self._inner_async = inner_async
        # One new connection per request (None: the inner transports have no connections to
        # reuse), for requests that may create an agent and for sending again (`_attempt`).
        self._fresh = inner if fresh is None else fresh
        self._fresh_async = inner_async if fresh_async is None else fresh_async
        self._budget = budget
        self._journal = journal
        self._ledger = ledger
        self._api_key = api_key
        self._voice_agent_id = voice_agent_id
        self._sleep = sleep
        self.judge: Judge | None = None
        self._lock = threading.Lock()
        self._refused_shapes: dict[str, str] = {}
        self._unanswered_shapes: set[Shape] = set()
        self._unanswered = 0
        self._pause = SharedPause(clock)
        # Shapes that must not create an agent and got a conformant answer: sent side by side.
        self._cleared_shapes: set[Shape] = set()
        self._shape_gates: dict[Shape, threading.Lock] = {}
        self._prefetched: dict[RequestKey, deque[httpx.Response | Exception]] = {}

    @contextmanager
    def replaying_identical(
        self, answers: dict[tuple[object, ...], httpx.Response] | None = None
    ) -> Iterator[None]:
        """Inside this block a request identical to one already sent in it (or kept in `answers`)
        gets the same answer again without being sent: Hypothesis replays a failing example, and
        a replay must cost the user no agent."""
        token = _REPLAY.set({} if answers is None else answers)
        try:
            yield
        finally:
            _REPLAY.reset(token)

    def refuses(self, forbidden: str) -> bool:
        """Whether requests for `forbidden` (a `Shape.must_not_create` reason) are refused."""
        with self._lock:
            return forbidden in self._refused_shapes

    @property
    def unanswered(self) -> int:
        """How many requests got no answer so far."""
        with self._lock:
            return self._unanswered

    def shape(self, request: httpx.Request) -> Shape | None:
        """The request's shape, or None when it is not a clone request."""
        if not spec.is_clone_call(request.method, request.url.path):
            return None
        authorizations = request.headers.get_list(spec.token_auth_header())
        ids = request.url.params.get_list("voiceAgentId")
        if len(ids) != 1 or not ids[0]:
            agent = "missing"
        elif ids[0] == self._voice_agent_id or ids[0] in self._budget.created_ids:
            agent = "known"
        else:
            agent = "unknown"
        return Shape(
            valid_credentials=bool(authorizations)
            and http_terms.credentials(authorizations[0], TOKEN_SCHEME) == self._api_key,
            agent=agent,
            valid_body=_has_valid_body(request),
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if _RECORDING.get():
            raise NotSent("not sent: the run is only recording which requests its checks make")
        memo, key = self._replayed(request)
        if memo is not None:
            return memo
        shape = self.shape(request)
        prefetched = self._take_prefetched(request)
        if prefetched is not None:
            return self._settle(request, self._answer_prefetched(request, prefetched), shape, key)
        gate = self._enter_shape(shape)
        try:
            self._admit(request, shape)
            response = self._send_with_retries(request, shape, self._send)
            return self._settle(request, response, shape, key)
        finally:
            if gate is not None:
                gate.release()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        # No shape gate here: the suite's async requests are its planned writes, in flight
        # together on purpose; a thread lock would block their event loop.
        memo, key = self._replayed(request)
        if memo is not None:
            return memo
        shape = self.shape(request)
        self._admit(request, shape)
        waited = self._pause.due(-float("inf"))[0]
        for attempt in range(MAX_RETRIES + 1):
            waited, seconds = self._pause.due(waited)
            if seconds:
                await asyncio.sleep(seconds)
            response = await self._attempt_async(request, shape)
            wait = self._retry_wait(response, attempt, shape)
            if wait is None:
                break
            waited, seconds = self._pause.extend(wait)
            await asyncio.sleep(seconds)
        return self._settle(request, response, shape, key)

    def prefetch(self, requests: Iterable[httpx.Request], concurrency: int) -> None:
        """Send `requests` (those of them that must not create an agent) `concurrency` at a
        time, and keep each answer for the identical request a check sends later."""
        chosen = [
            request
            for request in requests
            if (shape := self.shape(request)) is not None and shape.must_not_create
        ]
        with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
            for request, outcome in zip(chosen, pool.map(self._fetch_ahead, chosen), strict=True):
                if outcome is not None:
                    with self._lock:
                        self._prefetched.setdefault(identity(request), deque()).append(outcome)

    def settle_unused(self) -> None:
        """Journal, settle and judge the prefetched answers no check asked for: every answer
        the run received is judged."""
        with self._lock:
            left, self._prefetched = self._prefetched, {}
        for outcomes in left.values():
            for outcome in outcomes:
                if isinstance(outcome, httpx.Response):
                    request = outcome.request
                    self._settle(request, self._record(request, outcome), self.shape(request), None)

    def _fetch_ahead(self, request: httpx.Request) -> httpx.Response | Exception | None:
        """One prefetched request: its answer, what stopped it from getting one, or None when
        it is left to be sent (or refused) when its check asks."""
        shape = self.shape(request)
        gate = self._enter_shape(shape)
        try:
            try:
                self._admit(request, shape)
            except NotRun:
                return None
            try:
                response = self._send_with_retries(request, shape, self._send_unrecorded)
            except _Unanswered as unanswered:
                return unanswered.error
            except NoAnswer as exc:
                return exc
            forbidden = shape.must_not_create if shape is not None else None
            with self._lock:
                if forbidden is not None and 200 <= response.status_code < 300:
                    # Its check fails it when it asks; no more like it are sent meanwhile.
                    self._refused_shapes.setdefault(
                        forbidden, "not sent: a request like this one created an agent"
                    )
                elif shape is not None:
                    self._cleared_shapes.add(shape)
            return response
        finally:
            if gate is not None:
                gate.release()

    def _take_prefetched(self, request: httpx.Request) -> httpx.Response | Exception | None:
        with self._lock:
            if not self._prefetched:
                return None
            key = identity(request)
            outcomes = self._prefetched.get(key)
            if not outcomes:
                return None
            outcome = outcomes.popleft()
            if not outcomes:
                del self._prefetched[key]
            return outcome

    def _answer_prefetched(
        self, request: httpx.Request, outcome: httpx.Response | Exception
    ) -> httpx.Response:
        if isinstance(outcome, httpx.TransportError | ResponseTooLarge):
            reason = describe_transport_error(outcome, request)
            self._journal.record_unanswered(request, reason)
            raise NoAnswer(f"no answer: {request.method} {request.url.path} {reason}")
        if isinstance(outcome, Exception):
            raise outcome
        return self._record(request, outcome)

    def _enter_shape(self, shape: Shape | None) -> threading.Lock | None:
        """Wait while another request of this shape, not yet answered conformantly, is out; the
        gate to release after the answer (None: nothing to wait for)."""
        if shape is None or not shape.must_not_create:
            return None
        with self._lock:
            if shape in self._cleared_shapes:
                return None
            gate = self._shape_gates.setdefault(shape, threading.Lock())
        gate.acquire()
        with self._lock:
            if shape in self._cleared_shapes:
                gate.release()
                return None
        return gate

    def _send_with_retries(
        self,
        request: httpx.Request,
        shape: Shape | None,
        send: Callable[[httpx.Request], httpx.Response],
    ) -> httpx.Response:
        waited = -float("inf")
        for attempt in range(MAX_RETRIES + 1):
            waited, seconds = self._pause.due(waited)
            if seconds:
                self._sleep(seconds)
            response = self._attempt(request, shape, send)
            wait = self._retry_wait(response, attempt, shape)
            if wait is None:
                break
            waited, seconds = self._pause.extend(wait)
            self._sleep(seconds)
        return response

    def _replayed(self, request: httpx.Request) -> tuple[httpx.Response | None, RequestKey | None]:
        answers = _REPLAY.get()
        if answers is None:
            return None, None
        key = identity(request)
        return answers.get(key), key

    def _admit(self, request: httpx.Request, shape: Shape | None) -> None:
        """Refuse what must not be sent; charge what may create an agent."""
        with self._lock:
            if self._unanswered >= MAX_UNANSWERED:
                raise NotSent(
                    f"not sent: the server left {self._unanswered} requests without an answer, "
                    "so the run stopped sending"
                )
            if shape is not None and shape in self._unanswered_shapes:
                raise NotSent("not sent: a request like this one got no answer before")
            if shape is not None:
                refusal = self._refused_shapes.get(shape.must_not_create or "")
            elif spec.is_clone_path(request.url.path):
                refusal = self._refused_shapes.get(OTHER_METHOD)
            else:
                refusal = None
        if refusal is not None:
            raise NotSent(refusal)
        if shape is not None and shape.may_create:
            self._budget.claim()

    def _attempt(
        self,
        request: httpx.Request,
        shape: Shape | None,
        send: Callable[[httpx.Request], httpx.Response],
    ) -> httpx.Response:
        try:
            return send(request)
        except (httpx.TransportError, ResponseTooLarge) as exc:
            if send == self._send_unrecorded:
                self._count_unanswered(shape)
                raise _Unanswered(exc) from None
            raise self._no_answer(request, shape, exc) from None

    async def _attempt_async(self, request: httpx.Request, shape: Shape | None) -> httpx.Response:
        try:
            pooled = shape is None or not shape.may_create
            inner = self._inner_async if pooled else self._fresh_async
            with request_deadline(request, self._request_timeout):
                try:
                    response = await inner.handle_async_request(request)
                except _CLOSED_UNANSWERED:
                    if not (pooled and _resendable(shape)):
                        raise
                    # As in `_send_unrecorded`.
                    response = await self._fresh_async.handle_async_request(request)
                response.request = request
                await aread_bounded(response, DEFAULT_MAX_ANSWER_BYTES)
        except (httpx.TransportError, ResponseTooLarge) as exc:
            raise self._no_answer(request, shape, exc) from None
        return self._record(request, response)

    def _send(self, request: httpx.Request) -> httpx.Response:
        return self._record(request, self._send_unrecorded(request))

    def _send_unrecorded(self, request: httpx.Request) -> httpx.Response:
        """Send on a pooled connection, or on a new one when the request may create an agent:
        then a connection the server closed meanwhile can never leave in doubt whether it did
        (RFC 9112 §9.3.1: a client does not send a non-idempotent request again by itself). The
        whole request, to the last byte of its answer, is bounded by the run's timeout."""
        shape = self.shape(request)
        pooled = shape is None or not shape.may_create
        with request_deadline(request, self._request_timeout):
            try:
                response = (self._inner if pooled else self._fresh).handle_request(request)
            except _CLOSED_UNANSWERED:
                if not (pooled and _resendable(shape)):
                    raise
                # RFC 9112 §9.5: a server may close an idle connection at any time, and one that
                # answered before reading a whole body (an early 401) closes it after the answer.
                # A request that creates nothing by plan goes again, once, on a new connection.
                response = self._fresh.handle_request(request)
            # A 429 is judged before it is retried, recorded or not: the judge reads its request.
            response.request = request
            read_bounded(response, DEFAULT_MAX_ANSWER_BYTES)
        return response

    def _record(self, request: httpx.Request, response: httpx.Response) -> httpx.Response:
        response.request = request
        self._journal.record(Exchange.of(response))
        return response

    def _no_answer(
        self,
        request: httpx.Request,
        shape: Shape | None,
        exc: httpx.TransportError | ResponseTooLarge,
    ) -> NoAnswer:
        self._count_unanswered(shape)
        reason = describe_transport_error(exc, request)
        self._journal.record_unanswered(request, reason)
        return NoAnswer(f"no answer: {request.method} {request.url.path} {reason}")

    def _count_unanswered(self, shape: Shape | None) -> None:
        with self._lock:
            self._unanswered += 1
            if shape is not None:
                self._unanswered_shapes.add(shape)

    def _retry_wait(
        self, response: httpx.Response, attempt: int, shape: Shape | None
    ) -> float | None:
        """Seconds to wait before sending again, or None to keep this answer. A 429 that does
        not stop counts as no answer, so the door stops sending like it."""
        if response.status_code != 429:
            return None
        # A 429 is an answer like any other (CONTRACT.md decision 5: the error envelope): judged
        # here, since neither schemathesis nor the check that sent it ever sees a retried one.
        if self.judge is not None:
            self.judge(response)
        wait = retry_after_seconds(response.headers.get("retry-after"))
        if attempt >= MAX_RETRIES or wait > MAX_WAIT_SECONDS:
            self._count_unanswered(shape)
            raise NoAnswer(
                f"no answer: still 429 Too Many Requests after {attempt + 1} tries "
                f"(Retry-After {response.headers.get('retry-after')!r}); run again later"
            )
        return wait

    def _settle(
        self,
        request: httpx.Request,
        response: httpx.Response,
        shape: Shape | None,
        key: tuple[object, ...] | None,
    ) -> httpx.Response:
        """Record what the answer created, refuse its shape if it broke the rules, judge it."""
        if shape is not None:
            forbidden = shape.must_not_create
            self._budget.record_answer(
                response.status_code, response.content, expected=forbidden is None
            )
            if forbidden is not None and 200 <= response.status_code < 300:
                self._refuse(forbidden, response)
            elif forbidden is not None:
                with self._lock:
                    self._cleared_shapes.add(shape)
        elif spec.is_clone_path(request.url.path) and 200 <= response.status_code < 300:
            # Another method that answered 2xx (a failure of decision 10, its check says so):
            # list the agent it reports for cleanup, never charge it, and send no more.
            self._budget.record_answer(response.status_code, response.content, expected=False)
            with self._lock:
                self._refused_shapes[OTHER_METHOD] = (
                    f"not sent: {request.method} on the clone path already answered "
                    f"{response.status_code} (a failure above); more would only risk your agents"
                )
        if self.judge is not None and not request.extensions.get(JUDGED_BY_SCHEMATHESIS):
            self.judge(response)
        answers = _REPLAY.get()
        if answers is not None and key is not None:
            answers[key] = response
        return response

    def _refuse(self, forbidden: str, response: httpx.Response) -> None:
        """Fail "no agent is created for <forbidden>" (NO_AGENT_CREATED) and send no more
        requests like it."""
        rule = f"no agent is created for {forbidden}"
        self._journal.blame(Exchange.of(response))
        source = NO_AGENT_CREATED.source
        self._ledger.record_failure(
            rule,
            f"{response.request.method} {response.request.url} -> {response.status_code}",
            source,
        )
        self._ledger.find(
            f"Rule broken: {rule}: the server answered {response.status_code} "
            f"(and may have created an agent) for {forbidden}\n{source.shown()}",
            rule=rule,
        )
        with self._lock:
            self._refused_shapes[forbidden] = (
                f"not sent: the server already created an agent for {forbidden} "
                "(a failure above); more such requests would only add agents to your account"
            )

    def close(self) -> None:
        """Nothing: the clients of a run share this transport; the suite closes the inner ones."""

    async def aclose(self) -> None:
        """Nothing, as for close()."""


@contextmanager
def recording_only() -> Iterator[None]:
    """Inside this block the door sends nothing (NotSent): checks run only to show which
    requests they would make, through a client of their own (see `send/_prefetch.py`)."""
    token = _RECORDING.set(True)
    try:
        yield
    finally:
        _RECORDING.reset(token)


# What a server closing a connection before any byte of answer looks like to httpx: h11's "Server
# disconnected without sending a response", or a reset while the request was written or awaited.
_CLOSED_UNANSWERED: Final = (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)


def _resendable(shape: Shape | None) -> bool:
    """Whether a request that got no answer may go again: it creates nothing by plan (not a
    clone request, or one a conformant server refuses)."""
    return shape is None or shape.must_not_create is not None


class _Unanswered(Exception):
    """A prefetched request got no answer: kept to be reported when its check asks for it."""

    def __init__(self, error: httpx.TransportError | ResponseTooLarge) -> None:
        super().__init__(str(error))
        self.error = error


def identity(request: httpx.Request) -> RequestKey:
    """What makes two requests the same request: method, URL, header lines and body."""
    return (request.method, str(request.url), tuple(request.headers.multi_items()), request.read())


def describe_transport_error(
    exc: httpx.TransportError | ResponseTooLarge, request: httpx.Request
) -> str:
    """One line for a request that got no answer."""
    if isinstance(exc, ResponseTooLarge):
        return f"answer longer than {exc.limit} bytes (the suite reads no more)"
    if isinstance(exc, DeadlineExceeded):
        return f"timed out: no complete answer within {exc.deadline:g} s (--timeout)"
    if isinstance(exc, httpx.TimeoutException):
        timeout = request.extensions.get("timeout")
        seconds = (
            (timeout.get("read") or timeout.get("connect")) if isinstance(timeout, dict) else None
        )
        return f"timed out after {seconds:g} s" if seconds else "timed out"
    if isinstance(exc, httpx.ConnectError):
        return f"could not connect ({str(exc) or type(exc).__name__})"
    return f"connection failed: {type(exc).__name__} ({str(exc) or 'no detail'})"


_UTF8_BOM: Final = b"\xef\xbb\xbf"


def clone_request_document(content_type: str | None, body: bytes) -> object | None:
    """The JSON value of a body a conformant server reads as a clone request, or None when it is
    not one (CONTRACT.md decision 14): sent as another media type than `application/json` (any
    case, any parameters: RFC 9110 §8.3), bytes that are not UTF-8, or not one JSON value alone
    (trailing data: RFC 8259 §2). What a parser may take besides JSON (RFC 8259 §9: NaN, which
    Python's parser reads), a leading byte order mark (RFC 8259 §8.1) and a body without a
    Content-Type (RFC 9110 §8.3) may create an agent."""
    # Without a Content-Type a server may examine the data (RFC 9110 §8.3): JSON may be read.
    if content_type is not None and not http_terms.is_json(content_type):
        return None
    try:
        document: object = json.loads(body.removeprefix(_UTF8_BOM).decode("utf-8"))
        return document
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def _has_valid_body(request: httpx.Request) -> bool:
    """Whether the request may create an agent: a body a conformant server reads as a clone
    request (decision 14) that is a JSON object with a string, missing or null `agentName`
    (decision 4: without a name the server may clone under its own)."""
    document = clone_request_document(request.headers.get("content-type"), request.read())
    return name_rules.may_create(document)
