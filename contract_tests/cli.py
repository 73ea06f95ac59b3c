"""Console scripts of hamsa-client: `hamsa-mock` and `hamsa-contract-test`.

Each checks its extra first (a client-only install gets one line naming it, exit status 4, as
pytest uses for a command that cannot start), then hands over: `hamsa-mock` to
`contract_tests.mock.__main__`, `hamsa-contract-test` to pytest on the installed suite, in a
child interpreter that has imported nothing yet (pytest must see `contract_tests` before anything
imports it, to rewrite its assertions). `make mock` and `make contract-test` call these same
commands.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final

from contract_tests.extras import install_hint, missing_requirements
from contract_tests.settings import reports_dir

PACKAGE_DIR: Final = Path(__file__).resolve().parent
PYTEST_CONFIG: Final = PACKAGE_DIR / "pytest-suite.ini"
JUNIT_REPORT: Final = "contract-tests.xml"
CANNOT_START: Final = 4


def mock() -> int:
    """`hamsa-mock`: serve the mock on 127.0.0.1:$HAMSA_MOCK_PORT until interrupted."""
    missing = missing_requirements("mock")
    if missing:
        print(install_hint("hamsa-mock", "mock", missing), file=sys.stderr)
        return CANNOT_START
    from contract_tests.mock.__main__ import main

    return main()


def contract_suite_arguments(argv: Sequence[str], environ: Mapping[str, str]) -> list[str]:
    """pytest's arguments for a contract run: the installed suite (its conftest included), its
    own pytest settings, JUnit XML in the reports folder, then `argv` (later options win)."""
    return [
        str(PACKAGE_DIR),
        f"--config-file={PYTEST_CONFIG}",
        # Node ids read `contract_tests/test_...` installed or in a checkout.
        f"--rootdir={PACKAGE_DIR.parent}",
        # The cache would be written next to the installed package; the suite has no async test.
        "-p",
        "no:cacheprovider",
        "-p",
        "no:asyncio",
        f"--junitxml={reports_dir(environ) / JUNIT_REPORT}",
        *argv,
    ]


def contract_test(argv: Sequence[str] | None = None) -> int:
    """`hamsa-contract-test [pytest options]`: the contract verdict; pytest's exit status as is.
    `hamsa-contract-test --from FILE`: the verdict on recorded traffic (contract_tests.recorded)."""
    missing = missing_requirements("contract")
    if missing:
        print(install_hint("hamsa-contract-test", "contract", missing), file=sys.stderr)
        return CANNOT_START
    arguments = sys.argv[1:] if argv is None else argv
    # `--from FILE`: a verdict on recorded traffic, in this process; nothing is sent.
    from contract_tests.recorded import RecordingError, main, recording_path

    try:
        recording = recording_path(arguments)
    except RecordingError as exc:
        print(f"hamsa-contract-test: {exc}", file=sys.stderr)
        return CANNOT_START
    if recording is not None:
        return main(recording)
    # -P: the current directory stays off sys.path, so a folder there cannot shadow a package.
    command = [sys.executable, "-P", "-m", "pytest"]
    return _wait_for(command + contract_suite_arguments(arguments, os.environ))


def _wait_for(command: list[str]) -> int:
    """Run `command` to its end and return its exit status. Ctrl-C reaches the child too (same
    process group): keep waiting, so pytest can print its summary (ids of created agents)."""
    with subprocess.Popen(command) as child:
        while True:
            try:
                return child.wait()
            except KeyboardInterrupt:
                continue
