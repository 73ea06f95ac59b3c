"""Fixtures shared by the unit tests: the spec, and the example answers it documents."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from contract_tests.spec import document

REPO_ROOT = Path(__file__).resolve().parent.parent


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
