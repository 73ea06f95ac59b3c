"""A user's project with `pip install "hamsa-client[mock,contract]"`, outside the checkout.

What the issue promises users: the fixtures work with no conftest line, `hamsa-mock` serves
with their port and key, and `hamsa-contract-test` gives the contract verdict from any
directory: it passes the mock it serves and fails a server that ignores auth.
"""

from __future__ import annotations

import subprocess
import time
import xml.etree.ElementTree as ElementTree
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import httpx
import pytest

import hamsa_contract
from hamsa_contract._spec import CHECKOUT_SPEC, PACKAGED_SPEC
from hamsa_contract.mock import ARABIC_SUPPORT_TEMPLATE_ID, DEFAULT_API_KEY, serve_in_thread
from hamsa_contract.mock._server import bind_loopback
from tests.catalogue.broken_servers import accepts_any_key
from tests.conftest import REPO_ROOT
from tests.install.conftest import OWN_TESTS, Installs
from tests.support.environments import Venv

pytestmark = pytest.mark.install

# Where the package's folder sits: site-packages when installed, src/ in the checkout.
SITE_ROOT: Final = Path(hamsa_contract.__file__).resolve().parent.parent
MOCK_KEY: Final = "user-project-key"
START_TIMEOUT_SECONDS: Final = 30.0

USER_TESTS: Final = """
from hamsa_client.api.voice_agents import clone_voice_agent
from hamsa_client.models import CloneVoiceAgentRequest, CloneVoiceAgentResponse


def test_clone_in_process(hamsa_mock):
    result = clone_voice_agent.sync(
        client=hamsa_mock.client,
        body=CloneVoiceAgentRequest(agent_name="Acme Support"),
        voice_agent_id=hamsa_mock.template_ids["arabic_support"],
    )
    assert isinstance(result, CloneVoiceAgentResponse)
    assert hamsa_mock.app.store.clone_ids() == (result.data.id,)


def test_clone_over_http(hamsa_mock_server):
    assert hamsa_mock_server.base_url.startswith("http://127.0.0.1:")
    result = clone_voice_agent.sync(
        client=hamsa_mock_server.client,
        body=CloneVoiceAgentRequest(agent_name="Acme Sales"),
        voice_agent_id=hamsa_mock_server.template_ids["english_sales"],
    )
    assert isinstance(result, CloneVoiceAgentResponse)
"""
# Files the suite reads when it runs, by their place in the checkout: the wheel has them at the
# same place less the leading src/.
SUITE_FILES: Final = (
    "src/hamsa_contract/families/conftest.py",
    "src/hamsa_contract/judge/schemathesis.toml",
    "src/hamsa_contract/families/pytest-suite.ini",
    "src/hamsa_contract/pytest_plugin.py",
)
# Naming the plugin as well as getting it from the entry point must stay harmless.
EXPLICIT_PLUGIN_TESTS: Final = 'pytest_plugins = ["hamsa_contract.pytest_plugin"]\n\n\n' + (
    "def test_fixture_once(hamsa_mock):\n    assert hamsa_mock.template_ids\n"
)


def test_the_wheel_installs_only_hamsa_client_and_hamsa_contract(installs: Installs) -> None:
    """Nothing but the two packages (no `tests`, `bench` or `tools`) lands in site-packages; the
    spec, CONTRACT.md and the suite's own settings files travel with the package."""
    with zipfile.ZipFile(installs.wheel) as wheel:
        names = set(wheel.namelist())
        packaged_spec = wheel.read(PACKAGED_SPEC.relative_to(SITE_ROOT).as_posix())
        wheel_contract = wheel.read("hamsa_contract/CONTRACT.md")
    top_level = {name.partition("/")[0] for name in names if ".dist-info/" not in name}
    assert top_level == {"hamsa_client", "hamsa_contract"}
    assert "hamsa_client/client.py" in names
    expected = {path.removeprefix("src/") for path in SUITE_FILES}
    assert expected <= names
    assert packaged_spec == CHECKOUT_SPEC.read_bytes()
    # The contract the suite's failures cite ("CONTRACT.md decision N") travels with it.
    assert wheel_contract == (REPO_ROOT / "CONTRACT.md").read_bytes()
    assert not [name for name in names if "__pycache__" in name]


@pytest.mark.parametrize("pytest_command", [["python", "-m", "pytest"], ["pytest"]])
def test_a_users_tests_use_the_fixtures_with_no_conftest(
    user_env: Venv, project_with_own_packages: Path, pytest_command: list[str]
) -> None:
    """In a project with its own `tests` and `contract_tests` packages, which stay theirs."""
    project = project_with_own_packages
    (project / "tests" / "test_agents.py").write_text(USER_TESTS, encoding="utf-8")
    (project / "tests" / "test_explicit.py").write_text(EXPLICIT_PLUGIN_TESTS, encoding="utf-8")
    command: list[str | Path] = [user_env.script(pytest_command[0]), *pytest_command[1:], "-q"]

    result = user_env.run([*command, "-p", "no:cacheprovider"], project)

    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{OWN_TESTS + 3} passed" in result.stdout
    assert not list(project.rglob("conftest.py"))


@dataclass(frozen=True)
class ServedMock:
    """A `hamsa-mock` child of the user venv, listening on `base_url`."""

    process: subprocess.Popen[str]
    base_url: str


@pytest.fixture
def served_mock(user_env: Venv, project: Path) -> Iterator[ServedMock]:
    """`HAMSA_MOCK_PORT=<free port> HAMSA_MOCK_API_KEY=user-project-key hamsa-mock`, stopped
    (SIGTERM, as Ctrl-C's cousin) at the end of the test."""
    probe = bind_loopback(0)
    port = probe.getsockname()[1]
    probe.close()
    process = subprocess.Popen(
        [str(user_env.script("hamsa-mock"))],
        cwd=project,
        env=user_env.environment({"HAMSA_MOCK_PORT": str(port), "HAMSA_MOCK_API_KEY": MOCK_KEY}),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(process, base_url)
        yield ServedMock(process, base_url)
    finally:
        if process.poll() is None:
            process.terminate()
            process.communicate(timeout=30)


def _wait_until_serving(process: subprocess.Popen[str], base_url: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, f"hamsa-mock exited early:\n{process.communicate()[0]}"
        try:
            httpx.get(f"{base_url}/openapi.yaml", timeout=1.0)
        except httpx.TransportError:
            time.sleep(0.1)
        else:
            return
    raise AssertionError(f"hamsa-mock did not serve {base_url} within {START_TIMEOUT_SECONDS} s")


def test_hamsa_mock_serves_with_the_users_port_and_key(served_mock: ServedMock) -> None:
    clone_url = f"{served_mock.base_url}/v1/voice-agents/clone"
    params = {"voiceAgentId": ARABIC_SUPPORT_TEMPLATE_ID}
    body = {"agentName": "From hamsa-mock"}

    accepted = httpx.post(
        clone_url, params=params, json=body, headers={"Authorization": f"Token {MOCK_KEY}"}
    )
    refused = httpx.post(
        clone_url, params=params, json=body, headers={"Authorization": f"Token {DEFAULT_API_KEY}"}
    )
    served_mock.process.terminate()
    banner, _ = served_mock.process.communicate(timeout=30)

    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["data"]["agentName"] == "From hamsa-mock"
    assert refused.status_code == 401
    assert f"Hamsa mock serving {served_mock.base_url}" in banner
    assert f"export HAMSA_BASE_URL={served_mock.base_url} HAMSA_API_KEY={MOCK_KEY} " in banner


def _junit_totals(report: Path) -> dict[str, int]:
    suite = ElementTree.parse(report).getroot()  # noqa: S314 (our own child process wrote it)
    suite = suite if suite.tag == "testsuite" else suite[0]
    return {name: int(suite.get(name, "0")) for name in ("tests", "failures", "errors")}


def test_hamsa_contract_test_passes_the_served_mock(
    user_env: Venv, project: Path, served_mock: ServedMock
) -> None:
    target = {
        "HAMSA_BASE_URL": served_mock.base_url,
        "HAMSA_API_KEY": MOCK_KEY,
        "HAMSA_VOICE_AGENT_ID": ARABIC_SUPPORT_TEMPLATE_ID,
        # Named like a live API, the run would stop writing at 10 agents: the mock has no limit.
        "HAMSA_MAX_WRITES": "100000",
    }

    command = [str(user_env.script("hamsa-contract-test")), "--", "-q"]
    result = user_env.run(command, project, target)

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert served_mock.base_url in output
    assert MOCK_KEY not in output
    # No HAMSA_REPORTS_DIR: the reports go to ./reports of the directory it ran from.
    totals = _junit_totals(project / "reports" / "contract-tests.xml")
    assert totals["tests"] > 0
    assert totals["failures"] == totals["errors"] == 0


def test_hamsa_contract_test_fails_a_server_that_ignores_auth(
    user_env: Venv, project: Path, tmp_path: Path
) -> None:
    reports = tmp_path / "broken-reports"
    # Served from this (the checkout's) venv: the user venv cannot import the tests package.
    with serve_in_thread(accepts_any_key()) as base_url:
        target = {
            "HAMSA_BASE_URL": base_url,
            "HAMSA_API_KEY": DEFAULT_API_KEY,
            "HAMSA_VOICE_AGENT_ID": ARABIC_SUPPORT_TEMPLATE_ID,
            "HAMSA_REPORTS_DIR": str(reports),
        }
        # Arguments after `--` go to pytest: one family, the one that sends wrong keys.
        command = [str(user_env.script("hamsa-contract-test")), "--", "-q", "-m", "requests"]
        result = user_env.run(command, project, target)

    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    totals = _junit_totals(reports / "contract-tests.xml")
    assert totals["failures"] > 0
    assert not (project / "reports").exists()
