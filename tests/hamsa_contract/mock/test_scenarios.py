"""The `Prefer` scenario header: documented error statuses on demand, and added latency."""

from __future__ import annotations

import httpx
import pytest

from hamsa_contract.mock import MAX_DELAY_MS, TEMPLATE_IDS, MockApp
from hamsa_contract.mock._request_rules import documented_error_statuses, response_example
from hamsa_contract.mock._scenarios import Scenario, ScenarioError, parse_prefer
from tests.hamsa_contract.mock.support import assert_error, cloned, post_clone

SALES = TEMPLATE_IDS["english_sales"]
CODES = sorted(documented_error_statuses())
KEYS = {
    400: "VALIDATION_ERROR",
    401: "UNAUTHORIZED",
    404: "VOICE_AGENT_NOT_FOUND",
    415: "UNSUPPORTED_MEDIA_TYPE",
    429: "RATE_LIMITED",
    500: "INTERNAL_ERROR",
}


def test_scenario_codes_are_the_documented_error_statuses() -> None:
    assert CODES == [400, 401, 404, 415, 429, 500]


@pytest.mark.parametrize("code", CODES)
def test_code_answers_that_status_with_the_spec_example(
    http: httpx.Client, app: MockApp, code: int
) -> None:
    response = post_clone(http, SALES, "Valid", headers={"Prefer": f"code={code}"})
    assert_error(response, code, KEYS[code])
    assert response.json() == response_example(code)
    assert response.headers["preference-applied"].startswith(f"code={code}")
    assert app.store.clone_ids() == ()  # a forced answer creates nothing


def test_429_carries_retry_after(http: httpx.Client) -> None:
    response = post_clone(http, SALES, "N", headers={"Prefer": "code=429"})
    assert response.headers["retry-after"] == "1"
    custom = post_clone(http, SALES, "N", headers={"Prefer": "code=429, retry-after=30"})
    assert custom.headers["retry-after"] == "30"
    assert custom.headers["preference-applied"] == "code=429, retry-after=30"


def test_other_codes_carry_no_retry_after(http: httpx.Client) -> None:
    assert "retry-after" not in post_clone(http, SALES, "N", headers={"Prefer": "code=500"}).headers


def test_a_forced_code_does_not_need_a_valid_request(http: httpx.Client) -> None:
    response = http.post("/v1/voice-agents/clone", headers={"Prefer": "code=500"})
    assert_error(response, 500, "INTERNAL_ERROR")


def test_without_prefer_the_contract_answers(http: httpx.Client) -> None:
    response = post_clone(http, SALES, "Plain")
    assert response.status_code == 200
    assert "preference-applied" not in response.headers


@pytest.mark.parametrize("prefer", ["code=500", "code=bogus", "delay=100"])
def test_auth_comes_before_any_scenario(anonymous: httpx.Client, prefer: str) -> None:
    response = post_clone(anonymous, SALES, "N", headers={"Prefer": prefer})
    assert_error(response, 401, "UNAUTHORIZED")


@pytest.mark.parametrize(
    ("prefer", "expected"),
    [
        ("code=503", "use one of 400, 401, 404, 415, 429, 500"),
        ("code=200", "not a documented error status"),
        ("code=abc", "not a documented error status"),
        ("code=", "not a documented error status"),
        ("delay=-5", "delay takes a whole number from 0 to 10000"),
        (f"delay={MAX_DELAY_MS + 1}", "from 0 to 10000"),
        ("delay=1.5", "whole number"),
        ("code=500, retry-after=3", "only together with code=429"),
        ("code=429, retry-after=soon", "retry-after takes a whole number"),
    ],
)
def test_a_bad_scenario_is_a_400_saying_why(http: httpx.Client, prefer: str, expected: str) -> None:
    response = post_clone(http, SALES, "N", headers={"Prefer": prefer})
    assert expected in assert_error(response, 400, "INVALID_SCENARIO")


def test_a_huge_bad_value_is_not_echoed(http: httpx.Client) -> None:
    response = post_clone(http, SALES, "N", headers={"Prefer": "code=" + "9" * 5000})
    assert len(assert_error(response, 400, "INVALID_SCENARIO")) < 300


def test_delay_waits_then_answers_the_contract(
    http: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits: list[float] = []

    async def recorded_sleep(seconds: float) -> None:
        waits.append(seconds)

    monkeypatch.setattr("hamsa_contract.mock._app.sleep", recorded_sleep)
    response = post_clone(http, SALES, "Slow", headers={"Prefer": "delay=250"})
    assert response.status_code == 200
    assert response.headers["preference-applied"] == "delay=250"
    assert waits == [0.25]


def test_delay_and_code_combine(http: httpx.Client, monkeypatch: pytest.MonkeyPatch) -> None:
    waits: list[float] = []

    async def recorded_sleep(seconds: float) -> None:
        waits.append(seconds)

    monkeypatch.setattr("hamsa_contract.mock._app.sleep", recorded_sleep)
    response = post_clone(http, SALES, "N", headers={"Prefer": "delay=40; x=y, code=404"})
    assert_error(response, 404, "VOICE_AGENT_NOT_FOUND")
    assert waits == [0.04]


def test_a_real_delay_still_answers(http: httpx.Client) -> None:
    # Only that it answers: tests never assert wall-clock time.
    assert post_clone(http, SALES, "N", headers={"Prefer": "delay=5"}).status_code == 200


def test_unknown_preferences_are_ignored(http: httpx.Client) -> None:
    # RFC 7240 section 2: a server ignores preferences it does not support.
    response = post_clone(http, SALES, "N", headers={"Prefer": "return=minimal, respond-async"})
    assert response.status_code == 200


def test_a_scenario_leaves_the_store_usable(http: httpx.Client) -> None:
    post_clone(http, SALES, "N", headers={"Prefer": "code=500"})
    assert cloned(http, SALES, "After")["agentName"] == "After"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], Scenario()),
        (["code=429"], Scenario(code=429)),
        (['code="500"'], Scenario(code=500)),
        (["CODE=404"], Scenario(code=404)),
        (["code=404, code=500"], Scenario(code=404)),  # the first occurrence counts
        (["delay=10", "code=400"], Scenario(code=400, delay_ms=10)),  # several headers
        (["code=429;foo=bar, retry-after=0"], Scenario(code=429, retry_after_seconds=0)),
        ([" , ,delay=0"], Scenario()),
    ],
)
def test_parse_prefer(values: list[str], expected: Scenario) -> None:
    assert parse_prefer(values, CODES) == expected


def test_parse_prefer_refuses_a_code_outside_the_given_ones() -> None:
    with pytest.raises(ScenarioError, match="use one of 500"):
        parse_prefer(["code=429"], [500])
