"""A pytest plugin that breaks a contract run on purpose, for the tests of what a user still gets
(the exit status, the verdict, the agents created). Loaded into the run with
`-- -p tests.packaging.run_breakers`; the variable BREAK_RUN says how:

- `internal-error`: a hook raises after the first semantics check (pytest's INTERNALERROR);
- `killed`: the run's process is killed there (SIGKILL: no summary, no clean-up);
- `interrupted`: Ctrl-C there (SIGINT to the run's process);
- `reports-gone`: the reports folder is replaced by a file before the reports are written;
- `drops-tests`: the security checks are dropped from the run without a word;
- `verdict-fails`: the suite's own code fails while it decides the verdict (after every check).
"""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path
from typing import Final

import pytest

HOW: Final = "BREAK_RUN"
# By then the planned clones exist: agents a broken run must not lose.
AFTER_TEST: Final = "test_clone_has_a_new_id"


def _how() -> str:
    return os.environ.get(HOW, "")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when != "teardown" or not report.nodeid.endswith(AFTER_TEST):
        return
    if _how() == "internal-error":
        raise RuntimeError("a hook failed, on purpose")
    if _how() == "verdict-fails":
        from hamsa_contract.run._suite import active

        def fails() -> None:
            raise RuntimeError("the verdict failed, on purpose")

        active().transport.settle_unused = fails  # type: ignore[method-assign]
    if _how() == "killed":
        os.kill(os.getpid(), signal.SIGKILL)
    if _how() == "interrupted":
        os.kill(os.getpid(), signal.SIGINT)


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish() -> None:
    if _how() == "reports-gone":
        reports = Path(os.environ["HAMSA_REPORTS_DIR"])
        shutil.rmtree(reports)
        reports.write_text("not a folder any more\n", encoding="utf-8")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if _how() == "drops-tests":
        items[:] = [item for item in items if "test_security.py" not in item.nodeid]
