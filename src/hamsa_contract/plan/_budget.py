"""The write cap: which requests may create an agent, and which agents the run did create.

A request that may create an agent (the run's key, a known agent, a valid body) is charged to the
planned step it belongs to, or else to the share of generated cases (`plan.Funding`); past that it
is not sent. An agent a server creates where it must not (see `door.py`) is a failure, listed for
cleanup but never charged: it must not starve the plan.
"""

from __future__ import annotations

import json
import threading
import unittest
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from hamsa_contract.plan._writes import STEPS, Funding, Step

_PLANNED_STEP: ContextVar[Step | None] = ContextVar("planned_step", default=None)


class NotRun(unittest.SkipTest):
    """A check could not run (no funded write, no answer, ...): the verdict becomes INCOMPLETE.

    A `unittest.SkipTest`, so pytest reports it with its reason and no traceback, and Hypothesis
    re-raises it at once instead of shrinking or replaying.
    """


class WriteCapReached(NotRun):
    """The run's writes are spent; the request that needed one more was not sent."""


class WriteBudget:
    """Counts agents created against the funding of the run's cap. Safe to share between threads."""

    def __init__(
        self, cap: int | None, on_created: Callable[[str, str | None], None] | None = None
    ) -> None:
        """`on_created(id, name)` is told of each agent the moment an answer reports it."""
        self.funding = Funding.for_cap(cap)
        self._on_created = on_created
        # Created agent id -> the name its answer gave (None: no name), in the order of creation.
        self._created: dict[str, str | None] = {}
        self._unexpected: list[str] = []
        self._generated_sent = 0
        self._refused = 0
        self._lock = threading.Lock()

    @property
    def cap(self) -> int | None:
        return self.funding.cap

    @contextmanager
    def planned(self, step: Step) -> Iterator[None]:
        """Requests sent inside this block are the writes of `step`; NotRun if it is unfunded."""
        if not self.funding.is_funded(step):
            # Each cap named funds exactly what the hint says it does (plan.Funding).
            raise NotRun(
                f"not run: the write cap (HAMSA_MAX_WRITES={self.funding.cap}) does not fund "
                f"the {step.name} ({step.writes} agents); HAMSA_MAX_WRITES="
                f"{self.funding.cap_needed(step)} funds them, {self.funding.cap_needed(STEPS[-1])}"
                " every planned check"
            )
        token = _PLANNED_STEP.set(step)
        try:
            yield
        finally:
            _PLANNED_STEP.reset(token)

    @property
    def generated_left(self) -> int | None:
        """Writes generated cases may still spend (None: no cap)."""
        share = self.funding.generated_writes
        with self._lock:
            return None if share is None else max(0, share - self._generated_sent)

    def claim(self) -> None:
        """Allow one request that may create an agent, or raise WriteCapReached."""
        step = _PLANNED_STEP.get()
        with self._lock:
            if step is not None:
                return
            share = self.funding.generated_writes
            if share is not None and self._generated_sent >= share:
                self._refused += 1
                raise WriteCapReached(
                    f"not run: write cap reached (HAMSA_MAX_WRITES={self.funding.cap}); "
                    "this check needed one more agent"
                )
            self._generated_sent += 1

    @property
    def created_ids(self) -> tuple[str, ...]:
        """Ids of every agent the run's answers reported created, in order."""
        with self._lock:
            return tuple(self._created)

    @property
    def created_agents(self) -> tuple[tuple[str, str | None], ...]:
        """(id, name as answered) of every agent the run's answers reported created, in order."""
        with self._lock:
            return tuple(self._created.items())

    @property
    def unexpected_ids(self) -> tuple[str, ...]:
        """Agents created by requests that must not create one (a failure each)."""
        with self._lock:
            return tuple(self._unexpected)

    @property
    def refused(self) -> int:
        with self._lock:
            return self._refused

    def record_answer(self, status_code: int, body: bytes, *, expected: bool) -> str | None:
        """Note the agent a 2xx clone answer reports (`data.id`); return its id if any.

        `expected` is False for a request that must not create an agent.
        """
        created = _created_agent(status_code, body)
        if created is None:
            return None
        agent_id, name = created
        with self._lock:
            new = agent_id not in self._created
            if new:
                self._created[agent_id] = name
            if not expected and agent_id not in self._unexpected:
                self._unexpected.append(agent_id)
            if new and self._on_created is not None:
                # Under the lock: the written list keeps the order of creation.
                self._on_created(agent_id, name)
        return agent_id


def created_agent_id(status_code: int, body: bytes) -> str | None:
    """The id a clone answer says it created: a 2xx whose `data.id` is a string. Success is 200
    only (CONTRACT.md decision 6), but a server answering 201 has still created the agent, and
    the user must find it in the cleanup list."""
    created = _created_agent(status_code, body)
    return None if created is None else created[0]


def _created_agent(status_code: int, body: bytes) -> tuple[str, str | None] | None:
    """(`data.id`, `data.agentName` if a string) of a 2xx clone answer (see created_agent_id)."""
    if not 200 <= status_code < 300:
        return None
    try:
        data = json.loads(body)["data"]
        agent_id = data["id"]
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(agent_id, str):
        return None
    name = data.get("agentName")
    return agent_id, name if isinstance(name, str) else None
