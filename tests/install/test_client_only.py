"""`pip install hamsa-client` alone: the client and nothing of the mock or the suite.

The wheel still carries `contract_tests` (one wheel, extras only add dependencies), and its
pytest plugin loads in every pytest run of that environment: it must not break pytest, and
what needs an extra must say which.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Final

import pytest

from contract_tests.mock import ARABIC_SUPPORT_TEMPLATE_ID, create_app, serve_in_thread
from tests.conftest import REPO_ROOT
from tests.install.conftest import ClientOnly

pytestmark = pytest.mark.install

EXTRAS_ONLY: Final = {"starlette", "uvicorn", "schemathesis", "hypothesis", "pytest", "pyyaml"}
API_KEY: Final = "vendored-key"

TESTS_WITHOUT_THE_MOCK: Final = """
def test_my_own_code():
    assert sum([1, 2]) == 3


def test_wants_the_mock(hamsa_mock):
    pass
"""

# Run in the client-only venv from a folder holding only a copy of generated/hamsa_client.
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


def test_pytest_still_runs_and_the_fixture_names_its_extra(
    client_env: ClientOnly, project: Path
) -> None:
    (project / "test_mine.py").write_text(TESTS_WITHOUT_THE_MOCK, encoding="utf-8")
    venv = client_env.venv

    result = venv.run([venv.python, "-m", "pytest", "-q", "-p", "no:cacheprovider"], project)

    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    # pytest.fail in a fixture: the test errors at setup, the other one runs.
    assert "1 passed, 1 error" in output
    assert "the hamsa_mock fixture needs the [mock] extra" in output
    assert "pip install 'hamsa-client[mock]'" in output
    assert "ModuleNotFoundError" not in output


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
    shutil.copytree(REPO_ROOT / "generated" / "hamsa_client", vendored / "hamsa_client")
    venv = client_env.venv

    with serve_in_thread(create_app(api_key=API_KEY)) as base_url:
        env = {"BASE_URL": base_url, "KEY": API_KEY, "SOURCE": ARABIC_SUPPORT_TEMPLATE_ID}
        result = venv.run([venv.python, "-c", VENDORED_CALL], vendored, env)

    assert result.returncode == 0, result.stdout + result.stderr
    used = set(json.loads(result.stdout))
    assert used <= client_env.venv.requirement_closure({"httpx", "attrs"})
