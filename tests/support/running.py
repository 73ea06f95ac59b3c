"""Running the contract suite as a user would, in a process of its own, and reading what it
printed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from hamsa_contract.send._settings import child_run_environment
from tests.support import warm

REPO_ROOT: Final = Path(__file__).resolve().parents[2]
# The test families, from the checkout's root (node ids start with it).
SUITE: Final = "src/hamsa_contract/families"
# Generous: a run takes seconds; this only stops a hung one.
TIMEOUT_SECONDS: Final = 300


@dataclass(frozen=True)
class SuiteRun:
    """The exit status and terminal output of one contract run, and where its reports went."""

    returncode: int
    output: str
    reports_dir: Path

    def section(self, title: str) -> list[str]:
        """The summary lines under `title` (e.g. `Failures:`), the title line included."""
        lines = self.output.splitlines()
        start = next((i for i, line in enumerate(lines) if line.startswith(title)), None)
        if start is None:
            return []
        block = [lines[start]]
        for line in lines[start + 1 :]:
            if not line.startswith(" "):
                break
            block.append(line)
        return block


def run_contract_suite(
    tmp_path: Path,
    *,
    marker: str | None = None,
    env: Mapping[str, str] | None = None,
    deselect: Sequence[str] = (),
) -> SuiteRun:
    """`python -m pytest src/hamsa_contract/families` in a process of its own (forked warm:
    tests.support.warm), the tests of one family when `marker` is given, without the tests
    `deselect` names, reports in `tmp_path`, with no HAMSA_* variable from this process's
    environment leaking in."""
    reports_dir = tmp_path / "reports"
    arguments = [
        SUITE,
        "-p",
        "no:cacheprovider",
        "--color=no",
        "-q",
        f"--junitxml={reports_dir / 'contract-tests.xml'}",
    ]
    if marker:
        arguments += ["-m", marker]
    arguments += [f"--deselect={SUITE}/{test}" for test in deselect]
    finished = warm.run(
        arguments,
        env=child_run_environment(reports_dir, env),
        cwd=REPO_ROOT,
        timeout=TIMEOUT_SECONDS,
    )
    return SuiteRun(finished.returncode, finished.stdout + finished.stderr, reports_dir)
