"""Part 3: the mock over loopback HTTP under concurrent clients, with nothing lost.

Each repetition serves a fresh mock (`serve_in_thread`, 127.0.0.1 only) in this process and
runs the load generator (`bench.load_client`) as a child process, so client and server each
get an interpreter of their own. After the run, every clone id the client was given must be in
the app's store, the store must hold exactly those clones, and every answer must be a 200:
anything else fails the benchmark (a lost clone is a bug, not a figure).
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass
from typing import Any

from bench.load_client import API_KEY_VARIABLE
from bench.process import run_timed
from bench.report import Figure
from bench.stats import Summary, percentile
from hamsa_contract.mock import ARABIC_SUPPORT_TEMPLATE_ID, create_app, serve_in_thread

PART = "mock"
API_KEY = "bench-load-key"


@dataclass(frozen=True)
class Settings:
    repetitions: int
    requests: int
    concurrency: int
    time_limit_seconds: float = 60.0


@dataclass(frozen=True)
class Round:
    """One repetition's outcome: throughput, latency quantiles and CPU used by each side."""

    requests_per_second: float
    p50_seconds: float
    p99_seconds: float
    client_cpu_share: float
    server_cpu_share: float
    stored: int


def run_load_client(base_url: str, settings: Settings) -> dict[str, Any]:
    command = [
        sys.executable,
        "-m",
        "bench.load_client",
        f"--base-url={base_url}",
        f"--source-id={ARABIC_SUPPORT_TEMPLATE_ID}",
        f"--requests={settings.requests}",
        f"--concurrency={settings.concurrency}",
        f"--time-limit={settings.time_limit_seconds}",
    ]
    finished = run_timed(
        command,
        env={**os.environ, API_KEY_VARIABLE: API_KEY},
        timeout=settings.time_limit_seconds + 60,
    )
    if finished.returncode != 0:
        raise RuntimeError(f"load client failed ({finished.returncode}):\n{finished.tail()}")
    outcome: dict[str, Any] = json.loads(finished.stdout)
    return outcome


def problems(outcome: dict[str, Any], stored_ids: tuple[str, ...]) -> list[str]:
    """Everything that shows a lost or failed request; empty when every clone was stored."""
    found = []
    if outcome["sent"] < outcome["requested"]:
        found.append(f"time limit hit: sent {outcome['sent']} of {outcome['requested']}")
    statuses = outcome["statuses"] | outcome["warmup_statuses"]
    not_ok = {code: count for code, count in statuses.items() if code != "200"}
    if not_ok:
        found.append(f"non-200 answers: {not_ok}")
    if outcome["transport_errors"]:
        found.append(f"transport errors: {outcome['transport_errors']}")
    returned = outcome["ids"] + outcome["warmup_ids"]
    if len(set(returned)) != len(returned):
        found.append("the same clone id was returned twice")
    missing = set(returned) - set(stored_ids)
    if missing:
        found.append(f"{len(missing)} returned clone ids are not in the store")
    if len(stored_ids) != len(returned):
        found.append(f"store holds {len(stored_ids)} clones, client got {len(returned)} ids")
    return found


def run_once(settings: Settings) -> Round:
    # Room for every clone of the run, so no eviction can hide (or fake) a lost one.
    app = create_app(api_key=API_KEY, max_clones=settings.requests + settings.concurrency + 1)
    with serve_in_thread(app) as base_url:
        server_cpu_start = time.process_time()
        outcome = run_load_client(base_url, settings)
        server_cpu = time.process_time() - server_cpu_start
    stored_ids = app.store.clone_ids()
    found = problems(outcome, stored_ids)
    if found:
        raise RuntimeError("mock load lost or failed requests: " + "; ".join(found))
    latencies = outcome["latencies"]
    wall = outcome["wall_seconds"]
    return Round(
        requests_per_second=len(latencies) / wall,
        p50_seconds=percentile(latencies, 0.50),
        p99_seconds=percentile(latencies, 0.99),
        # Client CPU covers its whole process (start-up included): an upper bound.
        client_cpu_share=outcome["cpu_seconds"] / wall,
        server_cpu_share=server_cpu / wall,
        stored=len(stored_ids),
    )


def run(settings: Settings) -> list[Figure]:
    rounds = [run_once(settings) for _ in range(settings.repetitions)]
    detail = {
        "concurrency": settings.concurrency,
        "requests_per_repetition": settings.requests,
        "clones_stored_and_verified": sum(item.stored for item in rounds),
        "non_200_answers": 0,
        "server_cpu_share_median": Summary.of([r.server_cpu_share for r in rounds]).median,
        "client_cpu_share_median": Summary.of([r.client_cpu_share for r in rounds]).median,
        "server": "uvicorn in a thread of the bench process; client: httpx.AsyncClient process",
    }
    return [
        Figure(
            PART,
            f"loopback throughput, {settings.concurrency} concurrent clients",
            "req/s",
            Summary.of([item.requests_per_second for item in rounds]),
            detail,
        ),
        Figure(
            PART,
            "latency p50",
            "ms",
            Summary.of([item.p50_seconds for item in rounds]).scaled(1e3),
            detail,
        ),
        Figure(
            PART,
            "latency p99",
            "ms",
            Summary.of([item.p99_seconds for item in rounds]).scaled(1e3),
            detail,
        ),
    ]
