"""Exit statuses hold for the commands users are told to run (issue 22, points 1, 3 and 4): the
README's verdict command, `./contract-test`, gives each documented status against a kept, a
broken, an incomplete and a misconfigured server, a bad flag and a failing tool; `make
contract-test` says make's own status is not the run's; the README, docs/contract-suite.md, the CI
recipe and `--help` state the same table; and a run that ends badly still lists its agents."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final

import pytest
from starlette.types import Receive, Scope, Send

from hamsa_contract._cli import CONTRACT_EPILOG
from hamsa_contract._command_line import CANNOT_START, TOOL_FAILED
from hamsa_contract._run_record import AGENTS_FILE, read_agents
from hamsa_contract.mock import create_app, serve_in_thread
from hamsa_contract.plan._writes import PLANNED_WRITES
from hamsa_contract.report._verdict import Verdict
from hamsa_contract.run._preflight import SETTINGS_WRONG
from tests.conftest import REPO_ROOT
from tests.packaging.commands import CLEAN_ENV
from tests.support.live import live_environment
from tests.test_readme import fenced_blocks

DOCUMENTED_COMMAND: Final = "./contract-test"
VENV: Final = Path(sys.executable).parent.parent
# Our test servers and the run breaker import from the checkout.
CHECKOUT_ENV: Final = {
    **{name: value for name, value in CLEAN_ENV.items() if name != "PYTEST_ADDOPTS"},
    "PYTHONPATH": str(REPO_ROOT),
    "VENV": str(VENV),
}
BREAKER: Final = ["--", "-p", "tests.packaging.run_breakers"]
EXPECTED_OUTCOMES: Final = {
    **{verdict.exit_status: verdict.label for verdict in Verdict},
    SETTINGS_WRONG: "Wrong setting:",
    CANNOT_START: "cannot start",
    TOOL_FAILED: "the tool failed",
}


def _run(
    command: Sequence[str], tmp_path: Path, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(command),
        cwd=tmp_path,
        env={**CHECKOUT_ENV, "HAMSA_REPORTS_DIR": str(tmp_path / "reports"), **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_readme_gives_the_documented_command_for_a_verdict() -> None:
    first_block = next(
        block for block in fenced_blocks(REPO_ROOT / "README.md") if block.language == "sh"
    )
    assert first_block.code.splitlines()[0].startswith(f"{DOCUMENTED_COMMAND} ")
    assert os.access(REPO_ROOT / DOCUMENTED_COMMAND, os.X_OK)


@pytest.mark.parametrize(
    ("case", "arguments", "env", "status", "shows"),
    [
        ("kept", [], {}, 0, "Verdict:  contract kept (exit status 0)"),
        (
            "broken",
            ["--", "-m", "semantics"],
            {"HAMSA_MOCK_APP": "tests.catalogue.broken_servers:drops_updated_at"},
            1,
            "Verdict:  CONTRACT BROKEN",
        ),
        (
            "incomplete",
            [],
            {"HAMSA_MOCK_APP": "tests.catalogue.broken_servers:rate_limited_for_an_hour"},
            2,
            "Verdict:  INCOMPLETE",
        ),
        ("misconfigured", [], {"HAMSA_API_KEY": "not-the-key"}, 3, "Wrong setting: HAMSA_API_KEY"),
        ("bad flag", ["--timeout", "inf"], {}, 4, "error: --timeout must be at most 3600"),
        (
            "tool failed",
            [*BREAKER, "-m", "semantics"],
            {"BREAK_RUN": "internal-error"},
            5,
            "No verdict: the suite itself failed",
        ),
    ],
)
def test_the_documented_command_exits_with_the_documented_status(
    tmp_path: Path,
    case: str,
    arguments: list[str],
    env: dict[str, str],
    status: int,
    shows: str,
) -> None:
    command = [str(REPO_ROOT / DOCUMENTED_COMMAND), *arguments]
    if case == "misconfigured":
        with serve_in_thread(create_app()) as base_url:
            result = _run(command, tmp_path, live_environment(base_url, env))
    else:
        result = _run(command, tmp_path, env)

    output = result.stdout + result.stderr
    assert result.returncode == status, output
    assert shows in output
    assert status in EXPECTED_OUTCOMES
    if status in (0, 1, 2):
        assert f"(exit status {status})" in output
    # Machines read the same status from reports/verdict.json (docs/contract-suite.md).
    verdict_file = json.loads((tmp_path / "reports" / "verdict.json").read_text("utf-8"))
    assert verdict_file["exit_status"] == status
    if status == TOOL_FAILED:
        assert verdict_file["verdict"] == "tool-failed"
        assert verdict_file["agents_created"], verdict_file
        # The agents it created are on the terminal even so.
        agents = read_agents(tmp_path / "reports" / AGENTS_FILE)
        assert agents, output
        assert all(agent_id in output for agent_id, _ in agents)


@pytest.mark.slow
def test_make_names_the_run_s_own_status_and_exits_with_its_own(tmp_path: Path) -> None:
    result = subprocess.run(
        ["make", "--no-print-directory", "-s", "contract-test"],
        cwd=REPO_ROOT,
        env={
            **CHECKOUT_ENV,
            "HAMSA_REPORTS_DIR": str(tmp_path / "reports"),
            "HAMSA_MOCK_APP": "tests.catalogue.broken_servers:drops_updated_at",
            "PYTEST_ADDOPTS": "-m semantics",
        },
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "Verdict:  CONTRACT BROKEN" in output
    assert "make: ./contract-test exited with status 1" in output


def _readme_table() -> dict[int, str]:
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Exit statuses", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (\d)\s+\| ([^|]+?)\s+\|", section, flags=re.MULTILINE)
    return {int(status): outcome.strip("`") for status, outcome in rows}


def _docs_table() -> dict[int, str]:
    text = (REPO_ROOT / "docs" / "contract-suite.md").read_text(encoding="utf-8")
    section = text.split("## The verdict", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| ([^|]+?)\s+\| (\d)\s+\|", section, flags=re.MULTILINE)
    return {int(status): outcome.strip("`") for outcome, status in rows}


def _recipe_header() -> dict[int, str]:
    text = (REPO_ROOT / "examples" / "github-actions-contract.yml").read_text(encoding="utf-8")
    rows = re.findall(r"^#\s+(\d) (.+?)\s+->", text, flags=re.MULTILINE)
    return {int(status): outcome for status, outcome in rows}


def _help_statuses() -> dict[int, str]:
    section = CONTRACT_EPILOG.split("exit status:", 1)[1].split("\n\n", 1)[0]
    rows = re.findall(r"^  (\d)  (.+)$", section, flags=re.MULTILINE)
    return {int(status): text for status, text in rows}


def test_the_readme_the_docs_the_ci_recipe_and_help_state_the_same_statuses() -> None:
    assert _readme_table() == EXPECTED_OUTCOMES
    assert _docs_table() == EXPECTED_OUTCOMES
    recipe = _recipe_header()
    assert set(recipe) == set(EXPECTED_OUTCOMES)
    # The recipe words a wrong setting as its annotation does; the rest as the tables.
    assert {status: outcome for status, outcome in recipe.items() if status != SETTINGS_WRONG} == {
        status: outcome for status, outcome in EXPECTED_OUTCOMES.items() if status != SETTINGS_WRONG
    }
    helped = _help_statuses()
    assert set(helped) == set(EXPECTED_OUTCOMES)
    for verdict in Verdict:
        assert helped[verdict.exit_status].startswith(verdict.label), helped


def test_the_tables_name_only_commands_that_keep_them() -> None:
    """The README's table is for ./contract-test and hamsa-contract-test (tested above and in
    test_examples.py); it tells make's status apart, which is not the table's."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Exit statuses", 1)[1].split("\n## ", 1)[0]
    assert "`./contract-test` and for `hamsa-contract-test`" in section
    assert "make ends any failed\nrecipe with its own status 2" in section
    recipe = (REPO_ROOT / "examples" / "github-actions-contract.yml").read_text(encoding="utf-8")
    assert "make contract-test" not in recipe


def test_a_run_whose_verdict_fails_is_the_tools_failure_and_lists_its_agents(
    tmp_path: Path,
) -> None:
    """The suite's own code failing while it decides the verdict is no verdict (exit 5): never
    pytest's status for the checks that ran (1 when one failed: CONTRACT BROKEN), and the agents
    are listed."""
    result = _run(
        [str(REPO_ROOT / DOCUMENTED_COMMAND), *BREAKER, "-m", "semantics"],
        tmp_path,
        # A server that fails a semantics check: pytest's own status is then 1.
        {
            "BREAK_RUN": "verdict-fails",
            "HAMSA_MOCK_APP": "tests.catalogue.broken_servers:cuts_names_at_150",
        },
    )
    output = result.stdout + result.stderr
    written = read_agents(tmp_path / "reports" / AGENTS_FILE)
    assert written, output
    assert result.returncode == TOOL_FAILED, output
    assert all(agent_id in output for agent_id, _ in written), output


@pytest.mark.parametrize("how", [pytest.param("killed", marks=pytest.mark.slow), "interrupted"])
def test_a_run_that_ends_badly_still_lists_every_agent_it_created(tmp_path: Path, how: str) -> None:
    result = _run(
        [str(REPO_ROOT / DOCUMENTED_COMMAND), *BREAKER, "-m", "semantics"],
        tmp_path,
        {"BREAK_RUN": how},
    )
    output = result.stdout + result.stderr
    written = read_agents(tmp_path / "reports" / AGENTS_FILE)
    assert written, output
    assert all(agent_id in output for agent_id, _ in written), output
    if how == "killed":
        assert result.returncode == TOOL_FAILED, output
        assert "the run ended without its verdict" in output
        assert "agents this run created" in output
    else:
        # Ctrl-C: nothing failed, checks were left: INCOMPLETE, with the usual summary.
        assert result.returncode == Verdict.INCOMPLETE.exit_status, output
        assert "not reached (the run was interrupted)" in output
        assert "Created (delete them when done" in output


@pytest.mark.slow
def test_a_reports_folder_gone_at_the_end_keeps_the_verdict_and_the_agents(
    tmp_path: Path,
) -> None:
    result = _run(
        [str(REPO_ROOT / DOCUMENTED_COMMAND), *BREAKER, "-m", "semantics"],
        tmp_path,
        {"BREAK_RUN": "reports-gone"},
    )
    output = result.stdout + result.stderr
    assert result.returncode == Verdict.INCOMPLETE.exit_status, output
    assert "Reports: not all written" in output
    assert "Verdict:  INCOMPLETE" in output
    assert "Traceback" not in output
    created = re.search(r"Writes:\s+(\d+) agents created", output)
    assert created is not None, output
    assert int(created[1]) == PLANNED_WRITES, output
    ids = re.findall(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", output)
    assert len(set(ids)) >= PLANNED_WRITES, output


@pytest.mark.slow
def test_agents_are_written_down_with_their_names_as_they_are_created(tmp_path: Path) -> None:
    result = _run([str(REPO_ROOT / DOCUMENTED_COMMAND), "--", "-m", "semantics"], tmp_path, {})
    output = result.stdout + result.stderr
    lines = (tmp_path / "reports" / AGENTS_FILE).read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines]
    assert len(entries) == PLANNED_WRITES, output
    # Each as its answer named it: the planned names, "0" (decision 14) and the server's choice
    # for the clone without a name (decision 4) among them.
    assert all(isinstance(entry["name"], str) and entry["name"] for entry in entries), entries
    assert sum("contract-test" in entry["name"] for entry in entries) >= PLANNED_WRITES - 2
    assert [entry["id"] for entry in entries] == re.findall(
        r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        output.split("Created (delete them when done", 1)[1],
    )


class CountingApp:
    """The mock, counting the HTTP requests it is sent."""

    def __init__(self) -> None:
        self.app = create_app()
        self.requests = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            self.requests += 1
        await self.app(scope, receive, send)


def test_an_unknown_marker_cannot_start_a_run_and_sends_nothing(tmp_path: Path) -> None:
    """pytest's usage error (exit 4) comes after collection: the settings check waits for it, so
    a run that cannot start sends nothing (before, it had probed and made the first clone)."""
    counting = CountingApp()
    with serve_in_thread(counting) as base_url:
        result = _run(
            [str(REPO_ROOT / DOCUMENTED_COMMAND), "--", "-m", "nosuchmarker"],
            tmp_path,
            live_environment(base_url),
        )
    output = result.stdout + result.stderr
    assert result.returncode == CANNOT_START, output
    assert "Unknown marker(s) in '-m' expression: nosuchmarker" in output
    assert counting.requests == 0
    assert counting.app.store.clone_ids() == ()
