""" "contract kept" only when every check ran (issue 22, point 2): any narrowing of the run, from
the command line, PYTEST_ADDOPTS or a plugin, and a run stopped early, is INCOMPLETE and names
what did not run; a failure still wins."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from hamsa_contract.run._selection import Selection, not_run_reasons
from tests.support.running import SUITE, run_contract_suite

PLANNED = {
    "s.py::test_a": "security",
    "s.py::test_b": "security",
    "q.py::test_c": "requests",
    "q.py::test_d": "requests",
    "q.py::test_e": "requests",
}


def _reasons(**selection: set[str]) -> Counter[str]:
    everything = set(PLANNED)
    chosen = {"collected": everything, "deselected": set(), "selected": everything}
    chosen |= selection
    return not_run_reasons(
        PLANNED,
        Selection(
            collected=chosen["collected"],
            deselected=chosen["deselected"],
            selected=chosen["selected"],
            started=chosen.get("started", chosen["selected"]),
        ),
        deselected_by="-m 'security'",
        not_collected_by="test paths s.py",
        stopped="stopping after 1 failures",
    )


def test_every_planned_check_started_leaves_nothing_not_run() -> None:
    assert _reasons() == Counter()


def test_each_way_a_check_is_left_out_is_named_family_by_family() -> None:
    reasons = _reasons(
        collected={"s.py::test_a", "s.py::test_b", "q.py::test_c", "q.py::test_d"},
        deselected={"q.py::test_c"},
        selected={"s.py::test_a", "s.py::test_b"},
        started={"s.py::test_a"},
    )
    assert reasons == Counter(
        {
            "security: not reached (stopping after 1 failures): test_b": 1,
            "requests: not selected (-m 'security'): test_c": 1,
            "requests: dropped from the run by a plugin or hook: test_d": 1,
            "requests: not collected (test paths s.py): test_e": 1,
        }
    )


def test_a_family_left_out_whole_is_said_so() -> None:
    reasons = _reasons(
        deselected={"q.py::test_c", "q.py::test_d", "q.py::test_e"},
        selected={"s.py::test_a", "s.py::test_b"},
    )
    assert reasons == Counter({"requests: not selected (-m 'security'): the whole family": 3})


def test_checks_deselected_from_pytest_addopts_make_the_run_incomplete(tmp_path: Path) -> None:
    run = run_contract_suite(tmp_path, env={"PYTEST_ADDOPTS": "-k semantics"})

    assert run.returncode == 2, run.output
    assert "Verdict:  INCOMPLETE" in run.output
    assert run.section("Failures:") == ["Failures: none"], run.output
    assert re.search(
        r"  - requests: not selected \(-k 'semantics'; PYTEST_ADDOPTS is set\): the whole family "
        r"\(x\d+\)",
        run.output,
    ), run.output
    assert "Not run:  none" not in run.output


def test_one_deselected_check_is_named(tmp_path: Path) -> None:
    left_out = "test_security.py::test_clone_answer_does_not_contain_the_key"
    run = run_contract_suite(tmp_path, marker="security", deselect=[left_out])

    assert run.returncode == 2, run.output
    assert (
        f"  - security: not selected (-m 'security', --deselect {SUITE}/{left_out}): "
        "test_clone_answer_does_not_contain_the_key (x1)" in run.output
    )


@pytest.mark.slow
def test_a_run_stopped_at_its_first_failure_names_what_it_never_reached(tmp_path: Path) -> None:
    run = run_contract_suite(
        tmp_path,
        env={
            "PYTEST_ADDOPTS": "-x",
            "HAMSA_MOCK_APP": "tests.catalogue.broken_servers:drops_updated_at",
        },
    )

    assert run.returncode == 1, run.output
    assert "Verdict:  CONTRACT BROKEN" in run.output
    assert "  - conformance: not reached (stopping after 1 failures): the whole family (x1)" in (
        run.output
    )


def test_a_plugin_that_drops_checks_makes_the_run_incomplete(tmp_path: Path) -> None:
    run = run_contract_suite(
        tmp_path,
        marker="security or drift",
        env={"PYTEST_ADDOPTS": "-p tests.packaging.run_breakers", "BREAK_RUN": "drops-tests"},
    )

    assert run.returncode == 2, run.output
    assert "  - security: dropped from the run by a plugin or hook: the whole family (x4)" in (
        run.output
    )
