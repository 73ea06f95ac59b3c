"""Clone semantics (CONTRACT.md section 7): what JSON Schema cannot say about a clone."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Final

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from contract_tests.answers import clone_answer, error_answer
from contract_tests.api import CloneApi
from contract_tests.names import agent_name
from contract_tests.properties import bounded

pytestmark = pytest.mark.semantics

# Everything but these is configuration, copied from the source (CONTRACT.md section 7).
NOT_COPIED: Final = frozenset({"id", "agentName", "isTemplate", "createdAt", "updatedAt"})
# How far the server's clock may be from ours when judging `createdAt`.
CLOCK_SKEW: Final = timedelta(minutes=5)
# Any valid name: any non-empty string (surrogates cannot travel as UTF-8).
ENCODABLE: Final = st.characters(exclude_categories=["Cs"])
NAME_SUFFIXES: Final = st.text(ENCODABLE, min_size=1, max_size=40)
UNKNOWN_IDS: Final = st.uuids().map(str) | st.text(ENCODABLE, min_size=1, max_size=40)


@dataclass(frozen=True)
class Clone:
    """A clone's `data`, and when (by our clock) its request was sent and answered."""

    data: dict[str, Any]
    sent: datetime
    answered: datetime

    @property
    def configuration(self) -> dict[str, Any]:
        return {key: value for key, value in self.data.items() if key not in NOT_COPIED}

    def instant(self, field: str) -> datetime:
        return datetime.fromisoformat(self.data[field])


def make_clone(api: CloneApi, name: str, voice_agent_id: str | None = None) -> Clone:
    sent = datetime.now(UTC)
    response = api.clone(name, voice_agent_id)
    answered = datetime.now(UTC)
    return Clone(clone_answer(response), sent, answered)


@pytest.fixture(scope="module")
def first(api: CloneApi) -> Clone:
    """A clone of the run's agent."""
    return make_clone(api, "first clone")


@pytest.fixture(scope="module")
def second(api: CloneApi, first: Clone) -> Clone:
    """Another clone of the same agent, made after the first (a few ms later, so times order)."""
    time.sleep(0.01)
    return make_clone(api, "second clone")


@pytest.fixture(scope="module")
def grandchild(api: CloneApi, first: Clone) -> Clone:
    """A clone of the first clone."""
    time.sleep(0.01)
    return make_clone(api, "clone of a clone", voice_agent_id=first.data["id"])


def test_clone_has_a_new_id(api: CloneApi, first: Clone, second: Clone) -> None:
    """The clone has a new, non-empty id, different from voiceAgentId and from other clones."""
    assert isinstance(first.data["id"], str), "the clone's id is not a string"
    assert first.data["id"], "the clone's id is empty"
    assert first.data["id"] != api.voice_agent_id, "the clone has the id of its source"
    assert second.data["id"] != first.data["id"], "two clones share one id"


@bounded(max_examples=10)
@given(suffix=NAME_SUFFIXES)
@example(suffix="وكيل خدمة العملاء")
@example(suffix="Support 🤖✨ 👩🏽‍💻")
@example(suffix="  spaced  out  ")
def test_clone_carries_exactly_the_requested_name(api: CloneApi, suffix: str) -> None:
    """Any valid agentName, Arabic and emoji included, comes back exactly as sent."""
    name = agent_name(suffix)
    data = clone_answer(api.clone(name))
    assert data["agentName"] == name, (
        f"asked for {name!r}, the clone is named {data['agentName']!r}"
    )


def test_two_clones_have_the_same_configuration(first: Clone, second: Clone) -> None:
    """Two clones of one source are equal apart from id, name, isTemplate and their times."""
    assert first.configuration == second.configuration, _difference(first, second)


def test_clone_of_a_clone_equals_its_parent(first: Clone, grandchild: Clone) -> None:
    """The clone is a stored agent that can be cloned, and its clone copies its configuration."""
    assert grandchild.data["id"] != first.data["id"], "the clone of a clone kept its parent's id"
    assert first.configuration == grandchild.configuration, _difference(first, grandchild)


def test_created_at_is_the_clones_own_time(first: Clone, second: Clone, grandchild: Clone) -> None:
    """createdAt is the time of cloning (not the source's), and updatedAt is never before it."""
    for clone in (first, second, grandchild):
        created, updated = clone.instant("createdAt"), clone.instant("updatedAt")
        assert clone.sent - CLOCK_SKEW <= created <= clone.answered + CLOCK_SKEW, (
            f"createdAt {clone.data['createdAt']} is not the time of cloning "
            f"(request sent {clone.sent.isoformat()}, answered {clone.answered.isoformat()})"
        )
        assert updated >= created, (
            f"updatedAt {clone.data['updatedAt']} is before createdAt {clone.data['createdAt']}"
        )
    assert second.instant("createdAt") >= first.instant("createdAt"), (
        "a later clone has an earlier createdAt"
    )


@bounded(max_examples=10)
@given(voice_agent_id=UNKNOWN_IDS)
def test_unknown_voice_agent_id_is_404(api: CloneApi, voice_agent_id: str) -> None:
    """An unknown voiceAgentId gives 404 and the error envelope, never 200 or 5xx."""
    assume(voice_agent_id != api.voice_agent_id)
    error_answer(api.clone("unknown source", voice_agent_id=f"contract-test-{voice_agent_id}"), 404)


def _difference(left: Clone, right: Clone) -> str:
    keys = sorted(set(left.configuration) | set(right.configuration))
    differing = [key for key in keys if left.configuration.get(key) != right.configuration.get(key)]
    return f"configuration differs in: {', '.join(differing)}"
