"""The door's edges (src/hamsa_contract/send/_door.py) that test_door.py
leaves open: the async path's retries, no-answers, replays and judge; overlapping requests that must
not create an agent; refusals as the conformance checks read them; how a request without an answer
is described; and the write budget's counts past one."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from hamsa_contract.plan._budget import WriteBudget, WriteCapReached
from hamsa_contract.plan._writes import PLANNED_WRITES
from hamsa_contract.send._door import (
    JUDGED_BY_SCHEMATHESIS,
    MAX_UNANSWERED,
    OTHER_METHOD,
    NoAnswer,
    NotSent,
    Shape,
    describe_transport_error,
)
from hamsa_contract.send._retry_after import MAX_RETRIES, MAX_WAIT_SECONDS
from tests.hamsa_contract.send.test_door import (
    AGENT,
    BODY,
    CLONE,
    VALID,
    Door,
    created,
)

WRONG_KEY = {"Authorization": "Token other-key"}
NO_CREDENTIALS = "a request without valid credentials"


def send_async(door: Door, *requests: dict[str, object]) -> list[httpx.Response | BaseException]:
    """Clone requests sent at once through the door's async path (keyword arguments of `post`)."""

    async def run() -> list[httpx.Response | BaseException]:
        async with httpx.AsyncClient(
            base_url="http://target.test", transport=door.transport
        ) as http:
            return list(
                await asyncio.gather(
                    *(http.post(CLONE, **request) for request in requests),  # type: ignore[arg-type]
                    return_exceptions=True,
                )
            )

    return asyncio.run(run())


def clone_request(
    n: int = 0, *, agent: str = AGENT, headers: dict[str, str] = VALID
) -> dict[str, object]:
    return {"params": {"voiceAgentId": agent, "n": str(n)}, "headers": headers, "json": BODY}


def test_the_door_says_which_refusals_it_holds() -> None:
    door = Door(created)
    assert not door.transport.refuses(NO_CREDENTIALS)
    door.clone(1, headers=WRONG_KEY)
    assert door.transport.refuses(NO_CREDENTIALS)
    assert not door.transport.refuses("an unknown voiceAgentId")


def test_the_refusal_says_why_nothing_more_is_sent() -> None:
    door = Door(created)
    door.clone(1, headers=WRONG_KEY)
    with pytest.raises(NotSent) as raised:
        door.clone(2, headers=WRONG_KEY)
    assert str(raised.value) == (
        f"not sent: the server already created an agent for {NO_CREDENTIALS} "
        "(a failure above); more such requests would only add agents to your account"
    )


def test_overlapping_requests_that_must_not_create_count_each_failure_and_show_the_first() -> None:
    async def creates_slowly(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0)  # both requests pass the door before either is answered
        return created(request)

    door = Door(creates_slowly)  # type: ignore[arg-type]
    responses = send_async(
        door, clone_request(1, headers=WRONG_KEY), clone_request(2, headers=WRONG_KEY)
    )
    assert [getattr(r, "status_code", r) for r in responses] == [200, 200]
    rule = f"no agent is created for {NO_CREDENTIALS}"
    assert door.ledger.failures == {rule: 2}
    (finding,) = door.ledger.take_findings()
    assert finding == (
        f"Rule broken: {rule}: the server answered 200 (and may have created an agent) "
        f"for {NO_CREDENTIALS}\n"
        "Source:   contract decisions 4, 5, 7 and 8 (CONTRACT.md #decision-4, #decision-5, "
        "#decision-7, #decision-8): this project's call where the vendor is silent, not its "
        "documented behaviour"
    )
    assert door.budget.unexpected_ids == ("agent-1", "agent-2")


def test_an_async_429_is_retried_after_retry_after() -> None:
    answers = iter(
        [
            httpx.Response(429, headers={"Retry-After": "0"}),
            created(httpx.Request("POST", "http://x")),
        ]
    )
    door = Door(lambda request: next(answers))
    (response,) = send_async(door, clone_request())
    assert isinstance(response, httpx.Response)
    assert response.status_code == 200
    assert [exchange.status_code for exchange in door.journal.recent(5)] == [429, 200]


def test_an_async_429_that_does_not_stop_is_tried_a_fixed_number_of_times() -> None:
    door = Door(lambda request: httpx.Response(429, headers={"Retry-After": "0"}))
    (outcome,) = send_async(door, clone_request())
    assert isinstance(outcome, NoAnswer)
    assert f"still 429 Too Many Requests after {MAX_RETRIES + 1} tries" in str(outcome)
    assert door.journal.total == MAX_RETRIES + 1


def times_out(request: httpx.Request) -> httpx.Response:
    raise httpx.ReadTimeout("timed out", request=request)


def test_an_async_request_without_an_answer_is_described_journalled_and_not_repeated() -> None:
    door = Door(times_out)
    (outcome,) = send_async(door, clone_request(1, agent="unknown-1"))
    assert isinstance(outcome, NoAnswer)
    assert str(outcome) == "no answer: POST /v1/voice-agents/clone timed out after 5 s"
    assert door.transport.unanswered == 1
    (exchange,) = door.journal.recent(5)
    assert (exchange.status_code, exchange.unanswered) == (None, "timed out after 5 s")
    (again,) = send_async(door, clone_request(2, agent="unknown-2"))
    assert isinstance(again, NotSent)
    assert "got no answer before" in str(again)


def test_one_sync_request_without_an_answer_counts_once() -> None:
    door = Door(times_out)
    with pytest.raises(NoAnswer, match="timed out after 5 s"):
        door.clone(1)
    assert door.transport.unanswered == 1
    assert door.journal.recent(1)[0].unanswered == "timed out after 5 s"
    # A request that is not a clone has no shape: it is never held back by shape.
    for _ in range(2):
        with pytest.raises(NoAnswer):
            door.http.get("/v1/other")
    assert door.transport.unanswered == 3


def test_async_identical_requests_are_answered_from_memory_inside_a_replay_block() -> None:
    door = Door(created)
    with door.transport.replaying_identical():
        first = send_async(door, clone_request(1))
        again = send_async(door, clone_request(1))
    assert [r.content for r in first + again] == [first[0].content] * 2  # type: ignore[union-attr]
    assert door.journal.total == 1


def test_answers_kept_from_an_earlier_block_are_replayed_in_a_later_one() -> None:
    door = Door(created)
    kept: dict[tuple[object, ...], httpx.Response] = {}
    with door.transport.replaying_identical(kept):
        door.clone(1)
    with door.transport.replaying_identical(kept):
        door.clone(1)
    assert len(kept) == 1
    assert door.journal.total == 1


def test_the_judge_sees_async_answers_except_those_schemathesis_judges() -> None:
    door = Door(created)
    judged: list[str | None] = []
    door.transport.judge = lambda response: judged.append(response.request.url.params.get("n"))

    async def run() -> None:
        async with httpx.AsyncClient(
            base_url="http://target.test", transport=door.transport
        ) as http:
            await http.post(CLONE, **clone_request(1))  # type: ignore[arg-type]
            request = http.build_request("POST", CLONE, **clone_request(2))  # type: ignore[arg-type]
            request.extensions[JUDGED_BY_SCHEMATHESIS] = True
            await http.send(request)

    asyncio.run(run())
    assert judged == ["1"]
    assert door.journal.total == 2


def test_the_judge_sees_sync_answers_except_those_schemathesis_judges() -> None:
    door = Door(created)
    judged: list[str | None] = []
    door.transport.judge = lambda response: judged.append(response.request.url.params.get("n"))
    door.clone(1)
    request = door.http.build_request("POST", CLONE, **clone_request(2))  # type: ignore[arg-type]
    request.extensions[JUDGED_BY_SCHEMATHESIS] = True
    door.http.send(request)
    assert judged == ["1"]


def shape_of(door: Door, method: str, path: str, **kwargs: object) -> object:
    return door.transport.shape(door.http.build_request(method, path, **kwargs))  # type: ignore[arg-type]


def test_only_a_post_to_the_clone_path_has_a_shape() -> None:
    door = Door(created)
    assert shape_of(door, "POST", "/v1/voice-agents", **clone_request()) is None
    assert shape_of(door, "GET", CLONE, params={"voiceAgentId": AGENT}, headers=VALID) is None
    assert shape_of(door, "POST", CLONE, **clone_request()) == Shape(True, "known", True)


@pytest.mark.parametrize(
    "params",
    [{}, {"voiceAgentId": ""}, [("voiceAgentId", AGENT), ("voiceAgentId", AGENT)]],
    ids=["none", "empty", "twice"],
)
def test_no_single_voice_agent_id_is_a_missing_agent(params: object) -> None:
    door = Door(created)
    shape = shape_of(door, "POST", CLONE, params=params, headers=VALID, json=BODY)
    assert shape == Shape(True, "missing", True)
    assert isinstance(shape, Shape)
    assert shape.must_not_create == "an invalid request"


def test_a_retry_after_of_exactly_the_longest_wait_is_waited_for() -> None:
    answers = iter(
        [
            httpx.Response(429, headers={"Retry-After": f"{MAX_WAIT_SECONDS:g}"}),
            created(httpx.Request("POST", "http://x")),
        ]
    )
    door = Door(lambda request: next(answers))
    assert door.clone().status_code == 200
    assert door.waits == [MAX_WAIT_SECONDS]


def test_a_persistent_429_says_what_retry_after_it_sent() -> None:
    door = Door(lambda request: httpx.Response(429, headers={"Retry-After": "1"}))
    with pytest.raises(NoAnswer) as raised:
        door.clone()
    assert str(raised.value) == (
        f"no answer: still 429 Too Many Requests after {MAX_RETRIES + 1} tries "
        "(Retry-After '1'); run again later"
    )


def test_only_a_2xx_to_a_request_that_must_not_create_is_a_failure() -> None:
    door = Door(lambda request: httpx.Response(300, json={"data": {"id": "x"}}))
    assert door.clone(1, headers=WRONG_KEY).status_code == 300
    assert door.ledger.failures == {}
    assert not door.transport.refuses(NO_CREDENTIALS)


@pytest.mark.parametrize(
    ("path", "status"),
    [(CLONE, 300), (f"/v1/voice-agents/{AGENT}", 200)],
    ids=["clone-path-300", "other-path-200"],
)
def test_only_a_2xx_on_the_clone_path_stops_its_other_methods(path: str, status: int) -> None:
    door = Door(lambda request: httpx.Response(status, json={"data": {"id": "x"}}))
    assert door.http.get(path, params={"voiceAgentId": AGENT}, headers=VALID).status_code == status
    assert not door.transport.refuses(OTHER_METHOD)
    assert door.budget.unexpected_ids == ()
    assert door.http.put(CLONE, params={"voiceAgentId": AGENT}, headers=VALID).status_code == status


def request_with_timeout(timeout: object) -> httpx.Request:
    return httpx.Request("POST", "http://target.test/x", extensions={"timeout": timeout})


@pytest.mark.parametrize(
    ("timeout", "said"),
    [
        ({"read": 5.0, "connect": 2.0}, "timed out after 5 s"),
        ({"read": None, "connect": 2.5}, "timed out after 2.5 s"),
        ({"read": None, "connect": None}, "timed out"),
        ({}, "timed out"),
        (None, "timed out"),
        (3.0, "timed out"),
    ],
)
def test_a_timeout_says_the_read_or_else_connect_limit(timeout: object, said: str) -> None:
    request = request_with_timeout(timeout)
    exc = httpx.ReadTimeout("boom", request=request)
    assert describe_transport_error(exc, request) == said


@pytest.mark.parametrize(
    ("exc", "said"),
    [
        (httpx.ConnectError("refused"), "could not connect (refused)"),
        (httpx.ConnectError(""), "could not connect (ConnectError)"),
        (httpx.RemoteProtocolError("bye"), "connection failed: RemoteProtocolError (bye)"),
        (httpx.ReadError(""), "connection failed: ReadError (no detail)"),
    ],
)
def test_other_transport_errors_are_named(exc: httpx.TransportError, said: str) -> None:
    assert describe_transport_error(exc, request_with_timeout(None)) == said


def test_the_generated_share_is_counted_request_by_request() -> None:
    budget = WriteBudget(PLANNED_WRITES + 3)
    lefts = []
    for _ in range(3):
        lefts.append(budget.generated_left)
        budget.claim()
    assert lefts == [3, 2, 1]
    for refused in (1, 2):
        with pytest.raises(WriteCapReached):
            budget.claim()
        assert budget.refused == refused


def test_a_created_agent_is_listed_once_however_often_it_is_reported() -> None:
    budget = WriteBudget(None)
    answer = b'{"data": {"id": "a-1"}}'
    assert budget.record_answer(200, answer, expected=False) == "a-1"
    assert budget.record_answer(200, answer, expected=False) == "a-1"
    assert budget.record_answer(200, b'{"data": {"id": "a-2"}}', expected=True) == "a-2"
    assert budget.created_ids == ("a-1", "a-2")
    assert budget.unexpected_ids == ("a-1",)


@pytest.mark.parametrize(
    ("status", "listed"), [(200, True), (201, True), (204, True), (300, False)]
)
def test_any_2xx_that_reports_an_agent_is_listed_for_cleanup(status: int, listed: bool) -> None:
    budget = WriteBudget(None)
    budget.record_answer(status, b'{"data": {"id": "a-1"}}', expected=True)
    assert budget.created_ids == (("a-1",) if listed else ())


@pytest.mark.parametrize(
    ("content", "valid"),
    [
        (b'{"agentName": "a"}', True),
        # No name: the server may clone under its own (CONTRACT.md decision 4).
        (b'{"agentName": ""}', True),
        (b'{"agentName": null}', True),
        (b'{"other": "a"}', True),
        (b'{"agentName": 5}', False),
        (b'{"agentName": false}', False),
        (b'["agentName"]', False),
        (b"not json", False),
    ],
)
def test_a_body_that_may_create_is_an_object_with_a_string_missing_or_null_name(
    content: bytes, valid: bool
) -> None:
    door = Door(created)
    shape = shape_of(
        door, "POST", CLONE, params={"voiceAgentId": AGENT}, headers=VALID, content=content
    )
    assert shape == Shape(True, "known", valid)


@pytest.mark.parametrize(
    ("content_type", "content", "valid"),
    [
        # Decision 4 within decision 14: a JSON object without a name may create an agent...
        ("application/json", b"{}", True),
        ("Application/JSON; charset=utf-8", b'{"agentName": null}', True),
        # ... and so may what a server may still read as one (RFC 9110 §8.3, RFC 8259 §8.1, §9).
        (None, b"{}", True),
        ("application/json", b"\xef\xbb\xbf{}", True),
        ("application/json", b'{"weight": NaN}', True),
        # Not a clone request, with or without a name (decision 14).
        ("text/plain", b"{}", False),
        ("text/plain", b'{"agentName": "a"}', False),
        ("application/x-www-form-urlencoded", b"agentName=a", False),
        ("application/json", b"{} {}", False),
        ("application/json", b'{"agentName": "caf\xe9"}', False),
    ],
)
def test_a_body_may_create_only_as_one_json_value_in_utf8_with_a_string_or_no_name(
    content_type: str | None, content: bytes, valid: bool
) -> None:
    """One rule, decisions 4 and 14 together: the body as a conformant server reads it, then its
    name."""
    door = Door(created)
    headers = VALID if content_type is None else {**VALID, "Content-Type": content_type}
    shape = shape_of(
        door, "POST", CLONE, params={"voiceAgentId": AGENT}, headers=headers, content=content
    )
    assert shape == Shape(True, "known", valid)


def test_a_replay_block_answers_only_identical_requests_from_memory() -> None:
    door = Door(created)
    with door.transport.replaying_identical():
        first, second = door.clone(1), door.clone(2)
    assert (first.json()["data"]["id"], second.json()["data"]["id"]) == ("agent-1", "agent-2")
    assert door.journal.total == 2


def test_refusals_for_no_answer_say_why() -> None:
    door = Door(times_out)
    with pytest.raises(NoAnswer):
        door.clone(1, agent="unknown")
    with pytest.raises(NotSent) as raised:
        door.clone(2, agent="unknown")
    assert str(raised.value) == "not sent: a request like this one got no answer before"
    with pytest.raises(NoAnswer):
        door.clone(3, headers=WRONG_KEY)
    with pytest.raises(NoAnswer):
        door.clone(4, agent="")
    with pytest.raises(NotSent) as raised:
        door.clone(9)
    assert str(raised.value) == (
        f"not sent: the server left {MAX_UNANSWERED} requests without an answer, "
        "so the run stopped sending"
    )


# --- CONTRACT.md decisions 8 to 10 at the door ---------------------------------------------------


def test_the_first_authorization_header_decides_whether_a_request_may_create() -> None:
    """Decision 9: a server may judge repeated headers by the first, so a 200 to [valid, wrong]
    is not "an agent created without valid credentials"; a 200 to [wrong, valid] is."""
    door = Door(created)
    valid, wrong = VALID["Authorization"], WRONG_KEY["Authorization"]
    first_valid = [("Authorization", valid), ("Authorization", wrong)]
    assert door.http.post(CLONE, params={"voiceAgentId": AGENT}, headers=first_valid, json=BODY)
    assert door.ledger.failures == {}
    assert not door.transport.refuses(NO_CREDENTIALS)
    last_valid = [("Authorization", wrong), ("Authorization", valid)]
    door.http.post(CLONE, params={"voiceAgentId": AGENT}, headers=last_valid, json=BODY)
    assert door.transport.refuses(NO_CREDENTIALS)


def test_the_token_scheme_is_read_in_any_case() -> None:
    """RFC 9110 §11.1: the scheme word is case-insensitive; the key itself is not."""
    door = Door(created)
    key = VALID["Authorization"].partition(" ")[2]
    lower = shape_of(
        door, "POST", CLONE, **clone_request(headers={"Authorization": f"token {key}"})
    )
    assert lower == Shape(True, "known", True)
    swapped = {"Authorization": f"Token {key.swapcase()}"}
    assert shape_of(door, "POST", CLONE, **clone_request(headers=swapped)) == Shape(
        False, "known", True
    )


def test_every_429_is_judged_even_when_schemathesis_judges_the_final_answer() -> None:
    answers = iter([httpx.Response(429, headers={"Retry-After": "0"}, text="slow down")])
    door = Door(lambda request: next(answers, created(request)))
    judged: list[int] = []
    door.transport.judge = lambda response: judged.append(response.status_code)
    request = door.http.build_request("POST", CLONE, **clone_request(1))  # type: ignore[arg-type]
    request.extensions[JUDGED_BY_SCHEMATHESIS] = True
    assert door.http.send(request).status_code == 200
    assert judged == [429]


def test_another_method_that_answers_2xx_lists_its_agent_and_stops_others() -> None:
    door = Door(created)
    door.http.get(CLONE, params={"voiceAgentId": AGENT}, headers=VALID)
    assert door.budget.unexpected_ids == ("agent-0",)
    with pytest.raises(NotSent, match="GET on the clone path already answered 200"):
        door.http.put(CLONE, params={"voiceAgentId": "x"}, headers=VALID)
    assert door.http.post(CLONE, params={"voiceAgentId": AGENT}, headers=VALID, json=BODY)
