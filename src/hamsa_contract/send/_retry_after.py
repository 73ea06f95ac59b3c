"""Honouring 429 Too Many Requests: how long `Retry-After` asks to wait, and the longest wait."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from datetime import datetime
from typing import Final

from hamsa_client._retries import seconds_from_retry_after

MAX_RETRIES: Final = 3
# Longer waits are not worth a contract verdict: the 429 stands and the check reports it.
MAX_WAIT_SECONDS: Final = 60.0
# What to wait when a 429 names no Retry-After.
DEFAULT_WAIT_SECONDS: Final = 1.0


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> float:
    """Seconds to wait before sending again after a 429: what `Retry-After` asks for
    (`seconds_from_retry_after`), or DEFAULT_WAIT_SECONDS when it is missing or unreadable."""
    seconds = seconds_from_retry_after(value, now=now)
    return DEFAULT_WAIT_SECONDS if seconds is None else seconds


class SharedPause:
    """One pause for every request of a run: a 429's Retry-After holds back all of them, not only
    the request that got it (the others would only meet the same 429). Safe between threads."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._until = -math.inf
        self._lock = threading.Lock()

    def extend(self, seconds: float) -> tuple[float, float]:
        """Hold every request back `seconds` from now (or longer, if already held): the end of
        the pause, and how long the caller has to wait for it."""
        with self._lock:
            now = self._clock()
            if now + seconds >= self._until:
                self._until = now + seconds
                return self._until, seconds
            return self._until, self._until - now

    def due(self, waited_until: float) -> tuple[float, float]:
        """For a request that has already waited until `waited_until`: the end of the pause,
        and how much longer it has to wait (0: send now)."""
        with self._lock:
            if self._until <= waited_until:
                return waited_until, 0.0
            return self._until, max(0.0, self._until - self._clock())
