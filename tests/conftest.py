"""Fixtures shared by the unit tests: the spec, and the example answers it documents."""

from __future__ import annotations

import copy
import signal
import unittest
from collections.abc import Generator
from pathlib import Path
from typing import Any, Final

import pytest
from hypothesis import is_hypothesis_test, settings

from hamsa_contract._spec import document

REPO_ROOT = Path(__file__).resolve().parent.parent
TESTS_DIR = Path(__file__).resolve().parent

# The unit tests' property tests: the same cases on every run and machine (derandomized: the seed
# comes from the test itself), no example database, no deadline (timings vary on shared cores).
# Registered, not loaded: the contract suite's own settings (hamsa_contract.run._properties) stay as
# they are. Use it as the parent: `@settings(settings.get_profile(PROPERTY_PROFILE), ...)`.
PROPERTY_PROFILE = "hamsa-unit-tests"
settings.register_profile(PROPERTY_PROFILE, derandomize=True, database=None, deadline=None)


def pytest_configure(config: pytest.Config) -> None:
    """Ctrl-C reaches the commands the tests start, as it does from a terminal. A shell without job
    control starts its background jobs with SIGINT ignored, and the commands started from them
    would inherit that: the tests that press Ctrl-C (the mock's exit status 130, an interrupted run
    that still lists its agents) would then see it ignored. A handler installed here is reset to
    the default in every child at exec; an ignored signal would stay ignored."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def unseeded_property_tests(items: list[pytest.Item]) -> list[str]:
    """Property tests under tests/ that are neither derandomized nor seeded (schemathesis' are
    seeded by its own config), or that keep an example database."""
    found = []
    for item in items:
        function = getattr(item, "obj", None)
        if not item.path.is_relative_to(TESTS_DIR) or not is_hypothesis_test(function):
            continue
        # Hypothesis keeps a test's settings and @seed here; no public accessor exists (6.170).
        chosen = getattr(function, "_hypothesis_internal_use_settings", None)
        seed = getattr(function, "_hypothesis_internal_use_seed", None)
        if chosen is None or chosen.database is not None or not (chosen.derandomize or seed):
            found.append(item.nodeid)
    return found


# The work units that go first under pytest-xdist: the longest, so the other worker takes every
# short one meanwhile (the catalogue's live runs, then the installs).
FIRST_GROUPS: Final = ("tests/catalogue/test_catches_broken_servers.py", "install")


def xdist_group(nodeid: str) -> str:
    """The pytest-xdist work unit of a test of tests/ (`make test` runs pytest-xdist): its module,
    so a module's fixtures (module-scoped subprocess runs, the catalogue's live runs) are made once,
    on one worker; the install tests share session-scoped virtualenvs, so they are one unit."""
    module = nodeid.split("::", 1)[0]
    return "install" if module.startswith("tests/install/") else module


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    unseeded = unseeded_property_tests(items)
    if unseeded:
        raise pytest.UsageError(
            f"property tests must use settings.get_profile({PROPERTY_PROFILE!r}) "
            "(derandomized, no example database): " + ", ".join(unseeded)
        )
    if hasattr(config, "workerinput"):
        # The longest work units first; every worker collects, and orders, alike.
        rank = {group: position for position, group in enumerate(FIRST_GROUPS)}
        items.sort(key=lambda item: rank.get(xdist_group(item.nodeid), len(rank)))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Work units as `xdist_group` says. (xdist's own `--dist loadgroup` reads a mark into the node
    id, which pytest 9.2's node ids no longer take; its `loadscope` would split tests/install/.)"""
    from xdist.scheduler import LoadScopeScheduling

    class ByModule(LoadScopeScheduling):  # type: ignore[misc]  # xdist is untyped
        def _split_scope(self, nodeid: str) -> str:
            return xdist_group(nodeid)

    return ByModule(config, log)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """A unit test fails, never skips, when the code it calls raises unittest.SkipTest: the
    suite's NotRun is one (so pytest shows a contract check that could not run as skipped), and a
    door or budget that wrongly refuses a request would otherwise turn its tests into skips."""
    try:
        return (yield)
    except unittest.SkipTest as skip:
        raise AssertionError(
            f"the code under test raised {type(skip).__name__}: {skip} (a unit test never skips)"
        ) from skip


def load_spec() -> dict[str, Any]:
    """The OpenAPI document as plain data: a copy of the suite's, free to change."""
    return copy.deepcopy(document())


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    return load_spec()


@pytest.fixture
def clone_200_example(spec: dict[str, Any]) -> dict[str, Any]:
    """A full 200 answer (every VoiceAgent field, Arabic text): the spec's own example."""
    operation = spec["paths"]["/v1/voice-agents/clone"]["post"]
    example: dict[str, Any] = operation["responses"]["200"]["content"]["application/json"][
        "example"
    ]
    return copy.deepcopy(example)
