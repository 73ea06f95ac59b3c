"""Where the contract lets a server answer two ways, the mock takes one by default and the other
on request (`Prefer`, docs/mock.md): a body without a name (CONTRACT.md decision 4), a name
longer than 150 characters (decision 12), an error body's `message` or `error` (decision 5)."""

from __future__ import annotations

from typing import Any, Final

import httpx
import pytest

from hamsa_client.models import ErrorResponse
from hamsa_contract._agent_name_rules import KEPT_NAME_LENGTH, utf16_units
from hamsa_contract.mock import TEMPLATE_IDS, MockApp
from hamsa_contract.mock._request_rules import CLONE_PATH, validator_at
from tests.hamsa_contract.mock.support import assert_error, post_clone

SALES: Final = TEMPLATE_IDS["english_sales"]
# A null name is not a string: the mock refuses it (400), the other answer decision 4 allows.
NAMELESS_BODIES: Final[dict[str, Any]] = {
    "missing": {},
    "empty": {"agentName": ""},
    "other-property-only": {"name": "not the agent's name"},
}
# 150 UTF-16 code units each, so kept whatever the limit; one more unit is over it.
EMOJI_150: Final = "🤖" * 75
ARABIC_150: Final = "وكيل " * 30
OVER_BY_ONE: Final = {"emoji": EMOJI_150 + "x", "arabic": ARABIC_150 + "x", "long": "n" * 6000}


def _nameless(http: httpx.Client, body: Any, prefer: str | None = None) -> httpx.Response:
    headers = {} if prefer is None else {"Prefer": prefer}
    return http.post(CLONE_PATH, params={"voiceAgentId": SALES}, json=body, headers=headers)


def test_the_length_probes_are_what_they_claim() -> None:
    assert utf16_units(EMOJI_150) == KEPT_NAME_LENGTH == 2 * len(EMOJI_150)
    assert len(ARABIC_150) == utf16_units(ARABIC_150) == KEPT_NAME_LENGTH
    assert len(ARABIC_150.encode()) > KEPT_NAME_LENGTH


@pytest.mark.parametrize("body", NAMELESS_BODIES.values(), ids=NAMELESS_BODIES.keys())
def test_a_body_without_a_name_clones_under_the_sources_name(
    http: httpx.Client, app: MockApp, body: Any
) -> None:
    response = _nameless(http, body)
    assert response.status_code == 200, response.text
    source = app.store.get(SALES)
    assert source is not None
    assert response.json()["data"]["agentName"] == source["agentName"]


@pytest.mark.parametrize("body", NAMELESS_BODIES.values(), ids=NAMELESS_BODIES.keys())
def test_require_name_refuses_a_body_without_a_name(
    http: httpx.Client, app: MockApp, body: Any
) -> None:
    response = _nameless(http, body, prefer="require-name")
    assert "agentName is required" in assert_error(response, 400, "VALIDATION_ERROR")
    assert response.headers["preference-applied"] == "require-name"
    assert app.store.clone_ids() == ()


def test_require_name_still_clones_a_named_body(http: httpx.Client) -> None:
    response = post_clone(http, SALES, "Named", headers={"Prefer": "require-name"})
    assert response.json()["data"]["agentName"] == "Named"


@pytest.mark.parametrize("name", [*OVER_BY_ONE.values(), EMOJI_150], ids=[*OVER_BY_ONE, "150"])
def test_names_of_any_length_come_back_exactly_by_default(http: httpx.Client, name: str) -> None:
    assert post_clone(http, SALES, name).json()["data"]["agentName"] == name


@pytest.mark.parametrize("name", [EMOJI_150, ARABIC_150], ids=["emoji", "arabic"])
def test_name_limit_keeps_names_of_150(http: httpx.Client, name: str) -> None:
    response = post_clone(http, SALES, name, headers={"Prefer": "name-limit=150"})
    assert response.json()["data"]["agentName"] == name


@pytest.mark.parametrize("name", OVER_BY_ONE.values(), ids=OVER_BY_ONE.keys())
def test_name_limit_refuses_longer_names_counted_in_utf16(
    http: httpx.Client, app: MockApp, name: str
) -> None:
    response = post_clone(http, SALES, name, headers={"Prefer": "name-limit=150"})
    assert "longer than 150" in assert_error(response, 400, "VALIDATION_ERROR")
    assert app.store.clone_ids() == ()


def test_a_name_limit_below_150_is_not_a_conforming_scenario(http: httpx.Client) -> None:
    response = post_clone(http, SALES, "N", headers={"Prefer": "name-limit=100"})
    assert "name-limit" in assert_error(response, 400, "INVALID_SCENARIO")


@pytest.mark.parametrize(
    ("prefer", "status"), [("error-field=error", 404), ("error-field=error, code=429", 429)]
)
def test_error_field_puts_the_text_under_error(
    http: httpx.Client, prefer: str, status: int
) -> None:
    response = post_clone(http, "no-such-agent", "N", headers={"Prefer": prefer})
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"success", "error"}
    assert body["error"]
    validator_at("components", "schemas", "ErrorResponse").validate(body)
    assert ErrorResponse.from_dict(body).error_message == body["error"]
    assert "error-field=error" in response.headers["preference-applied"]
    if status == 429:
        assert response.headers["retry-after"] == "1"


def test_error_field_leaves_successes_alone(http: httpx.Client) -> None:
    response = post_clone(http, SALES, "N", headers={"Prefer": "error-field=error"})
    assert response.json()["data"]["agentName"] == "N"


def test_an_unknown_error_field_is_refused(http: httpx.Client) -> None:
    response = post_clone(http, SALES, "N", headers={"Prefer": "error-field=detail"})
    assert "error-field" in assert_error(response, 400, "INVALID_SCENARIO")
