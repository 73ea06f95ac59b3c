"""pytest wiring of the contract suite.

- Before collection: the target is chosen and opened (a bad configuration stops the run with a
  usage error, before any request).
- Each test belongs to a family (a marker): `-m semantics` runs one. Families run in a fixed
  order, cheapest on the write budget first, schemathesis' generated cases last.
- A failing check shows the rule it broke, its last requests as curl lines and the answers; the
  API key is masked there, in captured output, and in every report file.
- The run ends with a short summary (see `summary.py`).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Final

import httpx
import pytest

from contract_tests.api import CloneApi
from contract_tests.drift_log import write_drift_report
from contract_tests.settings import SettingsError
from contract_tests.suite import Suite, activate
from contract_tests.summary import RunFacts, render
from contract_tests.target import TargetError

FAMILIES: Final = {
    "requests": "requests schemathesis does not make: documented status and error envelope",
    "security": "the API key never comes back in an answer",
    "semantics": "clone semantics (CONTRACT.md section 7), property-based where a property fits",
    "client": "the generated hamsa_client against the target, and offline round trips",
    "drift": "drift between spec and answers: additive is a warning, anything else a failure",
    "conformance": "schemathesis: every phase, every applicable built-in check",
}
SUITE_KEY: Final = pytest.StashKey[Suite]()
FAMILY_OF_NODE: Final = pytest.StashKey[dict[str, str]]()
SHOWN_EXCHANGES: Final = 3


def pytest_configure(config: pytest.Config) -> None:
    for family, description in FAMILIES.items():
        config.addinivalue_line("markers", f"{family}: {description}")
    try:
        suite = Suite.open(os.environ)
    except (TargetError, SettingsError) as exc:
        raise pytest.UsageError(f"contract suite: {exc}") from None
    config.stash[SUITE_KEY] = suite
    activate(suite)


def pytest_sessionfinish(session: pytest.Session) -> None:
    suite = session.config.stash.get(SUITE_KEY, None)
    if suite is not None:  # before the summary lists the reports and unconfigure scrubs them
        write_drift_report(suite)


def pytest_unconfigure(config: pytest.Config) -> None:
    suite = config.stash.get(SUITE_KEY, None)
    if suite is None:
        return
    # After every plugin's sessionfinish: the JUnit and schemathesis writers are closed by now.
    for path in _report_files(config, suite):
        suite.redact.scrub_file(str(path))
    suite.close()
    activate(None)


def family_of(item: pytest.Item) -> str | None:
    """The family of a contract test (its family marker); None for any other test."""
    marks = {mark.name for mark in item.iter_markers()}
    return next((family for family in FAMILIES if family in marks), None)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    families = {item.nodeid: family for item in items if (family := family_of(item))}
    config.stash[FAMILY_OF_NODE] = families
    rank = {family: position for position, family in enumerate(FAMILIES)}
    contract = sorted(
        (item for item in items if item.nodeid in families),
        key=lambda item: rank[families[item.nodeid]],
    )
    items[:] = [item for item in items if item.nodeid not in families] + contract


@pytest.fixture(scope="session")
def suite(pytestconfig: pytest.Config) -> Suite:
    """The run: target, settings, write budget, journal, ledger."""
    return pytestconfig.stash[SUITE_KEY]


@pytest.fixture(scope="session")
def http(suite: Suite) -> Iterator[httpx.Client]:
    """A raw httpx client for the target (write cap, 429 handling and journal included)."""
    with suite.http_client() as client:
        yield client


@pytest.fixture(scope="session")
def api(suite: Suite, http: httpx.Client) -> CloneApi:
    """Hand-made clone requests with the run's key and agent."""
    return CloneApi(http, api_key=suite.target.api_key, voice_agent_id=suite.target.voice_agent_id)


def pytest_runtest_setup(item: pytest.Item) -> None:
    suite = item.config.stash.get(SUITE_KEY, None)
    if suite is not None and family_of(item):
        suite.journal.start_test()


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
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    suite = item.config.stash.get(SUITE_KEY, None)
    family = family_of(item)
    if suite is None or family is None or not report.failed:
        return report
    text = str(report.longrepr)
    if family != "conformance" or not suite.ledger.has_rule("conformance: "):
        rule = f"{family}: {_rule_of(item, call)}"
        if call.when == "setup":
            rule += " (failed while preparing the check)"
        suite.ledger.record_failure(rule, item.nodeid)
        fixtures = getattr(item, "fixturenames", ())
        seen = suite.journal.behind(item.nodeid, fixtures, SHOWN_EXCHANGES)
        exchanges = "\n".join(exchange.render(suite.redact) for exchange in seen)
        text += f"\n\nRule broken: {rule}"
        if exchanges:
            text += f"\nLast requests (key masked) and answers:\n{exchanges}"
    report.longrepr = suite.redact(text)
    report.sections = [(title, suite.redact(content)) for title, content in report.sections]
    return report


def _rule_of(item: pytest.Item, call: pytest.CallInfo[None]) -> str:
    function = getattr(item, "function", None)
    doc = (getattr(function, "__doc__", None) or "").strip()
    if doc:
        return doc.splitlines()[0]
    error = call.excinfo.typename if call.excinfo else "failure"
    return f"{item.name} ({error})"


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    suite = config.stash.get(SUITE_KEY, None)
    if suite is None:
        return
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
                skip_reasons[suite.redact(str(report.longrepr[2]).removeprefix("Skipped: "))] += 1
    if not outcomes:
        return
    from contract_tests.checks import suite_checks
    from contract_tests.conformance import enabled_builtin_checks

    facts = RunFacts(
        target=suite.target.description,
        seed=suite.settings.seed,
        builtin_checks=enabled_builtin_checks(suite.schema),
        suite_checks=[check.__name__ for check in suite_checks(suite)],
        outcomes={family: outcomes[family] for family in FAMILIES if family in outcomes},
        cases=suite.ledger.cases,
        suite_requests=suite.journal.total,
        failures=suite.ledger.failures,
        drift=suite.ledger.drift,
        write_cap=suite.budget.cap,
        created_ids=suite.budget.created_ids,
        refused_writes=suite.budget.refused,
        skip_reasons=skip_reasons,
        notes=suite.ledger.notes,
        reports=_report_files(config, suite),
    )
    terminalreporter.section("Hamsa contract summary", bold=True)
    for line in render(facts):
        terminalreporter.write_line(suite.redact(line))


def _report_files(config: pytest.Config, suite: Suite) -> list[Path]:
    """Report files this run wrote: everything new in the reports folder, and the JUnit XML."""
    candidates = [path for path in suite.settings.reports_dir.rglob("*") if path.is_file()]
    junit = config.getoption("xmlpath", None)
    if junit:
        candidates.append(Path(junit).resolve())
    # One second of slack: some file systems keep modification times to the second.
    fresh = {
        path
        for path in candidates
        if path.exists() and path.stat().st_mtime >= suite.started_at - 1
    }
    return sorted(fresh)
