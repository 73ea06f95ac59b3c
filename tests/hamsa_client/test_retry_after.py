"""The one Retry-After parser (hamsa_client/_retries.py; the suite's door uses it): delta-seconds
in ASCII digits or an HTTP-date (RFC 9110 §10.2.3); anything else is unreadable, never a crash."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from hamsa_client._retries import seconds_from_retry_after
from hamsa_contract.send._retry_after import DEFAULT_WAIT_SECONDS, retry_after_seconds

NOW = datetime(2026, 11, 25, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("5", 5.0),
        (" 7 ", 7.0),
        ("0", 0.0),
        ("Wed, 25 Nov 2026 12:00:30 GMT", 30.0),
        ("Wed, 25 Nov 2026 11:00:00 GMT", 0.0),
        (None, None),
        ("", None),
        ("soon", None),
        ("-5", None),
        ("1.5", None),
        ("\u00b2", None),  # superscript two: str.isdigit() says yes, float() refuses it
        ("\u0663", None),  # Arabic-Indic three: not a DIGIT of RFC 9110
    ],
)
def test_seconds_from_retry_after(value: str | None, seconds: float | None) -> None:
    assert seconds_from_retry_after(value, now=NOW) == seconds


@pytest.mark.parametrize("value", [None, "", "\u00b2", "soon"])
def test_an_unreadable_retry_after_waits_the_default(value: str | None) -> None:
    assert retry_after_seconds(value, now=NOW) == DEFAULT_WAIT_SECONDS
