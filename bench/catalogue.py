"""`python -m bench.catalogue`: what the default live run catches on the catalogue of broken and
conformant servers (`tests/catalogue/entries.py`), at each write cap, and how long a run
takes on the mock and at 60 ms latency.

For each cap (`--caps`, default 10 = the default cap and 50) every server of the catalogue is
served on loopback and the whole suite run against it live, a few at a time (`--parallel`):

- caught: a broken server gets "CONTRACT BROKEN" (exit 1) naming its rule; "any exit 1" also
  counts the broken ones failed under another rule;
- unanswered: a server that leaves requests without an answer gets anything but "contract kept";
- false alarms: a conformant server gets anything but "contract kept" (exit 0).

Then the whole suite, one run at a time, on the correct mock and on
`slow_60ms`: wall time, the ratio between them, and the agents each run created. Times depend on
the machine and its load; compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from hamsa_contract.mock import create_app
from hamsa_contract.run._preflight import SETTINGS_WRONG
from hamsa_contract.send._target import LIVE_MAX_WRITES
from tests.catalogue import conformant_servers
from tests.catalogue.entries import CATALOGUE, Entry, Expect
from tests.support.live import LiveRun, run_live


@dataclass(frozen=True)
class Outcome:
    entry: Entry
    cap: int
    done: LiveRun

    @property
    def named(self) -> bool:
        failures = self.done.run.section("Failures:")[1:]
        return self.done.run.returncode == 1 and any(self.entry.rule in line for line in failures)

    @property
    def as_expected(self) -> bool:
        code = self.done.run.returncode
        if self.entry.expect is Expect.BROKEN:
            return self.named
        if self.entry.expect is Expect.UNANSWERED:
            return code != 0
        if self.entry.expect is Expect.SETTINGS:
            return (
                code == SETTINGS_WRONG
                and f"Wrong setting: {self.entry.rule}" in self.done.run.output
            )
        return code == 0 and self.done.run.section("Not run:") == ["Not run:  none"]

    def line(self) -> str:
        failures = " | ".join(line.strip() for line in self.done.run.section("Failures:")[1:])
        if self.as_expected:
            verdict = "ok  "
        else:
            verdict = "FALSE ALARM" if self.entry.expect is Expect.CONFORMANT else "MISS"
        return (
            f"{verdict} cap {self.cap:>3} {self.entry.expect.value:<10} {self.entry.name:<34} "
            f"exit {self.done.run.returncode} agents {self.done.created:>3} "
            f"{self.done.seconds:5.1f} s  {failures[:160]}"
        )


def run_catalogue(entries: Sequence[Entry], cap: int, parallel: int, root: Path) -> list[Outcome]:
    def one(entry: Entry) -> Outcome:
        tmp = root / f"cap{cap}-{entry.name}"
        tmp.mkdir()
        env = {**entry.env, **({} if cap == LIVE_MAX_WRITES else {"HAMSA_MAX_WRITES": str(cap)})}
        outcome = Outcome(entry, cap, run_live(entry.factory(), tmp, env))
        print(outcome.line(), flush=True)
        return outcome

    with ThreadPoolExecutor(parallel) as pool:
        return list(pool.map(one, entries))


def tally(outcomes: list[Outcome]) -> list[str]:
    cap = outcomes[0].cap
    broken = [o for o in outcomes if o.entry.expect is Expect.BROKEN]
    unanswered = [o for o in outcomes if o.entry.expect is Expect.UNANSWERED]
    conformant = [o for o in outcomes if o.entry.expect is Expect.CONFORMANT]
    seconds = [o.done.seconds for o in outcomes]
    return [
        f"cap {cap}: broken caught with their rule {sum(o.named for o in broken)}/{len(broken)}"
        f" (any exit 1: {sum(o.done.run.returncode == 1 for o in broken)}); "
        f"unanswered not passed {sum(o.as_expected for o in unanswered)}/{len(unanswered)}; "
        f"false alarms {sum(not o.as_expected for o in conformant)}/{len(conformant)}; "
        f"agents on conformant servers max {max((o.done.created for o in conformant), default=0)}; "
        f"run time median {statistics.median(seconds):.1f} s, max {max(seconds):.1f} s "
        f"({len(outcomes)} runs, a few at a time)",
        *(f"  not as expected: {o.line()}" for o in outcomes if not o.as_expected),
    ]


def timing(root: Path) -> list[str]:
    lines = []
    plain = run_live(create_app(), root / "timing-mock")
    slow = run_live(conformant_servers.slow_60ms(), root / "timing-60ms")
    for label, done in (("mock", plain), ("60 ms latency", slow)):
        lines.append(
            f"full run on the {label}: {done.seconds:.1f} s, exit {done.run.returncode}, "
            f"{done.created} agents created"
        )
    lines.append(f"60 ms latency / mock: {slow.seconds / plain.seconds:.2f}x")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.catalogue", description=__doc__)
    parser.add_argument("--caps", default="10,50", help="write caps to run at (default 10,50)")
    parser.add_argument("--parallel", type=int, default=3, help="runs at once (default 3)")
    parser.add_argument("--only", default="", help="comma-separated catalogue names")
    parser.add_argument("--no-timing", action="store_true", help="skip the two timed full runs")
    arguments = parser.parse_args(argv)
    only = {name for name in arguments.only.split(",") if name}
    entries = [entry for entry in CATALOGUE if not only or entry.name in only]
    broken = sum(entry.expect is not Expect.CONFORMANT for entry in entries)
    summary = [f"catalogue: {broken} broken, {len(entries) - broken} conformant"]
    with tempfile.TemporaryDirectory(prefix="hamsa-catalogue-") as root:
        for cap in (int(cap) for cap in arguments.caps.split(",") if cap):
            summary += tally(run_catalogue(entries, cap, arguments.parallel, Path(root)))
        if not arguments.no_timing:
            summary += timing(Path(root))
    print("\n".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
