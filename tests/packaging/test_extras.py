"""Reading which extras are installed from the distribution's metadata."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import metadata

import pytest

from hamsa_contract import _extras as extras

REQUIRES = [
    "httpx>=0.23",
    'starlette; extra == "mock"',
    "uvicorn[standard]>=0.30 ; extra == 'mock'",
    'hamsa-client[mock]; extra == "contract"',
    'schemathesis[allure]==4.32.5; extra == "contract"',
]


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    """A fake environment: hamsa-client with REQUIRES, and the distributions in the set."""
    present: set[str] = {"hamsa-client", "httpx"}

    def requires(name: str) -> list[str]:
        if name != "hamsa-client":
            raise metadata.PackageNotFoundError(name)
        return REQUIRES

    def distribution(name: str) -> object:
        if name not in present:
            raise metadata.PackageNotFoundError(name)
        return object()

    monkeypatch.setattr(metadata, "requires", requires)
    monkeypatch.setattr(metadata, "distribution", distribution)
    extras.missing_requirements.cache_clear()
    yield present
    extras.missing_requirements.cache_clear()


def test_nothing_missing_when_every_requirement_is_installed(installed: set[str]) -> None:
    installed |= {"starlette", "uvicorn"}
    assert extras.missing_requirements("mock") == ()


def test_names_what_the_extra_lacks(installed: set[str]) -> None:
    installed.add("starlette")
    assert extras.missing_requirements("mock") == ("uvicorn",)


def test_follows_an_extra_that_builds_on_another(installed: set[str]) -> None:
    assert extras.missing_requirements("contract") == ("starlette", "uvicorn", "schemathesis")


def test_unknown_distribution_means_nothing_known(installed: set[str]) -> None:
    assert extras.missing_requirements("mock", "not-installed-anywhere") == ()


def test_this_checkout_has_every_extra() -> None:
    for extra in ("mock", "contract", "dev"):
        assert extras.missing_requirements(extra) == ()


def test_the_hint_names_command_extra_and_install_line() -> None:
    hint = extras.install_hint("hamsa-mock", "mock", ("starlette", "uvicorn"))
    assert hint == (
        "hamsa-mock needs the [mock] extra of hamsa-client (not installed: starlette, uvicorn): "
        "pip install 'hamsa-client[mock]'"
    )
