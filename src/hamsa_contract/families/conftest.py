"""pytest wiring of the contract suite.

- Before collection: the target is chosen and opened (a bad configuration stops the run with a
  usage error, before any request).
- Each test belongs to a family (a marker): `-m semantics` runs one. Families run in a fixed
  order; the planned clones are made by the first test that needs them, schemathesis' generated
  cases run last and take the writes the plan leaves.
- A failing check shows, in one screen, the rule it broke, what was wrong, its last requests as
  curl lines (key masked) and the answers, cut to a readable length. No library traceback unless
  HAMSA_DETAILS=1. A failure seen outside the test's own assertions (the judge, the door) fails
  the test that was running; a test that could not run is skipped with the reason.
- The run ends with a verdict (see `report/_verdict.py`) and a short summary (see
`report/_summary.py`).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections import Counter
from collections.abc import Generator, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Final, TypeGuard
from xml.etree import ElementTree

import httpx
import pytest
from hypothesis.configuration import set_hypothesis_home_dir
from schemathesis.core.failures import FailureGroup

from hamsa_contract._command_line import CANNOT_START, TOOL_FAILED
from hamsa_contract._run_record import Ending, record_folder, write_ending
from hamsa_contract.drift._log import write_drift_report
from hamsa_contract.judge._conformance import enabled_builtin_checks
from hamsa_contract.report._failures import concise_failure
from hamsa_contract.report._sources import source_of
from hamsa_contract.report._summary import RunFacts, plural, render
from hamsa_contract.report._verdict import Verdict, decide, exit_status
from hamsa_contract.report._verdict_file import (
    TargetFacts,
    junit_with_incomplete,
    settings_document,
    tool_failed_document,
    verdict_document,
    write_junit_settings_failure,
    write_verdict_file,
)
from hamsa_contract.run._families import FAMILIES
from hamsa_contract.run._planned_clones import (
    Clone,
    make_clones_of_clones,
    make_first,
    make_left_to_the_server,
    make_overlapping,
)
from hamsa_contract.run._preflight import (
    SETTINGS_WRONG,
    Preflight,
    SettingsWrong,
    check_agent,
    check_target,
)
from hamsa_contract.run._selection import (
    Selection,
    collecting_options,
    not_run_reasons,
    planned_checks,
    selecting_options,
)
from hamsa_contract.run._suite import Suite, activate
from hamsa_contract.send._clone_requests import CloneApi
from hamsa_contract.send._journal import Exchange
from hamsa_contract.send._prefetch import prefetch_answers
from hamsa_contract.send._settings import SettingsError
from hamsa_contract.send._target import TargetError

SUITE_KEY: Final = pytest.StashKey[Suite]()
FAMILY_OF_NODE: Final = pytest.StashKey[dict[str, str]]()
VERDICT_KEY: Final = pytest.StashKey[Verdict]()
REPORT_TEXT: Final = pytest.StashKey[str]()
PREFLIGHT_KEY: Final = pytest.StashKey[Preflight]()
MISTAKE_KEY: Final = pytest.StashKey[str]()
# The setting a mistake names (e.g. HAMSA_BASE_URL), for the JUnit case and verdict.json.
MISTAKEN_SETTING: Final = pytest.StashKey[str]()
FACTS_KEY: Final = pytest.StashKey[RunFacts]()
# pytest's usage error met while collecting (a test path not found): the run cannot start (exit 4).
USAGE_ERROR_KEY: Final = pytest.StashKey[str]()
# What verdict.json and the JUnit case name for it.
PYTEST_OPTIONS: Final = "pytest options"
# A skip report's location: (path, line, "Skipped: <reason>").
SKIP_LOCATION_PARTS: Final = 3
SHOWN_EXCHANGES: Final = 3
ENV_DETAILS: Final = "HAMSA_DETAILS"
HYPOTHESIS_HOME: Final = pytest.StashKey[tempfile.TemporaryDirectory[str]]()
# Node ids of the tests the run started, collected and deselected; whether the summary was shown.
STARTED_KEY: Final = pytest.StashKey[set[str]]()
COLLECTED_KEY: Final = pytest.StashKey[set[str]]()
DESELECTED_KEY: Final = pytest.StashKey[set[str]]()
SUMMARY_SHOWN: Final = pytest.StashKey[bool]()
# The folder of the family modules: every check of the suite.
SUITE_DIR: Final = Path(__file__).resolve().parent


def pytest_configure(config: pytest.Config) -> None:
    for family, description in FAMILIES.items():
        config.addinivalue_line("markers", f"{family}: {description}")
    try:
        suite = Suite.open(os.environ)
    except (TargetError, SettingsError) as exc:
        raise pytest.UsageError(f"contract suite: {exc}") from None
    config.stash[SUITE_KEY] = suite
    activate(suite)
    # FAILED lines name a check by its node id (hamsa_contract/families/test_...), not by a path
    # from where the run started (.venv/lib/python3.11/site-packages/hamsa_contract/...).
    setattr(config, "cwd_relative_nodeid", _node_id)  # noqa: B010 (a method of an instance)
    # A failure's screen is printed once: in CI (a CI variable set) or with -vv, pytest would
    # repeat each whole screen in its FAILED line; the line keeps the rule, cut to the width.
    config.option.force_short_summary = True
    # Hypothesis keeps caches (the suite keeps no example database) in its home, never in the
    # directory the user runs from: the user's cache folder, where the table of characters it
    # computes once (about 2 s of every run otherwise) is found by the next run; a folder of the
    # run's own, removed at the end, when that cannot be written.
    home = _hypothesis_cache()
    if home is None:
        scratch = tempfile.TemporaryDirectory(prefix="hamsa-contract-hypothesis-")
        config.stash[HYPOTHESIS_HOME] = scratch
        home = Path(scratch.name)
    set_hypothesis_home_dir(str(home))


def _hypothesis_cache() -> Path | None:
    """`hamsa-contract/hypothesis` in the user's cache folder (XDG_CACHE_HOME, else ~/.cache),
    made if needed; None when there is none or it cannot be written."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    try:
        root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
        home = root / "hamsa-contract" / "hypothesis"
        home.mkdir(parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # RuntimeError: no home directory to be found
        return None
    return home if os.access(home, os.W_OK | os.X_OK) else None


def _node_id(nodeid: str) -> str:
    return nodeid


def _progress(config: pytest.Config, line: str) -> None:
    """One line of progress, so a run says what it is doing from its first second."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.ensure_newline()
        reporter.write_line(line)


def pytest_sessionstart(session: pytest.Session) -> None:
    """Progress lines name the family (`requests ....`), not the path of the installed suite
    (deep inside site-packages): pytest has no hook for that line, so its writer is wrapped."""
    config = session.config
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None or SUITE_KEY not in config.stash:
        return
    # Paths pytest still prints (skip locations, verbose ids) read hamsa_contract/...
    reporter.startpath = config.rootpath
    write_path = reporter.write_fspath_result

    def write_family(nodeid: str, res: str, **markup: bool) -> None:
        family = config.stash.get(FAMILY_OF_NODE, {}).get(nodeid)
        # A node id whose path is the family's name: pytest prints it as that name.
        write_path(nodeid if family is None else f"{family}::", res, **markup)

    setattr(reporter, "write_fspath_result", write_family)  # noqa: B010 (a method of an instance)


def pytest_unconfigure(config: pytest.Config) -> None:
    suite = config.stash.get(SUITE_KEY, None)
    if suite is None:
        return
    # After every plugin's sessionfinish: the JUnit and schemathesis writers are closed by now.
    _amend_junit(config)
    for path in _report_files(config, suite):
        try:
            suite.redact.scrub_file(str(path))
        except OSError:
            # Unreadable or read-only now: nothing more can be done to it (the summary said so).
            continue
    suite.close()
    activate(None)
    set_hypothesis_home_dir(None)
    scratch = config.stash.get(HYPOTHESIS_HOME, None)
    if scratch is not None:
        scratch.cleanup()


def family_of(item: pytest.Item) -> str | None:
    """The family of a contract test (its family marker); None for any other test."""
    marks = {mark.name for mark in item.iter_markers()}
    return next((family for family in FAMILIES if family in marks), None)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Before any selection: what the run's own collection found (see `run/_selection.py`).
    config.stash[COLLECTED_KEY] = {item.nodeid for item in items}
    families = {item.nodeid: family for item in items if (family := family_of(item))}
    config.stash[FAMILY_OF_NODE] = families
    rank = {family: position for position, family in enumerate(FAMILIES)}
    contract = sorted(
        (item for item in items if item.nodeid in families),
        key=lambda item: rank[families[item.nodeid]],
    )
    items[:] = [item for item in items if item.nodeid not in families] + contract


def pytest_deselected(items: Sequence[pytest.Item]) -> None:
    if items:
        items[0].config.stash.setdefault(DESELECTED_KEY, set()).update(
            item.nodeid for item in items
        )


def pytest_collection_finish(session: pytest.Session) -> None:
    """Check the settings against the target's first answers (see `run/_preflight.py`) once the
    checks are collected and selected, before any runs: a mistake ends the run at once, with one
    line and its own exit status. The agent's check is the plan's first clone: made only when a
    selected check reads it. A collection that failed (pytest's usage error: an unknown marker in
    `-m`, a test path not found) cannot start a run, and sends nothing; nor does
    `--collect-only`."""
    config = session.config
    suite = config.stash.get(SUITE_KEY, None)
    # This hook runs in perform_collect's `finally`: an exception in flight is a failed collection.
    failed_with = sys.exc_info()[1]
    if isinstance(failed_with, pytest.UsageError):
        config.stash[USAGE_ERROR_KEY] = str(failed_with)
    if suite is None or config.option.collectonly or failed_with is not None:
        return
    _progress(
        config,
        f"Checking the settings with a first few requests (target: {suite.target.description})...",
    )
    try:
        seen = config.stash[PREFLIGHT_KEY] = check_target(suite)
        contract = [item for item in session.items if family_of(item)]
        if any("first" in getattr(item, "fixturenames", ()) for item in contract):
            check_agent(suite, seen)
    except SettingsWrong as wrong:
        config.stash[MISTAKE_KEY] = suite.redact(wrong.mistake.line)
        config.stash[MISTAKEN_SETTING] = wrong.mistake.variable
    finally:
        # Failures the judge saw in these answers belong to no single check: reported at the end.
        suite.ledger.defer(suite.ledger.take_findings())


@pytest.hookimpl(tryfirst=True)
def pytest_runtestloop(session: pytest.Session) -> bool | None:
    """A wrong setting ends the run before any check: its one line, and no verdict."""
    mistake = session.config.stash.get(MISTAKE_KEY, None)
    if mistake is None:
        checks = sum(1 for item in session.items if family_of(item))
        _progress(
            session.config,
            f"Running {plural(checks, 'check')}: a dot each passed, F failed, s not run...",
        )
        return None
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.ensure_newline()
        reporter.write_line(mistake, red=True, bold=True)
    else:
        print(mistake, file=sys.stderr)
    return True


@pytest.fixture(scope="session")
def suite(pytestconfig: pytest.Config) -> Suite:
    """The run: target, settings, write budget, door, journal, ledger."""
    return pytestconfig.stash[SUITE_KEY]


@pytest.fixture(scope="session")
def http(suite: Suite) -> Iterator[httpx.Client]:
    """A raw httpx client for the target, through the suite's door."""
    with suite.http_client() as client:
        yield client


@pytest.fixture(scope="session")
def api(suite: Suite, http: httpx.Client, request: pytest.FixtureRequest) -> CloneApi:
    """Hand-made clone requests with the run's key and agent; the requests of the checks that
    create nothing are sent side by side first (see `send/_prefetch.py`)."""

    def clone_api(client: httpx.Client) -> CloneApi:
        target = suite.target
        return CloneApi(client, api_key=target.api_key, voice_agent_id=target.voice_agent_id)

    if suite.settings.concurrency > 1:
        prefetch_answers(
            suite.transport,
            [item for item in request.session.items if family_of(item)],
            lambda client: {"api": clone_api(client), "suite": suite},
            suite.http_client,
            suite.settings.concurrency,
        )
    return clone_api(http)


@pytest.fixture(scope="session")
def first(suite: Suite, pytestconfig: pytest.Config) -> Clone:
    """The first planned clone (see `run/_planned_clones.py`), made by the settings check when it
    ran."""
    made = pytestconfig.stash.get(PREFLIGHT_KEY, Preflight()).first
    if made is None:
        return make_first(suite)
    if made.request is not None:
        suite.journal.attribute(made.request)
    return made


@pytest.fixture(scope="session")
def overlapping(suite: Suite, first: Clone) -> list[Clone]:
    """Three clones in flight at once, all named like the first (see `run/_planned_clones.py`)."""
    return make_overlapping(suite)


@pytest.fixture(scope="session")
def clones_of_clones(suite: Suite, overlapping: list[Clone]) -> list[Clone]:
    """A clone of each overlapping clone (see `run/_planned_clones.py`)."""
    return make_clones_of_clones(suite, overlapping)


@pytest.fixture(scope="session")
def left_to_the_server(suite: Suite, clones_of_clones: list[Clone]) -> list[Clone]:
    """A clone without a name and one with a name over 150 characters (see
    `run/_planned_clones.py`), after the clones of clones: the plan funds them last."""
    return make_left_to_the_server(suite)


def pytest_runtest_setup(item: pytest.Item) -> None:
    suite = item.config.stash.get(SUITE_KEY, None)
    if suite is not None and family_of(item):
        suite.journal.start_test()
        suite.ledger.take_findings()


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(
    fixturedef: pytest.FixtureDef[object], request: pytest.FixtureRequest
) -> Generator[None, object, object]:
    suite = request.config.stash.get(SUITE_KEY, None)
    if suite is None:
        return (yield)
    with suite.journal.fixture(fixturedef.baseid, fixturedef.argname):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> Generator[None, object, object]:
    """schemathesis' cases sent side by side are judged before its test ends, and fail it."""
    suite = pyfuncitem.config.stash.get(SUITE_KEY, None)
    if suite is None or family_of(pyfuncitem) != "conformance":
        return (yield)
    try:
        outcome = yield
    finally:
        violation = suite.case_runner.finish()
    if violation is not None:
        raise violation
    return outcome


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    item.config.stash.setdefault(STARTED_KEY, set()).add(item.nodeid)
    report = yield
    suite = item.config.stash.get(SUITE_KEY, None)
    family = family_of(item)
    if suite is None or family is None:
        return report
    findings = suite.ledger.take_findings()
    if call.when == "setup" and report.passed:
        # Seen while a shared fixture (a planned clone) was made: no single test owns them.
        suite.ledger.defer(findings)
        suite.journal.take_blamed()
        return report
    own_failure = call.excinfo if report.failed else None
    if own_failure is None and not findings:
        if report.skipped and _raised_by_pytest(report.longrepr):
            # Point at the check, not at pytest's unittest plumbing that turned our NotRun (a
            # unittest.SkipTest) into a skip before this hook saw it.
            path, line, _ = item.location
            report.longrepr = (path, (line or 0) + 1, str(report.longrepr[2]))
        return report
    rule = None
    source = None
    if own_failure is not None:
        rule = f"{family}: {_rule_of(item, call)}"
        source = source_of(getattr(getattr(item, "function", None), "__doc__", None))
        if call.when == "setup":
            rule += " (failed while preparing the check)"
        # The case runner has recorded schemathesis' failures under their own rules.
        if not (family == "conformance" and own_failure.errisinstance(FailureGroup)):
            suite.ledger.record_failure(rule, item.nodeid, source)
    # A failure seen outside the test's own assertions is never a pass or a skip.
    report.outcome = "failed"
    failed = suite.journal.take_blamed()
    seen = suite.journal.behind(item.nodeid, getattr(item, "fixturenames", ()), SHOWN_EXCHANGES)
    concise = concise_failure(
        rule,
        own_failure,
        findings,
        [exchange.render(suite.redact) for exchange in seen if not _same(exchange, failed)],
        failed=None if failed is None else failed.render(suite.redact, whole=True),
        source=source,
    )
    if os.environ.get(ENV_DETAILS, "").strip() not in ("", "0"):
        text = suite.redact(f"{report.longrepr}\n\n{concise}")
    else:
        text = suite.redact(concise)
    report.longrepr = item.stash[REPORT_TEXT] = text
    report.sections = [(title, suite.redact(content)) for title, content in report.sections]
    return report


@pytest.hookimpl(trylast=True)
def pytest_exception_interact(
    node: pytest.Item | pytest.Collector, call: pytest.CallInfo[None], report: pytest.TestReport
) -> None:
    """schemathesis re-writes a failed case's report here (with its traceback): the suite's own
    text, made in makereport, has the last word."""
    text = node.stash.get(REPORT_TEXT, None)
    if text is not None:
        report.longrepr = text


def _raised_by_pytest(longrepr: object) -> TypeGuard[tuple[str, int, str]]:
    """Whether a skip's location is inside pytest itself (a library path, not a check)."""
    return (
        isinstance(longrepr, tuple)
        and len(longrepr) == SKIP_LOCATION_PARTS
        and Path(str(longrepr[0])).parent.name == "_pytest"
    )


def _rule_of(item: pytest.Item, call: pytest.CallInfo[None]) -> str:
    function = getattr(item, "function", None)
    doc = (getattr(function, "__doc__", None) or "").strip()
    if doc:
        # The docstring's first paragraph is the rule.
        return " ".join(doc.split("\n\n", 1)[0].split())
    error = call.excinfo.typename if call.excinfo else "failure"
    return f"{item.name} ({error})"


def _same(exchange: Exchange, failed: Exchange | None) -> bool:
    """Whether `exchange` is the request that failed (schemathesis' copy of a case spells header
    names its own way)."""
    return failed is not None and (
        exchange.method,
        exchange.url,
        exchange.request_body,
        exchange.status_code,
        exchange.response_body,
    ) == (failed.method, failed.url, failed.request_body, failed.status_code, failed.response_body)


def _contract_outcomes(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config, suite: Suite
) -> tuple[dict[str, Counter[str]], Counter[str]]:
    families = config.stash.get(FAMILY_OF_NODE, {})
    outcomes: dict[str, Counter[str]] = {}
    skip_reasons: Counter[str] = Counter()
    for outcome in ("passed", "failed", "skipped", "error"):
        for report in terminalreporter.stats.get(outcome, []):
            family = families.get(getattr(report, "nodeid", ""))
            if family is None or (report.when != "call" and outcome == "passed"):
                continue
            outcomes.setdefault(family, Counter())[outcome] += 1
            if outcome == "skipped" and isinstance(report.longrepr, tuple):
                reason = str(report.longrepr[2]).removeprefix("Skipped: ")
                skip_reasons[f"{family}: {suite.redact(reason)}"] += 1
    return outcomes, skip_reasons


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> Generator[None, None, None]:
    """The verdict and exit status, decided before any report is written; the summary, whatever
    becomes of the reports; then the ending, for `hamsa-contract-test` (see `_run_record.py`)."""
    config = session.config
    suite = config.stash.get(SUITE_KEY, None)
    if suite is None:
        return (yield)
    try:
        try:
            _decide(session, suite, exitstatus)
        except Exception:
            # The suite's own failure while deciding: no verdict, whatever the checks said (pytest
            # would exit with their status, 1 when one failed: CONTRACT BROKEN's).
            session.exitstatus = TOOL_FAILED
            raise
        try:
            yield
        except OSError as exc:
            # A report writer failed (pytest's JUnit into a folder gone read-only): the verdict
            # stands, and it and the agents still reach the terminal.
            _say(config, suite.redact(f"Reports: not all written ({exc}); the summary follows"))
            _show_summary(config, suite)
    finally:
        folder = record_folder(os.environ)
        if folder is not None:
            shown = config.stash.get(SUMMARY_SHOWN, False)
            write_ending(folder, Ending(int(session.exitstatus), agents_shown=shown))
    return None


def _decide(session: pytest.Session, suite: Suite, exitstatus: int) -> None:
    """Set the run's exit status: the verdict's, or the status of a run that reached none."""
    config = session.config
    if MISTAKE_KEY in config.stash:
        session.exitstatus = SETTINGS_WRONG
        _write_verdict_file(
            suite,
            settings_document(
                config.stash[MISTAKE_KEY],
                exit_status=SETTINGS_WRONG,
                setting=config.stash.get(MISTAKEN_SETTING, None),
                target=_target_facts(suite),
                created=suite.budget.created_agents,
                started_at=suite.started_at,
            ),
        )
        return
    if exitstatus == pytest.ExitCode.INTERNAL_ERROR:
        session.exitstatus = TOOL_FAILED
        created = " ".join(suite.budget.created_ids) or "none"
        _say(
            config,
            f"No verdict: the suite itself failed (the INTERNALERROR above; exit status "
            f"{TOOL_FAILED}, not a verdict on the server). Agents created: {created}",
        )
        config.stash[SUMMARY_SHOWN] = True
        _write_verdict_file(
            suite,
            tool_failed_document(
                "the suite itself failed (pytest's INTERNALERROR)",
                exit_status=TOOL_FAILED,
                target=_target_facts(suite),
                created=suite.budget.created_agents,
                started_at=suite.started_at,
            ),
        )
        return
    if exitstatus == pytest.ExitCode.USAGE_ERROR:
        session.exitstatus = CANNOT_START
        # Nothing was sent; a verdict.json of an earlier run must not stand for this one.
        _write_verdict_file(
            suite,
            settings_document(
                suite.redact(config.stash.get(USAGE_ERROR_KEY, "pytest's usage error (above)")),
                exit_status=CANNOT_START,
                setting=PYTEST_OPTIONS,
                target=_target_facts(suite),
                created=suite.budget.created_agents,
                started_at=suite.started_at,
            ),
        )
        return
    if config.option.collectonly:
        return
    # Answers sent for ahead that no check asked for are judged too.
    suite.transport.settle_unused()
    # Before the summary lists the reports and unconfigure scrubs them.
    try:
        write_drift_report(
            suite.ledger.drift_log,
            suite.redact,
            target=suite.target.description,
            reports_dir=suite.settings.reports_dir,
        )
    except OSError as exc:
        suite.ledger.note(f"reports/drift.json not written: {exc}")
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    outcomes, skip_reasons = (
        _contract_outcomes(reporter, config, suite) if reporter is not None else ({}, Counter())
    )
    not_run = skip_reasons + Counter(suite.ledger.not_run) + _left_out(session, exitstatus)
    failed = sum(counts["failed"] + counts["error"] for counts in outcomes.values())
    verdict = decide(failed + len(suite.ledger.failures), not_run)
    config.stash[VERDICT_KEY] = verdict
    session.exitstatus = exit_status(int(exitstatus), verdict)
    facts = config.stash[FACTS_KEY] = _run_facts(suite, verdict, outcomes, not_run)
    # With the run's final exit status, before any other report is written: a writer that fails
    # after this cannot take the verdict file with it.
    _write_verdict_file(
        suite,
        verdict_document(
            facts,
            exit_status=int(session.exitstatus),
            target=_target_facts(suite),
            sources=suite.ledger.failure_sources,
            created=suite.budget.created_agents,
            started_at=suite.started_at,
        ),
    )


def _left_out(session: pytest.Session, exitstatus: int) -> Counter[str]:
    """The suite's checks this run did not start (see `run/_selection.py`)."""
    config = session.config
    try:
        planned = planned_checks(session, SUITE_DIR)
    except Exception as exc:  # a check that cannot be listed is one not run
        return Counter({f"the suite's checks could not be listed ({exc!r})": 1})
    if exitstatus == pytest.ExitCode.INTERRUPTED and not session.shouldfail:
        stopped: str | None = "the run was interrupted"
    else:
        stopped = str(session.shouldfail or session.shouldstop or "") or None
    collected: set[str] = config.stash.get(COLLECTED_KEY, set())
    deselected: set[str] = config.stash.get(DESELECTED_KEY, set())
    started: set[str] = config.stash.get(STARTED_KEY, set())
    selection = Selection(
        collected=collected,
        deselected=deselected,
        selected={item.nodeid for item in session.items},
        started=started,
    )
    return not_run_reasons(
        planned,
        selection,
        deselected_by=selecting_options(config),
        not_collected_by=collecting_options(config, SUITE_DIR),
        stopped=stopped,
    )


def _say(config: pytest.Config, line: str) -> None:
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        print(line, file=sys.stderr)
        return
    reporter.ensure_newline()
    reporter.write_line(line, red=True, bold=True)


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    suite = config.stash.get(SUITE_KEY, None)
    if suite is not None:
        _show_summary(config, suite)


def _show_summary(config: pytest.Config, suite: Suite) -> None:
    facts = config.stash.get(FACTS_KEY, None)
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if facts is None or reporter is None or config.stash.get(SUMMARY_SHOWN, False):
        return
    not_written = [
        f"created agents not written to {problem}" for problem in suite.agents_log.problems
    ]
    # Notes made since the facts were gathered (a report that could not be written) too.
    facts = replace(
        facts, notes=suite.ledger.notes + not_written, reports=_report_files(config, suite)
    )
    reporter.section("Hamsa contract summary", bold=True)
    for line in render(facts):
        reporter.write_line(suite.redact(line))
    config.stash[SUMMARY_SHOWN] = True


def _target_facts(suite: Suite) -> TargetFacts:
    target = suite.target
    return TargetFacts(
        description=target.description,
        base_url=target.base_url,
        voice_agent_id=target.voice_agent_id,
        api_key_given=bool(target.api_key),
    )


def _write_verdict_file(suite: Suite, document: dict[str, object]) -> None:
    """verdict.json; a reports folder that cannot take it is a note, never the run's end."""
    try:
        write_verdict_file(suite.settings.reports_dir, document, suite.redact)
    except OSError as exc:
        suite.ledger.note(f"verdict.json not written: {exc.strerror or exc}")


def _amend_junit(config: pytest.Config) -> None:
    """The JUnit XML pytest wrote, with the verdict a dashboard must see (report/_verdict_file)."""
    xmlpath = config.getoption("xmlpath", None)
    if not xmlpath or not Path(xmlpath).is_file():
        return
    try:
        if MISTAKE_KEY in config.stash:
            write_junit_settings_failure(
                Path(xmlpath),
                config.stash.get(MISTAKEN_SETTING, "settings"),
                config.stash[MISTAKE_KEY],
            )
        elif USAGE_ERROR_KEY in config.stash:
            write_junit_settings_failure(
                Path(xmlpath), PYTEST_OPTIONS, config.stash[USAGE_ERROR_KEY]
            )
        elif config.stash.get(VERDICT_KEY, None) is Verdict.INCOMPLETE:
            junit_with_incomplete(Path(xmlpath), config.stash[FACTS_KEY].not_run)
    except (OSError, ElementTree.ParseError) as exc:
        print(f"contract suite: JUnit XML not amended: {exc}", file=sys.stderr)


def _run_facts(
    suite: Suite, verdict: Verdict, outcomes: dict[str, Counter[str]], not_run: Counter[str]
) -> RunFacts:
    return RunFacts(
        target=suite.target.description,
        seed=suite.settings.seed,
        request_timeout=suite.settings.request_timeout,
        verdict=verdict,
        builtin_checks=enabled_builtin_checks(suite.schema),
        suite_checks=suite.case_runner.check_names,
        outcomes={family: outcomes[family] for family in FAMILIES if family in outcomes},
        cases=suite.ledger.cases,
        suite_requests=suite.journal.total,
        failures=suite.ledger.failures,
        not_run=not_run,
        drift=suite.ledger.drift,
        absent=suite.ledger.absent,
        funding=suite.budget.funding,
        created_ids=suite.budget.created_ids,
        unexpected_ids=suite.budget.unexpected_ids,
        refused_writes=suite.budget.refused,
        notes=suite.ledger.notes,
        failure_sources=suite.ledger.failure_sources,
    )


def _report_files(config: pytest.Config, suite: Suite) -> list[Path]:
    """Report files this run wrote: everything new in the reports folder, and the JUnit XML."""
    try:
        candidates = [path for path in suite.settings.reports_dir.rglob("*") if path.is_file()]
    except OSError:
        candidates = []
    junit = config.getoption("xmlpath", None)
    if junit:
        candidates.append(Path(junit).resolve())
    # One second of slack: some file systems keep modification times to the second.
    return sorted({path for path in candidates if _written_since(path, suite.started_at - 1)})


def _written_since(path: Path, instant: float) -> bool:
    try:
        return path.stat().st_mtime >= instant
    except OSError:
        return False
