"""The bottom layer: a request onto the wire, and its answer read whole.

On a pooled connection, or on a new one when the request may create an agent: then a connection
the server closed meanwhile can never leave in doubt whether it did (RFC 9112 §9.3.1: a client
does not send a non-idempotent request again by itself). The whole request, to the last byte of
its answer, is bounded by the run's timeout (`--timeout`); an answer longer than the client's cap
(DEFAULT_MAX_ANSWER_BYTES) is no answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import httpx

from hamsa_client.client import DEFAULT_MAX_ANSWER_BYTES, request_deadline
from hamsa_contract.send._door._layer import Call, Classify, Layer
from hamsa_contract.send._door._shapes import resendable
from hamsa_contract.send._door._steps import Plan, Read, Send

# What a server closing a connection before any byte of answer looks like to httpx: h11's "Server
# disconnected without sending a response", or a reset while the request was written or awaited.
CLOSED_UNANSWERED: Final = (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)


class Wire(Layer):
    """Sends through the transports that reach the target."""

    def __init__(
        self,
        classify: Classify,
        sleep: Callable[[float], None],
        *,
        pooled: tuple[httpx.BaseTransport, httpx.AsyncBaseTransport],
        fresh: tuple[httpx.BaseTransport, httpx.AsyncBaseTransport],
        request_timeout: float,
    ) -> None:
        super().__init__(classify, sleep)
        self._pooled = pooled
        self._fresh = fresh
        self._request_timeout = request_timeout

    def plan(self, request: httpx.Request, call: Call) -> Plan[httpx.Response]:
        pooled = call.shape is None or not call.shape.may_create
        transports = self._pooled if pooled else self._fresh
        with request_deadline(request, self._request_timeout):
            try:
                response: httpx.Response = yield Send(*transports, request)
            except CLOSED_UNANSWERED:
                if not (pooled and resendable(call.shape)):
                    raise
                # RFC 9112 §9.5: a server may close an idle connection at any time, and one that
                # answered before reading a whole body (an early 401) closes it after the answer.
                # A request that creates nothing by plan goes again, once, on a new connection.
                response = yield Send(*self._fresh, request)
            # A 429 is judged before it is retried, recorded or not: the judge reads its request.
            response.request = request
            yield Read(response, DEFAULT_MAX_ANSWER_BYTES)
        return response
