"""Schema conformance with schemathesis: its configuration for the target, and how a case runs.

Generated requests are aimed before they are sent (`aim`): three voiceAgentIds in four become the
target's real agent, so the 200 path is exercised, and the rest keep their generated value, an id
the server does not know; generated agent names get the `contract-test ` prefix. Each case then
runs schemathesis' enabled built-in checks plus the suite's own (`checks.py`).
"""

from __future__ import annotations

import tomllib
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import requests
import schemathesis
from schemathesis import Case
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.openapi.checks import IgnoredAuth

from contract_tests import spec
from contract_tests.budget import WriteCapReached
from contract_tests.checks import suite_checks
from contract_tests.names import agent_name
from contract_tests.ratelimit import send_honouring_429

if TYPE_CHECKING:
    from schemathesis.core.transport import Response
    from schemathesis.specs.openapi.schemas import OpenApiSchema

    from contract_tests.suite import Suite

CONFIG_FILE: Final = Path(__file__).with_name("schemathesis.toml")
VCR_REPORT: Final = "schemathesis-cassette.yaml"
HAR_REPORT: Final = "schemathesis-har.json"
# One generated voiceAgentId in this many is kept as generated: an id the server does not know.
UNKNOWN_ID_ONE_IN: Final = 4
VOICE_AGENT_ID: Final = "voiceAgentId"
AGENT_NAME: Final = "agentName"


def build_config(suite: Suite) -> SchemathesisConfig:
    """schemathesis.toml plus what this run decides: seed, target, timeout, key, report paths."""
    data: dict[str, Any] = tomllib.loads(CONFIG_FILE.read_text(encoding="utf-8"))
    data["seed"] = suite.settings.seed
    # Set even in-process: without it schemathesis would fall back on the spec's vendor server.
    data["base-url"] = suite.target.base_url
    data["request-timeout"] = suite.settings.request_timeout
    # `${` starts a placeholder in schemathesis config strings; `$${` is a literal one.
    api_key = suite.target.api_key.replace("${", "$${")
    data["auth"] = {"openapi": {"TokenAuth": {"api_key": f"Token {api_key}"}}}
    reports = data.setdefault("reports", {})
    reports["directory"] = str(suite.settings.reports_dir)
    reports["vcr"] = {"path": str(suite.settings.reports_dir / VCR_REPORT)}
    reports["har"] = {"path": str(suite.settings.reports_dir / HAR_REPORT)}
    return SchemathesisConfig.from_dict(data)


def build_schema(suite: Suite) -> OpenApiSchema:
    """The spec as a schemathesis schema that sends its cases to the suite's target."""
    suite.settings.reports_dir.mkdir(parents=True, exist_ok=True)
    schema = schemathesis.openapi.from_path(spec.SPEC_PATH, config=build_config(suite))
    if suite.target.asgi_app is not None:
        schema.app = suite.target.asgi_app
    return schema


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


def aim(case: Case[Any], voice_agent_id: str) -> None:
    """Point a generated case at the real agent (most of the time) and prefix its agent name.

    Only values that are already valid are replaced, by other valid values, so a case stays
    positive or negative as generated. Which ids are kept is decided by a checksum of the
    generated id, so the same seed aims the same cases.
    """
    query = case.query
    if isinstance(query, dict):
        value = query.get(VOICE_AGENT_ID)
        if isinstance(value, str) and value and zlib.crc32(value.encode()) % UNKNOWN_ID_ONE_IN:
            query[VOICE_AGENT_ID] = voice_agent_id
    body = case.body
    if isinstance(body, dict):
        name = body.get(AGENT_NAME)
        if isinstance(name, str) and name:
            body[AGENT_NAME] = agent_name(name)


class CaseRunner:
    """Sends schemathesis cases to the target within the run's write cap, and judges the answers."""

    def __init__(self, suite: Suite) -> None:
        self._suite = suite
        self._checks = suite_checks(suite)
        # One connection pool for the run; in-process targets need none.
        self._call_kwargs: dict[str, Any] = {}
        if suite.target.asgi_app is None:
            self._call_kwargs["session"] = requests.Session()

    @property
    def check_names(self) -> list[str]:
        return [check.__name__ for check in self._checks]

    def run(self, case: Case[Any]) -> None:
        """Aim, send (honouring 429), record and validate one case; FailureGroup on a violation."""
        suite = self._suite
        aim(case, suite.target.voice_agent_id)
        if self._may_create(case):
            try:
                suite.budget.claim()
            except WriteCapReached:
                suite.ledger.note(
                    "write cap reached: schemathesis went on with requests that cannot create "
                    "an agent and did not send the others"
                )
                return
        meta = case.meta
        suite.ledger.count_case(
            f"{meta.phase.name.value}/{meta.generation.mode.value}" if meta else "explicit"
        )
        response = send_honouring_429(
            lambda: case.call(**self._call_kwargs), _status_and_retry_after
        )
        suite.budget.record_answer(response.status_code, response.content)
        try:
            case.validate_response(response, additional_checks=self._checks)
        except FailureGroup as group:
            if any(isinstance(failure, IgnoredAuth) for failure in group.exceptions):
                # Its probes bypass this runner: an accepted one may have created an agent.
                suite.ledger.note(
                    "the server accepted a clone request without valid credentials (ST401): "
                    "such requests may have created agents this summary cannot list; their names "
                    "start with 'contract-test '"
                )
            for failure in group.exceptions:
                suite.ledger.record_failure(
                    f"conformance: {failure.code} {failure.title}",
                    suite.redact(f"{case.id} {failure.message}"),
                )
            raise

    def _may_create(self, case: Case[Any]) -> bool:
        authorization = case.headers.get(spec.token_auth_header(), "") if case.headers else ""
        return isinstance(authorization, str) and self._suite.target.api_key in authorization


def _status_and_retry_after(response: Response) -> tuple[int, str | None]:
    values = response.headers.get("retry-after")
    return response.status_code, values[0] if values else None
