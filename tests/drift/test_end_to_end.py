"""From "the vendor added a field" to a typed client: a contract run against a server that adds
fields of every shape writes drift.json, `adopt_drift` puts them into a copy of openapi/ and
generates a client from it, the client reads them as typed attributes, and the next run against
the same server, with the adopted spec, reports no drift.

Only the drift family runs (`-m drift`): it sees one clone answer and one error answer, which
carry every added field, for a few seconds a run, and the settings check's answers (401 for a
request without a key, see `src/hamsa_contract/run/_preflight.py`), which carry the
error's field too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from hamsa_contract._spec import ENV_SPEC
from tests.conftest import REPO_ROOT
from tests.support.drift import answer, client_copy, spec_copy
from tests.support.drift_servers import ADDED, with_new_shapes
from tests.support.running import SuiteRun, run_contract_suite
from tools.adopt_drift import main as adopt_drift

SERVER = {"HAMSA_MOCK_APP": "tests.support.drift_servers:adds_new_shapes"}
# Where the run sees each added field: an error's also in the settings check's 401 answers.
SEEN_IN = {200: (200,), 404: (401, 404)}

# Reads a clone answer and a 404 answer with the generated client; prints what it saw.
READ_WITH_CLIENT = """
import json, sys
from hamsa_client.models import AgentTools, CloneVoiceAgentResponse, ErrorResponse, Escalation
from hamsa_client.models import TransfersItem
clone = CloneVoiceAgentResponse.from_dict(json.loads(sys.argv[1]))
error = ErrorResponse.from_dict(json.loads(sys.argv[2]))
agent = clone.data
assert isinstance(agent.escalation, Escalation), agent.escalation
assert all(isinstance(item, TransfersItem) for item in agent.transfers)
assert isinstance(agent.tools, AgentTools)
print(json.dumps({
    "request_id": clone.request_id,
    "voice_style": agent.voice_style,
    "escalation_after_seconds": agent.escalation.after_seconds,
    "transfer_labels": [item.label for item in agent.transfers],
    "transfer_call": agent.tools.transfer_call,
    "region": agent.llm_config.region,
    "trace_id": error.trace_id,
    "extras": [
        key
        for model in (clone, agent, agent.escalation, agent.tools, agent.llm_config, error)
        for key in model.additional_properties
    ],
}))
"""


@pytest.mark.slow
def test_drift_is_adopted_into_a_typed_client_and_the_next_run_reports_none(
    tmp_path: Path,
) -> None:
    before = run_contract_suite(tmp_path / "before", marker="drift", env=SERVER)
    # The drift family alone: no failure, INCOMPLETE (the other families did not run).
    assert before.returncode == 2, before.output
    assert before.section("Failures:") == ["Failures: none"], before.output
    assert drift_lines(before) == {
        f"unknown field {path} in {', '.join(map(str, SEEN_IN[status]))} answers"
        for status, path in ADDED
    }
    report = before.reports_dir / "drift.json"
    seen = {(tuple(entry["statuses"]), entry["path"]) for entry in read(report)["unknown_fields"]}
    assert seen == {(SEEN_IN[status], path) for status, path in ADDED}

    spec_path = spec_copy(tmp_path)
    generated = tmp_path / "generated"
    package = client_copy(generated)
    arguments = ["--report", str(report), "--spec", str(spec_path), "--generated", str(package)]
    assert adopt_drift(arguments) == 0
    adopted = spec_path.read_bytes()
    assert adopt_drift(arguments) == 0
    assert spec_path.read_bytes() == adopted, "a second adoption changed the spec"

    answers = [with_new_shapes(status, answer(status)) for status in (200, 404)]
    client = read_with_client(generated, answers)
    assert client == {
        "request_id": "req-7f3a",
        "voice_style": "calm",
        "escalation_after_seconds": 30,
        "transfer_labels": ["Sales", None],
        "transfer_call": True,
        "region": "eu",
        "trace_id": "trace-1",
        "extras": [],
    }
    typecheck = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--cache-dir",
            str(tmp_path / "mypy"),
            str(generated / "hamsa_client"),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert typecheck.returncode == 0, typecheck.stdout + typecheck.stderr

    after = run_contract_suite(
        tmp_path / "after", marker="drift", env={**SERVER, ENV_SPEC: str(spec_path)}
    )
    assert after.returncode == 2, after.output
    assert after.section("Failures:") == ["Failures: none"], after.output
    assert after.section("Drift:") == ["Drift:    none"], after.output
    assert read(after.reports_dir / "drift.json")["unknown_fields"] == []


def drift_lines(run: SuiteRun) -> set[str]:
    return {line.strip().removeprefix("- ") for line in run.section("Drift:")[1:]}


def read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def read_with_client(generated: Path, answers: list[dict[str, Any]]) -> Any:
    """What READ_WITH_CLIENT prints, run with the client generated into `generated`."""
    completed = subprocess.run(
        [sys.executable, "-c", READ_WITH_CLIENT, *(json.dumps(body) for body in answers)],
        cwd=REPO_ROOT,
        # First on the path: the freshly generated package, not the installed hamsa_client.
        env={**os.environ, "PYTHONPATH": str(generated)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return json.loads(completed.stdout)
