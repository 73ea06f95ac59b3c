"""Part 2: how fast the contract suite reaches a verdict, on three targets.

Each run is `python -m pytest src/hamsa_contract/families` (what `make contract-test`
runs) as a child
process, with only the HAMSA_* variables the suite reads set for it:

- the default mock run, in-process (`HAMSA_MOCK_TRANSPORT=in-process`, the default);
- the same mock over loopback HTTP (`HAMSA_MOCK_TRANSPORT=http`);
- a server answering every request 0, 60 and 200 ms late, tested as a live target would be
  (`HAMSA_BASE_URL`, `HAMSA_API_KEY`, `HAMSA_VOICE_AGENT_ID`, so the live write cap applies):
  the mock wrapped in `bench.latency.Latency`, served from this process on 127.0.0.1; each
  latency with requests sent one at a time (`HAMSA_CONCURRENCY=1`, the baseline) and side by
  side (the default concurrency), and the paired ratio between the two.

Wall time is the user's time to a verdict (interpreter start and imports included). Cases are
what the suite's closing summary counts: schemathesis' generated cases plus its hand-made
requests; tests and skips come from its JUnit report. A run whose verdict is not "pass" fails
the benchmark: timing a broken run would mean nothing.
"""

from __future__ import annotations

import dataclasses
import re
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.latency import Latency
from bench.process import run_timed
from bench.report import Figure
from bench.stats import Summary
from hamsa_contract.mock import ARABIC_SUPPORT_TEMPLATE_ID, create_app, serve_in_thread
from hamsa_contract.send._settings import (
    DEFAULT_CONCURRENCY,
    ENV_CONCURRENCY,
    child_run_environment,
)

PART = "contract"
SUITE = "src/hamsa_contract/families"
LATENCY_API_KEY = "bench-latency-key"
RUN_TIMEOUT_SECONDS = 600
IN_PROCESS = {"HAMSA_MOCK_TRANSPORT": "in-process"}
OVER_HTTP = {"HAMSA_MOCK_TRANSPORT": "http"}
# The suite's closing summary, e.g. "Cases:    412 generated (examples 3, ...); 43 hand-made
# requests" (textwrap may break it across lines).
CASES_PATTERN = re.compile(
    r"^Cases:\s+(\d+) generated\b.*?;\s+(\d+)\s+hand-made\s+requests", re.MULTILINE | re.DOTALL
)
# "Writes:   50 agents created, cap 50 (HAMSA_MAX_WRITES)" and "  - cap reached: 12 requests ..."
WRITES_PATTERN = re.compile(r"^Writes:\s+(\d+) agents? created", re.MULTILINE)
REFUSED_PATTERN = re.compile(r"cap reached:\s+(\d+) requests?\b")


@dataclass(frozen=True)
class Settings:
    """Runs per target: `repetitions` of each mock transport, `latency_repetitions` of each
    slow server (every latency, sequential and concurrent)."""

    repetitions: int
    latency_repetitions: int
    latencies_ms: tuple[int, ...] = (0, 60, 200)
    # Extra pytest arguments (the smoke profile narrows the suite with them).
    pytest_args: tuple[str, ...] = ()


@dataclass(frozen=True)
class SuiteRun:
    """One run's wall time, its cases (generated and hand-made) and pytest's count of tests."""

    wall_seconds: float
    session_seconds: float
    generated_cases: int
    hand_made_requests: int
    agents_created: int
    writes_refused: int
    tests: int
    skipped: int
    # HTTP requests the server received, when the server is ours to count (the slow one).
    requests_served: int | None = None

    @property
    def cases(self) -> int:
        """Every request the suite judged: schemathesis' generated cases and its own."""
        return self.generated_cases + self.hand_made_requests


def junit_counts(path: Path) -> tuple[int, int, float]:
    """(tests, skipped, session seconds) from pytest's JUnit XML report."""
    root = ElementTree.parse(path).getroot()  # noqa: S314 (our own child process wrote it)
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    tests = sum(int(suite.get("tests", "0")) for suite in suites)
    skipped = sum(int(suite.get("skipped", "0")) for suite in suites)
    seconds = sum(float(suite.get("time", "0")) for suite in suites)
    return tests, skipped, seconds


def summary_cases(output: str) -> tuple[int, int] | None:
    """(generated cases, hand-made requests) from the suite's summary; None when it has none."""
    matches = list(CASES_PATTERN.finditer(output))
    if not matches:
        return None
    generated, hand_made = matches[-1].groups()
    return int(generated), int(hand_made)


def summary_writes(output: str) -> tuple[int, int]:
    """(agents created, writes refused at the cap) from the suite's summary; 0 when not stated."""
    created = WRITES_PATTERN.findall(output)
    refused = REFUSED_PATTERN.findall(output)
    return (int(created[-1]) if created else 0), (int(refused[-1]) if refused else 0)


def run_suite(target: Mapping[str, str], pytest_args: tuple[str, ...]) -> SuiteRun:
    """Run the suite once against `target`; raise with its output unless the verdict is a pass."""
    with tempfile.TemporaryDirectory(prefix="bench-contract-") as scratch:
        junit = Path(scratch) / "junit.xml"
        command = [
            sys.executable,
            "-m",
            "pytest",
            SUITE,
            "-p",
            "no:cacheprovider",
            f"--junitxml={junit}",
            *pytest_args,
        ]
        finished = run_timed(
            command,
            env=child_run_environment(Path(scratch) / "reports", target),
            timeout=RUN_TIMEOUT_SECONDS,
        )
        # A run narrowed by pytest options (the smoke profile's one family) is INCOMPLETE by
        # design: every check of it ran and passed, the others were left out.
        expected = 2 if pytest_args else 0
        if finished.returncode != expected:
            raise RuntimeError(
                f"contract suite did not pass ({finished.returncode}):\n{finished.tail()}"
            )
        tests, skipped, session = junit_counts(junit)
    cases = summary_cases(finished.stdout)
    if cases is None:
        raise RuntimeError(f"the contract suite printed no 'Cases:' summary:\n{finished.tail()}")
    created, refused = summary_writes(finished.stdout)
    return SuiteRun(
        wall_seconds=finished.seconds,
        session_seconds=session,
        generated_cases=cases[0],
        hand_made_requests=cases[1],
        agents_created=created,
        writes_refused=refused,
        tests=tests,
        skipped=skipped,
    )


@contextmanager
def slow_server(latency_ms: int) -> Iterator[tuple[dict[str, str], Latency]]:
    """A mock answering `latency_ms` late on 127.0.0.1: (live-target variables, the server)."""
    app = Latency(create_app(api_key=LATENCY_API_KEY), latency_ms / 1000)
    with serve_in_thread(app) as base_url:
        variables = {
            "HAMSA_BASE_URL": base_url,
            "HAMSA_API_KEY": LATENCY_API_KEY,
            "HAMSA_VOICE_AGENT_ID": ARABIC_SUPPORT_TEMPLATE_ID,
        }
        yield variables, app


SEQUENTIAL = "sequential"
CONCURRENT = "concurrent"
# What each mode sets: one request at a time (the baseline), or the suite's default.
MODES = {SEQUENTIAL: {ENV_CONCURRENCY: "1"}, CONCURRENT: {}}


def run_slow(latency_ms: int, settings: Settings, mode: str = CONCURRENT) -> SuiteRun:
    """One run against a fresh slow server (the live write cap counts per run, the store per
    server), with the number of requests the server received."""
    with slow_server(latency_ms) as (variables, server):
        run = run_suite(variables | MODES[mode], settings.pytest_args)
    return dataclasses.replace(run, requests_served=server.requests)


def mode_label(latency_ms: int, mode: str) -> str:
    concurrency = 1 if mode == SEQUENTIAL else DEFAULT_CONCURRENCY
    return f"local server, {latency_ms} ms latency, {mode} (concurrency {concurrency})"


def speedup_figure(
    latency_ms: int, sequential: list[SuiteRun], concurrent: list[SuiteRun]
) -> Figure:
    """Sequential wall time over concurrent, paired by repetition."""
    pairs = zip(sequential, concurrent, strict=True)
    return Figure(
        PART,
        f"local server, {latency_ms} ms latency: ratio sequential / concurrent wall time",
        "x",
        Summary.of([one.wall_seconds / side.wall_seconds for one, side in pairs]),
        {"baseline": f"{ENV_CONCURRENCY}=1", "concurrency": DEFAULT_CONCURRENCY},
    )


def figures_for(label: str, runs: list[SuiteRun], target: str) -> list[Figure]:
    """Wall time and cases per second over `runs`; none when the target was not run."""
    if not runs:
        return []
    detail = {
        "target": target,
        "generated_cases_median": Summary.of([run.generated_cases for run in runs]).median,
        "hand_made_requests_median": Summary.of([r.hand_made_requests for r in runs]).median,
        "agents_created_median": Summary.of([run.agents_created for run in runs]).median,
        "writes_refused_at_cap_median": Summary.of([run.writes_refused for run in runs]).median,
        "tests": runs[0].tests,
        "skipped": runs[0].skipped,
        "pytest_session_seconds_median": Summary.of([run.session_seconds for run in runs]).median,
        "command": f"python -m pytest {SUITE}",
    }
    served = [run.requests_served for run in runs if run.requests_served is not None]
    if served:
        detail["requests_served_median"] = Summary.of(served).median
    return [
        Figure(
            PART,
            f"{label}: wall time to verdict",
            "s",
            Summary.of([r.wall_seconds for r in runs]),
            detail,
        ),
        Figure(
            PART,
            f"{label}: cases per second",
            "cases/s",
            Summary.of([run.cases / run.wall_seconds for run in runs]),
            detail,
        ),
    ]


def run(settings: Settings) -> list[Figure]:
    """Repetitions interleave the targets, so drift in machine load hits them alike."""
    in_process: list[SuiteRun] = []
    over_http: list[SuiteRun] = []
    slow: dict[tuple[int, str], list[SuiteRun]] = {
        (latency, mode): [] for latency in settings.latencies_ms for mode in MODES
    }
    for repetition in range(max(settings.repetitions, settings.latency_repetitions)):
        if repetition < settings.repetitions:
            in_process.append(run_suite(IN_PROCESS, settings.pytest_args))
            over_http.append(run_suite(OVER_HTTP, settings.pytest_args))
        if repetition < settings.latency_repetitions:
            for latency, mode in slow:
                slow[latency, mode].append(run_slow(latency, settings, mode))
    live = "HAMSA_BASE_URL/_API_KEY/_VOICE_AGENT_ID -> 127.0.0.1 (live mode, its write cap)"
    figures = [
        *figures_for("mock in-process", in_process, "HAMSA_MOCK_TRANSPORT=in-process"),
        *figures_for("mock over loopback HTTP", over_http, "HAMSA_MOCK_TRANSPORT=http"),
    ]
    for latency in settings.latencies_ms:
        for mode in MODES:
            figures += figures_for(mode_label(latency, mode), slow[latency, mode], live)
        if settings.latency_repetitions:
            figures.append(
                speedup_figure(latency, slow[latency, SEQUENTIAL], slow[latency, CONCURRENT])
            )
    return figures
