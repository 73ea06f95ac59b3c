"""The CI recipe in examples/: actionlint accepts it, and its verdict step maps each exit status
of `hamsa-contract-test` to the outcome the file promises (run with a stand-in command)."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any, Final

import pytest
import yaml

from hamsa_contract._command_line import CANNOT_START, TOOL_FAILED
from hamsa_contract._redaction import Redactor
from hamsa_contract.drift._detect import DriftReport
from hamsa_contract.drift._log import DRIFT_REPORT_NAME, DriftLog, write_drift_report
from hamsa_contract.report._verdict import Verdict
from hamsa_contract.run._preflight import SETTINGS_WRONG
from hamsa_contract.send._settings import reports_dir
from hamsa_contract.send._target import LIVE_MAX_WRITES
from tests.conftest import REPO_ROOT

WORKFLOWS: Final = sorted((REPO_ROOT / "examples").glob("*.yml"))
CONTRACT_WORKFLOW: Final = REPO_ROOT / "examples" / "github-actions-contract.yml"
ACTIONLINT: Final = Path(sys.executable).with_name("actionlint")


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_actionlint_accepts_the_workflow(workflow: Path) -> None:
    result = subprocess.run(
        [str(ACTIONLINT), "-no-color", str(workflow)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _verdict_step() -> dict[str, Any]:
    document = yaml.safe_load(CONTRACT_WORKFLOW.read_text(encoding="utf-8"))
    steps = document["jobs"]["contract"]["steps"]
    step: dict[str, Any] = next(step for step in steps if step.get("id") == "verdict")
    return step


def test_the_verdict_step_runs_the_installed_command_against_live() -> None:
    step = _verdict_step()
    assert "hamsa-contract-test" in step["run"]
    assert step["env"]["HAMSA_API_KEY"] == "${{ secrets.HAMSA_API_KEY }}"
    assert step["env"]["HAMSA_BASE_URL"].startswith("https://")
    assert step["env"]["HAMSA_REPORTS_DIR"] == "reports"


def test_the_reports_are_kept_whatever_the_outcome() -> None:
    document = yaml.safe_load(CONTRACT_WORKFLOW.read_text(encoding="utf-8"))
    steps = document["jobs"]["contract"]["steps"]
    upload = next(step for step in steps if "upload-artifact" in step.get("uses", ""))
    assert upload["if"] == "always()"
    assert upload["with"]["path"] == "reports/"
    # YAML 1.1 (PyYAML) reads the key `on` as the boolean true.
    assert document[True]["schedule"]


def _run_verdict_step(
    tmp_path: Path, stand_in_script: str, fail_on_incomplete: str = "false"
) -> tuple[subprocess.CompletedProcess[str], Path]:
    """The verdict step's script, as GitHub runs it, with `hamsa-contract-test` replaced by
    `stand_in_script` (sh), in `tmp_path` (the checkout)."""
    stand_in = tmp_path / "bin" / "hamsa-contract-test"
    stand_in.parent.mkdir()
    stand_in.write_text(f"#!/bin/sh\n{stand_in_script}\n", encoding="utf-8")
    stand_in.chmod(stand_in.stat().st_mode | stat.S_IEXEC)
    outputs = tmp_path / "outputs"
    env = {
        # `python` as setup-python provides it.
        "PATH": os.pathsep.join([str(stand_in.parent), str(Path(sys.executable).parent)])
        + os.pathsep
        + os.environ["PATH"],
        "GITHUB_OUTPUT": str(outputs),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary"),
        "FAIL_ON_INCOMPLETE": fail_on_incomplete,
    }
    # GitHub runs `run:` scripts with `bash -e {0}`.
    result = subprocess.run(
        ["bash", "-e", "-c", _verdict_step()["run"]],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return result, outputs


def _annotations(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.startswith("::")]


@pytest.mark.parametrize(
    ("status", "fail_on_incomplete", "job_status", "annotation"),
    [
        (0, "false", 0, None),
        (1, "false", 1, "::error title=Hamsa contract BROKEN::"),
        (2, "false", 0, "::warning title=Hamsa contract INCOMPLETE::"),
        (2, "true", 2, "::warning title=Hamsa contract INCOMPLETE::"),
        (SETTINGS_WRONG, "false", SETTINGS_WRONG, "::error title=Hamsa contract settings wrong::"),
        (CANNOT_START, "false", CANNOT_START, "::error title=Hamsa contract cannot start::"),
        (TOOL_FAILED, "false", TOOL_FAILED, "::error title=Hamsa contract run failed::"),
    ],
)
def test_each_exit_status_gets_its_outcome(
    tmp_path: Path, status: int, fail_on_incomplete: str, job_status: int, annotation: str | None
) -> None:
    result, outputs = _run_verdict_step(tmp_path, f"exit {status}", fail_on_incomplete)

    assert result.returncode == job_status, result.stdout + result.stderr
    assert outputs.read_text(encoding="utf-8") == f"status={status}\n"
    annotations = _annotations(result)
    if annotation is None:
        assert annotations == []
    else:
        assert len(annotations) == 1
        assert annotations[0].startswith(annotation)


def test_a_wrong_setting_fails_the_job_with_the_line_that_names_it(tmp_path: Path) -> None:
    line = "Wrong setting: HAMSA_API_KEY: refused: `Token <key>` got 401 (application/json)"
    result, _ = _run_verdict_step(tmp_path, f"echo '{line}'\nexit {SETTINGS_WRONG}")

    assert result.returncode == SETTINGS_WRONG
    assert _annotations(result) == [f"::error title=Hamsa contract settings wrong::{line}"]


def test_drift_is_a_warning_naming_its_fields_whatever_the_verdict(tmp_path: Path) -> None:
    # drift.json as the suite writes it, from the answers of a server with new fields.
    log = DriftLog()
    log.record(200, DriftReport(("data.voiceStyle",), (), values={"data.voiceStyle": "calm"}))
    log.record(404, DriftReport(("traceId",), (), values={"traceId": "t-1"}))
    log.record(200, DriftReport((), ("data.icon",)))
    write_drift_report(log, Redactor([]), target="live API", reports_dir=tmp_path / "reports")

    result, _ = _run_verdict_step(tmp_path, "exit 0")

    assert result.returncode == 0, result.stdout + result.stderr
    assert _annotations(result) == [
        "::warning title=Hamsa contract drift::unknown data.voiceStyle (200); unknown traceId "
        "(404); absent data.icon (200) (reports/drift.json; make adopt-drift adds them to the "
        "spec)"
    ]


def test_no_drift_no_drift_annotation(tmp_path: Path) -> None:
    write_drift_report(DriftLog(), Redactor([]), target="live", reports_dir=tmp_path / "reports")
    result, _ = _run_verdict_step(tmp_path, "exit 1")
    assert [line.split("::")[1] for line in _annotations(result)] == [
        "error title=Hamsa contract BROKEN"
    ]


def _header() -> str:
    text = CONTRACT_WORKFLOW.read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if line.startswith("#"))


def test_the_header_states_the_code_s_write_cap_and_exit_statuses() -> None:
    header = _header()
    stated_cap = re.search(r"at most\s+#?\s*HAMSA_MAX_WRITES, (\d+) by default", header)
    assert stated_cap is not None, header
    assert int(stated_cap[1]) == LIVE_MAX_WRITES
    stated = dict(re.findall(r"^#\s+(\d) (.+?)\s+->", header, flags=re.MULTILINE))
    assert stated == {
        **{str(verdict.exit_status): verdict.label for verdict in Verdict},
        str(SETTINGS_WRONG): "a setting is wrong",
        str(CANNOT_START): "cannot start",
        str(TOOL_FAILED): "the tool failed",
    }


def test_the_reports_kept_include_drift_json_and_the_junit_report() -> None:
    step = _verdict_step()
    document = yaml.safe_load(CONTRACT_WORKFLOW.read_text(encoding="utf-8"))
    upload = next(
        step
        for step in document["jobs"]["contract"]["steps"]
        if "upload-artifact" in step.get("uses", "")
    )
    kept = Path(upload["with"]["path"])
    reports = reports_dir({"HAMSA_REPORTS_DIR": step["env"]["HAMSA_REPORTS_DIR"]})
    assert reports == kept.resolve()
    assert f"{kept}/{DRIFT_REPORT_NAME}" in step["run"]
    assert f"{kept}/{DRIFT_REPORT_NAME}" in _header()
