"""Every answer the run received, judged against the spec whatever made the request.

The judge (`judge/_judge.py`) runs schemathesis' response checks and the suite's on each answer to a
hand-made request or to hamsa_client. What it finds while a check runs fails that check; what it
finds while a shared planned clone is made belongs to no single check, and is reported here, at
the end of the run.
"""

from __future__ import annotations

import pytest

from hamsa_contract.run._suite import Suite

pytestmark = pytest.mark.answers


def test_every_answer_kept_the_contract(suite: Suite) -> None:
    """Every answer to the planned clones keeps the spec: status, content type, headers, schema,
    no server error, the key never echoed.

    Source: CONTRACT.md decisions 5 and 6 (the spec's answers)."""
    findings = suite.ledger.take_deferred()
    assert not findings, "\n".join(findings)
