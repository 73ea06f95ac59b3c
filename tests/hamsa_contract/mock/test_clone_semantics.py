"""The clone semantics of CONTRACT.md decision 7, one by one."""

from __future__ import annotations

import copy
import re
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from hamsa_contract.mock import TEMPLATE_IDS, MockApp
from hamsa_contract.mock._request_rules import CLONE_PATH
from hamsa_contract.mock._templates import TEMPLATES
from tests.hamsa_contract.mock.support import assert_error, cloned, configuration, post_clone

TEMPLATE_NAMES = sorted(TEMPLATE_IDS)


def _parse(timestamp: str) -> datetime:
    return datetime.fromisoformat(timestamp)


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_clone_has_a_new_id_and_exactly_the_name(http: httpx.Client, template: str) -> None:
    source_id = TEMPLATE_IDS[template]
    clone = cloned(http, source_id, "Acme Support (Arabic)")
    assert clone["id"]
    assert clone["id"] != source_id
    assert clone["agentName"] == "Acme Support (Arabic)"


@pytest.mark.parametrize(
    "name", ["  spaced  ", "وكيل الدعم", "emoji 🎧", "a", "x" * 5000, "tab\tand\nnewline", "\u0000"]
)
def test_name_is_kept_exactly(http: httpx.Client, name: str) -> None:
    assert cloned(http, TEMPLATE_IDS["arabic_support"], name)["agentName"] == name


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_configuration_is_copied_from_the_source(
    http: httpx.Client, app: MockApp, template: str
) -> None:
    source = app.store.get(TEMPLATE_IDS[template])
    assert source is not None
    clone = cloned(http, TEMPLATE_IDS[template], "Copy")
    assert configuration(clone) == configuration(source)
    assert set(clone) == set(source)


def test_two_clones_of_one_source_differ_only_in_their_own_fields(http: httpx.Client) -> None:
    first = cloned(http, TEMPLATE_IDS["english_sales"], "First")
    second = cloned(http, TEMPLATE_IDS["english_sales"], "Second")
    assert first["id"] != second["id"]
    assert configuration(first) == configuration(second)


def test_a_clone_is_stored_and_can_itself_be_cloned(http: httpx.Client, app: MockApp) -> None:
    parent = cloned(http, TEMPLATE_IDS["english_booking_flow"], "Parent")
    assert app.store.get(parent["id"]) == parent
    child = cloned(http, parent["id"], "Child")
    assert child["id"] not in (parent["id"], TEMPLATE_IDS["english_booking_flow"])
    assert configuration(child) == configuration(parent)
    grandchild = cloned(http, child["id"], "Grandchild")
    assert configuration(grandchild) == configuration(parent)


def test_a_clone_is_not_a_template(http: httpx.Client, app: MockApp) -> None:
    source = app.store.get(TEMPLATE_IDS["arabic_support"])
    assert source is not None
    assert source["isTemplate"] is True
    assert cloned(http, TEMPLATE_IDS["arabic_support"], "Mine")["isTemplate"] is False


def test_timestamps_are_the_clones_own(http: httpx.Client) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    clone = cloned(http, TEMPLATE_IDS["arabic_support"], "Fresh")
    after = datetime.now(UTC)
    created, updated = _parse(clone["createdAt"]), _parse(clone["updatedAt"])
    assert before <= created <= after
    assert updated >= created
    source = next(agent for agent in TEMPLATES if agent["id"] == TEMPLATE_IDS["arabic_support"])
    assert clone["createdAt"] != source["createdAt"]


def test_timestamps_are_utc_iso_8601_with_milliseconds(http: httpx.Client) -> None:
    clone = cloned(http, TEMPLATE_IDS["english_sales"], "Format")
    for field in ("createdAt", "updatedAt"):
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", clone[field])
        assert _parse(clone[field]).utcoffset() == timedelta(0)


def test_the_source_is_never_changed(http: httpx.Client, app: MockApp) -> None:
    originals = [copy.deepcopy(dict(agent)) for agent in TEMPLATES]
    for template_id in TEMPLATE_IDS.values():
        parent = cloned(http, template_id, "Parent")
        cloned(http, parent["id"], "Child")
        assert app.store.get(parent["id"]) == parent
    for original in originals:
        assert app.store.get(original["id"]) == original
    assert [dict(agent) for agent in TEMPLATES] == originals


def test_changing_a_returned_agent_changes_nothing_stored(http: httpx.Client, app: MockApp) -> None:
    clone = cloned(http, TEMPLATE_IDS["arabic_support"], "Mine")
    held = app.store.get(clone["id"])
    assert held is not None
    held["tools"]["smartCallEnd"] = not held["tools"]["smartCallEnd"]
    held["pokeMessages"].append("changed")
    assert app.store.get(clone["id"]) == clone


def test_unknown_body_properties_are_ignored(http: httpx.Client) -> None:
    response = http.post(
        CLONE_PATH,
        params={"voiceAgentId": TEMPLATE_IDS["arabic_support"], "extra": "1"},
        json={"agentName": "Named", "lang": "en", "id": "chosen-id", "isTemplate": True},
    )
    assert response.status_code == 200
    data = response.json()["data"]
    assert (data["agentName"], data["lang"], data["isTemplate"]) == ("Named", "ar", False)
    assert data["id"] != "chosen-id"


def test_every_successful_call_creates_one_more_agent(http: httpx.Client, app: MockApp) -> None:
    ids = {cloned(http, TEMPLATE_IDS["english_sales"], "Same name")["id"] for _ in range(5)}
    assert len(ids) == 5
    assert set(app.store.clone_ids()) == ids


def test_unknown_id_is_404_even_after_clones(http: httpx.Client) -> None:
    cloned(http, TEMPLATE_IDS["english_sales"], "Something")
    assert_error(post_clone(http, "no-such-agent", "Name"), 404, "VOICE_AGENT_NOT_FOUND")
