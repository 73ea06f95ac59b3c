"""`python -m bench`: run the benchmarks, print the table, write the results file.

`make bench` runs the full profile. `--profile smoke` runs every part with a handful of
repetitions (a check that the harness works, not a measurement); `--parts` picks parts.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from bench import (
    client_breakdown,
    client_overhead,
    contract_suite,
    generation,
    machine,
    mock_fixture,
    mock_load,
    wrk_compare,
)
from bench.profiles import PROFILES, Profile
from bench.report import (
    LATEST,
    PARTIAL,
    Figure,
    Skipped,
    results_document,
    table,
    write_results,
)

Part = Callable[[Profile], Sequence[Figure | Skipped]]

PARTS: dict[str, Part] = {
    "client": lambda profile: (
        client_overhead.run(profile.client) + client_breakdown.run(profile.client_pieces)
    ),
    "contract": lambda profile: contract_suite.run(profile.contract),
    "fixture": lambda profile: mock_fixture.run(profile.fixture),
    "mock": lambda profile: [*mock_load.run(profile.mock), *wrk_compare.run(profile.mock_wrk)],
    "generate": lambda profile: generation.run(profile.generate),
}


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--profile", choices=sorted(PROFILES), default="full")
    parser.add_argument(
        "--parts",
        default=",".join(PARTS),
        help=f"comma-separated subset of: {', '.join(PARTS)} (default: all)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help=f"results file (JSON); default {LATEST} for a full run of every part, "
        f"{PARTIAL} otherwise, so a partial or smoke run never replaces the published figures",
    )
    return parser.parse_args(argv)


def default_output(profile_name: str, selected: Sequence[str]) -> Path:
    """latest.json for a full run of every part; partial.json for anything less."""
    complete = profile_name == "full" and sorted(selected) == sorted(PARTS)
    return LATEST if complete else PARTIAL


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    selected = [name.strip() for name in arguments.parts.split(",") if name.strip()]
    unknown = sorted(set(selected) - set(PARTS))
    if unknown:
        print(f"unknown part(s): {', '.join(unknown)}; choose from {', '.join(PARTS)}")
        return 2
    profile = PROFILES[arguments.profile]
    described = machine.describe()
    print(f"bench: profile {profile.name} on {machine.headline(described)}", flush=True)
    start = time.perf_counter()
    figures: list[Figure] = []
    skipped: list[Skipped] = []
    failures: dict[str, str] = {}
    for name in selected:
        part_start = time.perf_counter()
        print(f"bench: {name} ...", flush=True)
        try:
            for item in PARTS[name](profile):
                if isinstance(item, Skipped):
                    skipped.append(item)
                else:
                    figures.append(item)
        except Exception as exc:  # one broken part must not lose the figures of the others
            traceback.print_exc()
            failures[name] = f"{type(exc).__name__}: {exc}"
        print(f"bench: {name} done in {time.perf_counter() - part_start:.1f} s", flush=True)
    described["load_average_at_end"] = machine.load_average()
    document = results_document(
        described, profile.name, figures, time.perf_counter() - start, failures, skipped
    )
    output = arguments.output or default_output(profile.name, selected)
    write_results(document, output)
    print()
    print(table(document))
    print(f"\nwritten to {output}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
