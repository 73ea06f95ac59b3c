"""One contract run: its target, settings, write budget, journal and ledger, opened once.

The conftest opens it before collection (so a bad configuration stops the run before any request)
and closes it at the end; test modules reach it through `active()`.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from contextlib import ExitStack
from functools import cached_property
from typing import TYPE_CHECKING

import httpx

from contract_tests import spec
from contract_tests.budget import WriteBudget
from contract_tests.journal import Journal
from contract_tests.ledger import Ledger
from contract_tests.redaction import Redactor
from contract_tests.settings import RunSettings
from contract_tests.target import Target, open_target
from contract_tests.transport import GuardedTransport
from hamsa_client import AuthenticatedClient

if TYPE_CHECKING:
    from schemathesis.specs.openapi.schemas import OpenApiSchema

_ACTIVE: Suite | None = None


class Suite:
    """Everything the checks of one run share."""

    def __init__(self, target: Target, settings: RunSettings, stack: ExitStack) -> None:
        self.target = target
        self.started_at = time.time()
        self.settings = settings
        cap = settings.max_writes if settings.max_writes is not None else target.default_max_writes
        self.budget = WriteBudget(cap)
        self.journal = Journal()
        self.ledger = Ledger()
        self.redact = Redactor([target.api_key])
        self._stack = stack
        self._inner = target.make_transport()
        self.transport = GuardedTransport(
            self._inner,
            budget=self.budget,
            journal=self.journal,
            api_key=target.api_key,
            clone_path=spec.CLONE_PATH,
        )

    @classmethod
    def open(cls, environ: Mapping[str, str]) -> Suite:
        """Read the settings and open the target; raises SettingsError or TargetError first."""
        settings = RunSettings.from_environ(environ)
        stack = ExitStack()
        try:
            target = stack.enter_context(open_target(environ))
        except BaseException:
            stack.close()
            raise
        return cls(target, settings, stack)

    def http_client(self) -> httpx.Client:
        """A raw httpx client for the target, through the suite's guarded transport."""
        return httpx.Client(
            base_url=self.target.base_url,
            transport=self.transport,
            timeout=self.settings.request_timeout,
        )

    def generated_client(self, *, token: str | None = None) -> AuthenticatedClient:
        """A `hamsa_client` client for the target (the run's key unless `token` is given)."""
        return AuthenticatedClient(
            base_url=self.target.base_url,
            token=self.target.api_key if token is None else token,
            prefix="Token",
            timeout=httpx.Timeout(self.settings.request_timeout),
            httpx_args={"transport": self.transport},
        )

    @cached_property
    def schema(self) -> OpenApiSchema:
        """The schemathesis schema aimed at the target (see `conformance`)."""
        from contract_tests.conformance import build_schema

        return build_schema(self)

    def close(self) -> None:
        self._inner.close()
        self._stack.close()


def activate(suite: Suite | None) -> None:
    global _ACTIVE
    _ACTIVE = suite


def active() -> Suite:
    """The run's suite; only under pytest, after the contract conftest opened it."""
    if _ACTIVE is None:
        raise RuntimeError(
            "No contract run is open: run the suite with pytest (`make contract-test`), "
            "whose conftest opens the target."
        )
    return _ACTIVE
