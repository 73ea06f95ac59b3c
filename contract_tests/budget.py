"""The write cap: how many agents a run may create on the target, and which ones it did create.

Every successful clone creates an agent, and on a live account each one stays until someone
deletes it. The suite asks before each request that could create one and records every agent a
200 answer reports, so the summary can list them for cleanup.
"""

from __future__ import annotations

import json
import threading
import unittest


class WriteCapReached(unittest.SkipTest):
    """The run already created as many agents as allowed; the check that needed one is skipped.

    A `unittest.SkipTest`, so pytest reports a skip (with this message) and Hypothesis re-raises it
    at once instead of shrinking.
    """


class WriteBudget:
    """Counts agents created against a cap (None: no cap). Safe to share between threads."""

    def __init__(self, cap: int | None) -> None:
        self.cap = cap
        self._created: list[str] = []
        self._refused = 0
        self._lock = threading.Lock()

    @property
    def created_ids(self) -> tuple[str, ...]:
        """Ids of the agents the run created, in creation order."""
        with self._lock:
            return tuple(self._created)

    @property
    def refused(self) -> int:
        """How many requests that could have created an agent were not sent because of the cap."""
        with self._lock:
            return self._refused

    @property
    def exhausted(self) -> bool:
        with self._lock:
            return self.cap is not None and len(self._created) >= self.cap

    def claim(self) -> None:
        """Allow one more request that may create an agent, or raise WriteCapReached."""
        with self._lock:
            if self.cap is not None and len(self._created) >= self.cap:
                self._refused += 1
                raise WriteCapReached(
                    f"write cap reached: the run created {len(self._created)} agents "
                    f"(HAMSA_MAX_WRITES={self.cap}); this check needs one more"
                )

    def record_answer(self, status_code: int, body: bytes) -> None:
        """Note the agent a clone answer reports as created (a 200 whose `data.id` is a string)."""
        if status_code != 200:
            return
        try:
            agent_id = json.loads(body)["data"]["id"]
        except (ValueError, KeyError, TypeError):
            return
        if isinstance(agent_id, str):
            with self._lock:
                if agent_id not in self._created:
                    self._created.append(agent_id)
