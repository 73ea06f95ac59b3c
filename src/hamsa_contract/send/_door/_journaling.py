"""The journal's layer: every exchange goes to the journal; a request that gets no answer
(timeout, reset, an answer too long) is journaled as such and makes its check not run
(`NoAnswer`), and counts towards the door's refusing to send more (`Admission`)."""

from __future__ import annotations

import httpx

from hamsa_client.errors import DeadlineExceeded, ResponseTooLarge
from hamsa_contract.plan._budget import NotRun
from hamsa_contract.send._door._admission import Admission
from hamsa_contract.send._door._layer import Call, Layer, Wrapper
from hamsa_contract.send._door._steps import Plan
from hamsa_contract.send._journal import Exchange, Journal


class NoAnswer(NotRun):
    """A request got no answer the check could use; the check did not run."""


class Journaled(Wrapper):
    """Journals each answer of the layer below, and each request it left without one."""

    def __init__(self, below: Layer, journal: Journal, admission: Admission) -> None:
        super().__init__(below)
        self.journal = journal
        self._admission = admission

    def plan(self, request: httpx.Request, call: Call) -> Plan[httpx.Response]:
        try:
            response = yield from self.below.plan(request, call)
        except (httpx.TransportError, ResponseTooLarge) as exc:
            self._admission.count_unanswered(call.shape)
            raise self.unanswered(request, exc) from None
        return self.record(request, response)

    def record(self, request: httpx.Request, response: httpx.Response) -> httpx.Response:
        response.request = request
        self.journal.record(Exchange.of(response))
        return response

    def unanswered(
        self, request: httpx.Request, exc: httpx.TransportError | ResponseTooLarge
    ) -> NoAnswer:
        """Journal `request` as left without an answer; the NoAnswer its check raises."""
        reason = describe_transport_error(exc, request)
        self.journal.record_unanswered(request, reason)
        return NoAnswer(f"no answer: {request.method} {request.url.path} {reason}")


class Unanswered(Exception):
    """A request sent ahead got no answer: kept to be journaled and reported when its check
    asks for it."""

    def __init__(self, error: httpx.TransportError | ResponseTooLarge) -> None:
        super().__init__(str(error))
        self.error = error


class Unjournaled(Wrapper):
    """For requests sent ahead of their checks (`_ahead.py`): answers are journaled when a
    check takes them; a request left without one is counted now, reported then."""

    def __init__(self, below: Layer, admission: Admission) -> None:
        super().__init__(below)
        self._admission = admission

    def plan(self, request: httpx.Request, call: Call) -> Plan[httpx.Response]:
        try:
            return (yield from self.below.plan(request, call))
        except (httpx.TransportError, ResponseTooLarge) as exc:
            self._admission.count_unanswered(call.shape)
            raise Unanswered(exc) from None


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
