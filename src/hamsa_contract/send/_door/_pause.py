"""The 429 layer: a 429 is retried after its Retry-After, and holds back every request of the run
for that long (one shared pause: requests sent side by side would only meet the same 429). A 429
that does not stop counts as no answer, so the door stops sending like it.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx

from hamsa_contract.send._door._admission import Admission
from hamsa_contract.send._door._journaling import NoAnswer
from hamsa_contract.send._door._layer import Call, Layer, Wrapper
from hamsa_contract.send._door._shapes import Shape
from hamsa_contract.send._door._steps import Plan, Sleep
from hamsa_contract.send._retry_after import (
    MAX_RETRIES,
    MAX_WAIT_SECONDS,
    SharedPause,
    retry_after_seconds,
)


class Paced(Wrapper):
    """Retries the layer below while it answers 429, within MAX_RETRIES and MAX_WAIT_SECONDS."""

    def __init__(
        self,
        below: Layer,
        pause: SharedPause,
        admission: Admission,
        judge: Callable[[httpx.Response], None],
    ) -> None:
        super().__init__(below)
        self._pause = pause
        self._admission = admission
        self._judge = judge

    def plan(self, request: httpx.Request, call: Call) -> Plan[httpx.Response]:
        # In an event loop a request waits only for a pause set while it is out, not for one
        # already running when it went (as the door always did for its async requests).
        waited = self._pause.due(-float("inf"))[0] if call.asynchronous else -float("inf")
        for attempt in range(MAX_RETRIES + 1):
            waited, seconds = self._pause.due(waited)
            if seconds:
                yield Sleep(seconds)
            response = yield from self.below.plan(request, call)
            wait = self._retry_wait(response, attempt, call.shape)
            if wait is None:
                break
            waited, seconds = self._pause.extend(wait)
            yield Sleep(seconds)
        return response

    def _retry_wait(
        self, response: httpx.Response, attempt: int, shape: Shape | None
    ) -> float | None:
        """Seconds to wait before sending again, or None to keep this answer."""
        if response.status_code != 429:
            return None
        # A 429 is an answer like any other (CONTRACT.md decision 5: the error envelope): judged
        # here, since neither schemathesis nor the check that sent it ever sees a retried one.
        self._judge(response)
        wait = retry_after_seconds(response.headers.get("retry-after"))
        if attempt >= MAX_RETRIES or wait > MAX_WAIT_SECONDS:
            self._admission.count_unanswered(shape)
            raise NoAnswer(
                f"no answer: still 429 Too Many Requests after {attempt + 1} tries "
                f"(Retry-After {response.headers.get('retry-after')!r}); run again later"
            )
        return wait
