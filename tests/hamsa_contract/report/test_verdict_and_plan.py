"""The verdict's three outcomes and exit statuses
(src/hamsa_contract/report/_verdict.py), and what a write cap funds
(src/hamsa_contract/plan/_writes.py)."""

from __future__ import annotations

import pytest

from hamsa_contract.plan._budget import NotRun, WriteBudget, WriteCapReached
from hamsa_contract.plan._writes import (
    CLONES_OF_CLONES,
    FIRST,
    LEFT_TO_THE_SERVER,
    OVERLAPPING,
    PLANNED_WRITES,
    STEPS,
    Funding,
)
from hamsa_contract.report._verdict import Verdict, decide, exit_status
from hamsa_contract.send._target import LIVE_MAX_WRITES


def test_each_verdict_has_its_label_and_exit_status() -> None:
    assert [(v.label, v.exit_status) for v in Verdict] == [
        ("contract kept", 0),
        ("CONTRACT BROKEN", 1),
        ("INCOMPLETE", 2),
    ]


@pytest.mark.parametrize(
    ("failures", "not_run", "verdict"),
    [
        (0, {}, Verdict.KEPT),
        (0, {"write cap": 0}, Verdict.KEPT),
        (0, {"write cap": 0, "no answer": 1}, Verdict.INCOMPLETE),
        (0, {"no answer": 3}, Verdict.INCOMPLETE),
        (1, {}, Verdict.BROKEN),
        (2, {"write cap": 5}, Verdict.BROKEN),
    ],
)
def test_a_failure_wins_then_anything_not_run_then_kept(
    failures: int, not_run: dict[str, int], verdict: Verdict
) -> None:
    assert decide(failures, not_run) is verdict


@pytest.mark.parametrize("verdict", list(Verdict))
def test_a_clean_pytest_run_exits_with_the_verdicts_status(verdict: Verdict) -> None:
    assert exit_status(0, verdict) == verdict.exit_status


@pytest.mark.parametrize(
    "pytest_status", [pytest.ExitCode.INTERRUPTED, pytest.ExitCode.NO_TESTS_COLLECTED]
)
def test_an_interrupted_or_empty_run_exits_with_its_verdicts_status(pytest_status: int) -> None:
    """What did not run is counted in the verdict (run/_selection.py): never pytest's 2 or 5,
    which would read as INCOMPLETE and as the tool's own failure."""
    for verdict in Verdict:
        assert exit_status(pytest_status, verdict) == verdict.exit_status


def test_a_failing_test_outside_the_suite_is_still_a_failure() -> None:
    for verdict in Verdict:
        assert exit_status(pytest.ExitCode.TESTS_FAILED, verdict) == Verdict.BROKEN.exit_status


@pytest.mark.parametrize("pytest_status", [3, 4, 6])
def test_other_pytest_trouble_keeps_pytests_own_status(pytest_status: int) -> None:
    for verdict in Verdict:
        assert exit_status(pytest_status, verdict) == pytest_status


def test_the_plan_is_four_steps_of_one_three_three_and_two_writes() -> None:
    assert STEPS == (FIRST, OVERLAPPING, CLONES_OF_CLONES, LEFT_TO_THE_SERVER)
    assert [(step.name, step.writes) for step in STEPS] == [
        ("first clone", 1),
        ("overlapping clones", 3),
        ("clones of clones", 3),
        ("names left to the server", 2),
    ]
    # Within a live run's default cap, with one write left for generated cases.
    assert PLANNED_WRITES == 9 < LIVE_MAX_WRITES
    assert all(step.serves and all(step.serves) for step in STEPS)


def test_no_cap_funds_every_step_and_leaves_generated_cases_unlimited() -> None:
    funding = Funding.for_cap(None)
    assert (funding.cap, funding.funded, funding.unfunded) == (None, STEPS, ())
    assert funding.generated_writes is None
    assert all(funding.is_funded(step) for step in STEPS)


@pytest.mark.parametrize(
    ("cap", "funded", "generated"),
    [
        (0, (), 0),
        (1, (FIRST,), 0),
        (3, (FIRST,), 2),
        (4, (FIRST, OVERLAPPING), 0),
        (6, (FIRST, OVERLAPPING), 2),
        (7, (FIRST, OVERLAPPING, CLONES_OF_CLONES), 0),
        (8, (FIRST, OVERLAPPING, CLONES_OF_CLONES), 1),
        (9, STEPS, 0),
        (10, STEPS, 1),
    ],
)
def test_a_cap_funds_steps_in_order_and_the_rest_goes_to_generated_cases(
    cap: int, funded: tuple[object, ...], generated: int
) -> None:
    funding = Funding.for_cap(cap)
    assert funding.cap == cap
    assert funding.funded == funded
    assert funding.unfunded == STEPS[len(funded) :]
    assert funding.generated_writes == generated
    assert [funding.is_funded(step) for step in STEPS] == [step in funded for step in STEPS]


def test_a_step_is_not_funded_out_of_order_when_an_earlier_one_is_too_dear() -> None:
    # 2 writes would pay for no OVERLAPPING (3), and the cheaper steps after it are never reached.
    funding = Funding.for_cap(2)
    assert funding.funded == (FIRST,)
    assert funding.unfunded == (OVERLAPPING, CLONES_OF_CLONES, LEFT_TO_THE_SERVER)
    assert funding.generated_writes == 1


def test_the_cap_needed_for_a_step_pays_for_it_and_every_step_before_it() -> None:
    funding = Funding.for_cap(0)
    assert [funding.cap_needed(step) for step in STEPS] == [1, 4, 7, 9]
    for step in STEPS:
        assert Funding.for_cap(funding.cap_needed(step)).is_funded(step)
        assert not Funding.for_cap(funding.cap_needed(step) - 1).is_funded(step)


def test_an_unfunded_step_says_how_many_writes_it_needs_and_the_cap_that_funds_it() -> None:
    budget = WriteBudget(2)
    assert budget.cap == 2
    with budget.planned(FIRST):
        budget.claim()
    with pytest.raises(NotRun) as raised, budget.planned(OVERLAPPING):
        pass
    assert str(raised.value) == (
        "not run: the write cap (HAMSA_MAX_WRITES=2) does not fund the overlapping clones "
        "(3 agents); HAMSA_MAX_WRITES=4 funds them, 9 every planned check"
    )
    # Each cap the hint names does fund what it says.
    assert Funding.for_cap(4).is_funded(OVERLAPPING)
    assert Funding.for_cap(8).unfunded != ()
    assert Funding.for_cap(9).unfunded == ()


def test_planned_writes_do_not_eat_the_generated_share() -> None:
    budget = WriteBudget(PLANNED_WRITES + 1)
    for step in STEPS:
        with budget.planned(step):
            for _ in range(step.writes + 2):  # more than planned: still the step's, not shared
                budget.claim()
    assert budget.generated_left == 1
    budget.claim()
    assert budget.generated_left == 0
    with pytest.raises(WriteCapReached) as raised:
        budget.claim()
    assert str(raised.value) == (
        f"not run: write cap reached (HAMSA_MAX_WRITES={PLANNED_WRITES + 1}); "
        "this check needed one more agent"
    )
    assert budget.refused == 1
    assert budget.generated_left == 0


def test_leaving_a_planned_block_ends_its_step_even_when_the_block_fails() -> None:
    budget = WriteBudget(1)
    with pytest.raises(RuntimeError), budget.planned(FIRST):
        raise RuntimeError("check failed")
    with pytest.raises(WriteCapReached):
        budget.claim()  # outside the block: a generated write, and the share is 0


def test_without_a_cap_nothing_is_refused() -> None:
    budget = WriteBudget(None)
    for _ in range(50):
        budget.claim()
    assert budget.generated_left is None
    assert budget.refused == 0
