"""In-memory agent store: templates plus a bounded, oldest-first-evicted set of clones."""

from __future__ import annotations

import copy
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from hamsa_contract._spec import CLONE_OWN_FIELDS

DEFAULT_MAX_CLONES = 10_000
# What the clones may hold in memory together (each clone's own dict, id, name and timestamps);
# with the default caps a store stays under about 100 MB whatever names it is sent.
DEFAULT_MAX_CLONE_BYTES = 64 * 1024 * 1024

# Fields a clone never copies from its source (CONTRACT.md decision 7).
OWN_FIELDS = CLONE_OWN_FIELDS


def utc_timestamp(moment: datetime) -> str:
    """`moment` as an ISO 8601 UTC timestamp with milliseconds, e.g. `2026-11-25T09:30:12.345Z`."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _now() -> datetime:
    return datetime.now(UTC)


def _new_id() -> str:
    return str(uuid4())


class AgentStore:
    """Agents by id: templates (never evicted) and a bounded set of clones.

    Safe to share between threads and event loops: every method takes one lock and never holds it
    across an `await`. Stored agents are never changed after they are stored, so a clone shares
    its nested values with its source instead of copying them; `get` and `clone` hand out deep
    copies, `add_clone` the stored agent itself for read-only use.
    When a clone would make more than `max_clones` clones, or more than `max_clone_bytes` bytes
    of clones (each clone's own dict, id, name and timestamps), the oldest clones are evicted
    (their ids then give 404); the newest clone is always kept.
    """

    def __init__(
        self,
        templates: Iterable[Mapping[str, Any]],
        *,
        max_clones: int = DEFAULT_MAX_CLONES,
        max_clone_bytes: int = DEFAULT_MAX_CLONE_BYTES,
        clock: Callable[[], datetime] = _now,
        new_id: Callable[[], str] = _new_id,
    ) -> None:
        if max_clones < 1:
            raise ValueError(f"max_clones must be at least 1, got {max_clones}")
        if max_clone_bytes < 1:
            raise ValueError(f"max_clone_bytes must be at least 1, got {max_clone_bytes}")
        self._templates = {agent["id"]: copy.deepcopy(dict(agent)) for agent in templates}
        # Each clone with the bytes it adds to memory (see add_clone), oldest first.
        self._clones: OrderedDict[str, tuple[dict[str, Any], int]] = OrderedDict()
        self._max_clones = max_clones
        self._max_clone_bytes = max_clone_bytes
        self._clone_bytes = 0
        self._clock = clock
        self._new_id = new_id
        self._lock = threading.Lock()

    @property
    def max_clones(self) -> int:
        """Most clones kept at once."""
        return self._max_clones

    @property
    def max_clone_bytes(self) -> int:
        """Most bytes the clones hold together: each clone's own dict, id, name and timestamps."""
        return self._max_clone_bytes

    def stored_clone_bytes(self) -> int:
        """Bytes the stored clones hold together now (see `max_clone_bytes`)."""
        with self._lock:
            return self._clone_bytes

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
            # What this clone adds to memory: its own dict and the values it does not share
            # with its source (createdAt and updatedAt are one string). A name costs its size as
            # Python holds it: one emoji in a long name makes it four bytes a character.
            cost = (
                sys.getsizeof(clone)
                + sys.getsizeof(clone_id)
                + sys.getsizeof(agent_name)
                + sys.getsizeof(created)
            )
            self._clones[clone_id] = (clone, cost)
            self._clone_bytes += cost
            while len(self._clones) > 1 and (
                len(self._clones) > self._max_clones or self._clone_bytes > self._max_clone_bytes
            ):
                _, (_, evicted_cost) = self._clones.popitem(last=False)
                self._clone_bytes -= evicted_cost
            return clone

    def _find(self, agent_id: str) -> dict[str, Any] | None:
        agent = self._templates.get(agent_id)
        if agent is not None:
            return agent
        stored = self._clones.get(agent_id)
        return None if stored is None else stored[0]
