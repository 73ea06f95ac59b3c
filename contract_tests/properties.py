"""Hypothesis settings for the suite's property tests: bounded, seeded, no example database."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from hypothesis import HealthCheck, seed, settings

from contract_tests.suite import active

F = TypeVar("F", bound=Callable[..., Any])


def bounded(max_examples: int) -> Callable[[F], F]:
    """At most `max_examples` cases, seeded by HAMSA_SEED, no database, no deadline (network)."""

    def decorate(test: F) -> F:
        configured = settings(
            max_examples=max_examples,
            database=None,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        )(test)
        return seed(active().settings.seed)(configured)

    return decorate
