"""`pip install hamsa-client` alone: the client and nothing of the mock or the suite.

The wheel still carries `hamsa_contract` (one wheel, extras only add dependencies), and its
pytest plugin loads in every pytest run of that environment: it must change nothing there (no
fixture, no import of a name a project may use), and a command that needs an extra says which.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Final

import pytest

from hamsa_contract.mock import ARABIC_SUPPORT_TEMPLATE_ID, create_app, serve_in_thread
from tests.conftest import REPO_ROOT
from tests.install.conftest import OWN_TESTS, ClientOnly

pytestmark = pytest.mark.install

EXTRAS_ONLY: Final = {"starlette", "uvicorn", "schemathesis", "hypothesis", "pytest", "pyyaml"}
API_KEY: Final = "vendored-key"
# The pytest11 entry point: named after its module, which users may name in `-p no:...`.
PLUGIN: Final = "hamsa_contract.pytest_plugin"

# Run in the client-only venv from a folder holding only a copy of src/hamsa_client.
VENDORED_CALL: Final = """
import sys
# What the interpreter loaded before this line is not the client's: Debian's python3, for one,
# imports a sitecustomize module at start-up.
at_start = set(sys.modules)
import importlib.metadata, json, os, re
import hamsa_client
from hamsa_client import AuthenticatedClient
from hamsa_client.api.voice_agents import clone_voice_agent
from hamsa_client.models import CloneVoiceAgentRequest, CloneVoiceAgentResponse

assert hamsa_client.__file__.startswith(os.getcwd()), hamsa_client.__file__
client = AuthenticatedClient(base_url=os.environ["BASE_URL"], token=os.environ["KEY"])
with client:
    result = clone_voice_agent.sync(
        client=client,
        voice_agent_id=os.environ["SOURCE"],
        body=CloneVoiceAgentRequest(agent_name="Vendored"),
    )
assert isinstance(result, CloneVoiceAgentResponse), result
# Every module loaded beyond the standard library and the copy, by the distribution owning it.
loaded = {name.partition(".")[0] for name in set(sys.modules) - at_start}
loaded -= set(sys.stdlib_module_names)
loaded -= {"__main__", "hamsa_client"}
owners = importlib.metadata.packages_distributions()
used = {re.sub(r"[-_.]+", "-", d).lower() for m in loaded for d in owners.get(m, [m])}
print(json.dumps(sorted(used)))
"""


def test_a_client_only_install_has_none_of_the_extras(client_env: ClientOnly) -> None:
    assert {"hamsa-client", "httpx", "attrs"} <= client_env.before_pytest
    assert not EXTRAS_ONLY & client_env.before_pytest
    # Nothing beyond the client's own dependencies.
    expected = client_env.venv.requirement_closure({"hamsa-client"})
    assert client_env.before_pytest == expected


@pytest.mark.parametrize("pytest_command", [["python", "-m", "pytest"], ["pytest"]])
def test_a_projects_own_tests_and_contract_tests_packages_run_untouched(
    client_env: ClientOnly, project_with_own_packages: Path, pytest_command: list[str]
) -> None:
    """No `contract_tests` of ours to shadow theirs, or to be shadowed by theirs."""
    venv = client_env.venv
    command: list[str | Path] = [
        venv.script(pytest_command[0]),
        *pytest_command[1:],
        "-q",
        "-p",
        "no:cacheprovider",
    ]

    result = venv.run(command, project_with_own_packages)

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert f"{OWN_TESTS} passed" in output
    assert "rror" not in output


def test_a_client_only_install_adds_no_fixture(
    client_env: ClientOnly, project_with_own_packages: Path
) -> None:
    """The plugin loads (pytest11 entry points cannot depend on an extra) and registers nothing:
    `pytest --fixtures` reads the same as with the plugin switched off."""
    venv = client_env.venv
    fixtures: list[str | Path] = [
        venv.python,
        "-m",
        "pytest",
        "--fixtures",
        "-p",
        "no:cacheprovider",
    ]

    with_plugin = venv.run(fixtures, project_with_own_packages)
    without = venv.run([*fixtures, "-p", f"no:{PLUGIN}"], project_with_own_packages)

    assert with_plugin.returncode == without.returncode == 0, with_plugin.stderr
    assert _fixture_names(with_plugin.stdout) == _fixture_names(without.stdout)
    assert "hamsa_mock" not in with_plugin.stdout


def _fixture_names(listing: str) -> set[str]:
    """The fixtures `pytest --fixtures` lists (lines `name [scope] -- where`)."""
    return {
        line.split()[0] for line in listing.splitlines() if re.match(r"\w+( \[.*\])? -- ", line)
    }


@pytest.mark.parametrize(
    ("command", "extra"), [("hamsa-mock", "mock"), ("hamsa-contract-test", "contract")]
)
def test_the_commands_name_their_extra(
    client_env: ClientOnly, project: Path, command: str, extra: str
) -> None:
    venv = client_env.venv

    result = venv.run([venv.script(command)], project)

    assert result.returncode == 4, result.stdout + result.stderr
    assert f"{command} needs the [{extra}] extra" in result.stderr
    assert f"pip install 'hamsa-client[{extra}]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_client_folder_alone_works_with_httpx_and_attrs(
    client_env: ClientOnly, tmp_path: Path
) -> None:
    vendored = tmp_path / "my_app"
    shutil.copytree(REPO_ROOT / "src" / "hamsa_client", vendored / "hamsa_client")
    venv = client_env.venv

    with serve_in_thread(create_app(api_key=API_KEY)) as base_url:
        env = {"BASE_URL": base_url, "KEY": API_KEY, "SOURCE": ARABIC_SUPPORT_TEMPLATE_ID}
        result = venv.run([venv.python, "-c", VENDORED_CALL], vendored, env)

    assert result.returncode == 0, result.stdout + result.stderr
    used = set(json.loads(result.stdout))
    assert used <= client_env.venv.requirement_closure({"httpx", "attrs"})
