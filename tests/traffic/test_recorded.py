"""From production traffic to a verdict: a test app clones through hamsa_client with the contract
watch on, against a server that adds a field, drops an optional one, trims names and echoes the
key (and against the correct mock); its log, its findings file and a HAR recording of its traffic
are then judged by `hamsa-contract-test --from`, with every socket refused.

The suite's own recordings (schemathesis' VCR cassette and HAR file of a conformance run) are
judged the same way.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import yaml

from hamsa_contract._cli import contract_test
from hamsa_contract._command_line import CANNOT_START
from hamsa_contract.mock import DEFAULT_API_KEY
from hamsa_contract.run import _recorded as recorded
from tests.conftest import REPO_ROOT
from tests.support.running import run_contract_suite
from tests.traffic.servers import ADDED_FIELD, DROPPED_FIELD, ECHO_FIELD

KEY_FORMS = (DEFAULT_API_KEY, quote(DEFAULT_API_KEY, safe=""))
KEY_RULE = recorded.suite_rule("api_key_not_echoed")
NAME_RULE = recorded.suite_rule("clone_keeps_name_and_gets_new_id")


@dataclass(frozen=True)
class AppRun:
    log: str
    findings: Path
    har: Path


def run_app(server: str, folder: Path) -> AppRun:
    folder.mkdir()
    findings, har = folder / "findings.jsonl", folder / "traffic.har"
    completed = subprocess.run(
        [sys.executable, "-m", "tests.traffic.app", server, str(findings), str(har)],
        cwd=REPO_ROOT,
        env={name: value for name, value in os.environ.items() if not name.startswith("HAMSA_")},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return AppRun(completed.stdout + completed.stderr, findings, har)


@pytest.fixture(scope="module")
def misbehaving(tmp_path_factory: pytest.TempPathFactory) -> AppRun:
    return run_app("misbehaves", tmp_path_factory.mktemp("traffic") / "misbehaves")


@pytest.fixture(scope="module")
def conformant(tmp_path_factory: pytest.TempPathFactory) -> AppRun:
    return run_app("mock", tmp_path_factory.mktemp("traffic") / "mock")


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Every attempt to open a socket fails, and is counted."""
    attempts: list[Any] = []

    def refuse(*args: Any, **kwargs: Any) -> None:
        attempts.append(args)
        raise OSError("no socket may be opened while judging a recording")

    monkeypatch.setattr(socket.socket, "__init__", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    yield attempts
    assert attempts == [], "judging a recording opened a socket"


def judge(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = contract_test([recorded.FROM_OPTION, str(path)])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def test_the_app_logs_each_finding_once_and_never_the_key(misbehaving: AppRun) -> None:
    contract = [line for line in misbehaving.log.splitlines() if "hamsa_client.contract" in line]
    expected = [
        f"WARNING POST /v1/voice-agents/clone -> 200: unknown field {ADDED_FIELD} (string)",
        f"WARNING POST /v1/voice-agents/clone -> 200: unknown field {ECHO_FIELD} (string)",
        f"WARNING POST /v1/voice-agents/clone -> 200: declared optional field {DROPPED_FIELD}",
        "ERROR POST /v1/voice-agents/clone -> 200: contract broken (not_as_sent): data.agentName: "
        "the body.agentName sent, with its surrounding whitespace trimmed",
        "ERROR POST /v1/voice-agents/clone -> 200: contract broken (api_key_in_answer): body",
    ]
    # Four calls (two sync, two async), each finding once.
    for text in expected:
        assert sum(text in line for line in contract) == 1, (text, contract)
    assert len(contract) == len(expected), contract
    findings = misbehaving.findings.read_text(encoding="utf-8")
    assert len(findings.splitlines()) == len(expected)
    for form in KEY_FORMS:
        assert form not in misbehaving.log
        assert form not in findings
    # The recording is what a proxy would keep: the key is in it, as sent.
    assert DEFAULT_API_KEY in misbehaving.har.read_text(encoding="utf-8")


def test_a_har_from_the_misbehaving_server_is_broken_naming_the_rules(
    misbehaving: AppRun, no_sockets: list[Any], capsys: pytest.CaptureFixture[str]
) -> None:
    status, output = judge(misbehaving.har, capsys)
    assert status == 1, output
    assert output.startswith("Verdict:  CONTRACT BROKEN"), output
    failures = section(output, "Failures:")
    assert listed(KEY_RULE, failures), output
    assert listed(NAME_RULE, failures), output
    assert "trimmed; sent 14 characters, got 12" in output
    drift = section(output, "Drift:")
    assert f"  - unknown field {ADDED_FIELD} in 200 answers" in drift
    assert f"  - declared field absent: {DROPPED_FIELD} in 200 answers" in drift
    for form in KEY_FORMS:
        assert form not in output


def test_the_findings_file_is_broken_naming_the_same_rules(
    misbehaving: AppRun, no_sockets: list[Any], capsys: pytest.CaptureFixture[str]
) -> None:
    status, output = judge(misbehaving.findings, capsys)
    assert status == 1, output
    failures = section(output, "Failures:")
    assert listed(KEY_RULE, failures), output
    assert listed(NAME_RULE, failures), output
    assert any("schemathesis' response checks" in line for line in section(output, "Not run:"))


def test_a_har_from_the_mock_is_incomplete_listing_what_needs_requests(
    conformant: AppRun, no_sockets: list[Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert "hamsa_client.contract" not in conformant.log
    assert not conformant.findings.exists(), "a conformant server gave findings"
    status, output = judge(conformant.har, capsys)
    assert status == 2, output
    assert output.startswith("Verdict:  INCOMPLETE"), output
    assert "4 of 4 clone exchanges judged" in output
    assert section(output, "Failures:") == ["Failures: none"]
    not_run = "\n".join(section(output, "Not run:"))
    for reason in recorded.NEEDS_REQUESTS_OF_THEIR_OWN:
        assert reason in not_run, reason
    assert section(output, "Drift:") == ["Drift:    none"]
    for form in KEY_FORMS:
        assert form not in output


@pytest.fixture(scope="module")
def suite_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """schemathesis' recordings of a conformance run on the mock and on a server that drops
    `updatedAt` from its clones."""
    reports = {}
    for name, env in [
        ("mock", {}),
        (
            "drops_updated_at",
            {"HAMSA_MOCK_APP": "tests.catalogue.broken_servers:drops_updated_at"},
        ),
    ]:
        run = run_contract_suite(tmp_path_factory.mktemp(name), marker="conformance", env=env)
        # The conformance family alone: INCOMPLETE on the mock, BROKEN on the broken server.
        assert run.returncode == (2 if name == "mock" else 1), run.output
        reports[f"{name} VCR"] = run.reports_dir / "schemathesis-cassette.yaml"
        reports[f"{name} HAR"] = run.reports_dir / "schemathesis-har.json"
    return reports


@pytest.mark.parametrize("kind", ["VCR", "HAR"])
def test_the_suites_recordings_of_the_mock_are_incomplete_without_failures(
    suite_reports: dict[str, Path],
    no_sockets: list[Any],
    capsys: pytest.CaptureFixture[str],
    kind: str,
) -> None:
    status, output = judge(suite_reports[f"mock {kind}"], capsys)
    assert status == 2, output
    assert section(output, "Failures:") == ["Failures: none"], output
    # schemathesis masks the key in what it records: its echo cannot be looked for.
    assert "set HAMSA_API_KEY to look for it" in output


@pytest.mark.parametrize("kind", ["VCR", "HAR"])
def test_the_suites_recordings_of_a_broken_server_are_broken(
    suite_reports: dict[str, Path],
    no_sockets: list[Any],
    capsys: pytest.CaptureFixture[str],
    kind: str,
) -> None:
    status, output = judge(suite_reports[f"drops_updated_at {kind}"], capsys)
    assert status == 1, output
    failures = section(output, "Failures:")
    assert any("Response violates schema" in line for line in failures), output


def test_exchanges_without_a_whole_answer_are_listed_as_not_judged(
    suite_reports: dict[str, Path], tmp_path: Path, no_sockets: list[Any]
) -> None:
    cassette = yaml.safe_load(suite_reports["mock VCR"].read_text(encoding="utf-8"))
    first, second, *_ = cassette["http_interactions"]
    first["response"] = None
    second["response"]["truncated_from"] = 10_000
    edited = tmp_path / "cassette.yaml"
    edited.write_text(yaml.safe_dump(cassette), encoding="utf-8")
    verdict, lines = recorded.judge(recorded.read_recording(edited))
    output = "\n".join(lines)
    assert verdict.exit_status == 2, output
    not_run = "\n".join(section(output, "Not run:"))
    assert "was recorded without an answer (x1)" in not_run
    assert "the cassette kept only part of the body (x1)" in not_run


def test_a_recording_that_masks_the_key_is_searched_for_the_key_given(
    misbehaving: AppRun, tmp_path: Path, no_sockets: list[Any]
) -> None:
    document = json.loads(misbehaving.har.read_text(encoding="utf-8"))
    for entry in document["log"]["entries"]:
        for header in entry["request"]["headers"]:
            if header["name"].lower() == "authorization":
                header["value"] = "Token [Filtered]"
    masked = tmp_path / "masked.har"
    masked.write_text(json.dumps(document), encoding="utf-8")
    recording = recorded.read_recording(masked)

    verdict, lines = recorded.judge(recording)
    assert KEY_RULE not in "\n".join(section("\n".join(lines), "Failures:"))
    assert any("set HAMSA_API_KEY to look for it" in line for line in lines)

    verdict, lines = recorded.judge(recording, api_key=DEFAULT_API_KEY)
    output = "\n".join(lines)
    assert verdict.exit_status == 1, output
    assert listed(KEY_RULE, section(output, "Failures:"))
    assert DEFAULT_API_KEY not in output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no file at"),
        ("not a recording", "is not a HAR file, a VCR cassette or a hamsa_client findings file"),
        ('{"log": {"entries": []}}', None),
    ],
)
def test_bad_input_gets_a_clear_answer(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    no_sockets: list[Any],
    content: str | None,
    message: str | None,
) -> None:
    path = tmp_path / "recording"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    status, output = judge(path, capsys)
    if message is None:
        # An empty recording judges nothing: never "kept".
        assert status == 2, output
        assert "holds no clone exchange" in output
    else:
        assert status == CANNOT_START, output
        assert message in output


def test_from_without_a_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert contract_test([recorded.FROM_OPTION]) == CANNOT_START
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "argument --from: expected one argument" in error


def test_from_needs_no_target_the_key_alone_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """HAMSA_API_KEY without the other two live variables is a usage error for a run, not for
    judging a recording: the file is read (here: missing), no target is asked for."""
    monkeypatch.setenv("HAMSA_API_KEY", DEFAULT_API_KEY)
    for variable in ("HAMSA_BASE_URL", "HAMSA_VOICE_AGENT_ID"):
        monkeypatch.delenv(variable, raising=False)
    assert contract_test([recorded.FROM_OPTION, str(tmp_path / "absent.har")]) == CANNOT_START
    error = capsys.readouterr().err
    assert "no file at" in error, error
    assert DEFAULT_API_KEY not in error


def listed(rule: str, failures: list[str]) -> bool:
    """Whether the Failures section lists `rule` once (then its sources, in brackets)."""
    return any(line.startswith(f"  - {rule} (x1)") for line in failures)


def section(output: str, title: str) -> list[str]:
    """The summary section that starts with `title`: its first line and the indented ones."""
    lines = output.splitlines()
    start = next(index for index, line in enumerate(lines) if line.startswith(title))
    kept = [lines[start]]
    for line in lines[start + 1 :]:
        if not line.startswith(" "):
            break
        kept.append(line)
    return kept


def test_a_recorded_answer_echoing_the_key_json_escaped_is_broken(
    suite_reports: dict[str, Path], tmp_path: Path, no_sockets: list[Any]
) -> None:
    """The leak check reads what an answer means: every character of the key as a JSON `\\u`
    escape is the key."""
    escaped = "".join(f"\\u{ord(char):04x}" for char in DEFAULT_API_KEY)
    document = json.loads(suite_reports["mock HAR"].read_text(encoding="utf-8"))
    content = document["log"]["entries"][0]["response"]["content"]
    content["text"] = content["text"].rstrip()[:-1] + f', "requestedWith": "{escaped}"}}'
    edited = tmp_path / "escaped.har"
    edited.write_text(json.dumps(document), encoding="utf-8")

    verdict, lines = recorded.judge(recorded.read_recording(edited), api_key=DEFAULT_API_KEY)
    output = "\n".join(lines)
    assert verdict.exit_status == 1, output
    assert listed(KEY_RULE, section(output, "Failures:")), output
    assert DEFAULT_API_KEY not in output
    assert escaped not in output
