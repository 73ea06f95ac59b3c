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

The door is a stack of small transports, one concern each, every one written once for threads
and event loops alike (`_steps.py`): from the top, `Replayed` (replays and recording only, in
`_ahead.py`), `Ahead` (answers sent for ahead), `Admitted` (the write budget, refusals and shape
gates, `_admission.py`), `Settled` (the judge, `_settling.py`), `Paced` (429s, `_pause.py`),
`Journaled` (the journal, `_journaling.py`) and `Wire` (`_wire.py`). Requests sent ahead go
through `Paced`, `Unjournaled` and `Wire` only: they are journaled, settled and judged when their
check takes them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import httpx

from hamsa_contract.plan._budget import NotRun, WriteBudget
from hamsa_contract.report._ledger import Ledger
from hamsa_contract.send._door._admission import (
    MAX_UNANSWERED,
    OTHER_METHOD,
    Admission,
    Admitted,
    NotSent,
)
from hamsa_contract.send._door._ahead import (
    Ahead,
    AheadStore,
    Replayed,
    RequestKey,
    identity,
    recording_only,
    replaying,
)
from hamsa_contract.send._door._journaling import (
    Journaled,
    NoAnswer,
    Unanswered,
    Unjournaled,
    describe_transport_error,
)
from hamsa_contract.send._door._layer import Call
from hamsa_contract.send._door._pause import Paced
from hamsa_contract.send._door._settling import (
    JUDGED_BY_SCHEMATHESIS,
    NO_AGENT_CREATED,
    Judge,
    Settled,
)
from hamsa_contract.send._door._shapes import (
    TOKEN_SCHEME,
    Classifier,
    Shape,
    clone_request_document,
)
from hamsa_contract.send._door._steps import arun, run
from hamsa_contract.send._door._wire import Wire
from hamsa_contract.send._journal import Journal
from hamsa_contract.send._retry_after import SharedPause
from hamsa_contract.send._settings import DEFAULT_REQUEST_TIMEOUT_SECONDS

__all__ = [
    "JUDGED_BY_SCHEMATHESIS",
    "MAX_UNANSWERED",
    "NO_AGENT_CREATED",
    "OTHER_METHOD",
    "TOKEN_SCHEME",
    "GuardedTransport",
    "Judge",
    "NoAnswer",
    "NotSent",
    "RequestKey",
    "Shape",
    "clone_request_document",
    "describe_transport_error",
    "identity",
    "recording_only",
]


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
        self.shape = Classifier(api_key, voice_agent_id, budget)
        self._sleep = sleep
        self._admission = Admission(budget)
        self._store = AheadStore()
        pause = SharedPause(clock)
        # One new connection per request (None: the inner transports have no connections to
        # reuse), for requests that may create an agent and for sending again.
        wire = Wire(
            self.shape,
            sleep,
            pooled=(inner, inner_async),
            fresh=(
                inner if fresh is None else fresh,
                inner_async if fresh_async is None else fresh_async,
            ),
            request_timeout=request_timeout,
        )
        journaled = Journaled(wire, journal, self._admission)
        paced = Paced(journaled, pause, self._admission, self._judge_retried)
        self._settled = Settled(
            paced, budget=budget, admission=self._admission, journal=journal, ledger=ledger
        )
        admitted = Admitted(self._settled, self._admission)
        self._top = Replayed(Ahead(admitted, self._store, journaled, self._settled.settle))
        # Requests sent ahead of their checks: journaled, settled and judged when taken.
        self._ahead = Paced(
            Unjournaled(wire, self._admission), pause, self._admission, self._judge_retried
        )
        self._journaled = journaled

    @property
    def judge(self) -> Judge | None:
        """Judges every answer not judged elsewhere (set by the run once its judge is built)."""
        return self._settled.judge

    @judge.setter
    def judge(self, judge: Judge | None) -> None:
        self._settled.judge = judge

    def _judge_retried(self, response: httpx.Response) -> None:
        """A 429 about to be retried is judged like any answer (it is never settled)."""
        if self.judge is not None:
            self.judge(response)

    @contextmanager
    def replaying_identical(
        self, answers: dict[RequestKey, httpx.Response] | None = None
    ) -> Iterator[None]:
        """Inside this block a request identical to one already sent in it (or kept in `answers`)
        gets the same answer again without being sent: Hypothesis replays a failing example, and
        a replay must cost the user no agent."""
        with replaying(answers):
            yield

    def refuses(self, forbidden: str) -> bool:
        """Whether requests for `forbidden` (a `Shape.must_not_create` reason) are refused."""
        return self._admission.refuses(forbidden)

    @property
    def unanswered(self) -> int:
        """How many requests got no answer so far."""
        return self._admission.unanswered

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return run(self._top.plan(request, Call(False, None)), self._sleep)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await arun(self._top.plan(request, Call(True, None)))

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
                    self._store.keep(request, outcome)

    def settle_unused(self) -> None:
        """Journal, settle and judge the prefetched answers no check asked for: every answer
        the run received is judged."""
        for outcome in self._store.take_all():
            if isinstance(outcome, httpx.Response):
                request = outcome.request
                response = self._journaled.record(request, outcome)
                self._settled.settle(request, response, self.shape(request))

    def _fetch_ahead(self, request: httpx.Request) -> httpx.Response | Exception | None:
        """One prefetched request: its answer, what stopped it from getting one, or None when
        it is left to be sent (or refused) when its check asks."""
        shape = self.shape(request)
        gate = self._admission.gate(shape)
        try:
            try:
                self._admission.admit(request, shape)
            except NotRun:
                return None
            try:
                response = run(self._ahead.plan(request, Call(False, shape)), self._sleep)
            except Unanswered as unanswered:
                return unanswered.error
            except NoAnswer as exc:
                return exc
            forbidden = shape.must_not_create if shape is not None else None
            if forbidden is not None and 200 <= response.status_code < 300:
                # Its check fails it when it asks; no more like it are sent meanwhile.
                self._admission.refuse(
                    forbidden, "not sent: a request like this one created an agent", keep_first=True
                )
            elif shape is not None:
                self._admission.clear(shape)
            return response
        finally:
            if gate is not None:
                gate.release()

    def close(self) -> None:
        """Nothing: the clients of a run share this transport; the suite closes the inner ones."""

    async def aclose(self) -> None:
        """Nothing, as for close()."""
