"""`make adopt-drift` on a findings file with a malformed line: one line naming the line, exit
status 2, the spec untouched (never a traceback, never a field made of garbage)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from hamsa_contract._spec import SPEC_PATH
from hamsa_contract.drift._findings_file import FINDINGS_FORMAT
from tools.adopt_drift import main as adopt_drift

GOOD: dict[str, Any] = {
    "format": FINDINGS_FORMAT,
    "observed_at": "2026-12-01T12:00:00Z",
    "server": "https://api.tryhamsa.com",
    "operation": "clone_voice_agent",
    "method": "POST",
    "path": "/v1/voice-agents/clone",
    "status": 200,
    "kind": "unknown_field",
    "field": "data.voiceStyle",
    "type": "string",
    "value": "calm",
    "carries_api_key": False,
}


@pytest.mark.parametrize(
    ("second_line", "problem"),
    [
        pytest.param(
            {**GOOD, "status": "two hundred"}, "`status` is not an HTTP status", id="status-text"
        ),
        pytest.param(
            {key: v for key, v in GOOD.items() if key != "status"}, "`status`", id="no-status"
        ),
        pytest.param({**GOOD, "status": 2000}, "`status`", id="status-out-of-range"),
        pytest.param(
            {**GOOD, "field": ["data", "x"]}, "`field` is not a string (a list)", id="field-list"
        ),
        pytest.param({**GOOD, "field": ""}, "`field` is empty", id="field-empty"),
        pytest.param(
            {key: v for key, v in GOOD.items() if key != "field"}, "`field`", id="no-field"
        ),
        pytest.param("not json at all", "not JSON", id="not-json"),
    ],
)
def test_a_malformed_line_is_named_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], second_line: Any, problem: str
) -> None:
    spec_path = tmp_path / "spec.yaml"
    shutil.copy(SPEC_PATH, spec_path)
    report = tmp_path / "findings.jsonl"
    second = second_line if isinstance(second_line, str) else json.dumps(second_line)
    report.write_text(json.dumps(GOOD) + "\n\n" + second + "\n", encoding="utf-8")

    status = adopt_drift(["--report", str(report), "--spec", str(spec_path), "--no-generate"])

    error = capsys.readouterr().err
    assert status == 2
    assert error.startswith(f"adopt-drift: {report}: line 3: ")
    assert error.count("\n") == 1
    assert problem in error
    assert spec_path.read_bytes() == SPEC_PATH.read_bytes()
