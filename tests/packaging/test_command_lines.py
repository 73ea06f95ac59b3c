"""`hamsa-contract-test` and `hamsa-mock` command lines (issue 16, item 3): their own --help, a flag
for every setting but the contract key, pytest's arguments after `--`, one-line errors with exit
status 4 before any request, and `--plan`, which sends nothing (a listening socket counts)."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from hamsa_contract import _cli as cli
from hamsa_contract.judge._checks import RULES, Use
from hamsa_contract.mock import DEFAULT_API_KEY, TEMPLATE_IDS
from hamsa_contract.plan._writes import STEPS, Funding
from hamsa_contract.run._families import FAMILIES, SENDS
from hamsa_contract.run._preflight import PROBES
from hamsa_contract.send._door import NO_AGENT_CREATED
from hamsa_contract.send._settings import OPTIONS
from hamsa_contract.send._target import LIVE_VARIABLES, TargetError, live_target
from tests.packaging.commands import BIN, CLEAN_ENV, run_command


class CountingListener:
    """A loopback port that accepts connections and counts them, answering nothing."""

    def __init__(self) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self._sock.settimeout(0.1)
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._sock.getsockname()[1]}"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._sock.accept()
            except TimeoutError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._sock.close()


@pytest.fixture
def listener() -> Iterator[CountingListener]:
    counting = CountingListener()
    try:
        yield counting
    finally:
        counting.close()


_command = run_command


def test_the_counting_listener_counts_a_connection(listener: CountingListener) -> None:
    """The probe below can fail: a client that connects is counted."""
    with pytest.raises(httpx.TransportError):
        httpx.get(listener.base_url, timeout=2)
    deadline = time.monotonic() + 5
    while listener.connections == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert listener.connections == 1


def test_contract_help_documents_every_option_variable_and_status() -> None:
    result = _command("hamsa-contract-test", "--help")
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    for option in OPTIONS:
        assert option.flag in text
        assert f"[{option.variable}]" in text
    for other in ("--plan", "--details", "HAMSA_MOCK_APP", "HAMSA_MOCK_TRANSPORT", "HAMSA_SPEC"):
        assert other in text
    assert "HAMSA_API_KEY" in text
    assert "Read from the environment only: a flag would put it in `ps` output" in text
    assert "-- -m semantics" in text
    for status in range(6):
        assert f" {status} " in text
    assert " 5 the tool itself failed" in text
    assert "--api-key" not in text


def test_mock_help_documents_its_options_and_variables() -> None:
    result = _command("hamsa-mock", "--help")
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    for flag, variable in [
        ("--host", "HAMSA_MOCK_HOST"),
        ("--port", "HAMSA_MOCK_PORT"),
        ("--api-key", "HAMSA_MOCK_API_KEY"),
    ]:
        assert flag in text
        assert f"[{variable}]" in text


@pytest.mark.parametrize(
    ("arguments", "error"),
    [
        (["--bogus"], "hamsa-contract-test: error: unrecognized arguments: --bogus"),
        (["--max-writes", "lots"], "--max-writes must be a whole number, got 'lots'"),
        (["--seed", "-1"], "--seed must be at least 0, got -1"),
        (["--timeout", "0"], "--timeout must be more than 0 seconds, got '0'"),
        (["--base-url", "ftp://x"], "--base-url must be an http(s) URL"),
        (["--voice-agent-id"], "argument --voice-agent-id: expected one argument"),
        (["--timeout", "inf"], "--timeout must be at most 3600 seconds, got 'inf'"),
        (["--timeout", "1e400"], "--timeout must be at most 3600 seconds, got '1e400'"),
        (["--timeout", "nan"], "--timeout must be more than 0 seconds, got 'nan'"),
        (["--timeout", "-5"], "--timeout must be more than 0 seconds, got '-5'"),
        (
            ["--reports-dir", "/dev/null"],
            "--reports-dir must be a folder, got the file '/dev/null'",
        ),
        (
            ["--reports-dir", "/dev/null/reports"],
            "--reports-dir must be a folder the run can write",
        ),
        (["--reports-dir", "/sys/hamsa-reports"], "--reports-dir must be a folder the run can"),
        (["--reports-dir", "r" * 300], "(File name too long)"),
    ],
)
def test_a_bad_flag_or_value_is_one_line_and_status_4_before_any_request(
    listener: CountingListener, arguments: list[str], error: str
) -> None:
    live = {
        "HAMSA_BASE_URL": listener.base_url,
        "HAMSA_API_KEY": DEFAULT_API_KEY,
        "HAMSA_VOICE_AGENT_ID": "agent",
    }
    result = _command("hamsa-contract-test", *arguments, env=live)

    assert result.returncode == cli.CANNOT_START
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert error in result.stderr
    assert DEFAULT_API_KEY not in result.stderr
    assert listener.connections == 0


@pytest.mark.parametrize(
    "pasted", ["Token {key}", "Bearer {key}", "Basic {key}", "token {key}", "BEARER\t {key}"]
)
def test_a_key_pasted_with_its_scheme_is_named_before_any_request(
    listener: CountingListener, pasted: str
) -> None:
    """Issue 22 point 6: `HAMSA_API_KEY="Token <key>"` would send `Token Token <key>` and fail
    every rule on a server that is fine; it is a setting's mistake, told before anything is sent."""
    live = {
        "HAMSA_BASE_URL": listener.base_url,
        "HAMSA_API_KEY": pasted.format(key=DEFAULT_API_KEY),
        "HAMSA_VOICE_AGENT_ID": "agent",
    }
    for arguments in ([], ["--plan"]):
        result = _command("hamsa-contract-test", *arguments, env=live)

        assert result.returncode == cli.CANNOT_START, result.stdout + result.stderr
        assert result.stdout == ""
        assert len(result.stderr.splitlines()) == 1, result.stderr
        word = pasted.split()[0]
        assert f"HAMSA_API_KEY starts with the scheme word {word!r}: set the key alone" in (
            result.stderr
        )
        assert DEFAULT_API_KEY not in result.stderr
    assert listener.connections == 0


def test_only_a_scheme_word_and_whitespace_before_the_key_is_refused() -> None:
    """A key that merely starts with the letters of a scheme, or is the word alone, is taken."""
    live = {"HAMSA_BASE_URL": "http://127.0.0.1:1", "HAMSA_VOICE_AGENT_ID": "agent"}
    for key in ("Token k", "bearer\tk", "Basic  k"):
        with pytest.raises(TargetError, match="starts with the scheme word"):
            live_target({**live, "HAMSA_API_KEY": key})
    for key in ("tokenized-key", "Bearer", "basics-key", "key Token x"):
        target = live_target({**live, "HAMSA_API_KEY": key})
        assert target is not None
        assert target.api_key == key


def test_a_bad_mock_flag_is_one_line_and_status_4() -> None:
    result = _command("hamsa-mock", "--port", "forty")
    assert result.returncode == cli.CANNOT_START
    assert result.stderr == (
        "hamsa-mock: error: --port must be a port number from 0 to 65535, got 'forty'\n"
    )


@pytest.mark.parametrize("cap", [None, 3, 0])
def test_plan_prints_the_writes_and_every_kind_of_request_and_sends_nothing(
    listener: CountingListener, tmp_path: Path, cap: int | None
) -> None:
    arguments = ["--plan", "--base-url", listener.base_url, "--voice-agent-id", "agent-7"]
    if cap is not None:
        arguments += ["--max-writes", str(cap)]
    result = _command(
        "hamsa-contract-test", *arguments, env={"HAMSA_API_KEY": DEFAULT_API_KEY}, cwd=tmp_path
    )

    assert result.returncode == 0, result.stderr
    assert listener.connections == 0
    assert list(tmp_path.iterdir()) == []  # no reports, no caches: nothing ran
    text = " ".join(result.stdout.split())
    assert DEFAULT_API_KEY not in text
    effective = 10 if cap is None else cap
    assert f"at most {effective} agents (cap {effective}" in text
    funding = Funding.for_cap(effective)
    for step in funding.funded:
        assert f"- {step.name}: {step.writes}, for: {'; '.join(step.serves)}" in text
    for step in funding.unfunded:
        assert f"not funded: {step.name} ({step.writes})" in text
        assert f"HAMSA_MAX_WRITES={funding.cap_needed(step)} funds it" in text
    assert f"generated cases: up to {funding.generated_writes}," in text
    for probe in PROBES:
        assert " ".join(probe.split()) in text
    for family in FAMILIES:
        for sends in SENDS[family]:
            assert f"- {family}: {sends}" in text
    assert f"the server at {listener.base_url}, agent agent-7" in text
    for name in [*RULES.names(Use.ANSWERS), *RULES.names(Use.GENERATED), NO_AGENT_CREATED.name]:
        assert f"- {name}: {' '.join(RULES.get(name).title.split())} (source: " in text


def test_plan_on_the_embedded_mock_has_no_cap() -> None:
    result = _command("hamsa-contract-test", "--plan")
    assert result.returncode == 0, result.stderr
    assert "the embedded mock (in-process)" in result.stdout
    assert "no cap" in result.stdout
    assert all(f"- {step.name}: {step.writes}" in result.stdout for step in STEPS)


def test_flags_set_the_same_variables_the_suite_reads_and_win_over_them(tmp_path: Path) -> None:
    parser = cli.contract_parser()
    flags = ["--base-url", "https://api.example", "--voice-agent-id", "a1", "--max-writes", "3"]
    flags += ["--seed", "5", "--timeout", "2.5", "--reports-dir", str(tmp_path), "--details"]
    namespace = parser.parse_args(flags)
    environ = {
        "HAMSA_BASE_URL": "https://env.example",
        "HAMSA_MAX_WRITES": "9",
        "HAMSA_API_KEY": "k",
        "HAMSA_VOICE_AGENT_ID": "env",
    }
    chosen = cli.contract_environment(namespace, environ)
    assert chosen == {
        "HAMSA_API_KEY": "k",
        "HAMSA_BASE_URL": "https://api.example",
        "HAMSA_VOICE_AGENT_ID": "a1",
        "HAMSA_MAX_WRITES": "3",
        "HAMSA_SEED": "5",
        "HAMSA_REQUEST_TIMEOUT": "2.5",
        "HAMSA_REPORTS_DIR": str(tmp_path),
        "HAMSA_DETAILS": "1",
    }
    unset = cli.contract_environment(parser.parse_args([]), environ)
    assert unset["HAMSA_MAX_WRITES"] == "9"
    assert set(LIVE_VARIABLES) - {"HAMSA_API_KEY"} == {
        option.variable for option in OPTIONS if option.variable in LIVE_VARIABLES
    }


def test_pytest_arguments_go_after_the_double_dash() -> None:
    assert cli.split_pytest_arguments(["--seed", "1", "--", "-m", "semantics", "--"]) == (
        ["--seed", "1"],
        ["-m", "semantics", "--"],
    )
    assert cli.split_pytest_arguments(["--plan"]) == (["--plan"], [])


def test_a_run_passes_pytest_arguments_and_names_the_families(tmp_path: Path) -> None:
    """From a user's directory: one family after `--`, its test lines named by family (not a path
    inside site-packages or the checkout), reports in ./reports, no `.hypothesis/` left."""
    result = _command("hamsa-contract-test", "--seed", "7", "--", "-m", "security", cwd=tmp_path)

    # One family is not the suite: INCOMPLETE, naming the families left out.
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Verdict:  INCOMPLETE" in result.stdout
    assert re.search(
        r"  - requests: not selected \(-m 'security'\): the whole family \(x\d+\)", result.stdout
    ), result.stdout
    lines = result.stdout.splitlines()
    assert any(line.startswith("security ....") for line in lines), result.stdout
    assert not [line for line in lines if "test_security.py" in line or "site-packages" in line]
    assert "(seed 7)" in result.stdout
    assert sorted(path.name for path in tmp_path.iterdir()) == ["reports"]
    assert not any(path.name == ".hypothesis" for path in (tmp_path / "reports").rglob("*"))


def test_hypothesis_keeps_its_cache_in_the_users_cache_folder(tmp_path: Path) -> None:
    """The character table Hypothesis computes once is kept for the next run, in
    XDG_CACHE_HOME; where that cannot be written, the run goes on and leaves nothing there."""
    cache = tmp_path / "cache"
    arguments = ("--", "-m", "security")
    kept = _command("hamsa-contract-test", *arguments, env={"XDG_CACHE_HOME": str(cache)})
    assert kept.returncode == 2, kept.stdout + kept.stderr  # one family: INCOMPLETE
    assert list((cache / "hamsa-contract" / "hypothesis").rglob("charmap*")), kept.stdout

    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("", encoding="utf-8")
    scratch = _command("hamsa-contract-test", *arguments, env={"XDG_CACHE_HOME": str(not_a_folder)})
    assert scratch.returncode == 2, scratch.stdout + scratch.stderr
    assert not_a_folder.read_text(encoding="utf-8") == ""


def test_mock_flags_win_over_the_environment() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [str(BIN / "hamsa-mock"), "--port", str(port), "--api-key", "flag-key"],
        env={**CLEAN_ENV, "HAMSA_MOCK_PORT": "1", "HAMSA_MOCK_API_KEY": "env-key"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first == f"Hamsa mock serving http://127.0.0.1:{port}\n"
        source = next(iter(TEMPLATE_IDS.values()))
        response = httpx.post(
            f"http://127.0.0.1:{port}/v1/voice-agents/clone",
            params={"voiceAgentId": source},
            headers={"Authorization": "Token flag-key"},
            json={"agentName": "flagged"},
        )
        assert response.status_code == 200
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert stderr == "hamsa-mock: stopped\n"
