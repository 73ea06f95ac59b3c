"""Session fixtures for the install tests: one wheel, two virtualenvs, built once and in parallel.

- `user_env`: `pip install "hamsa-client[mock,contract]"`, what a project testing against the
  mock and running the contract suite installs.
- `client_env`: `pip install hamsa-client` alone; `client_env_before_pytest` is what it held
  then. pytest is installed after that, to run pytest where only the client is installed.

Both installs start as soon as the first test asks for either: they mostly wait on pip's index
lookups, so running them side by side roughly halves the wall time.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pytest

from tests.support.environments import Venv, build_wheel, create_venv


@dataclass(frozen=True)
class ClientOnly:
    """The client-only venv, and the distributions it held before pytest was added."""

    venv: Venv
    before_pytest: frozenset[str]


@dataclass(frozen=True)
class Installs:
    wheel: Path
    user: Future[Venv]
    client: Future[ClientOnly]


def _user_env(root: Path, wheel: Path) -> Venv:
    venv = create_venv(root)
    venv.pip_install("install [mock,contract]", f"{wheel}[mock,contract]")
    return venv


def _client_env(root: Path, wheel: Path) -> ClientOnly:
    venv = create_venv(root)
    venv.pip_install("install (client only)", str(wheel))
    before = frozenset(venv.distributions())
    venv.pip_install("install pytest after", "pytest")
    return ClientOnly(venv, before)


@pytest.fixture(scope="session")
def installs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installs]:
    root = tmp_path_factory.mktemp("install")
    wheel = build_wheel(root / "dist")
    with ThreadPoolExecutor(max_workers=2) as pool:
        yield Installs(
            wheel=wheel,
            user=pool.submit(_user_env, root / "user-venv", wheel),
            client=pool.submit(_client_env, root / "client-venv", wheel),
        )


@pytest.fixture(scope="session")
def user_env(installs: Installs) -> Venv:
    return installs.user.result()


@pytest.fixture(scope="session")
def client_env(installs: Installs) -> ClientOnly:
    return installs.client.result()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty directory standing for a user's project: outside the checkout, no conftest."""
    directory = tmp_path / "project"
    directory.mkdir()
    return directory


# A user's project as many are laid out: its own `tests` and `contract_tests` packages (names
# our checkout has used for its own top-level folders), a test in each that imports its own
# package's helper.
OWN_PACKAGES: Final = {
    "tests/__init__.py": "",
    "tests/helpers.py": "UNIT = 'theirs'\n",
    "tests/test_units.py": (
        "from tests.helpers import UNIT\n\n\ndef test_their_unit():\n    assert UNIT == 'theirs'\n"
    ),
    "contract_tests/__init__.py": "",
    "contract_tests/helpers.py": "CONTRACT = 'theirs'\n",
    "contract_tests/test_their_contract.py": (
        "from contract_tests.helpers import CONTRACT\n\n\ndef test_their_contract():\n"
        "    assert CONTRACT == 'theirs'\n"
    ),
}
OWN_TESTS: Final = 2


@pytest.fixture
def project_with_own_packages(project: Path) -> Path:
    """`project` holding its own `tests/` and `contract_tests/` packages (OWN_PACKAGES)."""
    for name, text in OWN_PACKAGES.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    return project
