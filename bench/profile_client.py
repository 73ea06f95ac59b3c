"""`python -m bench.profile_client`: where a generated clone call spends its time (cProfile).

Profiles the same sync call part 1 times (full 200 answer over an in-process transport) and
prints the top functions by own time and by cumulative time. Profiling slows every function
call, so read shares from it, and absolute times from `make bench`.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys

import httpx

from bench.client_overhead import (
    GENERATED,
    answering_transport,
    generated_client,
    sync_variants,
)
from bench.fixtures import BASE_URL, full_clone_answer


def profile(calls: int, top: int) -> str:
    """The report for `calls` generated calls (after a warm-up), `top` rows per ordering."""
    transport = answering_transport(full_clone_answer())
    with (
        generated_client(transport) as client,
        httpx.Client(base_url=BASE_URL, transport=transport) as plain,
    ):
        call = sync_variants(client, plain)[GENERATED]
        for _ in range(200):
            call()
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(calls):
            call()
        profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs()
    print(f"{calls} generated clone calls; times are totals over all of them\n", file=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_client", description=__doc__)
    parser.add_argument("--calls", type=int, default=3000)
    parser.add_argument("--top", type=int, default=25)
    arguments = parser.parse_args(sys.argv[1:])
    print(profile(arguments.calls, arguments.top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
