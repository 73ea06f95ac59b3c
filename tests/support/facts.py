"""A run's facts for the summary, made up for tests of what the summary says."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from hamsa_contract.plan._writes import Funding
from hamsa_contract.report._summary import RunFacts
from hamsa_contract.report._verdict import Verdict

_QUIET_RUN = RunFacts(
    target="live API at https://api.tryhamsa.com",
    seed=20261125,
    request_timeout=30,
    verdict=Verdict.KEPT,
    builtin_checks=[],
    suite_checks=[],
    outcomes={},
    cases={},
    suite_requests=0,
    failures={},
    not_run=Counter(),
    drift={},
    absent={},
    funding=Funding.for_cap(10),
    created_ids=(),
    unexpected_ids=(),
    refused_writes=0,
    notes=[],
)


def run_facts(**changes: Any) -> RunFacts:
    """A live run with the default cap that saw nothing, but for `changes`."""
    return replace(_QUIET_RUN, **changes)
