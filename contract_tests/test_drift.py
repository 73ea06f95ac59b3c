"""Drift between the spec and the target's answers, told apart (see `drift.py`).

A field the spec does not know is additive: a warning in the summary, never a failure. A declared
field that is missing (or renamed) fails here; retyped and newly-null fields fail schema
conformance (here, through `clone_answer`, and in every schemathesis case).
"""

from __future__ import annotations

import pytest

from contract_tests.answers import clone_answer, error_answer
from contract_tests.api import CloneApi
from contract_tests.checks import missing_fields_message, record_drift
from contract_tests.suite import Suite

pytestmark = pytest.mark.drift


def test_clone_answer_keeps_every_declared_field(api: CloneApi, suite: Suite) -> None:
    """A clone answer carries every field the spec declares for a voice agent."""
    response = api.clone("drift check")
    clone_answer(response)
    report = record_drift(suite.ledger, response.status_code, response.json())
    assert not report.missing, missing_fields_message(report)


def test_error_answer_keeps_its_envelope(api: CloneApi, suite: Suite) -> None:
    """An error answer keeps its envelope; fields the spec does not know are only warnings."""
    response = api.clone("drift check", voice_agent_id="contract-test-no-such-agent")
    error_answer(response, 404)
    record_drift(suite.ledger, response.status_code, response.json())
