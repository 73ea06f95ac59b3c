"""In-memory agent store: templates plus a bounded, oldest-first-evicted set of clones."""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

DEFAULT_MAX_CLONES = 10_000

# Fields a clone never copies from its source (CONTRACT.md decision 7).
OWN_FIELDS = frozenset({"id", "agentName", "isTemplate", "createdAt", "updatedAt"})


def utc_timestamp(moment: datetime) -> str:
    """`moment` as an ISO 8601 UTC timestamp with milliseconds, e.g. `2026-11-25T09:30:12.345Z`."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _now() -> datetime:
    return datetime.now(UTC)


def _new_id() -> str:
    return str(uuid4())


class AgentStore:
    """Agents by id: templates (never evicted) and at most `max_clones` clones.

    Safe to share between threads and event loops: every method takes one lock and never holds it
    across an `await`. Stored agents are never changed after they are stored, so a clone shares
    its nested values with its source instead of copying them; `get` and `clone` hand out deep
    copies, `add_clone` the stored agent itself for read-only use.
    When a clone would exceed `max_clones`, the oldest clone is evicted (its id then gives 404).
    """

    def __init__(
        self,
        templates: Iterable[Mapping[str, Any]],
        *,
        max_clones: int = DEFAULT_MAX_CLONES,
        clock: Callable[[], datetime] = _now,
        new_id: Callable[[], str] = _new_id,
    ) -> None:
        if max_clones < 1:
            raise ValueError(f"max_clones must be at least 1, got {max_clones}")
        self._templates = {agent["id"]: copy.deepcopy(dict(agent)) for agent in templates}
        self._clones: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._max_clones = max_clones
        self._clock = clock
        self._new_id = new_id
        self._lock = threading.Lock()

    @property
    def max_clones(self) -> int:
        """Most clones kept at once."""
        return self._max_clones

    @property
    def template_ids(self) -> tuple[str, ...]:
        """Ids of the templates, in seeding order."""
        return tuple(self._templates)

    def clone_ids(self) -> tuple[str, ...]:
        """Ids of the stored clones, oldest first."""
        with self._lock:
            return tuple(self._clones)

    def get(self, agent_id: str) -> dict[str, Any] | None:
        """A copy of the agent with `agent_id`, or None when there is none."""
        with self._lock:
            agent = self._find(agent_id)
            return None if agent is None else copy.deepcopy(agent)

    def clone(self, source_id: str, agent_name: str) -> dict[str, Any] | None:
        """Store and return a copy of agent `source_id` named `agent_name`; None if unknown.

        The clone gets a new id, `isTemplate: false` and its own `createdAt` = `updatedAt`; every
        other field is a deep copy of the source, which is left untouched.
        """
        stored = self.add_clone(source_id, agent_name)
        return None if stored is None else copy.deepcopy(dict(stored))

    def add_clone(self, source_id: str, agent_name: str | None) -> Mapping[str, Any] | None:
        """Like `clone`, but returns the stored clone itself rather than a copy.

        For callers that only read it (the clone endpoint encodes it at once): the clone keeps
        the source's field order and shares its nested values, so it must never be changed.
        """
        with self._lock:
            source = self._find(source_id)
            if source is None:
                return None
            clone_id = self._new_id()
            while self._find(clone_id) is not None:
                clone_id = self._new_id()
            created = utc_timestamp(self._clock())
            # A shallow copy is enough: nothing stored is ever changed, only replaced.
            clone = dict(source)
            clone.update(
                id=clone_id,
                # No name asked for: the source's (CONTRACT.md decision 4 lets the server choose).
                agentName=source["agentName"] if agent_name is None else agent_name,
                isTemplate=False,
                createdAt=created,
                updatedAt=created,
            )
            self._clones[clone_id] = clone
            while len(self._clones) > self._max_clones:
                self._clones.popitem(last=False)
            return clone

    def _find(self, agent_id: str) -> dict[str, Any] | None:
        agent = self._templates.get(agent_id)
        return agent if agent is not None else self._clones.get(agent_id)
