"""The one door for the suite's httpx traffic: write cap, 429 Retry-After, journal."""

from __future__ import annotations

import httpx

from contract_tests.budget import WriteBudget
from contract_tests.journal import Exchange, Journal
from contract_tests.ratelimit import send_honouring_429


class GuardedTransport(httpx.BaseTransport):
    """Wraps the transport that reaches the target.

    A clone request that carries the run's key may create an agent: it is sent only while the
    write budget allows (else WriteCapReached), and the agent a 200 reports is recorded. A 429 is
    retried after its Retry-After. Every exchange goes to the journal.
    """

    def __init__(
        self,
        inner: httpx.BaseTransport,
        *,
        budget: WriteBudget,
        journal: Journal,
        api_key: str,
        clone_path: str,
    ) -> None:
        self._inner = inner
        self._budget = budget
        self._journal = journal
        self._api_key = api_key
        self._clone_path = clone_path

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        is_clone = request.method == "POST" and request.url.path.endswith(self._clone_path)
        if is_clone and self._api_key in request.headers.get("authorization", ""):
            self._budget.claim()
        response = send_honouring_429(
            lambda: self._send(request),
            lambda answer: (answer.status_code, answer.headers.get("retry-after")),
        )
        if is_clone:
            self._budget.record_answer(response.status_code, response.content)
        return response

    def _send(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        response.read()
        response.request = request
        self._journal.record(Exchange.of(response))
        return response

    def close(self) -> None:
        """Nothing: the clients of a run share this transport; the suite closes the inner one."""
