"""`python -m bench.st_run_compare`: plain `st run` and the contract suite side by side on servers
of the catalogue (`tests/catalogue/entries.py`), both with default settings.

For each server: `st run` on the project's spec (schemathesis' defaults: every phase and check,
the seed it picks; only the base URL and `Authorization: Token <key>` given), and the suite's
default live run. A server where `st run` reports a failure is one the suite must call
"CONTRACT BROKEN" too, unless the failure is one CONTRACT.md rules out (`ST_ONLY`: another method
answered 4xx but not 405, decision 10). Every conformant server `st run` fails is a false alarm of
`st run`, listed.

    .venv/bin/python -m bench.st_run_compare                   # the request-shape servers
    .venv/bin/python -m bench.st_run_compare --servers a,b,c   # others

Exit status 1 when a break `st run` reports is not reported by the suite.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from hamsa_contract import _spec as spec
from hamsa_contract.mock import DEFAULT_API_KEY, serve_in_thread
from tests.catalogue.entries import CATALOGUE, Entry, Expect
from tests.support.live import SelfServed, run_live

ST: Final = Path(sys.executable).with_name("st")
DEFAULT_SERVERS: Final = (
    "binds_other_media_types",
    "reads_first_json_value",
    "server_error_on_non_utf8",
    "server_error_on_nan",
    "binds_members_case_insensitively",
    "refuses_falsy_names",
    "falsy_names_default_to_source",
    "server_error_on_invalid_json",
    "accepts_no_credentials",
    "other_media_types_400",
    "reads_nan",
    "stdlib_closes_early",
)
# st run failures CONTRACT.md rules out: decision 10 lets another method answer any 4xx, where
# these checks demand 405 with an Allow header.
ST_ONLY: Final = frozenset(
    {"Unsupported methods", "Missing Allow header", "Wrong response to undeclared method"}
)
_FAILURE: Final = re.compile(r"❌ (ST\d+ )?(?P<title>[^:\n]+): \d+")


@dataclass(frozen=True)
class Side:
    """One server, as `st run` and the suite saw it."""

    entry: Entry
    st_failures: tuple[str, ...]
    st_seconds: float
    suite_verdict: str
    suite_seconds: float
    agents: int

    @property
    def st_breaks(self) -> tuple[str, ...]:
        return tuple(title for title in self.st_failures if title not in ST_ONLY)

    @property
    def missed(self) -> bool:
        """`st run` reports a break the suite does not."""
        return bool(self.st_breaks) and self.suite_verdict != "CONTRACT BROKEN"


def st_run(base_url: str) -> tuple[tuple[str, ...], float]:
    """The titles of the failures plain `st run` reports on `base_url`, and its time."""
    started = time.monotonic()
    done = subprocess.run(
        [
            str(ST),
            "run",
            str(spec.SPEC_PATH),
            "--url",
            base_url,
            "-H",
            f"Authorization: Token {DEFAULT_API_KEY}",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    summary = done.stdout.rpartition("SUMMARY")[2]
    titles = tuple(found.group("title").strip() for found in _FAILURE.finditer(summary))
    return titles, time.monotonic() - started


def compare(entry: Entry, workdir: Path) -> Side:
    app = entry.factory()
    serving = app.serve() if isinstance(app, SelfServed) else serve_in_thread(app)
    with serving as base_url:
        failures, st_seconds = st_run(base_url)
    # A fresh server for the suite: st run's requests leave agents behind.
    live = run_live(entry.factory(), workdir / entry.name, dict(entry.env))
    verdict = next(
        (
            line.split(":", 1)[1].split("(")[0].strip()
            for line in live.run.output.splitlines()
            if line.startswith("Verdict:")
        ),
        "no verdict",
    )
    return Side(entry, failures, st_seconds, verdict, live.seconds, live.created)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", default=",".join(DEFAULT_SERVERS))
    args = parser.parse_args(argv)
    wanted = args.servers.split(",")
    entries = [entry for entry in CATALOGUE if entry.name in wanted]
    missed = 0
    with tempfile.TemporaryDirectory(prefix="st-compare-") as workdir:
        for entry in entries:
            side = compare(entry, Path(workdir))
            missed += side.missed
            expected = entry.expect.value
            st_said = ", ".join(side.st_failures) or "no failure"
            false_alarm = entry.expect is Expect.CONFORMANT and side.st_breaks
            print(
                f"{entry.name} ({expected}): st run {st_said} ({side.st_seconds:.0f} s); "
                f"suite {side.suite_verdict} ({side.suite_seconds:.0f} s, {side.agents} agents)"
                + ("  <- MISSED by the suite" if side.missed else "")
                + ("  <- st run false alarm" if false_alarm else ""),
                flush=True,
            )
    print(f"breaks st run reports that the suite misses: {missed}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
