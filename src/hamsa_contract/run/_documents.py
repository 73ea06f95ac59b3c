"""Hypothesis strategies for JSON documents valid against a schema of the spec.

Made by schemathesis' own generator through its public API: the schema becomes the request body
of a one-operation document, and positive cases of that operation are valid documents (unknown
properties, odd date-time offsets and huge numbers included). hypothesis-jsonschema 0.23.1 does
not run on this Hypothesis version.
"""

from __future__ import annotations

from typing import Any, Final

import schemathesis
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig

from hamsa_contract import _spec as spec

_PATH: Final = "/documents"


def valid_documents(component: str) -> st.SearchStrategy[Any]:
    """Any JSON value valid against `components.schemas.<component>`."""
    document = {
        "openapi": "3.1.0",
        "info": {"title": f"{component} documents", "version": "1"},
        "paths": {
            _PATH: {
                "post": {
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": spec.component(component)}},
                    },
                    "responses": {"200": {"description": "unused"}},
                }
            }
        },
    }
    # An explicit config: no schemathesis.toml found on the way may change the generation.
    schema = schemathesis.openapi.from_dict(document, config=SchemathesisConfig())
    operation = schema[_PATH]["POST"]
    return operation.as_strategy(generation_mode=GenerationMode.POSITIVE).map(
        lambda case: case.body
    )
