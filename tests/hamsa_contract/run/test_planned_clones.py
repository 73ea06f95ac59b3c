"""What the planned clones do, run in-process against the embedded mock and broken variants of it:
who they clone, with which names, what they keep of each answer, and when they do not run."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

import anyio
import pytest

from hamsa_client.errors import HamsaError
from hamsa_client.models import CloneVoiceAgentResponse, ErrorResponse
from hamsa_contract.mock import MockApp
from hamsa_contract.plan._budget import NotRun
from hamsa_contract.run._planned_clones import (
    Clone,
    make_clones_of_clones,
    make_first,
    make_left_to_the_server,
    make_overlapping,
)
from hamsa_contract.run._probes import (
    CASE_VARIANT_MEMBERS,
    COMPOSED_NAME,
    DECOMPOSED_NAME,
    FALSY_NAME,
    KEPT_NAME,
    LEADING_SPACE_NAME,
    LONG_NAME,
)
from tests.support.suites import OpenSuite, open_suites
from tests.support.wrapping import Answer, Asked, Handler, Send, error, per_server

BROKEN = "tests.catalogue.broken_servers:"
HERE = "tests.hamsa_contract.run.test_planned_clones:"


def _first_clone_rate_limited(app: MockApp) -> Handler:
    clones = 0

    async def handler(asked: Asked, send: Send) -> Answer:
        nonlocal clones
        if asked.is_clone:
            clones += 1
            # All three are in flight before the first is answered; the others come back later.
            if clones == 1:
                await anyio.sleep(0.1)
                return error(429, "Too many requests").with_header("retry-after", "3600")
            await anyio.sleep(0.4)
        return await send(asked)

    return handler


#: The first clone request gets a 429 to retry in an hour; the others succeed, later.
first_clone_rate_limited = per_server(_first_clone_rate_limited)


@pytest.fixture
def open_suite() -> Iterator[OpenSuite]:
    with open_suites() as open_one:
        yield open_one


def assert_answered_in_order(clone: Clone, before: datetime) -> None:
    assert before <= clone.sent <= clone.answered <= datetime.now(UTC)


def test_the_first_clone_copies_the_run_agent_with_the_long_name(open_suite: OpenSuite) -> None:
    suite = open_suite()
    with suite.http_client() as http:  # an earlier request, not the first clone's
        assert http.get("/v1/voice-agents/clone").status_code != 200
    before = datetime.now(UTC)
    clone = make_first(suite)
    assert clone.requested_name == KEPT_NAME
    assert clone.source == suite.target.voice_agent_id
    assert clone.status_code == 200
    assert clone.headers["content-type"] == "application/json"
    assert isinstance(clone.parsed, CloneVoiceAgentResponse)
    assert clone.parsed.data.agent_name == KEPT_NAME
    assert clone.data["agentName"] == KEPT_NAME
    assert clone.data["id"] != suite.target.voice_agent_id
    assert clone.client_error is None
    assert_answered_in_order(clone, before)
    assert clone.instant("createdAt") == datetime.fromisoformat(clone.data["createdAt"])
    # The request kept is the one hamsa_client sent for this clone.
    assert clone.request is not None
    assert clone.request.method == "POST"
    assert f"voiceAgentId={suite.target.voice_agent_id}" in clone.request.url
    assert clone.request.status_code == 200
    assert clone.request.response_body == clone.content


def test_a_field_that_is_no_date_time_is_an_assertion_naming_it(open_suite: OpenSuite) -> None:
    clone = make_first(open_suite(HAMSA_MOCK_APP=BROKEN + "created_at_epoch_millis"))
    with pytest.raises(AssertionError, match=r"^createdAt is \d+, not a date-time$"):
        clone.instant("createdAt")
    with pytest.raises(AssertionError, match=r"^missing is None, not a date-time$"):
        clone.instant("missing")


def test_a_documented_error_is_kept_parsed_and_its_agent_is_an_assertion(
    open_suite: OpenSuite,
) -> None:
    clone = make_first(open_suite(HAMSA_MOCK_APP=BROKEN + "rejects_valid_key"))
    assert clone.status_code == 401
    assert isinstance(clone.parsed, ErrorResponse)
    assert clone.client_error is None
    with pytest.raises(AssertionError, match="expected 200, got 401"):
        clone.data  # noqa: B018


def test_an_answer_the_client_refuses_is_kept_with_its_error(open_suite: OpenSuite) -> None:
    suite = open_suite(HAMSA_MOCK_APP=BROKEN + "drops_id")
    before = datetime.now(UTC)
    clone = make_first(suite)
    assert isinstance(clone.client_error, HamsaError)
    assert clone.parsed is None
    assert clone.status_code == clone.client_error.status_code == 200
    assert clone.content == clone.client_error.content
    assert b'"agentName"' in clone.content
    assert clone.headers["content-type"] == "application/json"
    assert clone.requested_name == KEPT_NAME
    assert clone.source == suite.target.voice_agent_id
    assert_answered_in_order(clone, before)
    overlapping = make_overlapping(suite)
    assert len(overlapping) == 3
    assert [each.requested_name for each in overlapping] == [KEPT_NAME, KEPT_NAME, FALSY_NAME]
    for each in overlapping:
        assert isinstance(each.client_error, HamsaError)
        assert each.parsed is None
        assert each.status_code == 200
        assert each.source == suite.target.voice_agent_id
        assert each.content == each.client_error.content
        assert each.headers["content-type"] == "application/json"
        assert_answered_in_order(each, before)
    # Parents without an id cannot be cloned: those checks did not run, and nothing is sent.
    sent = len(suite.journal.recent(100))
    with pytest.raises(NotRun) as refused:
        make_clones_of_clones(suite, overlapping)
    assert str(refused.value) == (
        "not run: an overlapping clone came back without an id to clone (its failure is reported "
        "by the rules it broke)"
    )
    assert len(suite.journal.recent(100)) == sent


def test_three_overlapping_clones_then_one_clone_of_each(open_suite: OpenSuite) -> None:
    suite = open_suite()
    before = datetime.now(UTC)
    overlapping = make_overlapping(suite)
    assert len(overlapping) == 3
    assert len({clone.data["id"] for clone in overlapping}) == 3
    assert [clone.requested_name for clone in overlapping] == [KEPT_NAME, KEPT_NAME, FALSY_NAME]
    for clone in overlapping:
        assert clone.status_code == 200
        assert clone.source == suite.target.voice_agent_id
        assert isinstance(clone.parsed, CloneVoiceAgentResponse)
        assert clone.data["agentName"] == clone.requested_name
        assert clone.headers["content-type"] == "application/json"
        assert_answered_in_order(clone, before)
    after_parents = datetime.now(UTC)
    children = make_clones_of_clones(suite, overlapping)
    assert [child.requested_name for child in children] == [
        LEADING_SPACE_NAME,
        COMPOSED_NAME,
        DECOMPOSED_NAME,
    ]
    assert [child.source for child in children] == [parent.data["id"] for parent in overlapping]
    for child in children:
        assert child.status_code == 200
        assert child.data["agentName"] == child.requested_name
        assert child.headers["content-type"] == "application/json"
        assert child.parsed is None
        assert child.client_error is None
        assert_answered_in_order(child, after_parents)
    # Each went with the run's key to the clone path, naming its parent.
    sent = suite.journal.recent(3)
    assert [exchange.url.rsplit("=", 1)[1] for exchange in sent] == [c.source for c in children]
    assert all(exchange.method == "POST" for exchange in sent)
    authorization = [dict(exchange.request_headers)["authorization"] for exchange in sent]
    assert authorization == [f"Token {suite.target.api_key}"] * 3
    # The first body also carries members named agentName but for case, after agentName
    # (decision 14); the names checked for 150 UTF-16 units go alone.
    bodies = [json.loads(exchange.request_body) for exchange in sent]
    assert list(bodies[0]) == ["agentName", *CASE_VARIANT_MEMBERS]
    assert [list(body) for body in bodies[1:]] == [["agentName"], ["agentName"]]


def test_a_cap_that_does_not_fund_a_step_sends_nothing_for_it(open_suite: OpenSuite) -> None:
    suite = open_suite(HAMSA_MAX_WRITES="1")
    assert make_first(suite).status_code == 200
    with pytest.raises(NotRun, match="overlapping clones"):
        make_overlapping(suite)
    with pytest.raises(NotRun, match="clones of clones"):
        make_clones_of_clones(suite, [])
    assert len(suite.journal.recent(100)) == 1


def test_an_overlapping_request_without_an_answer_is_raised_once_all_are_back(
    open_suite: OpenSuite,
) -> None:
    suite = open_suite(HAMSA_MOCK_APP=HERE + "first_clone_rate_limited")
    with pytest.raises(NotRun, match="run again later"):
        make_overlapping(suite)
    # The clones still in flight were awaited, not abandoned: their agents exist and are known.
    assert [exchange.status_code for exchange in suite.journal.recent(100)] == [429, 200, 200]


def test_the_clones_of_clones_need_one_parent_per_name(open_suite: OpenSuite) -> None:
    suite = open_suite()
    parents = make_overlapping(suite)
    with pytest.raises(ValueError, match="zip"):
        make_clones_of_clones(suite, parents[:2])


def test_the_names_left_to_the_server_go_without_a_name_then_with_the_long_name(
    open_suite: OpenSuite,
) -> None:
    suite = open_suite()
    nameless, long = make_left_to_the_server(suite)
    # The mock clones a body without a name under the source's name, and keeps long names.
    assert (nameless.requested_name, nameless.status_code) == (None, 200)
    assert (
        nameless.data["agentName"]
        == suite.target.asgi_app.store.get(suite.target.voice_agent_id)["agentName"]
    )
    assert (long.requested_name, long.status_code) == (LONG_NAME, 200)
    assert long.data["agentName"] == LONG_NAME
    nameless_request, long_request = suite.journal.recent(2)
    assert nameless_request.request_body == b"{}"
    assert json.loads(long_request.request_body) == {"agentName": LONG_NAME}


def test_the_names_left_to_the_server_are_planned_writes(open_suite: OpenSuite) -> None:
    suite = open_suite(HAMSA_MAX_WRITES="8")
    with pytest.raises(NotRun, match=r"names left to the server \(2 agents\); HAMSA_MAX_WRITES=9"):
        make_left_to_the_server(suite)
    assert suite.journal.recent(100) == []
