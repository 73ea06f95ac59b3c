"""Requests sent side by side (src/hamsa_contract/send/_door.py, send/_prefetch.py,
judge/_conformance.py): one Retry-After pause for all, the first request of each kind alone, answers
fetched ahead and judged when asked for (or at the end), the HAMSA_CONCURRENCY setting."""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace
from typing import Any

import httpx
import pytest

from hamsa_contract.judge._conformance import may_write
from hamsa_contract.plan._budget import WriteBudget
from hamsa_contract.report._ledger import Ledger
from hamsa_contract.send._clone_requests import CloneApi
from hamsa_contract.send._door import GuardedTransport, NoAnswer, NotSent, recording_only
from hamsa_contract.send._journal import Journal
from hamsa_contract.send._prefetch import record_requests, recordable
from hamsa_contract.send._settings import DEFAULT_CONCURRENCY, RunSettings, SettingsError
from tests.hamsa_contract.send.test_door import AGENT, BODY, CLONE, KEY, VALID, created

BASE_URL = "http://target.test"
NOT_FOUND = {"success": False, "message": "Voice agent not found", "messageKey": "NOT_FOUND"}


class Server:
    """A handler that counts the requests it got and how many were in flight at once."""

    def __init__(self, answer: Any, seconds: float = 0.0) -> None:
        self.answer = answer
        self.seconds = seconds
        self.calls = 0
        self.in_flight = 0
        self.most_in_flight = 0
        self._lock = threading.Lock()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            self.calls += 1
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        time.sleep(self.seconds)
        with self._lock:
            self.in_flight -= 1
        response: httpx.Response = self.answer(request)
        return response


class Door:
    def __init__(self, server: Any, *, clock: Any = time.monotonic) -> None:
        self.journal, self.ledger = Journal(), Ledger()
        self.waits: list[float] = []
        self.judged: list[int] = []
        mock = httpx.MockTransport(server)
        self.transport = GuardedTransport(
            mock,
            mock,
            budget=WriteBudget(None),
            journal=self.journal,
            ledger=self.ledger,
            api_key=KEY,
            voice_agent_id=AGENT,
            sleep=self.waits.append,
            clock=clock,
        )
        self.transport.judge = lambda response: self.judged.append(response.status_code)
        self.http = httpx.Client(base_url=BASE_URL, transport=self.transport)

    def unknown(self, n: int) -> httpx.Request:
        """A request for an unknown agent: a conformant server creates nothing for it."""
        return self.http.build_request(
            "POST",
            CLONE,
            params={"voiceAgentId": "no-such-agent", "n": str(n)},
            headers=VALID,
            json=BODY,
        )

    def side_by_side(self, count: int) -> list[httpx.Response | Exception]:
        def send(n: int) -> httpx.Response | Exception:
            try:
                return self.http.send(self.unknown(n))
            except NotSent as refused:
                return refused

        with ThreadPoolExecutor(count) as pool:
            return list(pool.map(send, range(count)))


def not_found(request: httpx.Request) -> httpx.Response:
    return httpx.Response(404, json=NOT_FOUND)


def test_a_429_holds_back_every_request_not_only_its_own() -> None:
    answers = iter([httpx.Response(429, headers={"Retry-After": "5"}, json=NOT_FOUND)])
    door = Door(lambda request: next(answers, None) or not_found(request), clock=lambda: 100.0)

    assert door.http.send(door.unknown(1)).status_code == 404
    # The clock stands still: the pause the first request's 429 asked for is not over yet.
    assert door.http.send(door.unknown(2)).status_code == 404
    assert door.waits == [5.0, 5.0]


def test_an_async_request_does_not_wait_for_a_pause_running_when_it_went(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The suite's async requests are its planned writes, in flight together on purpose: only a
    pause set while one is out holds it back."""
    slept: list[float] = []

    async def no_sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr(asyncio, "sleep", no_sleep)
    answers = iter([httpx.Response(429, headers={"Retry-After": "5"}, json=NOT_FOUND)])
    door = Door(lambda request: next(answers, None) or not_found(request), clock=lambda: 100.0)
    assert door.http.send(door.unknown(1)).status_code == 404
    assert door.waits == [5.0]

    async def send_async() -> httpx.Response:
        async with httpx.AsyncClient(base_url=BASE_URL, transport=door.transport) as http:
            return await http.send(door.unknown(2))

    # The clock stands still: the pause is still running, and this request does not wait for it.
    assert asyncio.run(send_async()).status_code == 404
    assert slept == []
    assert door.http.send(door.unknown(3)).status_code == 404
    assert door.waits == [5.0, 5.0]  # a request in a thread does


def test_the_first_request_of_a_kind_goes_alone_then_the_rest_side_by_side() -> None:
    server = Server(not_found, seconds=0.05)
    door = Door(server)

    answers = door.side_by_side(8)

    assert [answer.status_code for answer in answers if isinstance(answer, httpx.Response)] == [
        404
    ] * 8
    assert server.calls == 8
    assert server.most_in_flight > 1


def test_a_server_that_creates_where_it_must_not_gets_one_request_of_that_kind() -> None:
    server = Server(created, seconds=0.05)
    door = Door(server)

    answers = door.side_by_side(8)

    assert server.calls == 1
    assert sum(isinstance(answer, NotSent) for answer in answers) == 7
    assert any("an unknown voiceAgentId" in rule for rule in door.ledger.failures)


def test_prefetched_answers_are_journaled_and_judged_when_asked_for() -> None:
    server = Server(not_found)
    door = Door(server)

    door.transport.prefetch([door.unknown(1), door.unknown(2)], concurrency=2)
    assert (server.calls, door.journal.total, door.judged) == (2, 0, [])

    assert door.http.send(door.unknown(1)).status_code == 404
    assert (server.calls, door.journal.total, door.judged) == (2, 1, [404])
    # Asked for again: nothing kept for it any more, so it is sent.
    door.http.send(door.unknown(1))
    assert server.calls == 3


def test_the_first_requests_of_two_kinds_go_side_by_side() -> None:
    """Each kind's first request goes alone among its kind only: one of another kind (here
    without credentials) is not held back by it."""
    first_out, other_answered = threading.Event(), threading.Event()
    saw_the_other: list[bool] = []

    def answer(request: httpx.Request) -> httpx.Response:
        if "authorization" in request.headers:  # the unknown agent's request
            first_out.set()
            # Bounded, so that a door holding the other back fails the test instead of hanging.
            saw_the_other.append(other_answered.wait(timeout=5))
        else:
            other_answered.set()
        return not_found(request)

    door = Door(answer)
    without_credentials = door.http.build_request(
        "POST", CLONE, params={"voiceAgentId": AGENT}, json=BODY
    )
    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(door.http.send, door.unknown(1))
        assert first_out.wait(timeout=5)
        assert door.http.send(without_credentials).status_code == 404
        assert first.result().status_code == 404
    assert saw_the_other == [True]


def test_a_prefetched_request_that_created_an_agent_stops_others_like_it() -> None:
    server = Server(created)
    door = Door(server)
    door.transport.prefetch([door.unknown(1)], concurrency=2)

    with pytest.raises(NotSent) as refused:
        door.http.send(door.unknown(2))
    assert str(refused.value) == "not sent: a request like this one created an agent"
    # Its check takes the answer and fails the rule; from then on the refusal says so.
    assert door.http.send(door.unknown(1)).status_code == 200
    assert any("an unknown voiceAgentId" in rule for rule in door.ledger.failures)
    with pytest.raises(NotSent, match="already created an agent for an unknown voiceAgentId"):
        door.http.send(door.unknown(3))
    assert server.calls == 1


def test_identical_requests_fetched_ahead_each_keep_their_answer() -> None:
    server = Server(not_found)
    door = Door(server)
    door.transport.prefetch([door.unknown(1), door.unknown(1)], concurrency=2)
    assert server.calls == 2

    assert door.http.send(door.unknown(1)).status_code == 404
    assert door.http.send(door.unknown(1)).status_code == 404
    assert (server.calls, door.journal.total) == (2, 2)


def test_requests_fetched_ahead_of_one_kind_go_first_alone_and_within_its_refusals() -> None:
    server = Server(created, seconds=0.05)
    door = Door(server)

    door.transport.prefetch([door.unknown(n) for n in (1, 2, 3)], concurrency=3)

    # The first created an agent: the others were refused, not sent beside it.
    assert server.calls == 1


def test_requests_fetched_ahead_go_as_many_at_a_time_as_the_concurrency() -> None:
    server = Server(not_found, seconds=0.05)
    door = Door(server)
    # Two kinds of request (an unknown agent; no credentials): neither waits for the other's kind.
    without_credentials = door.http.build_request(
        "POST", CLONE, params={"voiceAgentId": AGENT}, json=BODY
    )

    door.transport.prefetch([door.unknown(1), without_credentials], concurrency=1)

    assert (server.calls, server.most_in_flight) == (2, 1)


def test_a_kind_answered_conformantly_ahead_goes_side_by_side_from_then_on() -> None:
    first_out, other_arrived = threading.Event(), threading.Event()
    saw_the_other: list[bool] = []

    def answer(request: httpx.Request) -> httpx.Response:
        n = request.url.params["n"]
        if n == "2":
            first_out.set()
            # Bounded, so that a door holding the other back fails the test instead of hanging.
            saw_the_other.append(other_arrived.wait(timeout=5))
        elif n == "3":
            other_arrived.set()
        return not_found(request)

    door = Door(answer)
    door.transport.prefetch([door.unknown(1)], concurrency=1)
    assert door.http.send(door.unknown(1)).status_code == 404

    with ThreadPoolExecutor(2) as pool:
        first = pool.submit(door.http.send, door.unknown(2))
        assert first_out.wait(timeout=5)
        assert door.http.send(door.unknown(3)).status_code == 404
        assert first.result().status_code == 404
    assert saw_the_other == [True]


def test_a_300_fetched_ahead_refuses_nothing() -> None:
    door = Door(Server(lambda request: httpx.Response(300, json={"data": {"id": "x"}})))
    door.transport.prefetch([door.unknown(1)], concurrency=1)
    assert door.http.send(door.unknown(2)).status_code == 300
    assert door.ledger.failures == {}


def test_a_429_fetched_ahead_is_judged_waited_for_and_retried() -> None:
    answers = iter([httpx.Response(429, headers={"Retry-After": "2"}, json=NOT_FOUND)])
    server = Server(lambda request: next(answers, None) or not_found(request))
    door = Door(server)

    door.transport.prefetch([door.unknown(1)], concurrency=1)

    assert (server.calls, door.waits, door.judged) == (2, [2.0], [429])
    assert door.http.send(door.unknown(1)).status_code == 404
    assert door.judged == [429, 404]


def test_a_request_fetched_ahead_waits_for_a_pause_already_running() -> None:
    answers = iter([httpx.Response(429, headers={"Retry-After": "5"}, json=NOT_FOUND)])
    door = Door(lambda request: next(answers, None) or not_found(request), clock=lambda: 100.0)
    assert door.http.send(door.unknown(1)).status_code == 404

    # The clock stands still: the pause the 429 asked for is not over yet.
    door.transport.prefetch([door.unknown(2)], concurrency=1)
    assert door.waits == [5.0, 5.0]


def test_a_429_without_end_fetched_ahead_is_no_answer_for_its_check() -> None:
    door = Door(Server(lambda request: httpx.Response(429, headers={"Retry-After": "1"})))

    door.transport.prefetch([door.unknown(1)], concurrency=1)

    assert door.transport.unanswered == 1
    with pytest.raises(NoAnswer, match="still 429 Too Many Requests"):
        door.http.send(door.unknown(1))


def test_a_check_that_failed_keeps_its_refusal_over_an_answer_fetched_ahead() -> None:
    """A request fetched ahead that creates an agent after a check already failed the rule for
    its kind leaves the check's refusal, which says so, in place."""
    created_after_check, check_failed = threading.Event(), threading.Event()

    def answer(request: httpx.Request) -> httpx.Response:
        n = request.url.params["n"]
        if n == "1":
            return not_found(request)  # a conformant answer: the kind goes side by side
        if n == "2":  # fetched ahead, answered once the check has failed
            created_after_check.set()
            assert check_failed.wait(timeout=5)
        return created(request)

    door = Door(answer)
    door.transport.prefetch([door.unknown(1)], concurrency=1)
    with ThreadPoolExecutor(1) as pool:
        ahead = pool.submit(door.transport.prefetch, [door.unknown(2)], 1)
        assert created_after_check.wait(timeout=5)
        assert door.http.send(door.unknown(3)).status_code == 200  # the check fails the rule
        check_failed.set()
        ahead.result()

    with pytest.raises(NotSent, match="already created an agent for an unknown voiceAgentId"):
        door.http.send(door.unknown(4))


def test_an_answer_fetched_ahead_that_created_an_agent_fails_the_rule_at_the_end() -> None:
    door = Door(Server(created))
    door.transport.prefetch([door.unknown(1)], concurrency=1)

    door.transport.settle_unused()

    assert list(door.ledger.failures) == ["no agent is created for an unknown voiceAgentId"]
    assert door.transport.refuses("an unknown voiceAgentId")


def test_a_prefetched_answer_no_check_asked_for_is_judged_at_the_end() -> None:
    door = Door(Server(not_found))
    door.transport.prefetch([door.unknown(1)], concurrency=2)

    door.transport.settle_unused()

    assert (door.journal.total, door.judged) == (1, [404])
    door.transport.settle_unused()
    assert door.journal.total == 1


def times_out(request: httpx.Request) -> httpx.Response:
    raise httpx.ReadTimeout("timed out", request=request)


def test_a_prefetched_request_without_an_answer_is_reported_by_its_check() -> None:
    door = Door(times_out)
    door.transport.prefetch([door.unknown(1)], concurrency=2)
    assert door.transport.unanswered == 1

    with pytest.raises(NoAnswer, match="timed out"):
        door.http.send(door.unknown(1))
    assert door.journal.total == 1


def test_a_prefetched_request_without_an_answer_stops_others_like_it() -> None:
    server = Server(times_out)
    door = Door(server)
    door.transport.prefetch([door.unknown(1)], concurrency=2)

    with pytest.raises(NotSent, match="a request like this one got no answer before"):
        door.http.send(door.unknown(2))
    assert server.calls == 1


def test_requests_that_may_create_an_agent_are_never_fetched_ahead() -> None:
    server = Server(created)
    door = Door(server)
    writing = door.http.build_request(
        "POST", CLONE, params={"voiceAgentId": AGENT}, headers=VALID, json=BODY
    )
    door.transport.prefetch([writing], concurrency=2)
    assert server.calls == 0


def test_the_door_sends_nothing_while_checks_are_only_recorded() -> None:
    server = Server(not_found)
    door = Door(server)
    with recording_only(), pytest.raises(NotSent) as refused:
        door.http.send(door.unknown(1))
    assert str(refused.value) == (
        "not sent: the run is only recording which requests its checks make"
    )
    assert server.calls == 0


def check_with_api(api: CloneApi, name: str) -> None:
    api.clone(name, voice_agent_id="no-such-agent")
    api.clone(name, voice_agent_id="no-such-agent")  # the same request again: recorded once
    api.clone(f"{name} again", voice_agent_id="no-such-agent")


def check_with_a_planned_clone(api: CloneApi, first: object) -> None:
    raise AssertionError("never called: it needs a planned clone")


def test_checks_are_recorded_with_their_parameters_and_nothing_is_sent() -> None:
    items = [
        SimpleNamespace(obj=check_with_api, callspec=SimpleNamespace(params={"name": "one"})),
        SimpleNamespace(obj=check_with_a_planned_clone),
    ]
    assert [recordable(item) for item in items] == [True, False]  # type: ignore[arg-type]

    def make_client(transport: httpx.BaseTransport) -> httpx.Client:
        return httpx.Client(base_url=BASE_URL, transport=transport)

    recorded = record_requests(
        items[:1],  # type: ignore[arg-type]
        lambda client: {"api": CloneApi(client, api_key=KEY, voice_agent_id=AGENT)},
        make_client,
    )
    assert [request.read().decode() for request in recorded] == [
        '{"agentName":"contract-test one"}',
        '{"agentName":"contract-test one again"}',
    ]


def test_only_a_case_aimed_at_the_runs_agent_with_a_valid_body_may_write() -> None:
    def case(voice_agent_id: str | None, body: object) -> Any:
        return SimpleNamespace(query={"voiceAgentId": voice_agent_id}, body=body)

    assert may_write(case(AGENT, {"agentName": "x"}), AGENT)
    assert not may_write(case("contract-test-unknown-1", {"agentName": "x"}), AGENT)
    # Without a name the server may clone under its own (CONTRACT.md decision 4).
    assert may_write(case(AGENT, {"agentName": ""}), AGENT)
    assert may_write(case(AGENT, {}), AGENT)
    assert may_write(case(AGENT, {"agentName": None}), AGENT)
    assert not may_write(case(AGENT, {"agentName": 5}), AGENT)
    assert not may_write(case(AGENT, ["x"]), AGENT)
    assert not may_write(case(None, {"agentName": "x"}), AGENT)


@pytest.mark.parametrize(("value", "expected"), [("", DEFAULT_CONCURRENCY), ("1", 1), (" 16 ", 16)])
def test_concurrency_is_read_from_hamsa_concurrency(value: str, expected: int) -> None:
    assert RunSettings.from_environ({"HAMSA_CONCURRENCY": value}).concurrency == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [("0", "at least 1"), ("many", "a whole number"), ("2.5", "a whole number")],
)
def test_a_bad_concurrency_is_named(value: str, message: str) -> None:
    with pytest.raises(SettingsError, match=f"HAMSA_CONCURRENCY must be {message}"):
        RunSettings.from_environ({"HAMSA_CONCURRENCY": value})
