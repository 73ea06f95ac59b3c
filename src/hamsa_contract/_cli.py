"""Console scripts of hamsa-client: `hamsa-mock` and `hamsa-contract-test`.

Each checks its extra (a client-only install gets one line naming it, exit status 4, as pytest
uses for a command that cannot start; `--help` and `--version` need no extra) and reads its
command line: a bad flag or value is one line and exit status 4, before any request.
`hamsa-mock` then hands over to `hamsa_contract.mock.__main__`; `hamsa-contract-test` either
prints its plan (`--plan`, nothing sent) or runs pytest on the installed suite, in a child
interpreter that has imported nothing yet (pytest must see `hamsa_contract` before anything
imports it, to rewrite its assertions), with the flags set as the environment variables they
stand for (`settings.OPTIONS`). `make mock` and `make contract-test` call these same commands.

`hamsa-contract-test` exits with the status the run decided (0-4, see CONTRACT_EPILOG) only when
the child's own record of its ending agrees (`_run_record.py`); any other ending, and any bug of
its own, is status 5 (`TOOL_FAILED`), with the agents the run created printed from that record.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final

from hamsa_contract._command_line import CANNOT_START as CANNOT_START
from hamsa_contract._command_line import TOOL_FAILED as TOOL_FAILED
from hamsa_contract._command_line import one_line_parser, version_line
from hamsa_contract._extras import install_hint, missing_requirements
from hamsa_contract._redaction import Redactor
from hamsa_contract._run_record import (
    AGENTS_FILE,
    ENV_RUN_RECORD,
    read_agents,
    read_ending,
)
from hamsa_contract.send._settings import (
    ENV_DETAILS,
    ENV_REPORTS_DIR,
    OPTIONS,
    RunSettings,
    SettingsError,
    reports_dir,
    usable_reports_dir,
    with_flags,
)

PACKAGE_DIR: Final = Path(__file__).resolve().parent
# The test families pytest runs, and their own pytest settings.
SUITE_DIR: Final = PACKAGE_DIR / "families"
PYTEST_CONFIG: Final = SUITE_DIR / "pytest-suite.ini"
JUNIT_REPORT: Final = "contract-tests.xml"
CONTRACT_COMMAND: Final = "hamsa-contract-test"
# Characters of an agent's (JSON-quoted) name shown when the command lists the agents itself.
NAME_SHOWN: Final = 60

CONTRACT_EPILOG_TEMPLATE: Final = """\
exit status:
  0  contract kept: every check ran, none failed
  1  CONTRACT BROKEN: a check failed (the summary lists each rule broken)
  2  INCOMPLETE: nothing failed, some check could not run (not a pass)
  3  a setting is wrong: the first answers show it (no connection to the base URL, a base URL
     that is not the API's root, a refused key, an unknown agent); one line names it
  4  bad command line or settings, or a missing extra: nothing was sent
  5  the tool itself failed (a bug, pytest's INTERNALERROR): no verdict; the agents the run
     created are still listed

environment:
  HAMSA_API_KEY          the key, sent as `Authorization: Token <key>`. Read from the
                         environment only: a flag would put it in `ps` output and shell history.
                         Masked in everything the suite prints or writes
{flag_variables}
                         the same settings as the flags above (a flag wins)
  HAMSA_MOCK_TRANSPORT   `http` serves the embedded mock on a loopback port (default in-process)
  HAMSA_MOCK_APP         package.module:factory, another app to judge as the embedded mock
  HAMSA_SPEC             another spec file to judge by (default the packaged one)

examples:
  hamsa-contract-test                                   # the embedded mock
  hamsa-contract-test -- -m semantics                   # one family (pytest options after --;
                                                        # INCOMPLETE: the others did not run)
  HAMSA_API_KEY=... hamsa-contract-test --base-url https://api.tryhamsa.com \\
      --voice-agent-id <id> --plan                      # what a live run would send and create
"""
CONTRACT_EPILOG: Final = CONTRACT_EPILOG_TEMPLATE.format(
    flag_variables="\n".join(
        textwrap.wrap(
            ", ".join([*(option.variable for option in OPTIONS), ENV_DETAILS]),
            96,
            initial_indent="  ",
            subsequent_indent="  ",
        )
    )
)
# What `--from` cannot honour: it judges a file, in this process, and sends nothing.
FROM_IGNORES: Final = ("--plan", "--details", *(option.flag for option in OPTIONS))


def contract_parser() -> argparse.ArgumentParser:
    parser = one_line_parser(
        CONTRACT_COMMAND,
        "The contract verdict on a Hamsa clone server: the live API named by the settings, or the "
        "embedded mock. Arguments after `--` go to pytest.",
        CONTRACT_EPILOG,
    )
    for option in OPTIONS:
        parser.add_argument(
            option.flag, metavar=option.metavar, help=f"{option.help} [{option.variable}]"
        )
    parser.add_argument(
        "--details",
        action="store_true",
        help=f"add pytest's full report (tracebacks) to each failure [{ENV_DETAILS}=1]",
    )
    parser.add_argument(
        "--plan",
        action="store_true",
        help="print the write plan, every kind of request the run would send and the agents it "
        "would create, for these settings; send nothing",
    )
    parser.add_argument(
        "--from",
        dest="recording",
        metavar="FILE",
        help="judge the clone exchanges recorded in FILE (a HAR file, a VCR cassette or the "
        "client's findings file) with the live run's answer checks; send nothing",
    )
    return parser


def mock() -> int:
    """`hamsa-mock`: serve the mock until interrupted (see `hamsa-mock --help`)."""
    missing = missing_requirements("mock")
    if missing and "--version" in sys.argv[1:]:
        print(version_line("hamsa-mock"))
        return 0
    if missing:
        print(install_hint("hamsa-mock", "mock", missing), file=sys.stderr)
        return CANNOT_START
    from hamsa_contract.mock.__main__ import main

    return main(sys.argv[1:])


def contract_suite_arguments(argv: Sequence[str], environ: Mapping[str, str]) -> list[str]:
    """pytest's arguments for a contract run: the installed suite (its conftest included), its
    own pytest settings, JUnit XML in the reports folder, then `argv` (later options win)."""
    return [
        str(SUITE_DIR),
        f"--config-file={PYTEST_CONFIG}",
        # Node ids read `hamsa_contract/families/test_...` installed or in a checkout.
        f"--rootdir={PACKAGE_DIR.parent}",
        # The cache would be written next to the installed package; the suite has no async test.
        "-p",
        "no:cacheprovider",
        "-p",
        "no:asyncio",
        f"--junitxml={reports_dir(environ) / JUNIT_REPORT}",
        *argv,
    ]


def split_pytest_arguments(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """The command's own arguments, and pytest's (everything after the first `--`)."""
    arguments = list(argv)
    if "--" not in arguments:
        return arguments, []
    cut = arguments.index("--")
    return arguments[:cut], arguments[cut + 1 :]


def contract_environment(
    namespace: argparse.Namespace, environ: Mapping[str, str]
) -> dict[str, str]:
    """The run's environment: `environ` with the flags given set as their variables, checked
    by the suite's own readers (and, for a run, a reports folder it can write to); SettingsError
    or TargetError naming the flag or variable."""
    from hamsa_contract.send._target import live_target

    flags = {option.flag: getattr(namespace, _dest(option.flag)) for option in OPTIONS}
    chosen = with_flags(environ, flags)
    if namespace.details:
        chosen[ENV_DETAILS] = "1"
    # Reports land where the command was started, even if pytest's directory differs.
    chosen[ENV_REPORTS_DIR] = str(reports_dir(chosen))
    try:
        settings = RunSettings.from_environ(chosen)
        live_target(chosen)
        if not namespace.plan:
            usable_reports_dir(settings.reports_dir)
    except ValueError as exc:
        message = str(exc)
        for option in OPTIONS:
            if flags[option.flag] is not None:
                message = message.replace(option.variable, option.flag)
        raise type(exc)(message) from None
    return chosen


def contract_test(argv: Sequence[str] | None = None) -> int:
    """`hamsa-contract-test [options] [-- pytest options]`: the contract verdict, with the exit
    statuses of CONTRACT_EPILOG: the run's own (0-3), 4 for a command line or settings that cannot
    start a run, 5 for the tool's own failure. `hamsa-contract-test --from FILE`: the verdict on
    recorded traffic (hamsa_contract.run._recorded)."""
    try:
        return _contract_test(argv)
    except Exception:
        # A bug of the command itself: the traceback for the report, then one line that says it
        # is no verdict (an uncaught exception would exit 1, CONTRACT BROKEN's status).
        redact = Redactor([os.environ.get("HAMSA_API_KEY", "")])
        print(redact(traceback.format_exc()), file=sys.stderr, end="")
        print(
            f"{CONTRACT_COMMAND}: internal error (a bug in the suite, not a verdict on the "
            f"server): exit status {TOOL_FAILED}",
            file=sys.stderr,
        )
        return TOOL_FAILED


def _contract_test(argv: Sequence[str] | None) -> int:
    own, pytest_arguments = split_pytest_arguments(sys.argv[1:] if argv is None else argv)
    parser = contract_parser()
    try:
        # --help and --version need no extra.
        namespace = parser.parse_args(own)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    missing = missing_requirements("contract")
    if missing:
        print(install_hint(CONTRACT_COMMAND, "contract", missing), file=sys.stderr)
        return CANNOT_START
    if namespace.recording is not None:
        ignored = [
            flag for flag in FROM_IGNORES if getattr(namespace, _dest(flag)) not in (None, False)
        ]
        if pytest_arguments:
            ignored.append("pytest options after --")
        if ignored:
            print(
                f"{CONTRACT_COMMAND}: error: --from judges a recording and sends nothing; "
                f"{', '.join(ignored)} cannot apply to it (see {CONTRACT_COMMAND} --help)",
                file=sys.stderr,
            )
            return CANNOT_START
        # A verdict on recorded traffic, in this process: nothing is sent, so no target is
        # needed (HAMSA_API_KEY alone names the key to look for).
        from hamsa_contract.run._recorded import main as judge_recording

        return judge_recording(Path(namespace.recording))
    try:
        environ = contract_environment(namespace, os.environ)
    except (SettingsError, ValueError) as exc:
        print(f"{CONTRACT_COMMAND}: error: {exc}", file=sys.stderr)
        _record_cannot_start(namespace, str(exc))
        return CANNOT_START
    if namespace.plan:
        from hamsa_contract.run._plan_preview import plan_lines

        print("\n".join(plan_lines(environ)))
        return 0
    # pytest and schemathesis take a few seconds to load: say so at once.
    print(
        f"{CONTRACT_COMMAND}: setting up the run (target, spec, checks)...",
        file=sys.stderr,
        flush=True,
    )
    # -P: the current directory stays off sys.path, so a folder there cannot shadow a package.
    command = [sys.executable, "-P", "-m", "pytest"]
    command += contract_suite_arguments(pytest_arguments, environ)
    with tempfile.TemporaryDirectory(prefix="hamsa-contract-run-") as record:
        status = _wait_for(command, {**environ, ENV_RUN_RECORD: record})
        return _settled(status, Path(record), Redactor([environ.get("HAMSA_API_KEY", "")]))


def _settled(status: int, record: Path, redact: Redactor) -> int:
    """The command's exit status for a child that exited with `status`: its own when its record
    of its ending agrees, pytest's usage error (4) as is; any other ending is the tool's failure
    (5). Unless the child showed them, the agents it created are printed from the record."""
    ending = read_ending(record)
    if ending is not None and ending.exit_status == status:
        if not ending.agents_shown:
            _print_agents(record, redact)
        return status
    if ending is None and status == CANNOT_START:
        # pytest's usage error (an unknown option after `--`, a target that cannot open): one
        # message of pytest's, nothing sent.
        return CANNOT_START
    _print_agents(record, redact)
    print(
        f"{CONTRACT_COMMAND}: the run ended without its verdict (pytest exited with status "
        f"{status}; see above): exit status {TOOL_FAILED}, the tool failed, not a verdict on "
        "the server",
        file=sys.stderr,
    )
    return TOOL_FAILED


def _print_agents(record: Path, redact: Redactor) -> None:
    agents = read_agents(record / AGENTS_FILE)
    if not agents:
        return
    lines = [f"{CONTRACT_COMMAND}: agents this run created ({len(agents)}; delete them when done):"]
    for agent_id, name in agents:
        # JSON-quoted and cut: names hold control characters and run to thousands of characters.
        shown = "" if name is None else json.dumps(name)
        if len(shown) > NAME_SHOWN:
            shown = f"{shown[:NAME_SHOWN]}... ({len(name or '')} characters)"
        lines.append(f"  {agent_id} {shown}".rstrip())
    print(redact("\n".join(lines)), file=sys.stderr)


def _record_cannot_start(namespace: argparse.Namespace, message: str) -> None:
    """verdict.json and the JUnit XML of a run its settings stopped (exit 4), in the reports
    folder they name, for a CI job that reads files, not the terminal. Best effort: when the
    folder is what is wrong (not a folder the run can write to), the one line above is all
    there is."""
    from hamsa_contract.report._verdict_file import (
        setting_named,
        settings_document,
        write_junit_settings_failure,
        write_verdict_file,
    )

    flags = {option.flag: getattr(namespace, _dest(option.flag)) for option in OPTIONS}
    chosen = with_flags(os.environ, flags)
    redact = Redactor([chosen.get("HAMSA_API_KEY", "")])
    started = time.time()
    try:
        folder = usable_reports_dir(reports_dir(chosen))
        document = settings_document(
            redact(message), exit_status=CANNOT_START, started_at=started, finished_at=started
        )
        write_verdict_file(folder, document, redact)
        write_junit_settings_failure(folder / JUNIT_REPORT, setting_named(message), redact(message))
    except (OSError, ValueError):
        return


def _dest(flag: str) -> str:
    return flag.removeprefix("--").replace("-", "_")


def _wait_for(command: list[str], environ: Mapping[str, str]) -> int:
    """Run `command` to its end and return its exit status. Ctrl-C reaches the child too (same
    process group): keep waiting, so pytest can print its summary (ids of created agents)."""
    with subprocess.Popen(command, env=dict(environ)) as child:
        while True:
            try:
                return child.wait()
            except KeyboardInterrupt:
                continue
