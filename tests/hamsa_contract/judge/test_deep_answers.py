"""A live answer nested 100,000 deep (legal JSON: RFC 8259 §9 lets a reader limit nesting) is read
by no parser of the suite: the judge lists it as not judged (never a pass, never a crash), the
checks that read answers see no JSON, and the depth bound is the client's own."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from schemathesis.core import NOT_SET

from hamsa_client.client import DEFAULT_MAX_JSON_DEPTH
from hamsa_contract._input_files import MAX_NESTING
from hamsa_contract.judge._checks import SuiteChecks, duplicate_keys
from hamsa_contract.judge._judge import RULE_PREFIX, as_schemathesis_response
from hamsa_contract.report._ledger import Ledger
from tests.hamsa_contract.judge.test_judge import KEY, URL, Spy, answer, judge

DEEP = "[" * 100_000 + "]" * 100_000
DEEP_ANSWER = ('{"success": true, "message": "ok", "data": ' + DEEP + "}").encode()


@pytest.fixture
def server() -> Iterator[httpx.Client]:
    """An in-process server answering every request with JSON nested 100,000 deep."""

    def deep(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=DEEP_ANSWER, headers={"content-type": "application/json"}
        )

    with httpx.Client(transport=httpx.MockTransport(deep)) as client:
        yield client


def test_the_suite_reads_json_as_deep_as_the_client_does() -> None:
    assert MAX_NESTING == DEFAULT_MAX_JSON_DEPTH


def test_an_answer_too_deep_is_not_judged_and_says_why(server: httpx.Client) -> None:
    spy = Spy()
    run, ledger = judge(spy)
    response = server.post(URL, json={"agentName": "Acme"}, headers={"Authorization": KEY})

    run(response)

    assert ledger.failures == {}
    assert spy.calls == []
    assert ledger.not_run == {
        f"{RULE_PREFIX}: a 200 answer's JSON is nested more than {MAX_NESTING} deep, more than "
        "the suite reads: not judged": 1
    }


def test_a_request_too_deep_is_rebuilt_without_a_body(server: httpx.Client) -> None:
    spy = Spy()
    run, ledger = judge(spy)
    request = server.build_request("POST", URL, content=DEEP.encode())
    shallow = answer(request=request)

    run(shallow)

    ((_, case),) = spy.calls
    assert case.body is NOT_SET
    assert ledger.failures == {}


def test_the_checks_that_read_answers_see_no_json_in_one_too_deep(server: httpx.Client) -> None:
    response = as_schemathesis_response(server.post(URL, json={"agentName": "Acme"}))
    ledger = Ledger()
    checks = SuiteChecks(api_key=KEY, voice_agent_id="source-1", ledger=ledger)

    assert duplicate_keys(response.content) == []
    assert checks.drift_recorded(None, response, None) is None  # type: ignore[arg-type]
    assert checks.duplicate_keys_noted(None, response, None) is None  # type: ignore[arg-type]
    assert ledger.drift == {}
    assert ledger.notes == []
