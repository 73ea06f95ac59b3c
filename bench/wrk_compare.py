"""Part 3, side by side: the mock against Prism 5.16 (`prism mock` on the same spec), under wrk.

Both run as servers of their own (`python -m hamsa_contract.mock`, as `make mock` starts it,
and `prism mock openapi/hamsa-voice-agents.yaml`), one after the other in each repetition, so both
see the same machine. wrk (1 thread, 16 connections) sends the same valid clone request to both:
a POST with a `Token` key and a JSON body. Every answer of the mock must be a 2xx.

wrk is the Debian package `wrk`; without it the comparison is skipped. Prism is installed from
npm into a cache folder (never a project dependency) when node and npm are present, or taken from
`HAMSA_BENCH_PRISM` (a `prism` executable); without them the mock is measured alone.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from bench.machine import REPO_ROOT
from bench.report import Figure, Skipped
from bench.stats import Summary
from hamsa_contract._spec import CLONE_PATH, SPEC_PATH
from hamsa_contract.mock import ARABIC_SUPPORT_TEMPLATE_ID
from hamsa_contract.mock._server import LOOPBACK, bind_loopback

PART = "mock"
API_KEY = "bench-wrk-key"
PRISM_VERSION = "5.16"
PRISM_VARIABLE = "HAMSA_BENCH_PRISM"
RESULT_MARKER = "WRK_RESULT "
# Targets of issue 10: at least twice Prism's throughput, p99 within 10 ms.
TARGET_RATIO = 2.0
TARGET_P99_MS = 10.0
_START_TIMEOUT_SECONDS = 60.0

# wrk's `done` hook prints one line of JSON after the run (latencies in microseconds).
_LUA = """wrk.method = "POST"
wrk.path = "%(path)s"
wrk.headers["Authorization"] = "Token %(key)s"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"agentName": "wrk clone"}'

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '%(marker)s{"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p99_us": %%d, '
    .. '"socket_errors": %%d, "non_2xx": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.connect + errors.read + errors.write + errors.timeout, errors.status))
end
"""


@dataclass(frozen=True)
class Settings:
    repetitions: int
    duration_seconds: int
    connections: int = 16
    threads: int = 1
    with_prism: bool = True


@dataclass(frozen=True)
class WrkRun:
    """What one wrk run reports: requests answered, over how long, latency quantiles, errors."""

    requests: int
    duration_seconds: float
    p50_ms: float
    p99_ms: float
    socket_errors: int
    non_2xx: int

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.duration_seconds


def parse_wrk_output(output: str) -> WrkRun:
    """The `WrkRun` in wrk's output (the line our Lua `done` hook prints); ValueError if none."""
    for line in output.splitlines():
        if line.startswith(RESULT_MARKER):
            fields = json.loads(line[len(RESULT_MARKER) :])
            return WrkRun(
                requests=fields["requests"],
                duration_seconds=fields["duration_us"] / 1e6,
                p50_ms=fields["p50_us"] / 1e3,
                p99_ms=fields["p99_us"] / 1e3,
                socket_errors=fields["socket_errors"],
                non_2xx=fields["non_2xx"],
            )
    raise ValueError(f"no {RESULT_MARKER.strip()} line in wrk's output:\n{output[-2000:]}")


def lua_script() -> str:
    """The wrk script: a valid clone of the Arabic template, the same for the mock and Prism."""
    path = f"{CLONE_PATH}?voiceAgentId={ARABIC_SUPPORT_TEMPLATE_ID}"
    return _LUA % {"path": path, "key": API_KEY, "marker": RESULT_MARKER}


def run_wrk(base_url: str, script: Path, settings: Settings, seconds: int) -> WrkRun:
    command = [
        "wrk",
        f"--threads={settings.threads}",
        f"--connections={settings.connections}",
        f"--duration={seconds}s",
        f"--script={script}",
        base_url,
    ]
    finished = subprocess.run(
        command, capture_output=True, text=True, check=False, timeout=seconds + 60
    )
    if finished.returncode != 0:
        raise RuntimeError(f"wrk failed ({finished.returncode}): {finished.stderr[-2000:]}")
    return parse_wrk_output(finished.stdout)


def _free_port() -> int:
    sock = bind_loopback(0)
    port: int = sock.getsockname()[1]
    sock.close()
    return port


def _wait_until_listening(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + _START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with {process.returncode} on start")
        try:
            socket.create_connection((LOOPBACK, port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{process.args!r} did not listen on port {port} in time")


@contextmanager
def serving(command: Sequence[str], port: int, env: Mapping[str, str]) -> Iterator[str]:
    """Run a server command (its output discarded) until the block ends; yields its base URL."""
    process = subprocess.Popen(
        list(command),
        cwd=REPO_ROOT,
        env=dict(env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_until_listening(port, process)
        yield f"http://{LOOPBACK}:{port}"
    finally:
        # The whole group: npm-installed Prism may start node under a wrapper.
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def mock_command(port: int) -> tuple[list[str], dict[str, str]]:
    environment = {**os.environ, "HAMSA_MOCK_PORT": str(port), "HAMSA_MOCK_API_KEY": API_KEY}
    return [sys.executable, "-m", "hamsa_contract.mock"], environment


def prism_cache() -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "hamsa-client-bench" / f"prism-{PRISM_VERSION}"


def find_prism(environ: Mapping[str, str] = os.environ) -> Path | str:
    """A Prism executable, installing it from npm if need be; or the reason there is none."""
    given = environ.get(PRISM_VARIABLE)
    if given:
        return Path(given) if Path(given).is_file() else f"{PRISM_VARIABLE}={given} is not a file"
    if shutil.which("node") is None or shutil.which("npm") is None:
        return "node and npm not found (Prism comes from npm)"
    folder = prism_cache()
    executable = folder / "node_modules" / ".bin" / "prism"
    if not executable.is_file():
        print(f"bench: installing Prism {PRISM_VERSION} from npm into {folder}", flush=True)
        folder.mkdir(parents=True, exist_ok=True)
        installed = subprocess.run(
            ["npm", "install", "--prefix", str(folder), "--no-audit", "--no-fund",
             f"@stoplight/prism-cli@{PRISM_VERSION}"],
            capture_output=True, text=True, check=False, timeout=600,
        )  # fmt: skip
        if installed.returncode != 0 or not executable.is_file():
            return f"npm could not install Prism {PRISM_VERSION}: {installed.stderr[-500:]}"
    return executable


def prism_command(executable: Path, port: int) -> tuple[list[str], dict[str, str]]:
    command = [str(executable), "mock", "--host", LOOPBACK, "--port", str(port), str(SPEC_PATH)]
    return command, dict(os.environ)


def _measure(
    command: tuple[list[str], dict[str, str]], port: int, script: Path, settings: Settings
) -> WrkRun:
    with serving(command[0], port, command[1]) as base_url:
        run_wrk(base_url, script, settings, seconds=1)  # warm-up: connections, JIT, caches
        return run_wrk(base_url, script, settings, seconds=settings.duration_seconds)


def _figures(who: str, runs: list[WrkRun], detail: dict[str, object]) -> list[Figure]:
    return [
        Figure(
            PART,
            f"wrk: {who} throughput",
            "req/s",
            Summary.of([run.requests_per_second for run in runs]),
            detail,
        ),
        Figure(PART, f"wrk: {who} latency p50", "ms", Summary.of([r.p50_ms for r in runs]), detail),
        Figure(PART, f"wrk: {who} latency p99", "ms", Summary.of([r.p99_ms for r in runs]), detail),
    ]


def run(settings: Settings) -> list[Figure | Skipped]:
    """The mock's (and Prism's) figures under wrk; Skipped items say what could not be run."""
    if shutil.which("wrk") is None:
        reason = "wrk not found (Debian package wrk)"
        print(f"bench: {reason}; skipping the wrk comparison of the mock with Prism", flush=True)
        return [Skipped(PART, "wrk: mock and Prism", reason)]
    prism = find_prism() if settings.with_prism else "not run by this profile"
    skipped: list[Figure | Skipped] = []
    if isinstance(prism, str):
        print(f"bench: Prism skipped: {prism}", flush=True)
        skipped.append(Skipped(PART, f"wrk: Prism {PRISM_VERSION}", prism))
    mock_runs: list[WrkRun] = []
    prism_runs: list[WrkRun] = []
    with tempfile.TemporaryDirectory(prefix="hamsa-wrk-") as scratch:
        script = Path(scratch) / "clone.lua"
        script.write_text(lua_script(), encoding="utf-8")
        for _ in range(settings.repetitions):
            port = _free_port()
            mock_runs.append(_measure(mock_command(port), port, script, settings))
            if isinstance(prism, Path):
                port = _free_port()
                prism_runs.append(_measure(prism_command(prism, port), port, script, settings))
    failed = [run for run in mock_runs if run.non_2xx or run.socket_errors]
    if failed:
        raise RuntimeError(f"the mock answered non-2xx or dropped connections under wrk: {failed}")
    detail: dict[str, object] = {
        "load": f"wrk {settings.threads} thread, {settings.connections} connections, "
        f"{settings.duration_seconds} s, valid POST clone requests",
        "mock": "python -m hamsa_contract.mock (uvicorn, access log on, to /dev/null)",
        "p99_target_ms": TARGET_P99_MS,
        "p99_within_target": median(r.p99_ms for r in mock_runs) <= TARGET_P99_MS,
    }
    figures = _figures("mock", mock_runs, detail)
    if prism_runs:
        prism_detail = {
            **detail,
            "prism": f"prism mock {PRISM_VERSION} on the same spec (log to /dev/null)",
            "prism_socket_errors": sum(run.socket_errors for run in prism_runs),
        }
        # Paired by repetition: each ratio compares two runs made back to back.
        ratios = [
            mine.requests_per_second / theirs.requests_per_second
            for mine, theirs in zip(mock_runs, prism_runs, strict=True)
        ]
        ratio_detail = {
            **prism_detail,
            "target": TARGET_RATIO,
            "within_target": median(ratios) >= TARGET_RATIO,
        }
        figures += _figures(f"Prism {PRISM_VERSION}", prism_runs, prism_detail)
        figures.append(
            Figure(PART, "wrk: mock / Prism throughput", "x", Summary.of(ratios), ratio_detail)
        )
    return [*figures, *skipped]
