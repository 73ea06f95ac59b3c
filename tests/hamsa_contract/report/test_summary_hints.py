"""Every hint of the summary is exact: the cap it names funds what it says, and a timeout is
suggested only for requests that timed out."""

from __future__ import annotations

from collections import Counter

import pytest

from hamsa_contract.plan._budget import NotRun, WriteBudget
from hamsa_contract.plan._writes import (
    CLONES_OF_CLONES,
    LEFT_TO_THE_SERVER,
    OVERLAPPING,
    STEPS,
    Funding,
)
from hamsa_contract.report._summary import RunFacts, remedies
from hamsa_contract.report._verdict import Verdict
from tests.support.facts import run_facts


def _facts(not_run: dict[str, int], cap: int | None = 10) -> RunFacts:
    return run_facts(
        request_timeout=3,
        verdict=Verdict.INCOMPLETE,
        not_run=Counter(not_run),
        funding=Funding.for_cap(cap),
    )


def _not_run_reasons(cap: int) -> dict[str, int]:
    """The reasons a run under `cap` gives for its unfunded steps, as the budget words them."""
    budget = WriteBudget(cap)
    reasons: dict[str, int] = {}
    for step in STEPS:
        try:
            with budget.planned(step):
                pass
        except NotRun as exc:
            reasons[f"semantics: {exc}"] = 1
    return reasons


def test_a_cap_of_3_names_9_the_cap_that_funds_every_planned_check() -> None:
    reasons = _not_run_reasons(3)
    assert set(reasons) == {
        "semantics: not run: the write cap (HAMSA_MAX_WRITES=3) does not fund the overlapping "
        "clones (3 agents); HAMSA_MAX_WRITES=4 funds them, 9 every planned check",
        "semantics: not run: the write cap (HAMSA_MAX_WRITES=3) does not fund the clones of "
        "clones (3 agents); HAMSA_MAX_WRITES=7 funds them, 9 every planned check",
        "semantics: not run: the write cap (HAMSA_MAX_WRITES=3) does not fund the names left to "
        "the server (2 agents); HAMSA_MAX_WRITES=9 funds them, 9 every planned check",
    }
    (hint,) = remedies(_facts(reasons, cap=3))
    assert hint.startswith("allow more agents: HAMSA_MAX_WRITES=9 funds every planned check")
    assert Funding.for_cap(9).unfunded == ()
    assert Funding.for_cap(8).unfunded == (LEFT_TO_THE_SERVER,)
    assert Funding.for_cap(6).unfunded == (CLONES_OF_CLONES, LEFT_TO_THE_SERVER)
    assert Funding.for_cap(4).is_funded(OVERLAPPING)


@pytest.mark.parametrize(
    ("reason", "timeout_hint"),
    [
        ("requests: no answer: POST /v1/voice-agents/clone timed out after 3 s", True),
        ("requests: no answer: POST /v1/voice-agents/clone could not connect (refused)", False),
        ("requests: no answer: POST /v1/voice-agents/clone connection failed: ReadError", False),
    ],
)
def test_the_timeout_is_suggested_only_for_requests_that_timed_out(
    reason: str, timeout_hint: bool
) -> None:
    (hint,) = remedies(_facts({reason: 1}))
    assert ("HAMSA_REQUEST_TIMEOUT (now 3 s)" in hint) is timeout_hint
    if not timeout_hint:
        # "check that it is up" only when it could not be reached at all.
        assert ("check that it is up" in hint) is ("could not connect" in reason)


def test_a_persistent_429_gets_its_own_hint_only() -> None:
    reason = "requests: no answer: still 429 Too Many Requests after 4 tries (Retry-After '1')"
    assert remedies(_facts({reason: 1})) == [
        "the server kept answering 429 Too Many Requests: run again later"
    ]
