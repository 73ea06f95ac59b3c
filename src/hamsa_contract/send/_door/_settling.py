"""The judge's layer: what an answer created goes to the write budget, a shape that broke the
rules is refused from then on, and every answer not judged elsewhere goes to the judge."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import httpx

from hamsa_contract import _spec as spec
from hamsa_contract.plan._budget import WriteBudget
from hamsa_contract.report._ledger import Ledger
from hamsa_contract.report._rules import RULES, defined
from hamsa_contract.send._door._admission import OTHER_METHOD, Admission
from hamsa_contract.send._door._layer import Call, Layer, Wrapper
from hamsa_contract.send._door._shapes import Shape
from hamsa_contract.send._door._steps import Plan
from hamsa_contract.send._journal import Exchange, Journal

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

Judge = Callable[[httpx.Response], None]


class Settled(Wrapper):
    """Settles each answer of the layer below (see the module docstring)."""

    def __init__(
        self,
        below: Layer,
        *,
        budget: WriteBudget,
        admission: Admission,
        journal: Journal,
        ledger: Ledger,
    ) -> None:
        super().__init__(below)
        self._budget = budget
        self._admission = admission
        self._journal = journal
        self._ledger = ledger
        self.judge: Judge | None = None

    def plan(self, request: httpx.Request, call: Call) -> Plan[httpx.Response]:
        response = yield from self.below.plan(request, call)
        return self.settle(request, response, call.shape)

    def settle(
        self, request: httpx.Request, response: httpx.Response, shape: Shape | None
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
                self._admission.clear(shape)
        elif spec.is_clone_path(request.url.path) and 200 <= response.status_code < 300:
            # Another method that answered 2xx (a failure of decision 10, its check says so):
            # list the agent it reports for cleanup, never charge it, and send no more.
            self._budget.record_answer(response.status_code, response.content, expected=False)
            self._admission.refuse(
                OTHER_METHOD,
                f"not sent: {request.method} on the clone path already answered "
                f"{response.status_code} (a failure above); more would only risk your agents",
            )
        if self.judge is not None and not request.extensions.get(JUDGED_BY_SCHEMATHESIS):
            self.judge(response)
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
        self._admission.refuse(
            forbidden,
            f"not sent: the server already created an agent for {forbidden} "
            "(a failure above); more such requests would only add agents to your account",
        )
