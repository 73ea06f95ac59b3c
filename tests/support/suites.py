"""Contract runs opened in-process for unit tests, each closed when the test ends."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from hamsa_contract.run._suite import Suite


class OpenSuite(Protocol):
    def __call__(self, **environ: str) -> Suite: ...


@contextmanager
def open_suites() -> Iterator[OpenSuite]:
    """A function that opens a run for the environment it is given; every run it opened is
    closed when the block exits."""
    opened: list[Suite] = []

    def open_one(**environ: str) -> Suite:
        suite = Suite.open(environ)
        opened.append(suite)
        return suite

    try:
        yield open_one
    finally:
        for suite in opened:
            suite.close()
