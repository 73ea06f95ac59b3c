"""Load generator for part 3, run as its own process: `python -m bench.load_client`.

Keeps `--concurrency` clone requests in flight over loopback HTTP (one httpx.AsyncClient with
one kept-alive connection per task) until `--requests` have been answered or `--time-limit` has
passed, then prints one JSON object: every latency, the count of each status and every clone id
returned. A separate process, so the load generator does not share the server's interpreter lock.
The API key comes from the environment (BENCH_API_KEY), never from the command line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from collections import Counter
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from typing import Any

import httpx

CLONE_PATH = "/v1/voice-agents/clone"
API_KEY_VARIABLE = "BENCH_API_KEY"


@dataclass
class Tally:
    """What came back: latencies (seconds) of every answer, statuses, ids of the clones made."""

    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    ids: list[str] = field(default_factory=list)
    transport_errors: Counter[str] = field(default_factory=Counter)


async def clone_once(client: httpx.AsyncClient, source_id: str, name: str, tally: Tally) -> None:
    start = time.perf_counter()
    try:
        response = await client.post(
            CLONE_PATH, params={"voiceAgentId": source_id}, json={"agentName": name}
        )
    except httpx.HTTPError as exc:
        tally.transport_errors[type(exc).__name__] += 1
        return
    tally.latencies.append(time.perf_counter() - start)
    tally.statuses[response.status_code] += 1
    if response.status_code == 200:
        tally.ids.append(response.json()["data"]["id"])


def connection(arguments: argparse.Namespace, api_key: str) -> httpx.AsyncClient:
    """A client with one kept-alive connection: one per task, so no task waits on a shared pool."""
    return httpx.AsyncClient(
        base_url=arguments.base_url,
        headers={"Authorization": f"Token {api_key}"},
        limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
        timeout=30.0,
    )


async def load(arguments: argparse.Namespace, api_key: str) -> dict[str, Any]:
    warmup, measured = Tally(), Tally()
    async with AsyncExitStack() as stack:
        clients = [
            await stack.enter_async_context(connection(arguments, api_key))
            for _ in range(arguments.concurrency)
        ]
        # Open every connection before the clock starts; these clones count as stored too.
        await asyncio.gather(
            *(
                clone_once(client, arguments.source_id, f"bench-load warmup {task}", warmup)
                for task, client in enumerate(clients)
            )
        )
        next_index = 0
        deadline = time.perf_counter() + arguments.time_limit

        async def worker(client: httpx.AsyncClient) -> None:
            nonlocal next_index
            while next_index < arguments.requests and time.perf_counter() < deadline:
                index, next_index = next_index, next_index + 1
                await clone_once(client, arguments.source_id, f"bench-load {index}", measured)

        start, cpu_start = time.perf_counter(), time.process_time()
        await asyncio.gather(*(worker(client) for client in clients))
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return {
        "wall_seconds": wall,
        "cpu_seconds": cpu,
        "requested": arguments.requests,
        "sent": next_index,
        "latencies": measured.latencies,
        "statuses": {str(code): count for code, count in sorted(measured.statuses.items())},
        "transport_errors": dict(measured.transport_errors + warmup.transport_errors),
        "ids": measured.ids,
        "warmup_ids": warmup.ids,
        "warmup_statuses": {str(code): count for code, count in warmup.statuses.items()},
    }


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.load_client", description=__doc__)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--source-id", required=True)
    parser.add_argument("--requests", type=int, required=True)
    parser.add_argument("--concurrency", type=int, required=True)
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds")
    arguments = parser.parse_args(argv)
    if not arguments.base_url.startswith(("http://127.0.0.1:", "http://localhost:")):
        parser.error("--base-url must be a loopback URL (http://127.0.0.1:<port>)")
    return arguments


def main() -> int:
    arguments = parse_arguments(sys.argv[1:])
    api_key = os.environ.get(API_KEY_VARIABLE)
    if not api_key:
        print(f"{API_KEY_VARIABLE} is not set", file=sys.stderr)
        return 2
    print(json.dumps(asyncio.run(load(arguments, api_key))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
