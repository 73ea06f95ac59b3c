"""Honouring 429 Too Many Requests: how long `Retry-After` asks to wait, and the longest wait."""

from __future__ import annotations

import email.utils
from datetime import UTC, datetime
from typing import Final

MAX_RETRIES: Final = 3
# Longer waits are not worth a contract verdict: the 429 stands and the check reports it.
MAX_WAIT_SECONDS: Final = 60.0
# What to wait when a 429 names no Retry-After.
DEFAULT_WAIT_SECONDS: Final = 1.0


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
