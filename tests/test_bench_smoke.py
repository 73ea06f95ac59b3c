"""The benchmark harness still runs, and writes the results file `make bench` documents.

A smoke run (a few repetitions of every part) checks the structure of what it writes, never
the times: speed is measured by `make bench`, not asserted by tests.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from bench import wrk_compare
from bench.__main__ import PARTS, default_output, main
from bench.contract_suite import summary_cases, summary_writes
from bench.mock_load import problems
from bench.profiles import PROFILES
from bench.report import LATEST, PARTIAL, Skipped, table
from bench.stats import Summary, percentile
from bench.wrk_compare import (
    PRISM_VARIABLE,
    RESULT_MARKER,
    WrkRun,
    find_prism,
    lua_script,
    parse_wrk_output,
)
from hamsa_contract._spec import CLONE_PATH
from hamsa_contract.mock import ARABIC_SUPPORT_TEMPLATE_ID
from hamsa_contract.send._settings import DEFAULT_CONCURRENCY

SUMMARY_KEYS = {"median", "q1", "q3", "min", "max", "repetitions"}


@pytest.fixture(scope="module")
def smoke_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    output = tmp_path_factory.mktemp("bench") / "latest.json"
    status = main(["--profile", "smoke", "--output", str(output)])
    results: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    assert results["failed_parts"] == {}
    assert status == 0
    assert not output.with_name(output.name + ".tmp").exists()
    return results


@pytest.mark.slow
def test_results_name_the_machine_and_the_profile(smoke_results: dict[str, Any]) -> None:
    machine = smoke_results["machine"]
    assert machine["cores"] >= 1
    assert machine["usable_cores"] >= 1
    assert machine["python"].count(".") == 2
    assert len(machine["load_average_at_start"]) == 3
    assert smoke_results["profile"] == "smoke"
    assert smoke_results["schema"] == 1


@pytest.mark.slow
def test_every_part_reports_figures_with_median_and_spread(
    smoke_results: dict[str, Any],
) -> None:
    figures = smoke_results["figures"]
    assert {figure["part"] for figure in figures} == set(PARTS)
    for figure in figures:
        assert figure.keys() >= SUMMARY_KEYS, figure
        assert figure["min"] <= figure["q1"] <= figure["median"] <= figure["q3"] <= figure["max"]
        assert figure["min"] > 0, figure
        assert figure["repetitions"] >= 1
        assert figure["unit"]


@pytest.mark.slow
def test_fixture_figures_compare_the_mock_with_a_static_stub_in_sync_and_async(
    smoke_results: dict[str, Any],
) -> None:
    ratios = [f for f in smoke_results["figures"] if f["part"] == "fixture" and f["unit"] == "x"]
    assert [ratio["name"] for ratio in ratios] == [
        "sync: ratio fixture / static stub",
        "async: ratio fixture / static stub",
    ]
    for ratio in ratios:
        assert ratio["repetitions"] == PROFILES["smoke"].fixture.repetitions
        assert ratio["detail"]["target"] == 1.5
        assert isinstance(ratio["detail"]["within_target"], bool)


@pytest.mark.slow
def test_client_figures_compare_against_plain_httpx_and_the_watch_against_none(
    smoke_results: dict[str, Any],
) -> None:
    ratios = [f for f in smoke_results["figures"] if f["part"] == "client" and f["unit"] == "x"]
    assert [ratio["name"] for ratio in ratios] == [
        "sync: ratio hamsa_client / plain httpx",
        "sync: ratio hamsa_client, watched / hamsa_client",
        "async: ratio hamsa_client / plain httpx",
        "async: ratio hamsa_client, watched / hamsa_client",
    ]
    smoke = PROFILES["smoke"].client
    for ratio in ratios:
        assert ratio["repetitions"] == smoke.repetitions
        # The client against plain httpx; the contract watch against the unwatched call.
        assert ratio["detail"]["target"] == (1.05 if "watched" in ratio["name"] else 1.10)
        assert isinstance(ratio["detail"]["within_target"], bool)


@pytest.mark.slow
def test_mock_load_verified_every_clone_it_made(smoke_results: dict[str, Any]) -> None:
    settings = PROFILES["smoke"].mock
    loads = [f for f in smoke_results["figures"] if f["part"] == "mock"]
    for figure in (f for f in loads if not f["name"].startswith("wrk:")):
        # Each repetition stores its measured clones plus one warm-up clone per connection.
        per_repetition = settings.requests + settings.concurrency
        assert figure["detail"]["clones_stored_and_verified"] == (
            settings.repetitions * per_repetition
        )


@pytest.mark.slow
def test_contract_figures_count_the_cases_the_suite_judged(
    smoke_results: dict[str, Any],
) -> None:
    contract = [f for f in smoke_results["figures"] if f["part"] == "contract"]
    assert {figure["unit"] for figure in contract} == {"s", "cases/s", "x"}
    names = {figure["name"] for figure in contract}
    for mode in ("sequential (concurrency 1)", f"concurrent (concurrency {DEFAULT_CONCURRENCY})"):
        assert f"local server, 60 ms latency, {mode}: wall time to verdict" in names
    assert "local server, 60 ms latency: ratio sequential / concurrent wall time" in names
    for figure in contract:
        if figure["unit"] == "x":
            continue
        detail = figure["detail"]
        assert detail["generated_cases_median"] + detail["hand_made_requests_median"] > 0
        assert detail["tests"] >= 1


def test_cases_are_read_from_the_suites_summary_even_when_wrapped() -> None:
    output = """Tests:    requests 7 passed; security 4 passed; conformance 1 passed
Cases:    125 generated (coverage/negative 18, coverage/positive 5, examples/positive 2,
          fuzzing/negative 43, fuzzing/positive 57); 43 hand-made
          requests
Failures: none
"""
    assert summary_cases(output) == (125, 43)
    assert summary_cases("Cases:    0 generated; 4 hand-made requests\n") == (0, 4)
    assert summary_cases("4 passed in 1.25s\n") is None


def test_writes_are_read_from_the_suites_summary() -> None:
    capped = """Writes:   50 agents created, cap 50 (HAMSA_MAX_WRITES)
  - cap reached: 12 requests that could create an agent were not sent
"""
    assert summary_writes(capped) == (50, 12)
    assert summary_writes("Writes:   1 agent created, no cap\n") == (1, 0)


def outcome(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "requested": 2,
        "sent": 2,
        "statuses": {"200": 2},
        "warmup_statuses": {"200": 1},
        "transport_errors": {},
        "ids": ["a", "b"],
        "warmup_ids": ["w"],
    }
    return base | changes


def test_load_check_accepts_a_run_where_every_clone_is_stored() -> None:
    assert problems(outcome(), ("w", "a", "b")) == []


@pytest.mark.parametrize(
    ("changes", "stored", "complaint"),
    [
        ({}, ("w", "a"), "not in the store"),
        ({"statuses": {"200": 1, "500": 1}}, ("w", "a", "b"), "non-200"),
        ({"sent": 1}, ("w", "a", "b"), "time limit"),
        ({"transport_errors": {"ReadError": 1}}, ("w", "a", "b"), "transport errors"),
        ({"ids": ["a", "a"]}, ("w", "a"), "returned twice"),
        ({}, ("w", "a", "b", "extra"), "store holds 4"),
    ],
)
def test_load_check_names_each_way_of_losing_a_clone(
    changes: dict[str, Any], stored: tuple[str, ...], complaint: str
) -> None:
    found = problems(outcome(**changes), stored)
    assert any(complaint in problem for problem in found), found


def test_summary_gives_median_quartiles_and_extremes() -> None:
    summary = Summary.of([5.0, 1.0, 3.0, 2.0, 4.0])
    assert (summary.median, summary.q1, summary.q3) == (3.0, 2.0, 4.0)
    assert (summary.min, summary.max, summary.repetitions) == (1.0, 5.0, 5)
    assert Summary.of([7.0]) == Summary(7.0, 7.0, 7.0, 7.0, 7.0, 1)
    assert summary.scaled(10).median == 30.0


def test_percentile_interpolates_between_neighbours() -> None:
    samples = [float(value) for value in range(1, 101)]
    assert percentile(samples, 0.5) == pytest.approx(50.5)
    assert percentile(samples, 0.99) == pytest.approx(99.01)
    assert percentile([3.0], 0.99) == 3.0


def test_results_file_is_replaced_whole(tmp_path: Path) -> None:
    from bench.report import write_results

    target = tmp_path / "results" / "latest.json"
    write_results({"figures": []}, target)
    write_results({"figures": [1]}, target)
    assert json.loads(target.read_text(encoding="utf-8")) == {"figures": [1]}
    assert [path.name for path in target.parent.iterdir()] == ["latest.json"]


def test_only_a_full_run_of_every_part_replaces_the_published_figures() -> None:
    assert default_output("full", list(PARTS)) == LATEST
    assert default_output("full", ["client"]) == PARTIAL
    assert default_output("smoke", list(PARTS)) == PARTIAL


@pytest.mark.slow
def test_the_mock_is_measured_with_wrk_or_the_skip_says_why(
    smoke_results: dict[str, Any],
) -> None:
    names = {f["name"] for f in smoke_results["figures"] if f["part"] == "mock"}
    skipped = {item["name"]: item["reason"] for item in smoke_results["skipped"]}
    if shutil.which("wrk") is None:
        assert "wrk not found" in skipped["wrk: mock and Prism"]
        assert not any(name.startswith("wrk:") for name in names)
    else:
        assert {"wrk: mock throughput", "wrk: mock latency p99"} <= names
        # The smoke profile never installs Prism from npm.
        assert skipped == {"wrk: Prism 5.16": "not run by this profile"}
    assert "SKIPPED mock | wrk:" in table(smoke_results)


WRK_OUTPUT = f"""Running 10s test @ http://127.0.0.1:4010
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.61ms  312.40us   9.87ms   91.02%
  61234 requests in 10.00s, 128.31MB read
Requests/sec:   6123.10
Transfer/sec:     12.83MB
{RESULT_MARKER}{{"requests": 61234, "duration_us": 10000500, "p50_us": 1550, "p99_us": 3270, \
"socket_errors": 0, "non_2xx": 2}}
"""


def test_wrk_output_is_read_from_the_line_the_lua_hook_prints() -> None:
    run = parse_wrk_output(WRK_OUTPUT)
    assert run == WrkRun(
        requests=61234,
        duration_seconds=10.0005,
        p50_ms=1.55,
        p99_ms=3.27,
        socket_errors=0,
        non_2xx=2,
    )
    assert run.requests_per_second == pytest.approx(6123.09, abs=0.01)
    with pytest.raises(ValueError, match="WRK_RESULT"):
        parse_wrk_output("Requests/sec:   6123.10\n")


def test_the_wrk_script_sends_a_valid_clone_and_prints_the_result_line() -> None:
    script = lua_script()
    assert 'wrk.method = "POST"' in script
    assert f'"{CLONE_PATH}?voiceAgentId={ARABIC_SUPPORT_TEMPLATE_ID}"' in script
    assert 'wrk.headers["Authorization"] = "Token ' in script
    assert 'wrk.headers["Content-Type"] = "application/json"' in script
    assert RESULT_MARKER in script


def test_without_wrk_the_comparison_is_skipped_and_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("bench.wrk_compare.shutil.which", lambda name: None)
    result = wrk_compare.run(wrk_compare.Settings(repetitions=1, duration_seconds=1))
    assert result == [Skipped("mock", "wrk: mock and Prism", "wrk not found (Debian package wrk)")]
    assert "skipping the wrk comparison" in capsys.readouterr().out


def test_prism_is_skipped_with_a_reason_when_it_cannot_be_had(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("bench.wrk_compare.shutil.which", lambda name: None)
    assert "node and npm not found" in str(find_prism({}))
    missing = tmp_path / "prism"
    assert "is not a file" in str(find_prism({PRISM_VARIABLE: str(missing)}))
    missing.write_text("", encoding="utf-8")
    assert find_prism({PRISM_VARIABLE: str(missing)}) == missing
