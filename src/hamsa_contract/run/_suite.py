"""One contract run: its target, settings, write budget, door, journal, ledger and judge.

The conftest opens it before collection (so a bad configuration stops the run before any request)
and closes it at the end; test modules reach it through `active()`. Modules below this one never
import it: they take the pieces they need.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from contextlib import ExitStack
from functools import cached_property
from typing import TYPE_CHECKING

import httpx

from hamsa_client import AuthenticatedClient
from hamsa_client.errors import SHORT_KEY_CHARS
from hamsa_contract._redaction import SHORT_KEY_NOTE, Redactor
from hamsa_contract._run_record import AGENTS_FILE, AgentsLog, record_folder
from hamsa_contract.judge._checks import Check, SuiteChecks, Use
from hamsa_contract.judge._conformance import CaseRunner, build_schema
from hamsa_contract.judge._judge import Judge
from hamsa_contract.plan._budget import WriteBudget
from hamsa_contract.report._ledger import Ledger
from hamsa_contract.send._door import GuardedTransport
from hamsa_contract.send._journal import Journal, mask_excerpts_with
from hamsa_contract.send._settings import RunSettings, usable_reports_dir
from hamsa_contract.send._target import Target, open_target

if TYPE_CHECKING:
    from schemathesis.specs.openapi.schemas import OpenApiSchema

_ACTIVE: Suite | None = None


class Suite:
    """Everything the checks of one run share."""

    def __init__(
        self,
        target: Target,
        settings: RunSettings,
        stack: ExitStack,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.target = target
        self.started_at = time.time()
        self.settings = settings
        self.redact = Redactor([target.api_key])
        # Each agent written down as it is created: in the reports, and in the record of
        # `hamsa-contract-test` (if it started this run), which outlives the reports folder.
        record = record_folder(environ or {})
        self.agents_log = AgentsLog(
            [settings.reports_dir / AGENTS_FILE]
            + ([] if record is None else [record / AGENTS_FILE]),
            self.redact,
        )
        cap = settings.max_writes if settings.max_writes is not None else target.default_max_writes
        self.budget = WriteBudget(cap, self.agents_log.add)
        self.journal = Journal()
        self.ledger = Ledger()
        if self.redact.has_short_secret:
            self.ledger.note(SHORT_KEY_NOTE)
        self.checks = SuiteChecks(target.api_key, target.voice_agent_id, self.ledger)
        self._stack = stack
        self._inner = target.make_transport()
        self._inner_async = target.make_async_transport()
        self._fresh = target.make_fresh_transport() if target.make_fresh_transport else None
        self._fresh_async = (
            target.make_fresh_async_transport() if target.make_fresh_async_transport else None
        )
        self.transport = GuardedTransport(
            self._inner,
            self._inner_async,
            fresh=self._fresh,
            fresh_async=self._fresh_async,
            budget=self.budget,
            journal=self.journal,
            ledger=self.ledger,
            api_key=target.api_key,
            voice_agent_id=target.voice_agent_id,
            request_timeout=settings.request_timeout,
        )
        # The rules registered for every answer to a request the suite makes by hand.
        judged_checks: list[Check] = [*self.checks.for_use(Use.ANSWERS)]
        # A schema of its own: schemathesis' pytest reporting registers hooks on the schema the
        # conformance family runs, and asserts each validation follows a call it sent itself;
        # the judge validates answers to every request (prefetched ones at the session's end too).
        self.transport.judge = Judge(
            build_schema(target, settings),
            judged_checks,
            self.ledger,
            self.redact,
            journal=self.journal,
        )

    @classmethod
    def open(cls, environ: Mapping[str, str]) -> Suite:
        """Read the settings and open the target; raises SettingsError or TargetError first."""
        settings = RunSettings.from_environ(environ)
        usable_reports_dir(settings.reports_dir)
        stack = ExitStack()
        try:
            target = stack.enter_context(open_target(environ))
        except BaseException:
            stack.close()
            raise
        return cls(target, settings, stack, environ)

    def http_client(self, transport: httpx.BaseTransport | None = None) -> httpx.Client:
        """A raw httpx client for the target, through the suite's door (or `transport`)."""
        return httpx.Client(
            base_url=self.target.base_url,
            transport=self.transport if transport is None else transport,
            timeout=self.settings.request_timeout,
        )

    def generated_client(self, *, token: str | None = None) -> AuthenticatedClient:
        """A `hamsa_client` client for the target (the run's key unless `token` is given); its
        sync and async calls both go through the door."""
        return AuthenticatedClient(
            base_url=self.target.base_url,
            token=self.target.api_key if token is None else token,
            prefix="Token",
            timeout=httpx.Timeout(self.settings.request_timeout),
            httpx_args={"transport": self.transport},
        )

    def hide(self, secret: str) -> None:
        """Mask `secret` (e.g. a credential derived from the key) wherever the run prints.

        One shorter than SHORT_KEY_CHARS (a near-miss of a key that short) is not: it would mask
        ordinary words (`a`, `TEST`) and tells no more of the key than the key's own masking."""
        if len(secret) >= SHORT_KEY_CHARS:
            self.redact.add(secret)

    @cached_property
    def schema(self) -> OpenApiSchema:
        """The schemathesis schema aimed at the target (see `conformance`)."""
        return build_schema(self.target, self.settings)

    @cached_property
    def case_runner(self) -> CaseRunner:
        return CaseRunner(
            target=self.target,
            settings=self.settings,
            door=self.transport,
            journal=self.journal,
            budget=self.budget,
            ledger=self.ledger,
            redact=self.redact,
            suite_checks=[*self.checks.all()],
        )

    def close(self) -> None:
        if "case_runner" in self.__dict__:
            self.case_runner.close()
        self._inner.close()
        if self._fresh is not None:
            self._fresh.close()
        self._stack.close()
        self.agents_log.close()


def activate(suite: Suite | None) -> None:
    global _ACTIVE
    _ACTIVE = suite
    # Failure messages quote answers cut to a length: masked before the cut (`excerpt`).
    mask_excerpts_with(suite.redact if suite is not None else None)


def active() -> Suite:
    """The run's suite; only under pytest, after the contract conftest opened it."""
    if _ACTIVE is None:
        raise RuntimeError(
            "No contract run is open: run the suite with pytest (`make contract-test`), "
            "whose conftest opens the target."
        )
    return _ACTIVE
