"""The CI recipe in examples/: actionlint accepts it, and its verdict step maps each exit status
of `hamsa-contract-test` to the outcome the file promises (run with a stand-in command)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any, Final

import pytest
import yaml

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


@pytest.mark.parametrize(
    ("status", "fail_on_incomplete", "job_status", "annotation"),
    [
        (0, "false", 0, None),
        (1, "false", 1, "::error title=Hamsa contract BROKEN::"),
        (2, "false", 0, "::warning title=Hamsa contract INCOMPLETE::"),
        (2, "true", 2, "::warning title=Hamsa contract INCOMPLETE::"),
        (4, "false", 4, "::error title=Hamsa contract run failed::"),
    ],
)
def test_each_exit_status_gets_its_outcome(
    tmp_path: Path, status: int, fail_on_incomplete: str, job_status: int, annotation: str | None
) -> None:
    stand_in = tmp_path / "bin" / "hamsa-contract-test"
    stand_in.parent.mkdir()
    stand_in.write_text(f"#!/bin/sh\nexit {status}\n", encoding="utf-8")
    stand_in.chmod(stand_in.stat().st_mode | stat.S_IEXEC)
    outputs, summary = tmp_path / "outputs", tmp_path / "summary"
    env = {
        "PATH": f"{stand_in.parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_OUTPUT": str(outputs),
        "GITHUB_STEP_SUMMARY": str(summary),
        "FAIL_ON_INCOMPLETE": fail_on_incomplete,
    }

    # GitHub runs `run:` scripts with `bash -e {0}`.
    result = subprocess.run(
        ["bash", "-e", "-c", _verdict_step()["run"]],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == job_status, result.stdout + result.stderr
    assert outputs.read_text(encoding="utf-8") == f"status={status}\n"
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    if annotation is None:
        assert annotations == []
    else:
        assert len(annotations) == 1
        assert annotations[0].startswith(annotation)
