"""Schemathesis, with every phase and every check that applies, finds nothing against the mock.

Run twice: in-process (ASGI, `from_asgi` on the spec the app serves) and over real HTTP on
127.0.0.1 (the spec file, sent to a mock served in a thread).

- Phases: examples (the spec's example id is a template, so the 200 path is exercised), coverage
  (boundary and negative values, missing auth, other methods) and fuzzing. Stateful testing does
  not apply: the spec declares no links.
- Checks: all built-ins enabled, except `max_response_time`, which needs a time limit and tests
  here never assert wall-clock time.
- Reproducible and bounded: fixed seed, no example database, at most 100 fuzzed cases per run.

The over-HTTP run loads the spec with `from_path` and passes the server's URL per call, because
`schemathesis.pytest.from_fixture` (4.32.5) reads pytest's removed `Node._nodeid` under pytest 9.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from schemathesis import Case
from schemathesis.config import SchemathesisConfig

from hamsa_contract.mock import DEFAULT_API_KEY, create_app, serve_in_thread
from hamsa_contract.mock._app import SPEC_ROUTE
from hamsa_contract.mock._request_rules import SPEC_PATH


def _config() -> SchemathesisConfig:
    return SchemathesisConfig.from_dict(
        {
            "seed": 20261125,
            "generation": {"max-examples": 100, "database": "none"},
            "phases": {
                "examples": {"enabled": True},
                "coverage": {"enabled": True},
                "fuzzing": {"enabled": True},
            },
            "checks": {"enabled": True},
            # The spec's own security scheme, so auth checks know what valid credentials are.
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
