"""The contract watch's rules (src/hamsa_client/_rules.py), called directly where the watch's and
the suite's tests leave an edge open."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from hamsa_client._rules import instant, is_server_error, seconds_off

NOW = datetime(2026, 12, 8, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    ["2026-12-08T03:00:00+02:00", "2026-12-07T20:00:00-05:00", "2026-12-08T01:00:00Z"],
)
def test_a_date_time_with_an_offset_is_read_as_the_instant_it_names(text: str) -> None:
    assert instant(text) == NOW
    assert seconds_off(text, NOW, tolerance=0) is None


def test_a_date_time_without_an_offset_is_read_as_utc() -> None:
    assert instant("2026-12-08T01:00:00") == NOW
    assert instant("2026-12-08T03:00:00") == NOW + timedelta(hours=2)


def test_a_server_error_is_every_5xx_and_nothing_else() -> None:
    statuses = (499, 500, 503, 599, 600)
    assert [is_server_error(status) for status in statuses] == [
        False,
        True,
        True,
        True,
        False,
    ]
