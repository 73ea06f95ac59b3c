"""What machines read of a run (src/hamsa_contract/report/_verdict_file.py):
reports/verdict.json and the JUnit XML, for a kept, a broken and an incomplete run, a setting the
first answers show to be wrong (exit 3) and a setting that cannot start a run (exit 4); and a
failure's report, which shows the request that failed first (issue 22, points 9 and 10)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Final

import pytest

from hamsa_contract._redaction import elided
from hamsa_contract._run_record import AGENTS_FILE, read_agents
from hamsa_contract.mock import DEFAULT_API_KEY, TEMPLATE_IDS
from hamsa_contract.report._verdict_file import EVERY_CHECK_RAN, FORMAT, NAME_CHARACTERS
from hamsa_contract.send._settings import child_run_environment
from tests.conftest import REPO_ROOT
from tests.support.running import SUITE, TIMEOUT_SECONDS, SuiteRun, run_contract_suite
from tests.support.wrapping import answer_when, error

BROKEN_APP: Final = "tests.catalogue.broken_servers:trims_names"
#: Refuses with 400 every authorized clone whose name (past `contract-test `) has an `a` in it:
#: schema-valid requests rejected.
rejects_valid_names = answer_when(
    lambda asked: (
        asked.authorized and isinstance(asked.agent_name, str) and "a" in asked.agent_name[14:]
    ),
    lambda asked: error(400, "rejected"),
)
NAME_RULE: Final = "semantics: A name longer than 150 characters comes back exactly, or gets 400"


def _verdict(run: SuiteRun) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((run.reports_dir / "verdict.json").read_text("utf-8"))
    return document


def _junit_cases(run: SuiteRun) -> list[ET.Element]:
    root = ET.parse(run.reports_dir / "contract-tests.xml").getroot()  # noqa: S314 (our own run's)
    return list(root.iter("testcase"))


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def kept(tmp_path_factory: pytest.TempPathFactory) -> SuiteRun:
    return run_contract_suite(tmp_path_factory.mktemp("kept"))


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> SuiteRun:
    return run_contract_suite(
        tmp_path_factory.mktemp("broken"), marker="semantics", env={"HAMSA_MOCK_APP": BROKEN_APP}
    )


@pytest.fixture(scope="module")
def incomplete(tmp_path_factory: pytest.TempPathFactory) -> SuiteRun:
    # No agent may be created: every planned clone's check does not run.
    return run_contract_suite(tmp_path_factory.mktemp("incomplete"), env={"HAMSA_MAX_WRITES": "0"})


def test_a_kept_run_writes_its_verdict_for_machines(kept: SuiteRun) -> None:
    document = _verdict(kept)

    assert kept.returncode == 0, kept.output
    assert document["format"] == FORMAT
    assert (document["verdict"], document["exit_status"]) == ("kept", 0)
    assert document["rules_broken"] == []
    assert document["not_run"] == []
    assert document["setting_error"] is None
    assert document["target"]["api_key"] == "[Filtered]"
    assert len(document["agents_created"]) == document["counts"]["agents_created"] > 0
    assert all(agent["id"] and agent["name"] for agent in document["agents_created"])
    assert document["counts"]["requests"] > 0
    assert document["times"]["seconds"] >= 0
    assert "verdict.json" in kept.output


def test_a_kept_run_leaves_its_junit_file_as_pytest_wrote_it(kept: SuiteRun) -> None:
    names = {case.get("name") for case in _junit_cases(kept)}
    assert EVERY_CHECK_RAN not in names


def test_a_broken_run_names_each_rule_and_its_source(broken: SuiteRun) -> None:
    document = _verdict(broken)

    assert (document["verdict"], document["exit_status"]) == ("broken", 1)
    rules = {rule["rule"]: rule for rule in document["rules_broken"]}
    name_rule = next(rule for name, rule in rules.items() if name.startswith(NAME_RULE))
    assert name_rule["sources"] == [
        {
            "class": "contract decision",
            "citation": "CONTRACT.md decision 12",
            "decisions": [12],
        }
    ]
    assert name_rule["failures"] >= 1
    assert DEFAULT_API_KEY not in json.dumps(document)


def test_a_failure_shows_the_request_that_failed_first_whole(broken: SuiteRun) -> None:
    """The 6,000-character name that came back trimmed: its own request, both ends of it, before
    the later requests with short names."""
    report = broken.output.split(
        "test_a_name_over_150_characters_comes_back_exactly_or_gets_400", 1
    )[1]
    failed = report.split("The request that failed (key masked) and its answer:\n", 1)[1]
    request = failed.splitlines()[0]

    assert "characters elided]…" in request
    # The name's start and its end (the suite's long name ends in spaces the server trimmed).
    assert "contract-test markup" in request
    assert "][05   " in request
    assert report.index("The request that failed") < report.index("Other requests")


def test_an_incomplete_run_is_an_error_in_junit_and_says_what_did_not_run(
    incomplete: SuiteRun,
) -> None:
    document = _verdict(incomplete)
    errors = [case for case in _junit_cases(incomplete) if case.find("error") is not None]

    assert (document["verdict"], document["exit_status"]) == ("incomplete", 2)
    assert document["not_run"]
    assert all(item["count"] > 0 for item in document["not_run"])
    assert any("HAMSA_MAX_WRITES" in item["reason"] for item in document["not_run"])
    assert [case.get("name") for case in errors] == [EVERY_CHECK_RAN]
    error = errors[0].find("error")
    assert error is not None
    assert "INCOMPLETE" in (error.get("message") or "")
    assert "HAMSA_MAX_WRITES" in (error.text or "")


def test_a_wrong_setting_is_one_failed_junit_case_naming_it(tmp_path: Path) -> None:
    run = run_contract_suite(
        tmp_path,
        env={
            "HAMSA_BASE_URL": f"http://127.0.0.1:{_closed_port()}",
            "HAMSA_API_KEY": DEFAULT_API_KEY,
            "HAMSA_VOICE_AGENT_ID": next(iter(TEMPLATE_IDS.values())),
        },
    )
    document = _verdict(run)
    cases = _junit_cases(run)

    assert run.returncode == 3, run.output
    assert (document["verdict"], document["exit_status"]) == ("wrong-setting", 3)
    assert document["setting_error"]["setting"] == "HAMSA_BASE_URL"
    assert [case.get("name") for case in cases] == ["HAMSA_BASE_URL"]
    assert cases[0].find("failure") is not None


def test_a_setting_that_cannot_start_a_run_is_written_down_too(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    completed = subprocess.run(
        [str(Path(sys.executable).parent / "hamsa-contract-test"), "--seed", "many"],
        cwd=tmp_path,
        env=child_run_environment(reports),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    run = SuiteRun(completed.returncode, completed.stdout + completed.stderr, reports)
    document = _verdict(run)
    cases = _junit_cases(run)

    assert run.returncode == 4, run.output
    assert (document["verdict"], document["exit_status"]) == ("cannot-start", 4)
    assert document["setting_error"]["setting"] == "--seed"
    assert "whole number" in document["setting_error"]["message"]
    assert [case.get("name") for case in cases] == ["--seed"]


@pytest.mark.slow
def test_a_schema_valid_request_that_was_rejected_is_shown_in_the_terminal(tmp_path: Path) -> None:
    run = run_contract_suite(
        tmp_path,
        marker="conformance",
        # With CI set, pytest repeats a failure's whole text in its FAILED line unless told not to.
        env={"HAMSA_MOCK_APP": f"{__name__}:rejects_valid_names", "CI": "true"},
    )
    # This failure's screen: up to the next test's header, or the summary.
    screen = run.output.split("Schema-valid request rejected", 1)[1]
    report = screen.split("\n___", 1)[0].split("\n=====", 1)[0]
    failed = report.split("The request that failed (key masked) and its answer:\n", 1)[1]
    request, answer = failed.splitlines()[:2]

    assert request.startswith("  curl -X POST")
    assert '"agentName": "contract-test ' in request
    assert answer.startswith("  -> 400 (application/json)")
    assert "rejected" in answer
    # Shown once, not again among the other requests, nor in the FAILED line.
    assert report.count(request) == 1
    assert run.output.count(request) == 1
    assert "FAILED src/hamsa_contract/families/test_conformance.py" in run.output


@pytest.mark.slow
def test_a_narrowed_run_is_incomplete_in_its_verdict_file_and_junit(tmp_path: Path) -> None:
    # The exit status verdict.json records is the run's final one: a run of one family on a
    # conformant server is INCOMPLETE (the others did not run), not "kept".
    run = run_contract_suite(tmp_path, marker="security")
    document = _verdict(run)

    assert run.returncode == 2, run.output
    assert (document["verdict"], document["exit_status"]) == ("incomplete", 2)
    assert any("not selected (-m 'security')" in entry["reason"] for entry in document["not_run"])
    assert any(case.get("name") == EVERY_CHECK_RAN for case in _junit_cases(run))


def test_verdict_json_lists_the_agents_the_run_wrote_down_as_it_created_them(
    kept: SuiteRun,
) -> None:
    # verdict.json elides a long name in its middle; the record keeps it whole.
    written = [
        (agent_id, None if name is None else elided(name, NAME_CHARACTERS))
        for agent_id, name in read_agents(kept.reports_dir / AGENTS_FILE)
    ]
    listed = [(agent["id"], agent["name"]) for agent in _verdict(kept)["agents_created"]]

    assert written
    assert listed == written


def test_a_test_path_pytest_cannot_find_leaves_a_cannot_start_verdict_file(
    tmp_path: Path,
) -> None:
    reports_dir = tmp_path / "reports"
    reports_dir.mkdir()
    # An earlier run's verdict must not stand for this one.
    (reports_dir / "verdict.json").write_text('{"verdict": "kept"}', encoding="utf-8")
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            SUITE,
            f"{SUITE}/test_no_such_family.py",
            "-p",
            "no:cacheprovider",
            f"--junitxml={reports_dir / 'contract-tests.xml'}",
        ],
        cwd=REPO_ROOT,
        env=child_run_environment(reports_dir),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    run = SuiteRun(completed.returncode, completed.stdout + completed.stderr, reports_dir)
    document = _verdict(run)

    assert run.returncode == 4, run.output
    assert (document["verdict"], document["exit_status"]) == ("cannot-start", 4)
    assert document["setting_error"]["setting"] == "pytest options"
    assert "test_no_such_family.py" in document["setting_error"]["message"]
    assert [case.get("name") for case in _junit_cases(run)] == ["pytest options"]
