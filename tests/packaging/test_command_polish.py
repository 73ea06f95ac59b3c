"""Small things a user trips on in the first hour (issue 22, point 11): --version, --help without
the extra, every HAMSA_* variable in --help, --from refusing what it cannot honour, "1 failure",
no empty failure message, a readable failing example, FAILED lines a user can read, progress from
the first second, and make's first install saying what it does."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import UTC, datetime
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import Final

import pytest
from schemathesis.core.failures import FailureGroup, ServerError

from hamsa_contract import _cli as cli
from hamsa_contract import _spec as spec
from hamsa_contract._run_record import ENV_RUN_RECORD
from hamsa_contract.report._failures import describe
from hamsa_contract.run import _recorded as recorded
from tests.conftest import REPO_ROOT
from tests.packaging.commands import run_command

PACKAGE: Final = REPO_ROOT / "src" / "hamsa_contract"
VARIABLE: Final = re.compile(r"\"(HAMSA_[A-Z_]+)\"")


# Runs that load the whole suite: more time than a bare command line.
_command = partial(run_command, timeout=300)


def _variables(folder: Path, *, under_mock: bool) -> set[str]:
    return {
        name
        for path in folder.rglob("*.py")
        if (path.parent.name == "mock") == under_mock
        for name in VARIABLE.findall(path.read_text("utf-8"))
    }


@pytest.mark.parametrize("command", ["hamsa-contract-test", "hamsa-mock"])
def test_both_commands_tell_the_installed_version(command: str) -> None:
    result = _command(command, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{command} (hamsa-client) {metadata.version('hamsa-client')}"


def test_help_and_version_need_no_extra(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "missing_requirements", lambda extra: ("schemathesis",))
    monkeypatch.setattr(sys, "argv", ["hamsa-mock", "--version"])
    assert cli.contract_test(["--help"]) == 0
    assert "exit status:" in capsys.readouterr().out
    assert cli.contract_test(["--version"]) == 0
    assert cli.mock() == 0
    assert capsys.readouterr().out.count(metadata.version("hamsa-client")) == 2


def test_every_variable_the_suite_reads_is_in_its_help() -> None:
    # The environment section, where a user looks for variables (flags name theirs too).
    contract = _command("hamsa-contract-test", "--help").stdout.split("\nenvironment:\n", 1)[1]
    mock = _command("hamsa-mock", "--help").stdout
    # Set by the command for its own pytest child (_run_record.py), not by a user.
    suite_variables = _variables(PACKAGE, under_mock=False) - {ENV_RUN_RECORD}
    assert "HAMSA_CONCURRENCY" in suite_variables
    assert sorted(name for name in suite_variables if name not in contract) == []
    assert sorted(name for name in _variables(PACKAGE, under_mock=True) if name not in mock) == []


@pytest.mark.parametrize(
    "arguments",
    [
        ["--plan"],
        ["--reports-dir", "elsewhere"],
        ["--base-url", "http://127.0.0.1:9"],
        ["--seed", "3"],
        ["--", "-m", "semantics"],
    ],
)
def test_from_refuses_what_it_cannot_honour(
    arguments: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recording = tmp_path / "empty.har"
    recording.write_text(json.dumps({"log": {"entries": []}}), encoding="utf-8")
    assert cli.contract_test(["--from", str(recording), *arguments]) == cli.CANNOT_START
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    named = arguments[0] if arguments[0] != "--" else "pytest options after --"
    assert f"{named} cannot apply" in err
    assert not (tmp_path / "elsewhere").exists()


def test_one_failure_is_one_failure(tmp_path: Path) -> None:
    now = datetime.now(UTC).isoformat()
    agent = {"id": "clone-1", "agentName": "contract-test renamed", "createdAt": now}
    har = {
        "log": {
            "entries": [
                {
                    "startedDateTime": now,
                    "request": {
                        "method": "POST",
                        "url": f"https://api.tryhamsa.com{spec.CLONE_PATH}?voiceAgentId=a-1",
                        "headers": [{"name": "Content-Type", "value": "application/json"}],
                        "postData": {"text": json.dumps({"agentName": "contract-test sent"})},
                    },
                    "response": {
                        "status": 200,
                        "headers": [{"name": "Content-Type", "value": "application/json"}],
                        "content": {
                            "text": json.dumps(
                                {
                                    "success": True,
                                    "message": "success",
                                    "data": agent | {"updatedAt": now},
                                }
                            )
                        },
                    },
                }
            ]
        }
    }
    path = tmp_path / "one.har"
    path.write_text(json.dumps(har), encoding="utf-8")

    _, lines = recorded.judge(recorded.read_recording(path))

    assert lines[0] == "Verdict:  CONTRACT BROKEN (1 failure) (exit status 1)", lines


def test_a_server_error_says_what_the_server_answered() -> None:
    error = FailureGroup([ServerError(operation="POST /v1/voice-agents/clone", status_code=503)])
    assert describe(error) == "  [ST101] Server error: the server answered 503"


def test_hypothesis_failing_example_is_one_readable_line() -> None:
    error = AssertionError("expected 404")
    error.add_note("Failing test case: test_unknown_id(\n    api=,\n    voice_agent_id=,\n)")
    shown = describe(error)
    assert shown.splitlines()[1] == (
        "  Failing test case: test_unknown_id, with the generated values of the request shown below"
    )
    error = AssertionError("expected 404")
    error.add_note("Failing test case: test_unknown_id(\n    api=,\n    voice_agent_id='x y',\n)")
    assert (
        describe(error).splitlines()[1]
        == "  Failing test case: test_unknown_id(voice_agent_id='x y')"
    )


def test_a_run_says_what_it_does_and_names_failed_checks_by_node_id(tmp_path: Path) -> None:
    """Started from a folder far from the package: FAILED lines are not paths from there."""
    result = _command(
        "hamsa-contract-test",
        "--",
        "-m",
        "semantics",
        env={
            "HAMSA_MOCK_APP": "tests.catalogue.broken_servers:trims_names",
            "PYTHONPATH": str(REPO_ROOT),
            "HAMSA_REPORTS_DIR": str(tmp_path / "reports"),
        },
        cwd=tmp_path,
    )
    output = result.stderr + result.stdout
    failed = [line for line in result.stdout.splitlines() if line.startswith("FAILED ")]

    assert result.stderr.startswith("hamsa-contract-test: setting up the run"), output
    assert "Checking the settings with a first few requests" in result.stdout
    assert re.search(r"^Running \d+ checks", result.stdout, re.M), output
    assert failed, output
    assert all(line.startswith("FAILED hamsa_contract/families/test_") for line in failed), failed


def test_the_first_install_says_what_it_does_before_pip_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    planned = subprocess.run(
        ["make", "-n", "install", f"VENV={tmp_path / 'venv'}"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    ).stdout
    # `make install` and ./contract-test both set up through tools/set_up.py.
    from tools import set_up

    said_before: list[str] = []

    def step(command: list[str], **_: object) -> subprocess.CompletedProcess[bytes]:
        if "pip" in command:
            said_before.append(capsys.readouterr().err)
        else:
            Path(command[-1]).mkdir(parents=True)
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(subprocess, "run", step)
    set_up.main([str(tmp_path / "venv")])

    assert "-m tools.set_up" in planned, planned
    assert len(said_before) == 1
    assert "Setting up" in said_before[0], said_before
