"""schemathesis' ignored_auth probe answered by a rate limit is not a verdict on auth."""

from __future__ import annotations

import pytest
from schemathesis.openapi.checks import AuthScenario, IgnoredAuth

from hamsa_contract.judge._conformance import _rate_limited


def _failure(status: str) -> IgnoredAuth:
    return IgnoredAuth(
        operation="POST /v1/voice-agents/clone",
        message=f"Expected 401 or 403, got `{status}` for `POST /v1/voice-agents/clone`",
        scenario=AuthScenario.NO_AUTH,
    )


def test_a_probe_answered_429_is_rate_limited() -> None:
    assert _rate_limited(_failure("429 Too Many Requests"))


@pytest.mark.parametrize("status", ["200 OK", "201 Created", "500 Internal Server Error"])
def test_a_probe_let_in_or_failing_otherwise_is_not(status: str) -> None:
    assert not _rate_limited(_failure(status))
