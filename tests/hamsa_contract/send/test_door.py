"""The suite's one door (src/hamsa_contract/send/_door.py): write plan and cap, requests
that must not create an agent, 429 Retry-After, requests without an answer, replays from memory,
sync and async."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import pytest

from hamsa_contract.plan._budget import NotRun, WriteBudget, WriteCapReached
from hamsa_contract.plan._writes import FIRST, OVERLAPPING, PLANNED_WRITES
from hamsa_contract.report._ledger import Ledger
from hamsa_contract.send._door import (
    MAX_UNANSWERED,
    NO_AGENT_CREATED,
    GuardedTransport,
    NoAnswer,
    NotSent,
)
from hamsa_contract.send._journal import Journal
from hamsa_contract.send._retry_after import DEFAULT_WAIT_SECONDS, MAX_RETRIES, retry_after_seconds

KEY = "secret-key"
AGENT = "template-1"
CLONE = "/v1/voice-agents/clone"
VALID = {"Authorization": f"Token {KEY}"}
BODY = {"agentName": "contract-test x"}
Handler = Callable[[httpx.Request], httpx.Response]


def created(request: httpx.Request) -> httpx.Response:
    """A server that creates an agent for every request (numbered by the `n` parameter)."""
    agent_id = f"agent-{request.url.params.get('n', '0')}"
    return httpx.Response(
        200, json={"success": True, "message": "success", "data": {"id": agent_id}}
    )


class Door:
    def __init__(self, handler: Handler, cap: int | None = None) -> None:
        self.budget, self.journal, self.ledger = WriteBudget(cap), Journal(), Ledger()
        self.waits: list[float] = []
        mock = httpx.MockTransport(handler)
        self.transport = GuardedTransport(
            mock,
            mock,
            budget=self.budget,
            journal=self.journal,
            ledger=self.ledger,
            api_key=KEY,
            voice_agent_id=AGENT,
            sleep=self.waits.append,
        )
        self.http = httpx.Client(base_url="http://target.test", transport=self.transport)

    def clone(
        self, n: int = 0, *, agent: str = AGENT, headers: dict[str, str] | None = None
    ) -> httpx.Response:
        return self.http.post(
            CLONE,
            params={"voiceAgentId": agent, "n": str(n)},
            headers=VALID if headers is None else headers,
            json=BODY,
        )


def test_planned_writes_are_charged_to_their_step_and_unfunded_steps_do_not_run() -> None:
    door = Door(created, cap=2)
    with door.budget.planned(FIRST):
        door.clone(1)
    with pytest.raises(NotRun, match="HAMSA_MAX_WRITES=4"), door.budget.planned(OVERLAPPING):
        door.clone(2)
    assert door.budget.created_ids == ("agent-1",)
    assert door.journal.total == 1


def test_generated_writes_get_what_the_plan_leaves_then_stop() -> None:
    door = Door(created, cap=PLANNED_WRITES + 1)
    door.clone(1)
    with pytest.raises(WriteCapReached, match=f"HAMSA_MAX_WRITES={PLANNED_WRITES + 1}"):
        door.clone(2)
    assert door.budget.generated_left == 0
    assert door.budget.refused == 1
    assert door.journal.total == 1


@pytest.mark.parametrize(
    ("request_kwargs", "rule"),
    [
        ({"headers": {"Authorization": "Token other-key"}}, "without valid credentials"),
        ({"headers": {}}, "without valid credentials"),
        ({"agent": "no-such-agent"}, "an unknown voiceAgentId"),
    ],
    ids=["wrong-key", "no-key", "unknown-id"],
)
def test_an_agent_created_where_none_may_be_fails_once_and_is_not_asked_for_again(
    request_kwargs: dict[str, object], rule: str
) -> None:
    door = Door(created, cap=0)
    response = door.clone(9, **request_kwargs)  # type: ignore[arg-type]

    assert response.status_code == 200
    assert any(rule in failure for failure in door.ledger.failures)
    assert any(rule in finding for finding in door.ledger.take_findings())
    # The failure cites the rule's source, and shows this request first, whole.
    assert list(door.ledger.failure_sources.values()) == [(NO_AGENT_CREATED.source,)]
    blamed = door.journal.take_blamed()
    assert blamed is not None
    assert (blamed.method, blamed.url, blamed.status_code) == ("POST", str(response.url), 200)
    # Listed for cleanup, never charged to the cap.
    assert door.budget.unexpected_ids == ("agent-9",)
    assert door.budget.refused == 0
    with pytest.raises(NotSent, match="already created an agent"):
        door.clone(10, **request_kwargs)  # type: ignore[arg-type]
    assert door.journal.total == 1


def test_a_clone_of_an_agent_the_run_created_may_create_one() -> None:
    door = Door(created)
    with door.budget.planned(FIRST):
        door.clone(1)
    door.clone(2, agent="agent-1")
    assert door.ledger.failures == {}
    assert door.budget.unexpected_ids == ()


def test_a_429_is_retried_after_retry_after() -> None:
    answers = iter(
        [
            httpx.Response(
                429, headers={"Retry-After": "2"}, json={"success": False, "message": "slow"}
            ),
            httpx.Response(200, json={"success": True, "message": "success", "data": {"id": "a"}}),
        ]
    )
    door = Door(lambda request: next(answers))
    response = door.clone()
    assert response.status_code == 200
    assert door.waits == [2.0]
    assert [exchange.status_code for exchange in door.journal.recent(5)] == [429, 200]


def test_a_429_that_does_not_stop_means_the_check_did_not_run() -> None:
    door = Door(lambda request: httpx.Response(429, headers={"Retry-After": "1"}))
    with pytest.raises(
        NoAnswer, match=f"still 429 Too Many Requests after {MAX_RETRIES + 1} tries"
    ):
        door.clone()
    assert door.waits == [1.0] * MAX_RETRIES


def test_a_request_like_one_rate_limited_without_end_is_not_sent_again() -> None:
    """Each such request would wait out every Retry-After again: minutes on a long run."""
    door = Door(lambda request: httpx.Response(429, headers={"Retry-After": "1"}))
    with pytest.raises(NoAnswer):
        door.clone()
    # NotRun is a unittest.SkipTest: caught here, or a failure would read as a skip.
    with pytest.raises(NotRun) as caught:
        door.clone(2)
    assert isinstance(caught.value, NotSent), caught.value
    assert "got no answer before" in str(caught.value)
    assert door.waits == [1.0] * MAX_RETRIES


def test_a_429_asking_for_too_long_a_wait_is_not_waited_for() -> None:
    door = Door(lambda request: httpx.Response(429, headers={"Retry-After": "3600"}))
    with pytest.raises(NoAnswer, match="429"):
        door.clone()
    assert door.waits == []


def hangs_on_unknown_ids(request: httpx.Request) -> httpx.Response:
    if request.url.params["voiceAgentId"] != AGENT:
        raise httpx.ReadTimeout("timed out", request=request)
    return created(request)


def test_no_answer_is_one_line_and_a_request_like_it_is_not_sent_again() -> None:
    door = Door(hangs_on_unknown_ids)
    with pytest.raises(NoAnswer) as caught:
        door.clone(agent="unknown-1")
    assert "\n" not in str(caught.value)
    assert "POST /v1/voice-agents/clone" in str(caught.value)
    with pytest.raises(NotSent, match="got no answer before"):
        door.clone(agent="unknown-2")
    # Other kinds of request still go out.
    assert door.clone(1).status_code == 200
    assert door.journal.recent(5)[0].status_code is None


def test_after_a_few_requests_without_an_answer_nothing_more_is_sent() -> None:
    def hangs(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectTimeout("timed out", request=request)

    door = Door(hangs)
    # Three requests of three different shapes.
    kinds: list[tuple[str, dict[str, str]]] = [("unknown", {}), ("unknown", VALID), (AGENT, VALID)]
    for n, (agent, headers) in enumerate(kinds[:MAX_UNANSWERED]):
        with pytest.raises(NoAnswer):
            door.clone(n, agent=agent, headers=headers)
    with pytest.raises(NotSent, match=f"left {MAX_UNANSWERED} requests without an answer"):
        door.clone(99)
    assert door.transport.unanswered == MAX_UNANSWERED


def test_identical_requests_are_answered_from_memory_inside_a_replay_block() -> None:
    door = Door(created)
    with door.transport.replaying_identical():
        first = door.clone(1, agent="unknown")
        again = door.clone(1, agent="unknown")
    assert again.content == first.content
    assert door.journal.total == 1
    # Outside the block, even an identical request is sent (and this one is refused: known fault).
    with pytest.raises(NotSent):
        door.clone(1, agent="unknown")


def test_async_requests_go_through_the_same_door() -> None:
    door = Door(created, cap=PLANNED_WRITES)

    async def clone_twice() -> list[httpx.Response]:
        async with httpx.AsyncClient(
            base_url="http://target.test", transport=door.transport
        ) as http:
            with door.budget.planned(OVERLAPPING):
                return list(
                    await asyncio.gather(
                        *(
                            http.post(
                                CLONE,
                                params={"voiceAgentId": AGENT, "n": str(n)},
                                headers=VALID,
                                json=BODY,
                            )
                            for n in (1, 2)
                        )
                    )
                )

    responses = asyncio.run(clone_twice())
    assert [response.status_code for response in responses] == [200, 200]
    assert sorted(door.budget.created_ids) == ["agent-1", "agent-2"]
    assert door.journal.total == 2


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
    budget.record_answer(404, b'{"success": false}', expected=True)
    budget.record_answer(200, b"not json", expected=True)
    budget.record_answer(200, json.dumps({"data": {"id": 7}}).encode(), expected=True)
    assert budget.created_ids == ()


class ClosingPool(httpx.BaseTransport):
    """A pooled connection the server closed before answering: every request on it fails as
    h11 reports it; `fresh` (new connections) answers."""

    def __init__(self, fresh: Handler) -> None:
        self.pooled: list[httpx.Request] = []
        self.fresh: list[httpx.Request] = []
        self._answer = fresh

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.pooled.append(request)
        raise httpx.RemoteProtocolError("Server disconnected without sending a response.")

    def on_fresh(self, request: httpx.Request) -> httpx.Response:
        self.fresh.append(request)
        return self._answer(request)


def _closing_door(answer: Handler) -> tuple[GuardedTransport, ClosingPool, httpx.Client]:
    pool = ClosingPool(answer)
    fresh = httpx.MockTransport(pool.on_fresh)
    door = GuardedTransport(
        pool,
        fresh,
        budget=WriteBudget(None),
        journal=Journal(),
        ledger=Ledger(),
        api_key=KEY,
        voice_agent_id=AGENT,
        fresh=fresh,
    )
    return door, pool, httpx.Client(base_url="http://target.test", transport=door)


def test_a_request_that_creates_nothing_is_sent_again_on_a_new_connection() -> None:
    """RFC 9112 §9.5: a kept-alive connection closed before any answer is not a server down."""
    door, pool, http = _closing_door(lambda request: httpx.Response(401, json={"message": "no"}))

    response = http.post(CLONE, params={"voiceAgentId": AGENT}, json=BODY)

    assert response.status_code == 401
    assert (len(pool.pooled), len(pool.fresh)) == (1, 1)
    assert door.unanswered == 0


def test_a_request_that_is_no_clone_request_is_sent_again_on_a_new_connection() -> None:
    door, pool, http = _closing_door(lambda request: httpx.Response(404, json={"message": "no"}))

    response = http.get(f"/v1/voice-agents/{AGENT}")

    assert response.status_code == 404
    assert (len(pool.pooled), len(pool.fresh)) == (1, 1)
    assert door.unanswered == 0


def test_an_async_request_that_may_create_goes_on_a_new_connection() -> None:
    pooled: list[httpx.Request] = []
    fresh: list[httpx.Request] = []

    def answering(sent: list[httpx.Request]) -> httpx.MockTransport:
        def answer(request: httpx.Request) -> httpx.Response:
            sent.append(request)
            return created(request)

        return httpx.MockTransport(answer)

    inner, new = answering(pooled), answering(fresh)
    door = GuardedTransport(
        inner,
        inner,
        budget=WriteBudget(None),
        journal=Journal(),
        ledger=Ledger(),
        api_key=KEY,
        voice_agent_id=AGENT,
        fresh=new,
        fresh_async=new,
    )

    async def clone() -> httpx.Response:
        async with httpx.AsyncClient(base_url="http://target.test", transport=door) as http:
            return await http.post(CLONE, params={"voiceAgentId": AGENT}, headers=VALID, json=BODY)

    assert asyncio.run(clone()).status_code == 200
    assert (len(pooled), len(fresh)) == (0, 1)


def test_a_request_that_may_create_goes_on_a_new_connection_and_is_never_sent_twice() -> None:
    _, pool, http = _closing_door(created)

    answered = http.post(CLONE, params={"voiceAgentId": AGENT}, headers=VALID, json=BODY)

    assert answered.status_code == 200
    assert (len(pool.pooled), len(pool.fresh)) == (0, 1)

    def closes(request: httpx.Request) -> httpx.Response:
        raise httpx.RemoteProtocolError("Server disconnected without sending a response.")

    _, pool, http = _closing_door(closes)
    with pytest.raises(NoAnswer, match="Server disconnected"):
        http.post(CLONE, params={"voiceAgentId": AGENT}, headers=VALID, json=BODY)
    assert (len(pool.pooled), len(pool.fresh)) == (0, 1)
