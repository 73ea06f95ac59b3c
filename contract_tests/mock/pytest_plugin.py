"""pytest fixtures for code that clones Hamsa voice agents: a ready client on a fresh mock.

Enable it in your root `conftest.py` (or a test module):

    pytest_plugins = ["contract_tests.mock.pytest_plugin"]

`hamsa_mock` calls the mock in-process (fastest, no socket); `hamsa_mock_server` serves it on a
free 127.0.0.1 port and calls it over real HTTP. Both yield a `MockHamsa`: `.client` (an
`AuthenticatedClient` for sync and async calls), `.template_ids`, `.app`, `.base_url`. Each test
gets its own mock, so clones never leak between tests.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from contract_tests.mock.clients import MockHamsa, in_process, over_http


@pytest.fixture
def hamsa_mock() -> Iterator[MockHamsa]:
    """A fresh in-process mock and a client wired to it."""
    with in_process() as mock:
        yield mock


@pytest.fixture
def hamsa_mock_server() -> Iterator[MockHamsa]:
    """A fresh mock served over loopback HTTP and a client wired to it."""
    with over_http() as mock:
        yield mock
