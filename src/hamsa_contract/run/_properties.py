"""Hypothesis settings for the suite's property tests: bounded, seeded, no example database."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from hypothesis import HealthCheck, Phase, seed, settings

from hamsa_contract.run._suite import active

F = TypeVar("F", bound=Callable[..., Any])


def bounded(max_examples: int) -> Callable[[F], F]:
    """At most `max_examples` cases, seeded by HAMSA_SEED, no database, no deadline (network), no
    shrinking; a request repeated by Hypothesis' replay of a failure is answered from memory."""

    def decorate(test: F) -> F:
        configured = settings(
            max_examples=max_examples,
            database=None,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=[HealthCheck.too_slow],
        )(test)
        seeded = seed(active().settings.seed)(configured)

        @functools.wraps(seeded)
        def replaying(*args: Any, **kwargs: Any) -> Any:
            with active().transport.replaying_identical():
                return seeded(*args, **kwargs)

        return cast(F, replaying)

    return decorate
