"""pytest fixtures for code that clones Hamsa voice agents: a ready client on a fresh mock.

Registered by the `pytest11` entry point of hamsa-client, so installing
`hamsa-client[mock]` is enough: no conftest line. The entry point is named after this module,
so an explicit `pytest_plugins = ["hamsa_contract.pytest_plugin"]` is a harmless no-op, and
`-p no:hamsa_contract.pytest_plugin` turns the fixtures off.

`hamsa_mock` calls the mock in-process (fastest, no socket); `hamsa_mock_server` serves it on a
free 127.0.0.1 port and calls it over real HTTP. Both yield a `MockHamsa`: `.client` (an
`AuthenticatedClient` for sync and async calls), `.template_ids`, `.app`, `.base_url`. Each test
gets its own mock, so clones never leak between tests.

A pytest11 entry point cannot depend on an extra: a client-only install (no starlette, no
uvicorn) loads this module on every pytest run too. There it defines nothing, so the user's runs
are exactly what they were; the fixtures exist when the `[mock]` extra's requirements are
installed. Either way loading it imports nothing but pytest and the standard library: the mock
is imported inside the fixtures.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from hamsa_contract._extras import missing_requirements

if TYPE_CHECKING:
    from hamsa_contract.mock._clients import MockHamsa


if not missing_requirements("mock"):

    @pytest.fixture
    def hamsa_mock() -> Iterator[MockHamsa]:
        """A fresh in-process mock and a client wired to it."""
        from hamsa_contract.mock._clients import in_process

        with in_process() as mock:
            yield mock

    @pytest.fixture
    def hamsa_mock_server() -> Iterator[MockHamsa]:
        """A fresh mock served over loopback HTTP and a client wired to it."""
        from hamsa_contract.mock._clients import over_http

        with over_http() as mock:
            yield mock
