"""`hamsa-contract-test --from FILE` reads any file defensively (issue 22 point 5, issue 23 point
6): a regular file only, at most `MAX_INPUT_BYTES`, nested at most `MAX_NESTING` deep, and each
malformed entry of a HAR file, a VCR cassette or a findings file gets one line naming the entry and
what is wrong with it, exit status 4: never a traceback, never a verdict on the server.

Each case starts from a recording that is judged (the first test shows it) and breaks one thing.
"""

from __future__ import annotations

import copy
import json
import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import pytest
import yaml

from hamsa_contract._cli import contract_test
from hamsa_contract._command_line import CANNOT_START
from hamsa_contract._input_files import MAX_INPUT_BYTES, MAX_NESTING
from hamsa_contract.drift._findings_file import FINDINGS_FORMAT
from hamsa_contract.run import _recorded as recorded
from tests.conftest import REPO_ROOT
from tools.adopt_drift import main as adopt_drift

KEY: Final = "contract-test-recorded-key-5b9e"
PREFIX: Final = f"hamsa-contract-test {recorded.FROM_OPTION}: "
URL: Final = "http://127.0.0.1:4010/v1/voice-agents/clone?voiceAgentId=agent-1"
ANSWER: Final = json.dumps(
    {
        "success": True,
        "message": "Voice agent cloned",
        "data": {
            "id": "clone-1",
            "agentName": "copy",
            "createdAt": "2026-12-07T10:00:00Z",
            "updatedAt": "2026-12-07T10:00:00Z",
        },
    }
)
DEEP: Final = "[" * 100_000 + "]" * 100_000
# The malformed reader must refuse each case before it could use much: far below what reading
# /dev/zero to the end takes, far above what the command needs (schemathesis and the spec).
MEMORY_LIMIT: Final = 1024 * 1024 * 1024


def har() -> dict[str, Any]:
    return {
        "log": {
            "version": "1.2",
            "creator": {"name": "test", "version": "1"},
            "entries": [
                {
                    "startedDateTime": "2026-12-07T10:00:00Z",
                    "request": {
                        "method": "POST",
                        "url": URL,
                        "headers": [
                            {"name": "Authorization", "value": f"Token {KEY}"},
                            {"name": "Content-Type", "value": "application/json"},
                        ],
                        "postData": {
                            "mimeType": "application/json",
                            "text": '{"agentName":"copy"}',
                        },
                    },
                    "response": {
                        "status": 200,
                        "headers": [{"name": "Content-Type", "value": "application/json"}],
                        "content": {"size": len(ANSWER), "text": ANSWER},
                    },
                }
            ],
        }
    }


def cassette() -> dict[str, Any]:
    return {
        "command": "st run",
        "recorded_with": "Schemathesis",
        "http_interactions": [
            {
                "id": "1",
                "recorded_at": "2026-12-07T10:00:00+00:00",
                "request": {
                    "uri": URL,
                    "method": "POST",
                    "headers": {"Authorization": [f"Token {KEY}"]},
                    "body": {"encoding": "utf-8", "string": '{"agentName":"copy"}'},
                },
                "response": {
                    "status": {"code": "200", "message": "OK"},
                    "headers": {"Content-Type": ["application/json"]},
                    "body": {"encoding": "utf-8", "string": ANSWER},
                },
            }
        ],
    }


def finding(**changes: Any) -> dict[str, Any]:
    line = {
        "format": FINDINGS_FORMAT,
        "observed_at": "2026-12-07T10:00:00Z",
        "server": "http://127.0.0.1:4010",
        "operation": "clone_voice_agent",
        "method": "POST",
        "path": "/v1/voice-agents/clone",
        "status": 200,
        "kind": "unknown_field",
        "field": "data.voiceStyle",
        "type": "string",
        "value": "calm",
    }
    return {**line, **changes}


def har_text(change: Callable[[dict[str, Any]], object]) -> str:
    document = har()
    change(document)
    return json.dumps(document)


def cassette_text(change: Callable[[dict[str, Any]], object]) -> str:
    document = cassette()
    change(document)
    return yaml.safe_dump(document)


def findings_text(*lines: dict[str, Any] | str) -> str:
    return "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines)


def entry(document: dict[str, Any]) -> dict[str, Any]:
    first: dict[str, Any] = document["log"]["entries"][0]
    return first


def interaction(document: dict[str, Any]) -> dict[str, Any]:
    first: dict[str, Any] = document["http_interactions"][0]
    return first


@dataclass(frozen=True)
class Malformed:
    name: str  # the file's name
    content: str
    says: tuple[str, ...]  # what the line must name: the entry, and what is wrong


CASES: Final = {
    # HAR files
    "an entry that is not an object": Malformed(
        "t.har",
        har_text(lambda d: d["log"]["entries"].append("oops")),
        ("log.entries[1]: not an object (the text 'oops')",),
    ),
    "entries that are not a list": Malformed(
        "t.har",
        har_text(lambda d: d["log"].update(entries={"0": {}})),
        ("log.entries: not a list of entries (an object)",),
    ),
    "an entry without a request": Malformed(
        "t.har", har_text(lambda d: entry(d).pop("request")), ("log.entries[0].request: missing",)
    ),
    "a header without a name": Malformed(
        "t.har",
        har_text(lambda d: entry(d)["request"]["headers"].insert(0, {"value": "x"})),
        ("log.entries[0].request.headers[0]: a header without a `name`",),
    ),
    "a header name that is no token": Malformed(
        "t.har",
        har_text(lambda d: entry(d)["response"]["headers"].append({"name": "a b", "value": "x"})),
        ("log.entries[0].response.headers[1]: the header name is not a token",),
    ),
    "a header value with a line break": Malformed(
        "t.har",
        har_text(
            lambda d: entry(d)["response"]["headers"].append({"name": "X-A", "value": "a\r\nb"})
        ),
        ("log.entries[0].response.headers[1]: the value of X-A holds a line break or NUL",),
    ),
    "a header value that is a number": Malformed(
        "t.har",
        har_text(lambda d: entry(d)["response"]["headers"].append({"name": "X-A", "value": 7})),
        ("log.entries[0].response.headers[1]: the value of X-A is not a text (the number 7)",),
    ),
    'a status "abc"': Malformed(
        "t.har",
        har_text(lambda d: entry(d)["response"].update(status="abc")),
        ("log.entries[0].response.status: not an HTTP status, 100-599 (the text 'abc')",),
    ),
    "a status 1000": Malformed(
        "t.har",
        har_text(lambda d: entry(d)["response"].update(status=1000)),
        ("log.entries[0].response.status: not an HTTP status, 100-599 (the number 1000)",),
    ),
    "a bad URL": Malformed(
        "t.har",
        har_text(lambda d: entry(d)["request"].update(url="http://[::1/v1/voice-agents/clone")),
        ("log.entries[0].request.url: not a URL (InvalidURL",),
    ),
    "a relative URL": Malformed(
        "t.har",
        har_text(lambda d: entry(d)["request"].update(url="/v1/voice-agents/clone")),
        ("log.entries[0].request.url: not an absolute http(s) URL",),
    ),
    "a method that is no token": Malformed(
        "t.har",
        har_text(lambda d: entry(d)["request"].update(method="PO ST")),
        ("log.entries[0].request.method: not an HTTP method (the text 'PO ST')",),
    ),
    "an unknown HAR encoding": Malformed(
        "t.har",
        har_text(lambda d: entry(d)["response"]["content"].update(encoding="rot13")),
        ("log.entries[0].response.content.encoding: the text 'rot13' is no encoding a HAR file",),
    ),
    "bad base64 in a HAR": Malformed(
        "t.har",
        har_text(
            lambda d: entry(d)["response"]["content"].update(encoding="base64", text="@@not@@")
        ),
        ("log.entries[0].response.content.text: not base64",),
    ),
    "a size that is no number": Malformed(
        "t.har",
        har_text(lambda d: entry(d)["response"]["content"].update(size="big")),
        ("log.entries[0].response.content.size: not a number (the text 'big')",),
    ),
    "a body with a lone surrogate": Malformed(
        "t.har",
        har_text(lambda d: entry(d)["response"]["content"].update(text="\ud800")),
        ("log.entries[0].response.content.text: holds a lone surrogate",),
    ),
    "a HAR nested 100,000 deep": Malformed("t.har", DEEP, (f"nested more than {MAX_NESTING}",)),
    "a HAR nested 100,000 deep, named otherwise": Malformed(
        "recording", DEEP, (f"nested more than {MAX_NESTING}",)
    ),
    "a .har file that is YAML": Malformed(
        "t.har", cassette_text(lambda d: None), ("t.har: named .har, but not JSON: Expecting",)
    ),
    "a .har file without a log": Malformed(
        "t.har", json.dumps({"entries": []}), ("t.har: named .har, but it holds no HAR `log`",)
    ),
    # VCR cassettes
    "an interaction that is not an object": Malformed(
        "t.yaml",
        cassette_text(lambda d: d["http_interactions"].append(["x"])),
        ("http_interactions[1]: not an object (a list)",),
    ),
    "an unknown VCR encoding": Malformed(
        "t.yaml",
        cassette_text(lambda d: interaction(d)["response"]["body"].update(encoding="klingon")),
        ("http_interactions[0].response.body.encoding: the text 'klingon' is no text encoding",),
    ),
    "a VCR encoding that is no text encoding": Malformed(
        "t.yaml",
        cassette_text(lambda d: interaction(d)["response"]["body"].update(encoding="base64")),
        ("http_interactions[0].response.body.encoding: the text 'base64' is no text encoding",),
    ),
    "bad base64 in a cassette": Malformed(
        "t.yaml",
        cassette_text(lambda d: interaction(d)["response"].update(body={"base64_string": "%%"})),
        ("http_interactions[0].response.body.base64_string: not base64",),
    ),
    'a VCR status "abc"': Malformed(
        "t.yaml",
        cassette_text(lambda d: interaction(d)["response"]["status"].update(code="abc")),
        ("http_interactions[0].response.status.code: not an HTTP status",),
    ),
    "a VCR header value that is a mapping": Malformed(
        "t.yaml",
        cassette_text(lambda d: interaction(d)["response"]["headers"].update({"X-A": {"b": 1}})),
        ("http_interactions[0].response.headers.X-A: the value of X-A is not a text (an object)",),
    ),
    "a bad VCR URI": Malformed(
        "t.yaml",
        cassette_text(lambda d: interaction(d)["request"].update(uri=["x"])),
        ("http_interactions[0].request.uri: not a URL (a list)",),
    ),
    "a cassette nested 100,000 deep": Malformed("t.yaml", DEEP, ("t.yaml: named .yaml, but",)),
    "a .yaml file that is no YAML": Malformed(
        "t.yaml", "a: [1,\n", ("t.yaml: named .yaml, but not YAML",)
    ),
    "a YAML date that is none": Malformed(
        "t.yaml",
        "http_interactions: []\nwhen: 2026-13-45\n",
        ("t.yaml: named .yaml, but not YAML",),
    ),
    # findings files
    "a findings line that is not JSON": Malformed(
        "f.jsonl", findings_text(finding(), "{oops"), ("f.jsonl: line 2: not JSON",)
    ),
    'a findings status "abc"': Malformed(
        "f.jsonl",
        findings_text(finding(), finding(status="abc")),
        ("f.jsonl: line 2: `status` is not an HTTP status (the text 'abc')",),
    ),
    "a finding without a field": Malformed(
        "f.jsonl",
        findings_text({k: v for k, v in finding().items() if k != "field"}),
        ("f.jsonl: line 1: `field` is not a string (null)",),
    ),
    "a findings line that is not an object": Malformed(
        "f.jsonl", findings_text(finding(), "[1]"), ("f.jsonl: line 2: not a finding",)
    ),
    "a findings line nested 100,000 deep": Malformed(
        "f.jsonl",
        findings_text(finding(), DEEP),
        (f"f.jsonl: line 2: nested more than {MAX_NESTING}",),
    ),
    "a findings file, sniffed, with a bad later line": Malformed(
        "findings",
        findings_text(finding(), finding(status=[200])),
        ("findings: line 2: `status` is not an HTTP status (a list)",),
    ),
    # not text at all
    "a file that is not UTF-8": Malformed("t.har", "\udcff\udcfe{}", ("t.har is not UTF-8 text",)),
}


def _write(path: Path, content: str) -> None:
    path.write_bytes(content.encode("utf-8", "surrogateescape"))


def _one_line(status: int, out: str, err: str) -> str:
    assert status == CANNOT_START, out + err
    assert out == "", out
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(PREFIX), err
    assert KEY not in err
    return lines[0]


@pytest.mark.parametrize("content", [json.dumps(har()), yaml.safe_dump(cassette())])
def test_the_recordings_the_cases_start_from_are_judged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    path = tmp_path / ("t.har" if content.startswith("{") else "t.yaml")
    _write(path, content)
    status = contract_test([recorded.FROM_OPTION, str(path)])
    output = capsys.readouterr().out
    assert status == 2, output  # judged: incomplete, as every recording is at best
    assert "1 of 1 clone exchanges judged" in output
    assert "Failures: none" in output


def test_the_findings_the_cases_start_from_are_judged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "f.jsonl"
    _write(path, findings_text(finding(), finding(field="data.mood")))
    assert contract_test([recorded.FROM_OPTION, str(path)]) == 2
    assert "unknown field data.mood in 200 answers" in capsys.readouterr().out


@pytest.mark.parametrize("case", CASES)
def test_a_malformed_recording_gets_one_line_naming_the_entry_and_exit_4(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    malformed = CASES[case]
    path = tmp_path / malformed.name
    _write(path, malformed.content)
    status = contract_test([recorded.FROM_OPTION, str(path)])
    captured = capsys.readouterr()
    line = _one_line(status, captured.out, captured.err)
    for said in malformed.says:
        assert said in line, line


def test_a_header_value_beyond_ascii_is_judged_not_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """RFC 9110 §5.5 lets a field value hold bytes beyond ASCII (obs-text), and the suite's own
    HAR keeps whatever a server sent: such a recording is judged, its value read as UTF-8."""
    path = tmp_path / "t.har"
    _write(
        path,
        har_text(
            lambda d: entry(d)["response"]["headers"].append(
                {"name": "X-Greeting", "value": "café"}
            )
        ),
    )
    assert contract_test([recorded.FROM_OPTION, str(path)]) == 2
    assert "1 of 1 clone exchanges judged" in capsys.readouterr().out


@pytest.mark.parametrize("kind", ["HAR", "VCR"])
def test_an_answer_nested_deeper_than_the_bound_is_set_aside_not_judged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """A recorded answer nested 100,000 deep is legal JSON (RFC 8259 §9 lets a reader limit the
    depth), so the recording is not malformed: that exchange is listed as not judged."""
    body = '{"success": true, "data": ' + DEEP + "}"
    if kind == "HAR":
        path = tmp_path / "t.har"
        _write(path, har_text(lambda d: entry(d)["response"]["content"].update(text=body)))
    else:
        path = tmp_path / "t.yaml"
        _write(
            path,
            cassette_text(lambda d: interaction(d)["response"]["body"].update(string=body)),
        )
    status = contract_test([recorded.FROM_OPTION, str(path)])
    captured = capsys.readouterr()
    assert status == 2, captured.out + captured.err
    assert "Traceback" not in captured.err
    assert (
        f"POST /v1/voice-agents/clone: the answer's JSON is nested more than {MAX_NESTING} deep"
        in captured.out
    )
    assert "none of the 1 clone exchanges" in captured.out


def _judged_in_a_child(path: Path) -> subprocess.CompletedProcess[str]:
    """`--from path` in a process of its own, its memory bounded: a reader that reads a device
    to its end fails there instead of exhausting the machine, one that blocks is stopped."""

    def bounded() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from hamsa_contract._cli import contract_test; "
            "sys.exit(contract_test(sys.argv[1:]))",
            recorded.FROM_OPTION,
            str(path),
        ],
        cwd=REPO_ROOT,
        env={name: value for name, value in os.environ.items() if not name.startswith("HAMSA_")},
        capture_output=True,
        text=True,
        timeout=120,  # a guard against a hang, not a measure: the refusal comes at once
        preexec_fn=bounded,
        check=False,
    )


@pytest.mark.parametrize("kind", ["a symlink to /dev/zero", "a FIFO with no writer", "a directory"])
def test_only_a_regular_file_is_read(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "t.har"
    if kind == "a symlink to /dev/zero":
        path.symlink_to("/dev/zero")
        named = "a character device"
    elif kind == "a FIFO with no writer":
        os.mkfifo(path)
        named = "a FIFO"
    else:
        path.mkdir()
        named = "a directory"
    try:
        done = _judged_in_a_child(path)
    except subprocess.TimeoutExpired:
        pytest.fail(f"--from {kind}: still reading after 120 s")
    line = _one_line(done.returncode, done.stdout, done.stderr)
    assert f"{path} is {named}" in line
    assert "not a regular file: nothing was read" in line


def test_a_file_larger_than_the_cap_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "t.har"
    with path.open("wb") as file:
        file.truncate(MAX_INPUT_BYTES + 1)  # sparse: nothing written
    done = _judged_in_a_child(path)
    line = _one_line(done.returncode, done.stdout, done.stderr)
    assert f"is larger than {MAX_INPUT_BYTES // (1024 * 1024)} MiB" in line


def test_the_documented_bounds_and_line_are_the_codes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    documented = (REPO_ROOT / "docs" / "watching.md").read_text(encoding="utf-8")
    assert f"at most {MAX_INPUT_BYTES // (1024 * 1024)} MiB, nested at most {MAX_NESTING} deep" in (
        " ".join(documented.split())
    )
    document = har()
    entries = document["log"]["entries"]
    entries += [copy.deepcopy(entries[0]) for _ in range(3)]
    entries[3]["response"]["status"] = "abc"
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "traffic.har", json.dumps(document))
    status = contract_test([recorded.FROM_OPTION, "traffic.har"])
    captured = capsys.readouterr()
    line = _one_line(status, captured.out, captured.err)
    assert f"\n{line}\n" in documented


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (findings_text(finding(), finding(status="abc")), "f.jsonl: line 2: `status` is not"),
        (findings_text(finding(), finding(field=None)), "f.jsonl: line 2: `field` is not a string"),
        (DEEP, f"nested more than {MAX_NESTING} deep"),
    ],
)
def test_adopt_drift_names_a_malformed_findings_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, says: str
) -> None:
    """`make adopt-drift REPORT=findings.jsonl` reads the findings file the same way (issue 23
    point 11): one line, exit status 2 (its "cannot adopt"), the spec untouched."""
    path, spec = tmp_path / "f.jsonl", tmp_path / "spec.yaml"
    shutil.copyfile(REPO_ROOT / "openapi" / "hamsa-voice-agents.yaml", spec)
    _write(path, content)
    before = spec.read_bytes()
    assert adopt_drift(["--report", str(path), "--spec", str(spec), "--no-generate"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Traceback" not in captured.err
    assert len(captured.err.splitlines()) == 1, captured.err
    assert captured.err.startswith("adopt-drift: ")
    assert says in captured.err
    assert spec.read_bytes() == before
