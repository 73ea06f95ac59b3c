"""From a production finding to a typed field: an application's watched client meets a server
that adds fields, its findings file is given to `make adopt-drift` (one command), and a client
generated from the adopted spec reads the new fields as typed attributes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from hamsa_client import AuthenticatedClient, ContractWatch, _watch
from hamsa_client.api.voice_agents import clone_voice_agent
from hamsa_client.models import CloneVoiceAgentRequest, CloneVoiceAgentResponse, ErrorResponse
from hamsa_contract.mock import DEFAULT_API_KEY, TEMPLATE_IDS
from hamsa_contract.mock._server import serve_in_thread
from tests.conftest import REPO_ROOT
from tests.support.drift import answer, client_copy, spec_copy
from tests.support.drift_servers import ADDED, adds_new_shapes, with_new_shapes
from tools.adopt_drift import main as adopt_drift

READ_WITH_CLIENT = """
import json, sys
from hamsa_client.models import CloneVoiceAgentResponse, ErrorResponse, Escalation
clone = CloneVoiceAgentResponse.from_dict(json.loads(sys.argv[1]))
error = ErrorResponse.from_dict(json.loads(sys.argv[2]))
assert isinstance(clone.data.escalation, Escalation), clone.data.escalation
print(json.dumps({
    "voice_style": clone.data.voice_style,
    "after_seconds": clone.data.escalation.after_seconds,
    "region": clone.data.llm_config.region,
    "trace_id": error.trace_id,
    "extras": [key for model in (clone, clone.data, error) for key in model.additional_properties],
}))
"""


@pytest.fixture
def fresh_process() -> Iterator[None]:
    _watch._reported.clear()
    yield
    _watch._reported.clear()


def test_a_field_seen_in_production_becomes_a_typed_attribute_in_one_command(
    tmp_path: Path, fresh_process: None
) -> None:
    findings = tmp_path / "findings.jsonl"
    with serve_in_thread(adds_new_shapes()) as base_url:
        client = AuthenticatedClient(
            base_url=base_url, token=DEFAULT_API_KEY, watch=ContractWatch(findings_file=findings)
        )
        with client:
            for source in (next(iter(TEMPLATE_IDS.values())), "no-such-agent"):
                parsed = clone_voice_agent.sync(
                    client=client,
                    voice_agent_id=source,
                    body=CloneVoiceAgentRequest(agent_name="Acme Support"),
                )
                assert isinstance(parsed, CloneVoiceAgentResponse | ErrorResponse)
    seen = {
        (line["status"], line["field"])
        for line in map(json.loads, findings.read_text(encoding="utf-8").splitlines())
        if line["kind"] == "unknown_field"
    }
    assert seen == set(ADDED)

    spec_path, generated = spec_copy(tmp_path), tmp_path / "generated"
    arguments = ["--report", str(findings), "--spec", str(spec_path)]
    assert adopt_drift([*arguments, "--generated", str(client_copy(generated))]) == 0

    answers = [with_new_shapes(status, answer(status)) for status in (200, 404)]
    completed = subprocess.run(
        [sys.executable, "-c", READ_WITH_CLIENT, *(json.dumps(body) for body in answers)],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(generated)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert json.loads(completed.stdout) == {
        "voice_style": "calm",
        "after_seconds": 30,
        "region": "eu",
        "trace_id": "trace-1",
        "extras": [],
    }
