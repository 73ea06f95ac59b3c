"""Honouring 429 Too Many Requests: wait what `Retry-After` says, then send the request again."""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Final, TypeVar

MAX_RETRIES: Final = 3
# Longer waits are not worth a contract verdict: the 429 stands and the check reports it.
MAX_WAIT_SECONDS: Final = 60.0
# What to wait when a 429 names no Retry-After.
DEFAULT_WAIT_SECONDS: Final = 1.0

R = TypeVar("R")


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> float:
    """Seconds a `Retry-After` value asks for (delta-seconds or an HTTP-date, RFC 9110 §10.2.3).

    A missing or unreadable value gives DEFAULT_WAIT_SECONDS; a date in the past gives 0.
    """
    if value is None or not value.strip():
        return DEFAULT_WAIT_SECONDS
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return DEFAULT_WAIT_SECONDS
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def send_honouring_429(
    send: Callable[[], R],
    answer: Callable[[R], tuple[int, str | None]],
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> R:
    """Call `send` until its answer is not a 429, waiting Retry-After in between.

    `answer` gives a response's status code and Retry-After header. Gives up (returning the last
    429) after MAX_RETRIES retries, or at once when the server asks for more than MAX_WAIT_SECONDS.
    """
    response = send()
    for _ in range(MAX_RETRIES):
        status, retry_after = answer(response)
        if status != 429:
            break
        wait = retry_after_seconds(retry_after)
        if wait > MAX_WAIT_SECONDS:
            break
        sleep(wait)
        response = send()
    return response
