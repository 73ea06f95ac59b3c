"""Every answer the suite receives is judged against the spec, whatever made the request.

Hand-made checks and hamsa_client assert what they are about (a 401, a name); the judge runs
schemathesis' own response checks (status, content type, headers, schema, no server error) and the
suite's on each of those answers too, by rebuilding the request as a schemathesis `Case`. What it
finds goes to the ledger as a failure of the running test.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import httpx
import requests
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.core.transport import Response
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from hamsa_client.client import json_too_deep
from hamsa_contract import _spec as spec
from hamsa_contract._input_files import MAX_NESTING, load_json
from hamsa_contract._redaction import Redactor
from hamsa_contract.judge._checks import Check
from hamsa_contract.report._failures import failure_message
from hamsa_contract.report._ledger import Ledger
from hamsa_contract.report._sources import failure_source
from hamsa_contract.send._journal import Exchange, Journal, excerpt

if TYPE_CHECKING:
    from schemathesis.specs.openapi.schemas import OpenApiSchema

RESPONSE_CHECKS: Final[tuple[Check, ...]] = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
)
RULE_PREFIX: Final = "every answer"
# Enough of a schemathesis message for the gist: what broke, where in the schema, the value.
MESSAGE_LINES: Final = 6


class Judge:
    """Judges httpx answers to clone requests with schemathesis' checks and the suite's."""

    def __init__(
        self,
        schema: OpenApiSchema,
        suite_checks: list[Check],
        ledger: Ledger,
        redact: Redactor,
        journal: Journal | None = None,
    ) -> None:
        """`journal`, when given, is told which exchange broke a rule (shown first)."""
        self._journal = journal
        self._operation = schema[spec.CLONE_PATH][spec.CLONE_METHOD.upper()]
        self._checks = [*RESPONSE_CHECKS, *suite_checks]
        self._ledger = ledger
        self._redact = redact

    def __call__(self, response: httpx.Response) -> None:
        request = response.request
        if not spec.is_clone_call(request.method, request.url.path):
            return
        if json_too_deep(response.content, MAX_NESTING):
            # Legal JSON (RFC 8259 §9 lets a reader limit nesting; an unknown field may hold
            # anything, decision 1), but no parser here reads it: a check not run, never a pass.
            self._ledger.record_not_run(
                f"{RULE_PREFIX}: a {response.status_code} answer's JSON is nested more than "
                f"{MAX_NESTING} deep, more than the suite reads: not judged"
            )
            return
        case = self._operation.Case(
            query=dict(request.url.params.multi_items()),
            headers=dict(request.headers.items()),
            # No media type: the operation documents one request media type, which a Case takes.
            body=_json_or_nothing(request.read()),
        )
        try:
            case.validate_response(as_schemathesis_response(response), checks=self._checks)
        except FailureGroup as group:  # one failure or many: validate_response groups them
            self._record(group.exceptions, response)

    def _record(self, failures: tuple[Failure, ...], response: httpx.Response) -> None:
        where = f"{response.request.method} {response.request.url} -> {response.status_code}"
        shown = excerpt(response.content, 300, self._redact)
        if self._journal is not None:
            self._journal.blame(Exchange.of(response))
        for failure in failures:
            rule = f"{RULE_PREFIX}: {failure.code} {failure.title}"
            source = failure_source(failure, response.status_code, self._checks)
            self._ledger.record_failure(rule, self._redact(f"{where}: {failure.message}"), source)
            self._ledger.find(
                self._redact(
                    f"Rule broken: {rule}\n{source.shown()}\n"
                    f"{_indented(failure_message(failure))}\n"
                    f"  answer {response.status_code}: {shown}"
                ),
                rule=rule,
            )


def _indented(message: str, lines: int = MESSAGE_LINES) -> str:
    """The first non-blank lines of a schemathesis failure message, indented."""
    kept = [line.strip() for line in message.splitlines() if line.strip()]
    cut = kept[:lines] + (["..."] if len(kept) > lines else [])
    return "\n".join(f"  {line}" for line in cut)


def as_schemathesis_response(response: httpx.Response) -> Response:
    """The answer as schemathesis' transport-neutral Response (read already)."""
    request = response.request
    prepared = requests.Request(
        method=request.method,
        url=str(request.url),
        headers=dict(request.headers.items()),
        data=request.read(),
    ).prepare()
    headers: dict[str, list[str]] = {}
    for name, value in response.headers.multi_items():
        headers.setdefault(name.lower(), []).append(value)
    return Response(
        status_code=response.status_code,
        headers=headers,
        content=response.content,
        request=prepared,
        elapsed=0.0,
        message=response.reason_phrase,
        encoding=response.encoding,
        verify=True,
    )


def _json_or_nothing(body: bytes) -> Any:
    from schemathesis.core import NOT_SET

    if not body:
        return NOT_SET
    try:
        # A body with NaN or Infinity (decision 14's probes send one) is no JSON body: a case
        # holding one could not be shown as a request (schemathesis refuses to serialise it).
        return load_json(body, allow_nan=False)
    except ValueError:  # not JSON, or nested too deep to read (NestedTooDeep)
        return NOT_SET
