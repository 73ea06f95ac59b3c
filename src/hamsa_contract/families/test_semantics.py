"""Clone semantics (CONTRACT.md decision 7): what JSON Schema cannot say about a clone.

Every rule here reads the planned clones (`run/_planned_clones.py`), so the whole family costs the
user nine agents at most however many rules it checks; only the unknown-id rules send requests of
their own, and a conformant server creates nothing for them.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, Final

import httpx
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from hamsa_client._rules import not_as_sent, same_as_source
from hamsa_contract import _spec as spec
from hamsa_contract._agent_name_rules import KEPT_NAME_LENGTH, name_length
from hamsa_contract.judge._answers import clone_data, error_answer
from hamsa_contract.run._planned_clones import Clone, judging
from hamsa_contract.run._probes import CASE_VARIANT_MEMBERS, LONG_NAME
from hamsa_contract.run._properties import bounded
from hamsa_contract.send._clone_requests import CloneApi
from hamsa_contract.send._journal import excerpt
from hamsa_contract.send._names import name_difference

pytestmark = pytest.mark.semantics

# The names and ids of the planned clones are judged by the contract watch's `as-sent` and
# `not-the-source` rules (hamsa_client._rules), with words of their own.
# Everything but these is configuration, copied from the source (CONTRACT.md decision 7).
NOT_COPIED: Final = spec.CLONE_OWN_FIELDS
# How far the server's clock may be from ours when judging `createdAt`: the spec's tolerance
# (`x-hamsa-watch.fresh` of the 200 answer), the contract watch's and `--from`'s too.
CLOCK_SKEW: Final = timedelta(seconds=spec.fresh_tolerance_seconds())
# Any valid id text (surrogates cannot travel as UTF-8).
ENCODABLE: Final = st.characters(exclude_categories=["Cs"])
UNKNOWN_ID: Final = "contract-test-no-such-agent"
UNKNOWN_IDS: Final = st.uuids().map(str) | st.text(ENCODABLE, min_size=1, max_size=40)


def configuration(clone: Clone) -> dict[str, Any]:
    return {key: value for key, value in clone.data.items() if key not in NOT_COPIED}


def test_clone_has_a_new_id(api: CloneApi, first: Clone, overlapping: list[Clone]) -> None:
    """Every clone has a new, non-empty id, different from its source and from other clones.

    Source: CONTRACT.md decision 7."""
    ids = []
    for clone in (first, *overlapping):
        with judging(clone):
            agent_id = clone.data["id"]
            assert isinstance(agent_id, str), f"the clone's id is {agent_id!r}, not a string"
            assert agent_id, "the clone's id is empty"
            assert not same_as_source(clone.source, agent_id), (
                f"the clone has the id of its source ({agent_id!r})"
            )
        ids.append(agent_id)
    assert len(set(ids)) == len(ids), f"clones share ids: {ids}"


def _carries_its_name(clone: Clone) -> None:
    """A planned clone of at most 150 characters came back with exactly its name."""
    name = clone.requested_name
    assert name is not None
    assert name_length(name) <= KEPT_NAME_LENGTH
    assert clone.status_code != 400, (
        f"a name of {len(name)} code points ({name_length(name)} UTF-16 code units, "
        f"{len(name.encode())} bytes of UTF-8) got 400: up to 150 characters, counted either way, "
        f"a name must come back exactly (decision 12): {excerpt(clone.content, 300)}"
    )
    got = clone.data["agentName"]
    bound = [member for member, value in CASE_VARIANT_MEMBERS.items() if value == got]
    assert not bound, (
        f"the clone is named after the body's member {bound[0]!r}, not agentName: member "
        "names are compared exactly, so it is an unknown property (CONTRACT.md decision 14)"
    )
    assert not not_as_sent(name, got), name_difference(name, got)


def test_clone_carries_exactly_the_requested_name(first: Clone, overlapping: list[Clone]) -> None:
    """A name of at most 150 characters (150 code points of Arabic, markup, control characters
    and trailing spaces; "0", which other languages read as false) comes back exactly as sent.

    Source: CONTRACT.md decisions 7, 12 and 14."""
    for clone in (first, *overlapping):
        with judging(clone):
            _carries_its_name(clone)


def test_clones_of_clones_carry_exactly_their_names(clones_of_clones: list[Clone]) -> None:
    """A name of at most 150 characters with emoji (150 UTF-16 code units), in either Unicode
    form, or with a leading space, comes back exactly as sent, whatever members named agentName
    but for case follow it.

    Source: CONTRACT.md decisions 7, 12 and 14 (member names are compared exactly)."""
    for clone in clones_of_clones:
        with judging(clone):
            _carries_its_name(clone)


def test_a_name_over_150_characters_comes_back_exactly_or_gets_400(
    left_to_the_server: list[Clone],
) -> None:
    """A name longer than 150 characters comes back exactly, or gets 400 with the error envelope:
    never a clone with the name cut, trimmed or changed.

    Source: CONTRACT.md decision 12."""
    long = left_to_the_server[1]
    assert long.requested_name is not None
    with judging(long):
        if long.status_code == 400:
            error_answer(_as_response(long), 400)
            return
        got = clone_data(long.status_code, long.headers, long.content)["agentName"]
        assert not not_as_sent(long.requested_name, got), (
            f"a {name_length(long.requested_name)}-character name came back changed (decision "
            "12: exactly, or 400): " + name_difference(long.requested_name, got)
        )


def test_a_clone_request_without_a_name_gets_400_or_a_clone(
    first: Clone, left_to_the_server: list[Clone]
) -> None:
    """A body without agentName gets 400 with the error envelope, or a clone under a name the
    server chooses, with a new id and its source's configuration: never a 5xx.

    Source: CONTRACT.md decisions 4 and 7."""
    nameless = left_to_the_server[0]
    if nameless.status_code == 400:
        error_answer(_as_response(nameless), 400)
        return
    assert nameless.status_code < 500, (
        f"a clone request without agentName got the server error {nameless.status_code} "
        "(decision 4: 400 or a clone)"
    )
    data = clone_data(nameless.status_code, nameless.headers, nameless.content)
    assert not same_as_source(nameless.source, data["id"]), (
        f"the clone has the id of its source ({data['id']!r})"
    )
    assert configuration(nameless) == configuration(first), _difference(first, nameless)


def test_overlapping_clones_each_succeed_with_their_own_id(overlapping: list[Clone]) -> None:
    """Clones requested at the same time, with the same name, each succeed as distinct agents
    (names are not keys).

    Source: CONTRACT.md decision 7."""
    ids = [clone.data["id"] for clone in overlapping]
    assert len(set(ids)) == len(ids), f"overlapping clones got the same id: {ids}"


def test_clones_of_one_source_share_its_configuration(
    first: Clone, overlapping: list[Clone]
) -> None:
    """Clones of one source are equal apart from id, name, isTemplate and their times.

    Source: CONTRACT.md decision 7."""
    for clone in overlapping:
        with judging(clone):
            assert configuration(clone) == configuration(first), _difference(first, clone)


def test_every_overlapping_clone_is_stored(clones_of_clones: list[Clone]) -> None:
    """Each clone is a stored agent: its id can be cloned in turn.

    Source: CONTRACT.md decision 7."""
    for clone in clones_of_clones:
        with judging(clone):
            assert clone.status_code == 200, (
                f"cloning the clone {clone.source!r} got {clone.status_code}, expected 200: "
                "the clone was not stored"
            )


def test_clone_of_a_clone_equals_its_parent(
    overlapping: list[Clone], clones_of_clones: list[Clone]
) -> None:
    """A clone of a clone copies its parent's configuration and gets an id of its own.

    Source: CONTRACT.md decision 7."""
    for parent, child in zip(overlapping, clones_of_clones, strict=True):
        with judging(child):
            assert child.data["id"] != parent.data["id"], (
                "the clone of a clone kept its parent's id"
            )
            assert configuration(child) == configuration(parent), _difference(parent, child)


def test_created_at_is_the_clones_own_time(
    first: Clone, overlapping: list[Clone], clones_of_clones: list[Clone]
) -> None:
    """createdAt is the time of cloning (not the source's), and updatedAt is never before it.

    Source: CONTRACT.md decision 7."""
    for clone in (first, *overlapping, *clones_of_clones):
        with judging(clone):
            created, updated = clone.instant("createdAt"), clone.instant("updatedAt")
            assert clone.sent - CLOCK_SKEW <= created <= clone.answered + CLOCK_SKEW, (
                f"createdAt {clone.data['createdAt']} is not the time of cloning "
                f"(request sent {clone.sent.isoformat()}, answered {clone.answered.isoformat()})"
            )
            assert updated >= created, (
                f"updatedAt {clone.data['updatedAt']} is before createdAt {clone.data['createdAt']}"
            )
    for clone in overlapping:
        assert clone.instant("createdAt") >= first.instant("createdAt"), (
            "a later clone has an earlier createdAt"
        )


@bounded(max_examples=10)
@given(voice_agent_id=UNKNOWN_IDS)
def test_unknown_voice_agent_id_is_404(api: CloneApi, voice_agent_id: str) -> None:
    """An unknown voiceAgentId gives 404 and the error envelope, never 200 or 5xx.

    Source: CONTRACT.md decisions 5 and 7."""
    assume(voice_agent_id != api.voice_agent_id)
    error_answer(api.clone("unknown source", voice_agent_id=f"contract-test-{voice_agent_id}"), 404)


def test_unknown_voice_agent_id_with_the_long_name_is_404_or_400(api: CloneApi) -> None:
    """An unknown voiceAgentId with a name over 150 characters gives 404, or 400 for the name:
    never 200 or a 5xx.

    Source: CONTRACT.md decisions 7 and 12 (an unknown voiceAgentId gives 404; a server may refuse
    a name over 150 characters with 400, in whichever order it checks).

    A server may take another branch for a long or unusual name; aimed at an unknown id, this
    request creates nothing on a conformant server."""
    response = api.post(params={"voiceAgentId": UNKNOWN_ID}, json={"agentName": LONG_NAME})
    error_answer(response, 404, 400)


# Bodies that ask for no name, aimed at an unknown id: 400 (the server checks the body first) or
# 404 (it looks the agent up first), never a clone or a 5xx (decision 4). The known-id one is a
# planned write (`left_to_the_server`).
NO_NAME_BODIES: Final[dict[str, dict[str, Any]]] = {
    "agentName-null": {"agentName": None},
    "agentName-empty": {"agentName": ""},
    "agentName-missing": {},
}


@pytest.mark.parametrize("body", NO_NAME_BODIES.values(), ids=NO_NAME_BODIES.keys())
def test_no_name_for_an_unknown_voice_agent_id_is_404_or_400(
    api: CloneApi, body: dict[str, Any]
) -> None:
    """A body without a name (missing, null, empty) for an unknown voiceAgentId gets 404, or 400
    for the name: never 200 or a 5xx.

    Source: CONTRACT.md decisions 4 and 7."""
    error_answer(api.post(params={"voiceAgentId": UNKNOWN_ID}, json=body), 404, 400)


def _as_response(clone: Clone) -> httpx.Response:
    """A planned clone's answer, as the error-envelope assertion reads answers."""
    return httpx.Response(clone.status_code, headers=clone.headers, content=clone.content)


def _difference(left: Clone, right: Clone) -> str:
    mine, theirs = configuration(left), configuration(right)
    differing = [key for key in sorted(set(mine) | set(theirs)) if mine.get(key) != theirs.get(key)]
    return f"configuration differs in: {', '.join(differing)}"


# Valid names no planned clone can carry (they cannot contain the `contract-test` marker that lets
# a user find the agents a run made). Sent for an unknown voiceAgentId they create nothing, and a
# conformant server answers 404 in whichever order it checks; a 400 means it refused the name.
UNMARKABLE_NAMES: Final = {"one-space": " ", "only-whitespace": " \t\n "}
# Names other languages read as false, null or empty (PHP's empty("0"), "false", "null", "None",
# "nil", "undefined", "[]", "{}"); "0" is also carried by a planned clone (`probes.FALSY_NAME`).
FALSY_NAMES: Final = ("0", "0.0", "false", "null", "None", "nil", "undefined", "[]", "{}")


@pytest.mark.parametrize("name", UNMARKABLE_NAMES.values(), ids=UNMARKABLE_NAMES.keys())
def test_name_of_only_whitespace_is_not_refused(api: CloneApi, name: str) -> None:
    """A name of only whitespace is a valid agentName: for an unknown voiceAgentId the answer is
    404, not a 400 refusing the name.

    Source: CONTRACT.md decisions 4 and 7."""
    response = api.post(params={"voiceAgentId": UNKNOWN_ID}, json={"agentName": name})
    error_answer(response, 404)


@pytest.mark.parametrize("name", FALSY_NAMES)
def test_name_read_as_false_or_empty_is_not_refused(api: CloneApi, name: str) -> None:
    """A name other languages read as false, null or empty ("0", "false", "null", ...) is a
    valid agentName: for an unknown voiceAgentId the answer is 404, not a 400 refusing the name.

    Source: CONTRACT.md decision 14 (any non-empty string is a name)."""
    response = api.post(params={"voiceAgentId": UNKNOWN_ID}, json={"agentName": name})
    error_answer(response, 404)
