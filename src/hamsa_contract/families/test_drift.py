"""Drift between the spec and the target's answers (see `drift/_detect.py`).

A field the spec does not know, or a declared optional field left out, is a warning in the
summary, never a failure (CONTRACT.md decisions 1 and 2). A missing required field, a changed
type or a new null break the schema itself and fail here, in the judge and in every schemathesis
case.
"""

from __future__ import annotations

import pytest

from hamsa_contract.judge._answers import documented_json, error_answer
from hamsa_contract.judge._checks import record_drift
from hamsa_contract.run._planned_clones import Clone
from hamsa_contract.run._suite import Suite
from hamsa_contract.send._clone_requests import CloneApi

pytestmark = pytest.mark.drift


def test_clone_answer_keeps_its_declared_types(suite: Suite, first: Clone) -> None:
    """A clone answer keeps every required field and every declared type; additions and absent
    optional fields are only warnings.

    Source: CONTRACT.md decisions 1, 2 and 3."""
    document = documented_json(first.status_code, first.headers, first.content, 200)
    record_drift(suite.ledger, 200, document)


def test_error_answer_keeps_its_envelope(api: CloneApi, suite: Suite) -> None:
    """An error answer keeps its envelope; fields the spec does not know are only warnings.

    Source: CONTRACT.md decisions 1 and 5."""
    response = api.clone("drift check", voice_agent_id="contract-test-no-such-agent")
    record_drift(suite.ledger, response.status_code, error_answer(response, 404))
