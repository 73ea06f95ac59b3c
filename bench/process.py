"""Running the project's own commands from the repository root, timed."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bench.machine import REPO_ROOT


@dataclass(frozen=True)
class Finished:
    """A command's exit status, output and wall time."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float

    def tail(self, lines: int = 40) -> str:
        """The last lines of its output, for an error message."""
        return "\n".join((self.stdout + self.stderr).splitlines()[-lines:])


def run_timed(
    command: Sequence[str], *, env: Mapping[str, str] | None = None, timeout: float = 600
) -> Finished:
    """Run `command` in the repository root, capturing its output; never raises on exit status."""
    start = time.perf_counter()
    result = subprocess.run(
        list(command),
        cwd=REPO_ROOT,
        env=None if env is None else dict(env),
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
    return Finished(result.returncode, result.stdout, result.stderr, time.perf_counter() - start)
