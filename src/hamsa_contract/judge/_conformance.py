"""Schema conformance with schemathesis: its configuration for the target, and how a case runs.

Generated requests are aimed before they are sent (`aim`): while the plan leaves writes for
generated cases, three voiceAgentIds in four become the target's real agent, so the 200 path is
exercised; after that, and for the rest, an id the server does not know, where a conformant server
creates nothing. Generated agent names get the `contract-test ` prefix. Each case goes through the
suite's door (see `send/_requests_bridge.py`) and is judged by schemathesis' enabled built-in checks
plus the suite's own (`judge/_checks.py`). Identical requests are answered from memory, so
Hypothesis' replay of a failing case costs no second request; shrinking is off (schemathesis.toml),
so a failure costs no more writes than the request that showed it.

Cases that cannot create an agent (aimed at an unknown id, or with an invalid body) go out side
by side, `settings.concurrency` at a time, while Hypothesis goes on generating; they are judged
in the order they were generated when the test's cases are all made (`CaseRunner.finish`). Cases
that may create one are sent and judged in turn, as they come, so writes keep their order.
"""

from __future__ import annotations

import contextvars
import re
import threading
import tomllib
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import httpx
import schemathesis
from schemathesis import Case
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.openapi.checks import IgnoredAuth
from schemathesis.specs.openapi.checks import (
    ignored_auth,
    negative_data_rejection,
    positive_data_acceptance,
)

from hamsa_contract import _agent_name_rules as name_rules
from hamsa_contract import _spec as spec
from hamsa_contract._redaction import Redactor
from hamsa_contract.judge._checks import Check
from hamsa_contract.plan._budget import NotRun, WriteBudget, WriteCapReached
from hamsa_contract.report._ledger import Ledger
from hamsa_contract.report._sources import failure_source
from hamsa_contract.send._door import GuardedTransport
from hamsa_contract.send._journal import Exchange, Journal
from hamsa_contract.send._names import agent_name
from hamsa_contract.send._requests_bridge import door_session
from hamsa_contract.send._settings import RunSettings
from hamsa_contract.send._target import Target

if TYPE_CHECKING:
    from schemathesis import CheckContext
    from schemathesis.core.transport import Response
    from schemathesis.specs.openapi.schemas import OpenApiSchema

CONFIG_FILE: Final = Path(__file__).with_name("schemathesis.toml")
VCR_REPORT: Final = "schemathesis-cassette.yaml"
HAR_REPORT: Final = "schemathesis-har.json"
# While generated cases may still create agents, one generated voiceAgentId in this many is kept
# as generated: an id the server does not know.
UNKNOWN_ID_ONE_IN: Final = 4
UNKNOWN_ID_PREFIX: Final = "contract-test-unknown-"
VOICE_AGENT_ID: Final = "voiceAgentId"
AGENT_NAME: Final = "agentName"


# A body without a name, or with one over 150 characters, may get a clone or 400 (CONTRACT.md
# decisions 4 and 12): neither "positive, so 2xx" nor "negative, so 4xx" holds for it. A 5xx, an
# undocumented status, a bad envelope or a cut name still fail (the other checks), and a clone
# where none may be made fails at the door.
_LEFT_TO_THE_SERVER: Final[tuple[Check, ...]] = (positive_data_acceptance, negative_data_rejection)


def build_config(target: Target, settings: RunSettings) -> SchemathesisConfig:
    """schemathesis.toml plus what this run decides: seed, target, timeout, key, report paths."""
    data: dict[str, Any] = tomllib.loads(CONFIG_FILE.read_text(encoding="utf-8"))
    data["seed"] = settings.seed
    data["base-url"] = target.base_url
    data["request-timeout"] = settings.request_timeout
    # `${` starts a placeholder in schemathesis config strings; `$${` is a literal one.
    api_key = target.api_key.replace("${", "$${")
    data["auth"] = {"openapi": {"TokenAuth": {"api_key": f"Token {api_key}"}}}
    reports = data.setdefault("reports", {})
    reports["directory"] = str(settings.reports_dir)
    reports["vcr"] = {"path": str(settings.reports_dir / VCR_REPORT)}
    reports["har"] = {"path": str(settings.reports_dir / HAR_REPORT)}
    return SchemathesisConfig.from_dict(data)


def build_schema(target: Target, settings: RunSettings) -> OpenApiSchema:
    """The spec as a schemathesis schema aimed at the target (requests go through the door)."""
    settings.reports_dir.mkdir(parents=True, exist_ok=True)
    return schemathesis.openapi.from_path(spec.SPEC_PATH, config=build_config(target, settings))


def enabled_builtin_checks(schema: OpenApiSchema) -> list[str]:
    """Names of the built-in checks this configuration runs on each answer."""
    load_all_checks()
    config = schema.config.checks_config_for()
    return [
        check.__name__
        for check in CHECKS.get_all()
        if callable(check)
        and not isinstance(check, type)
        and config.get_by_name(name=check.__name__).enabled
    ]


def may_write(case: Case[Any], voice_agent_id: str) -> bool:
    """Whether an aimed case might create an agent: it names the run's agent and has a body that
    may create one (its credentials are not looked at: a case in doubt is sent in turn)."""
    query = case.query if isinstance(case.query, dict) else {}
    return query.get(VOICE_AGENT_ID) == voice_agent_id and name_rules.may_create(case.body)


def aim(case: Case[Any], voice_agent_id: str, *, may_create: bool) -> None:
    """Point a generated case at the real agent (when it may create one) and prefix its name there.

    Only values that are already valid are replaced, by other valid values, so a case stays
    positive or negative as generated. Which ids are kept is decided by a checksum of the
    generated id, so the same seed aims the same cases. A case aimed elsewhere keeps its name as
    generated: it creates nothing on a conformant server, and a name such as `"0"` (the
    boundary schemathesis' coverage phase sends) is what a server may refuse (CONTRACT.md
    decision 14), so the suite sends what plain `st run` sends.
    """
    query = case.query
    if isinstance(query, dict):
        value = query.get(VOICE_AGENT_ID)
        if isinstance(value, str) and value:
            checksum = zlib.crc32(value.encode())
            if may_create and checksum % UNKNOWN_ID_ONE_IN:
                query[VOICE_AGENT_ID] = voice_agent_id
            else:
                query[VOICE_AGENT_ID] = f"{UNKNOWN_ID_PREFIX}{checksum:08x}"
    body = case.body
    aimed_at_the_agent = isinstance(query, dict) and query.get(VOICE_AGENT_ID) == voice_agent_id
    if isinstance(body, dict) and aimed_at_the_agent:
        name = body.get(AGENT_NAME)
        if isinstance(name, str) and name:
            body[AGENT_NAME] = agent_name(name)


class CaseRunner:
    """Sends schemathesis cases through the door within the run's writes, and judges the answers."""

    def __init__(
        self,
        *,
        target: Target,
        settings: RunSettings,
        door: GuardedTransport,
        budget: WriteBudget,
        ledger: Ledger,
        redact: Redactor,
        suite_checks: list[Check],
        journal: Journal | None = None,
    ) -> None:
        self._target = target
        self._door = door
        # Told which case broke a rule: its request is shown first, whole (even a schema-valid one
        # the server rejected, which otherwise only the HAR would show).
        self._journal = journal
        self._budget = budget
        self._ledger = ledger
        self._redact = redact
        self._session = door_session(door, settings.request_timeout)
        self._answers: dict[tuple[object, ...], httpx.Response] = {}
        self._auth_probe = AuthProbeOnce(door, ledger, target.asgi_app)
        self._checks: list[Check] = [*suite_checks, self._auth_probe]
        self._pool = (
            ThreadPoolExecutor(settings.concurrency, thread_name_prefix="case")
            if settings.concurrency > 1
            else None
        )
        self._pending: list[tuple[Case[Any], str, Future[Response | NotRun]]] = []

    @property
    def check_names(self) -> list[str]:
        return [check.__name__ for check in self._checks]

    def run(self, case: Case[Any]) -> None:
        """Aim, send, record and validate one case; FailureGroup on a violation."""
        left = self._budget.generated_left
        aim(case, self._target.voice_agent_id, may_create=left is None or left > 0)
        meta = case.meta
        kind = f"{meta.phase.name.value}/{meta.generation.mode.value}" if meta else "explicit"
        if self._pool is not None and not may_write(case, self._target.voice_agent_id):
            sent = self._pool.submit(contextvars.copy_context().run, self._outcome, case)
            self._pending.append((case, kind, sent))
            return
        self._judge(case, kind, self._outcome(case))

    def finish(self) -> FailureGroup | None:
        """Judge the cases sent side by side, in the order they were generated; the first
        violation among them (each is recorded in the ledger)."""
        pending, self._pending = self._pending, []
        first: FailureGroup | None = None
        for case, kind, sent in pending:
            try:
                self._judge(case, kind, sent.result())
            except FailureGroup as group:
                first = first or group
        return first

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def _outcome(self, case: Case[Any]) -> Response | NotRun:
        try:
            return self._send(case)
        except NotRun as reason:
            return reason

    def _judge(self, case: Case[Any], kind: str, outcome: Response | NotRun) -> None:
        if isinstance(outcome, NotRun):
            self._ledger.record_not_run(f"conformance: {outcome}")
            return
        response = outcome
        self._ledger.count_case(kind)
        try:
            case.validate_response(
                response,
                additional_checks=self._checks,
                excluded_checks=list(_LEFT_TO_THE_SERVER)
                if name_rules.left_to_the_server(case.body)
                else None,
            )
        except FailureGroup as group:
            for failure in group.exceptions:
                self._ledger.record_failure(
                    f"conformance: {failure.code} {failure.title}",
                    self._redact(f"{case.id} {failure.message}"),
                    failure_source(failure, response.status_code, self._checks),
                )
            if self._journal is not None:
                self._journal.blame(_exchange_of(response))
            raise

    def _send(self, case: Case[Any]) -> Response:
        with self._door.replaying_identical(self._answers):
            try:
                return case.call(session=self._session)
            except WriteCapReached:
                # The plan's share ran out between aiming and sending: aim where nothing is made.
                aim(case, self._target.voice_agent_id, may_create=False)
                return case.call(session=self._session)


def _exchange_of(response: Response) -> Exchange:
    """A case's request and answer as the journal keeps exchanges."""
    request = response.request
    body = request.body
    return Exchange(
        method=str(request.method),
        url=str(request.url),
        request_headers=tuple((name, str(value)) for name, value in request.headers.items()),
        # A prepared request's body is the bytes (or text) it sent, or None.
        request_body=body.encode()
        if isinstance(body, str)
        else body
        if isinstance(body, bytes)
        else b"",
        status_code=response.status_code,
        response_headers=tuple(
            (name, value) for name, values in response.headers.items() for value in values
        ),
        response_body=response.content,
    )


class AuthProbeOnce:
    """schemathesis' `ignored_auth`, run until it has confirmed once that auth is enforced, or
    has failed once.

    Its probes (the same request without credentials, then with invalid ones) do not go through
    the door; against a server that ignores auth each one creates an agent, so they stop at the
    first failure, and are not sent at all once the door has seen the same fault or requests left
    without an answer.

    Source: CONTRACT.md decisions 5 and 8 (no credentials or invalid ones: 401, never a clone).
    """

    __name__ = "ignored_auth"

    def __init__(self, door: GuardedTransport, ledger: Ledger, asgi_app: Any = None) -> None:
        self._door = door
        self._ledger = ledger
        self._asgi_app = asgi_app
        self._enforced: set[str] = set()
        self._done = False
        self._lock = threading.Lock()

    def __call__(self, ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
        with self._lock:
            if self._done or self._enforced:
                return None
            if self._door.refuses("a request without valid credentials"):
                self._done = True
                return None
            if self._door.unanswered:
                self._done = True
                self._ledger.record_not_run(
                    "conformance: schemathesis' ignored_auth probes not sent (requests went "
                    "unanswered before)"
                )
                return None
            ctx.auth_enforced_operations = self._enforced
            operation = case.operation
            # In-process targets have no socket: the probes reach the app the way schemathesis
            # reaches an ASGI app (cases themselves go through the door).
            operation.app = operation.schema.app = self._asgi_app
            try:
                return ignored_auth(ctx, response, case)
            except AssertionError as failure:
                if isinstance(failure, IgnoredAuth) and _rate_limited(failure):
                    # A 429 may answer any request (CONTRACT.md decision 5) and says nothing about
                    # auth; the probes bypass the door's retries, so a later case probes again.
                    return None
                self._done = True
                self._ledger.note(
                    "the server accepted a clone request without valid credentials (ST401): "
                    "schemathesis' probe may have created an agent this summary cannot list; its "
                    "name contains 'contract-test'"
                )
                raise
            finally:
                operation.app = operation.schema.app = None


# schemathesis 4.32.5 words the probe's answer as "Expected 401 or 403, got `429 Too Many ...`".
_PROBE_STATUS: Final = re.compile(r"got `(\d{3}) ")


def _rate_limited(failure: IgnoredAuth) -> bool:
    """Whether the probe's answer that failed `ignored_auth` was a 429."""
    found = _PROBE_STATUS.search(failure.message)
    return found is not None and found.group(1) == "429"
