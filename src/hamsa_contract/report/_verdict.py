"""The run's verdict: three outcomes, each with its own exit status.

- kept (0): every check of the suite ran and none failed (a run narrowed by pytest's options, or
  stopped early, is INCOMPLETE: `run/_selection.py`).
- BROKEN (1): a check failed. A failure once seen always wins: no later skip turns it into
  anything else.
- INCOMPLETE (2): nothing failed, but some check could not run (the write cap, a request without
  an answer, a persistent 429, ...). Not a pass: the summary says what did not run and what to do.

1 and 2 follow pytest's own meanings (tests failed; the run was interrupted), so a pytest run that
collected nothing or was stopped is never read as kept. Three statuses are not verdicts: 3, a
setting the first answers show to be wrong (`preflight.SETTINGS_WRONG`: the server was not
judged), 4, a run that could not start (pytest's usage error; `command_line.CANNOT_START`), and
5, the tool's own failure (pytest's INTERNALERROR, a crash; `command_line.TOOL_FAILED`).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping


class Verdict(enum.Enum):
    KEPT = ("contract kept", 0)
    BROKEN = ("CONTRACT BROKEN", 1)
    INCOMPLETE = ("INCOMPLETE", 2)

    @property
    def label(self) -> str:
        return self.value[0]

    @property
    def exit_status(self) -> int:
        return self.value[1]


def decide(failures: int, not_run: Mapping[str, int]) -> Verdict:
    """BROKEN if anything failed, else INCOMPLETE if anything did not run, else kept."""
    if failures:
        return Verdict.BROKEN
    if any(not_run.values()):
        return Verdict.INCOMPLETE
    return Verdict.KEPT


# pytest's statuses (pytest.ExitCode) a run with a verdict can end with: all tests ran, some
# failed, it was interrupted, or its options selected no test.
_PYTEST_OK, _PYTEST_TESTS_FAILED, _PYTEST_INTERRUPTED, _PYTEST_NO_TESTS = 0, 1, 2, 5


def exit_status(pytest_status: int, verdict: Verdict) -> int:
    """The run's exit status: the verdict's (an interrupted or empty run has one too: what did not
    run is counted), except that a failing test outside the suite is still a failure (1);
    pytest's own status for anything else."""
    if pytest_status in (_PYTEST_OK, _PYTEST_INTERRUPTED, _PYTEST_NO_TESTS):
        return verdict.exit_status
    if pytest_status == _PYTEST_TESTS_FAILED:
        return Verdict.BROKEN.exit_status
    return pytest_status
