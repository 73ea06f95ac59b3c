"""Which requests the door lets through: the write budget, the shapes it refuses, the requests
left without an answer, and the gate that sends the first request of each shape alone.

A request that may create an agent is charged to the write budget. A shape that must not create
one and got a 2xx is refused from then on (`refuse`); so is a shape that got no answer, and every
request once MAX_UNANSWERED went unanswered (a hung server must not hold the run for minutes).
Until a conformant answer to a shape that must not create an agent is seen (`clear`), requests of
that shape wait for one another (`gate`): a server that creates agents where it must not, or does
not answer, costs one agent or one timeout per shape, as when everything went one at a time.
"""

from __future__ import annotations

import threading
from typing import Final

import httpx

from hamsa_contract import _spec as spec
from hamsa_contract.plan._budget import NotRun, WriteBudget
from hamsa_contract.send._door._layer import Call, Layer, Wrapper
from hamsa_contract.send._door._shapes import Shape
from hamsa_contract.send._door._steps import Plan

# After this many requests without an answer the door sends nothing more.
MAX_UNANSWERED: Final = 3
# The refusal of every method but POST on the clone path, once one answered 2xx (decision 10).
OTHER_METHOD: Final = "another method on the clone path"


class NotSent(NotRun):
    """The door did not send a request (see the message for why)."""


class Admission:
    """The door's admission state, safe between threads."""

    def __init__(self, budget: WriteBudget) -> None:
        self._budget = budget
        self._lock = threading.Lock()
        self._refused: dict[str, str] = {}
        self._unanswered_shapes: set[Shape] = set()
        self._unanswered = 0
        # Shapes that must not create an agent and got a conformant answer: sent side by side.
        self._cleared: set[Shape] = set()
        self._gates: dict[Shape, threading.Lock] = {}

    def admit(self, request: httpx.Request, shape: Shape | None) -> None:
        """Refuse what must not be sent (NotSent); charge what may create an agent."""
        with self._lock:
            if self._unanswered >= MAX_UNANSWERED:
                raise NotSent(
                    f"not sent: the server left {self._unanswered} requests without an answer, "
                    "so the run stopped sending"
                )
            if shape is not None and shape in self._unanswered_shapes:
                raise NotSent("not sent: a request like this one got no answer before")
            if shape is not None:
                refusal = self._refused.get(shape.must_not_create or "")
            elif spec.is_clone_path(request.url.path):
                refusal = self._refused.get(OTHER_METHOD)
            else:
                refusal = None
        if refusal is not None:
            raise NotSent(refusal)
        if shape is not None and shape.may_create:
            self._budget.claim()

    def gate(self, shape: Shape | None) -> threading.Lock | None:
        """Wait while another request of this shape, not yet answered conformantly, is out; the
        gate to release after the answer (None: nothing to wait for)."""
        if shape is None or not shape.must_not_create:
            return None
        with self._lock:
            if shape in self._cleared:
                return None
            gate = self._gates.setdefault(shape, threading.Lock())
        gate.acquire()
        with self._lock:
            if shape in self._cleared:
                gate.release()
                return None
        return gate

    def clear(self, shape: Shape) -> None:
        """A request of `shape` got a conformant answer: others like it may go side by side."""
        with self._lock:
            self._cleared.add(shape)

    def refuse(self, what: str, why: str, *, keep_first: bool = False) -> None:
        """Send no more requests for `what` (a `Shape.must_not_create` reason, or OTHER_METHOD),
        saying `why`; `keep_first`: unless they are refused already."""
        with self._lock:
            if keep_first:
                self._refused.setdefault(what, why)
            else:
                self._refused[what] = why

    def refuses(self, what: str) -> bool:
        with self._lock:
            return what in self._refused

    def count_unanswered(self, shape: Shape | None) -> None:
        with self._lock:
            self._unanswered += 1
            if shape is not None:
                self._unanswered_shapes.add(shape)

    @property
    def unanswered(self) -> int:
        with self._lock:
            return self._unanswered


class Admitted(Wrapper):
    """Lets a request down to the layer below once admitted; in a thread, through its shape's
    gate, held until its answer is settled below. (In an event loop there is no gate: a thread
    lock would block the loop, and the suite's async requests are its planned writes, in flight
    together on purpose.)"""

    def __init__(self, below: Layer, admission: Admission) -> None:
        super().__init__(below)
        self._admission = admission

    def plan(self, request: httpx.Request, call: Call) -> Plan[httpx.Response]:
        gate = None if call.asynchronous else self._admission.gate(call.shape)
        try:
            self._admission.admit(request, call.shape)
            return (yield from self.below.plan(request, call))
        finally:
            if gate is not None:
                gate.release()
