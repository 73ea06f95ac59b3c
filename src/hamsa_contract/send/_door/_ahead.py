"""Answers the door has before a check asks: prefetched ones and replays.

`prefetch` sends a batch of requests that must not create an agent side by side, ahead of the
checks that need them; each answer is kept (`AheadStore`) and, when its check sends the identical
request, journaled, settled and judged as if sent then (`Ahead`). Inside `replaying_identical`, a
request identical to one already sent gets the same answer again without being sent (`Replayed`):
Hypothesis replays a failing example, and a replay must cost the user no agent. Inside
`recording_only`, the door sends nothing: checks run only to show which requests they would make.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import httpx

from hamsa_client.errors import ResponseTooLarge
from hamsa_contract.send._door._admission import NotSent
from hamsa_contract.send._door._journaling import Journaled
from hamsa_contract.send._door._layer import Call, Layer, Wrapper
from hamsa_contract.send._door._shapes import Shape
from hamsa_contract.send._door._steps import Plan

RequestKey = tuple[object, ...]
Outcome = httpx.Response | Exception

# While set, the door sends nothing (see `recording_only`).
_RECORDING: ContextVar[bool] = ContextVar("recording", default=False)
_REPLAY: ContextVar[dict[RequestKey, httpx.Response] | None] = ContextVar("replay", default=None)


def identity(request: httpx.Request) -> RequestKey:
    """What makes two requests the same request: method, URL, header lines and body."""
    return (request.method, str(request.url), tuple(request.headers.multi_items()), request.read())


@contextmanager
def recording_only() -> Iterator[None]:
    """Inside this block the door sends nothing (NotSent): checks run only to show which
    requests they would make, through a client of their own (see `send/_prefetch.py`)."""
    token = _RECORDING.set(True)
    try:
        yield
    finally:
        _RECORDING.reset(token)


@contextmanager
def replaying(answers: dict[RequestKey, httpx.Response] | None) -> Iterator[None]:
    token = _REPLAY.set({} if answers is None else answers)
    try:
        yield
    finally:
        _REPLAY.reset(token)


class AheadStore:
    """Outcomes of requests sent ahead, by request, first in first out; safe between threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: dict[RequestKey, deque[Outcome]] = {}

    def keep(self, request: httpx.Request, outcome: Outcome) -> None:
        with self._lock:
            self._kept.setdefault(identity(request), deque()).append(outcome)

    def take(self, request: httpx.Request) -> Outcome | None:
        with self._lock:
            if not self._kept:
                return None
            key = identity(request)
            outcomes = self._kept.get(key)
            if not outcomes:
                return None
            outcome = outcomes.popleft()
            if not outcomes:
                del self._kept[key]
            return outcome

    def take_all(self) -> list[Outcome]:
        with self._lock:
            left, self._kept = self._kept, {}
        return [outcome for outcomes in left.values() for outcome in outcomes]


class Ahead(Wrapper):
    """In a thread, a request whose answer was sent for ahead gets it, journaled and settled
    (`settle`) as if sent now; any other goes down to the layer below."""

    def __init__(
        self,
        below: Layer,
        store: AheadStore,
        journaled: Journaled,
        settle: Callable[[httpx.Request, httpx.Response, Shape | None], httpx.Response],
    ) -> None:
        super().__init__(below)
        self._store = store
        self._journaled = journaled
        self._settle = settle

    def plan(self, request: httpx.Request, call: Call) -> Plan[httpx.Response]:
        if not call.asynchronous:
            outcome = self._store.take(request)
            if outcome is not None:
                return self._settle(request, self._answer(request, outcome), call.shape)
        return (yield from self.below.plan(request, call))

    def _answer(self, request: httpx.Request, outcome: Outcome) -> httpx.Response:
        if isinstance(outcome, httpx.TransportError | ResponseTooLarge):
            raise self._journaled.unanswered(request, outcome)
        if isinstance(outcome, Exception):
            raise outcome
        return self._journaled.record(request, outcome)


class Replayed(Wrapper):
    """The top layer: reads each request's shape once; in a thread, sends nothing while only
    recording; inside `replaying_identical`, answers a request identical to one sent before
    with the same answer, without sending it."""

    def plan(self, request: httpx.Request, call: Call) -> Plan[httpx.Response]:
        if not call.asynchronous and _RECORDING.get():
            raise NotSent("not sent: the run is only recording which requests its checks make")
        answers = _REPLAY.get()
        key = None if answers is None else identity(request)
        if answers is not None and key is not None:
            memo = answers.get(key)
            if memo is not None:
                return memo
        call.shape = self.classify(request)
        response = yield from self.below.plan(request, call)
        if answers is not None and key is not None:
            answers[key] = response
        return response
