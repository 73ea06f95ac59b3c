"""The suite's one door for httpx traffic: write cap, 429 Retry-After, journal."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
import pytest

from contract_tests.budget import WriteBudget, WriteCapReached
from contract_tests.journal import Journal
from contract_tests.ratelimit import (
    DEFAULT_WAIT_SECONDS,
    MAX_RETRIES,
    retry_after_seconds,
    send_honouring_429,
)
from contract_tests.transport import GuardedTransport

KEY = "secret-key"
CLONE = "/v1/voice-agents/clone"


def clone_answer(request: httpx.Request) -> httpx.Response:
    agent_id = f"agent-{request.url.params['n']}"
    return httpx.Response(
        200, json={"success": True, "message": "success", "data": {"id": agent_id}}
    )


def client(handler: httpx.MockTransport, budget: WriteBudget, journal: Journal) -> httpx.Client:
    transport = GuardedTransport(
        handler, budget=budget, journal=journal, api_key=KEY, clone_path=CLONE
    )
    return httpx.Client(base_url="http://target.test", transport=transport)


def test_clones_with_the_key_stop_at_the_cap_and_created_agents_are_listed() -> None:
    budget, journal = WriteBudget(2), Journal()
    http = client(httpx.MockTransport(clone_answer), budget, journal)
    for n in (1, 2):
        http.post(CLONE, params={"n": n}, headers={"Authorization": f"Token {KEY}"})
    with pytest.raises(WriteCapReached, match="HAMSA_MAX_WRITES=2"):
        http.post(CLONE, params={"n": 3}, headers={"Authorization": f"Token {KEY}"})
    assert budget.created_ids == ("agent-1", "agent-2")
    assert budget.refused == 1
    assert journal.total == 2


def test_requests_without_the_key_are_sent_past_the_cap_and_still_recorded() -> None:
    """A request with another key cannot create an agent on a correct server; if a broken one
    creates it anyway, the agent is listed."""
    budget = WriteBudget(0)
    http = client(httpx.MockTransport(clone_answer), budget, Journal())
    response = http.post(CLONE, params={"n": 9}, headers={"Authorization": "Token other-key"})
    assert response.status_code == 200
    assert budget.created_ids == ("agent-9",)


def test_a_429_is_retried_after_retry_after() -> None:
    answers = iter(
        [
            httpx.Response(
                429, headers={"Retry-After": "0"}, json={"success": False, "message": "slow down"}
            ),
            httpx.Response(200, json={"success": True, "message": "success", "data": {"id": "a"}}),
        ]
    )
    journal = Journal()
    http = client(httpx.MockTransport(lambda request: next(answers)), WriteBudget(None), journal)
    response = http.post(CLONE, headers={"Authorization": f"Token {KEY}"}, json={"agentName": "x"})
    assert response.status_code == 200
    assert [exchange.status_code for exchange in journal.recent(5)] == [429, 200]


def test_send_honouring_429_waits_as_told_and_gives_up_after_max_retries() -> None:
    waits: list[float] = []
    answer = send_honouring_429(lambda: (429, "2"), lambda response: response, sleep=waits.append)
    assert answer == (429, "2")
    assert waits == [2.0] * MAX_RETRIES


def test_send_honouring_429_does_not_wait_beyond_the_limit() -> None:
    """A 429 asking for too long a wait is handed back to the caller at once, not retried."""
    waits: list[float] = []
    sent: list[tuple[int, str]] = []

    def send() -> tuple[int, str]:
        sent.append((429, "3600"))
        return sent[-1]

    answer = send_honouring_429(send, lambda response: response, sleep=waits.append)
    assert answer == (429, "3600")
    assert len(sent) == 1
    assert waits == []


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("5", 5.0),
        (None, DEFAULT_WAIT_SECONDS),
        ("soon", DEFAULT_WAIT_SECONDS),
        ("Wed, 25 Nov 2026 12:00:30 GMT", 30.0),
        ("Wed, 25 Nov 2026 11:00:00 GMT", 0.0),
    ],
)
def test_retry_after_reads_seconds_and_http_dates(value: str | None, seconds: float) -> None:
    now = datetime(2026, 11, 25, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds(value, now=now) == seconds


def test_budget_ignores_answers_that_create_nothing() -> None:
    budget = WriteBudget(None)
    budget.record_answer(404, b'{"success": false}')
    budget.record_answer(200, b"not json")
    budget.record_answer(200, json.dumps({"data": {"id": 7}}).encode())
    assert budget.created_ids == ()
