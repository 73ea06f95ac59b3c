"""Schemathesis, every phase and every check it applies, finds nothing against the mock."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from schemathesis import Case
from schemathesis.config import SchemathesisConfig

from contract_tests.mock import DEFAULT_API_KEY, create_app, serve_in_thread
from contract_tests.mock.app import SPEC_ROUTE
from contract_tests.mock.spec import SPEC_PATH


def _config() -> SchemathesisConfig:
    return SchemathesisConfig.from_dict(
        {
            "seed": 20261125,
            "generation": {"max-examples": 40, "database": "none"},
            "phases": {
                "examples": {"enabled": True},
                "coverage": {"enabled": True},
                "fuzzing": {"enabled": True},
            },
            "checks": {"enabled": True},
            "auth": {"openapi": {"TokenAuth": {"api_key": f"Token {DEFAULT_API_KEY}"}}},
        }
    )


in_process = schemathesis.openapi.from_asgi(SPEC_ROUTE, create_app(), config=_config())
over_http = schemathesis.openapi.from_path(SPEC_PATH, config=_config())


@pytest.fixture(scope="module")
def mock_url() -> Iterator[str]:
    with serve_in_thread(create_app()) as base_url:
        yield base_url


@in_process.parametrize()
def test_in_process(case: Case[Any]) -> None:
    case.call_and_validate()


@over_http.parametrize()
def test_over_http(case: Case[Any], mock_url: str) -> None:
    case.call_and_validate(base_url=mock_url)
