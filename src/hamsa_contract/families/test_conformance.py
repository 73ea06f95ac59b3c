"""Schema conformance: schemathesis' generated cases (examples, coverage, fuzzing; positive and
negative) against the target, judged by every applicable built-in check and the suite's own."""

from __future__ import annotations

from typing import Any

import pytest
from schemathesis import Case

from hamsa_contract.run._suite import active

pytestmark = pytest.mark.conformance

SUITE = active()
RUNNER = SUITE.case_runner
schema = SUITE.schema


@schema.parametrize()
def test_conformance(case: Case[Any]) -> None:
    """Every generated request gets an answer the spec allows.

    Source: CONTRACT.md decisions 4, 5 and 6 (the spec, through schemathesis' checks)."""
    RUNNER.run(case)
