"""What conformance's pieces decide: the schemathesis configuration of a run, where a generated
case is aimed, and how the case runner sends, counts and judges cases (with the auth probe), run
in-process against the embedded mock and broken variants of it."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from schemathesis.config import SchemathesisConfig
from schemathesis.config._auth import ApiKeyAuthConfig
from schemathesis.core.failures import FailureGroup

from hamsa_contract import _spec as spec
from hamsa_contract.judge._conformance import (
    UNKNOWN_ID_PREFIX,
    aim,
    build_config,
    enabled_builtin_checks,
)
from hamsa_contract.run._suite import Suite
from hamsa_contract.send._names import NAME_PREFIX
from tests.support.suites import OpenSuite, open_suites

BROKEN = "tests.catalogue.broken_servers:"


@pytest.fixture
def open_suite() -> Iterator[OpenSuite]:
    with open_suites() as open_one:
        yield open_one


def run_for(open_suite: OpenSuite, reports: Path, **environ: str) -> Suite:
    """A run on the environment given, its reports in `reports`."""
    return open_suite(HAMSA_REPORTS_DIR=str(reports), **environ)


def clone_case(suite: Suite, voice_agent_id: str, body: Any) -> Any:
    operation = suite.schema[spec.CLONE_PATH]["POST"]
    return operation.Case(
        query={"voiceAgentId": voice_agent_id},
        headers={"Authorization": f"Token {suite.target.api_key}"},
        body=body,
    )


def token_scheme(config: SchemathesisConfig) -> ApiKeyAuthConfig:
    scheme = config.projects.get_default().auth.openapi.schemes["TokenAuth"]
    assert isinstance(scheme, ApiKeyAuthConfig)
    return scheme


def checksum_of(value: str) -> int:
    return zlib.crc32(value.encode())


# Ids whose checksum keeps them generated (one in four) or lets them be aimed at the real agent.
KEPT_ID = next(f"id-{n}" for n in range(100) if checksum_of(f"id-{n}") % 4 == 0)
AIMED_ID = next(f"id-{n}" for n in range(100) if checksum_of(f"id-{n}") % 4)


def test_the_configuration_carries_the_run_settings(open_suite: OpenSuite, tmp_path: Path) -> None:
    suite = run_for(open_suite, tmp_path, HAMSA_SEED="7", HAMSA_REQUEST_TIMEOUT="2.5")
    config = build_config(suite.target, suite.settings)
    assert config.seed == 7
    project = config.projects.get_default()
    assert project.base_url == suite.target.base_url
    assert project.request_timeout == 2.5
    assert token_scheme(config).api_key == f"Token {suite.target.api_key}"
    assert project.reports.directory == tmp_path
    assert project.reports.vcr.path == tmp_path / "schemathesis-cassette.yaml"
    assert project.reports.har.path == tmp_path / "schemathesis-har.json"
    # From schemathesis.toml: generation settings the run relies on.
    assert project.generation.no_shrink is True


def test_a_key_with_a_placeholder_sign_is_kept_literally(
    open_suite: OpenSuite, tmp_path: Path
) -> None:
    suite = run_for(open_suite, tmp_path)
    target = replace(suite.target, api_key="k${HOME}ey")
    config = build_config(target, suite.settings)
    assert token_scheme(config).api_key == "Token k${HOME}ey"


def test_the_enabled_builtin_checks_leave_out_those_switched_off(
    open_suite: OpenSuite, tmp_path: Path
) -> None:
    names = enabled_builtin_checks(run_for(open_suite, tmp_path).schema)
    assert names[:5] == [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
    ]
    assert "negative_data_rejection" in names
    assert "positive_data_acceptance" in names
    for off in ("ignored_auth", "unsupported_method", "allow_header_conformance"):
        assert off not in names


def test_aiming_keeps_one_id_in_four_and_prefixes_the_name(
    open_suite: OpenSuite, tmp_path: Path
) -> None:
    suite = run_for(open_suite, tmp_path)
    real = suite.target.voice_agent_id
    aimed = clone_case(suite, AIMED_ID, {"agentName": "n"})
    aim(aimed, real, may_create=True)
    assert aimed.query == {"voiceAgentId": real}
    assert aimed.body == {"agentName": f"{NAME_PREFIX}n"}
    kept = clone_case(suite, KEPT_ID, {"agentName": f"{NAME_PREFIX}n"})
    aim(kept, real, may_create=True)
    assert kept.query == {"voiceAgentId": f"{UNKNOWN_ID_PREFIX}{checksum_of(KEPT_ID):08x}"}
    assert kept.body == {"agentName": f"{NAME_PREFIX}n"}
    no_writes = clone_case(suite, AIMED_ID, {"agentName": "0"})
    aim(no_writes, real, may_create=False)
    assert no_writes.query == {"voiceAgentId": f"{UNKNOWN_ID_PREFIX}{checksum_of(AIMED_ID):08x}"}
    # Aimed where nothing is created, the name goes as schemathesis generated it.
    assert no_writes.body == {"agentName": "0"}


@pytest.mark.parametrize("body", [{"agentName": ""}, {"agentName": 3}, {}, ["agentName"], "x"])
def test_aiming_leaves_invalid_values_as_generated(
    open_suite: OpenSuite, tmp_path: Path, body: Any
) -> None:
    suite = run_for(open_suite, tmp_path)
    case = clone_case(suite, "", body)
    aim(case, suite.target.voice_agent_id, may_create=True)
    assert case.query == {"voiceAgentId": ""}
    assert case.body == body
    numeric = clone_case(suite, AIMED_ID, body)
    numeric.query = {"voiceAgentId": 5}
    aim(numeric, suite.target.voice_agent_id, may_create=True)
    assert numeric.query == {"voiceAgentId": 5}


def test_a_conforming_answer_counts_its_case_and_confirms_auth_once(
    open_suite: OpenSuite, tmp_path: Path
) -> None:
    suite = run_for(open_suite, tmp_path)
    runner = suite.case_runner
    assert runner.check_names[-1] == "ignored_auth"
    assert runner.check_names[:-1] == [check.__name__ for check in suite.checks.all()]
    runner.run(clone_case(suite, AIMED_ID, {"agentName": "n"}))
    runner.run(clone_case(suite, KEPT_ID, {"agentName": "n"}))
    assert runner.finish() is None
    assert suite.ledger.cases == {"explicit": 2}
    assert suite.ledger.failures == {}
    assert suite.ledger.not_run == {}
    assert len(suite.budget.created_ids) == 1


def test_a_case_that_breaks_the_contract_is_recorded_and_raised(
    open_suite: OpenSuite, tmp_path: Path
) -> None:
    suite = run_for(
        open_suite, tmp_path, HAMSA_MOCK_APP=BROKEN + "unknown_id_is_500", HAMSA_CONCURRENCY="1"
    )
    case = clone_case(suite, KEPT_ID, {"agentName": "n"})
    with pytest.raises(FailureGroup):
        suite.case_runner.run(case)
    assert "conformance: ST101 Server error" in suite.ledger.failures
    assert suite.ledger.cases == {"explicit": 1}


def test_cases_that_cannot_write_go_side_by_side_and_are_judged_at_finish(
    open_suite: OpenSuite, tmp_path: Path
) -> None:
    suite = run_for(
        open_suite, tmp_path, HAMSA_MOCK_APP=BROKEN + "unknown_id_is_500", HAMSA_CONCURRENCY="2"
    )
    runner = suite.case_runner
    runner.run(clone_case(suite, KEPT_ID, {"agentName": "n"}))
    runner.run(clone_case(suite, KEPT_ID, {"agentName": "m"}))
    assert suite.ledger.cases == {}  # sent, not judged yet
    first = runner.finish()
    assert isinstance(first, FailureGroup)
    assert suite.ledger.cases == {"explicit": 2}
    assert suite.ledger.failures["conformance: ST101 Server error"] == 2
    assert runner.finish() is None


def test_a_case_without_an_answer_did_not_run(open_suite: OpenSuite, tmp_path: Path) -> None:
    suite = open_suite(
        HAMSA_REPORTS_DIR=str(tmp_path), HAMSA_MOCK_APP=BROKEN + "rate_limited_for_an_hour"
    )
    suite.case_runner.run(clone_case(suite, AIMED_ID, {"agentName": "n"}))
    ((reason, count),) = suite.ledger.not_run.items()
    assert reason.startswith("conformance: no answer: ")
    assert count == 1
    assert suite.ledger.cases == {}


def test_a_server_that_ignores_credentials_fails_the_probe_once_with_a_note(
    open_suite: OpenSuite, tmp_path: Path
) -> None:
    suite = open_suite(
        HAMSA_REPORTS_DIR=str(tmp_path), HAMSA_MOCK_APP=BROKEN + "accepts_no_credentials"
    )
    with pytest.raises(FailureGroup):
        suite.case_runner.run(clone_case(suite, AIMED_ID, {"agentName": "n"}))
    assert any("ST401" in rule or "auth" in rule.lower() for rule in suite.ledger.failures)
    (note,) = suite.ledger.notes
    assert note.startswith("the server accepted a clone request without valid credentials (ST401)")
    # Done after one failure: the next case sends no probe and fails nothing more.
    before = dict(suite.ledger.failures)
    suite.case_runner.run(clone_case(suite, KEPT_ID, {"agentName": "n"}))
    assert suite.ledger.failures == before
