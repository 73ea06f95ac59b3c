"""Fixtures for the mock's tests: a fresh app and a plain httpx client wired to it in-process."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from hamsa_contract.mock import MockApp, create_app
from tests.hamsa_contract.mock.support import client_for


@pytest.fixture
def app() -> MockApp:
    return create_app()


@pytest.fixture
def http(app: MockApp) -> Iterator[httpx.Client]:
    """Sends `Authorization: Token mock-api-key` unless a test overrides the header."""
    with client_for(app) as client:
        yield client


@pytest.fixture
def anonymous(app: MockApp) -> Iterator[httpx.Client]:
    """Sends no `Authorization` header of its own."""
    with client_for(app, headers={}) as client:
        yield client
