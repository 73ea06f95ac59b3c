"""The rules the suite judges answers by, next to schemathesis' built-in checks: each defined
once here with `@rule` (its name, title, source and the function that judges an answer) and
registered in `RULES` (`report/_rules.py`), which the live run, `--from`, the summary and the
reports read.

They hold what JSON Schema cannot say: the key never comes back, a clone carries the requested
name and a new id, the agent the run may clone is found, a server error still carries the error
envelope, and drift (see `drift/_detect.py`: additive and absent optional fields are warnings,
recorded in the ledger, never failures).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from hamsa_client._rules import (
    API_KEY_IN_ANSWER,
    NOT_AS_SENT,
    NOT_FRESH,
    SAME_AS_SOURCE,
    SERVER_ERROR_WITHOUT_ENVELOPE,
    envelope_problem,
    is_server_error,
    not_as_sent,
    same_as_source,
    seconds_off,
)
from hamsa_client.client import json_too_deep
from hamsa_contract import _spec as spec
from hamsa_contract._input_files import MAX_NESTING, load_json
from hamsa_contract.drift._detect import DriftReport, inspect_answer
from hamsa_contract.judge._leaks import key_leaks
from hamsa_contract.report._ledger import Ledger
from hamsa_contract.report._rules import (
    RULES,
    BoundRule,
    Need,
    RuleContext,
    RuleSet,
    Use,
    rule,
)
from hamsa_contract.send._names import name_difference

if TYPE_CHECKING:
    from schemathesis import Case, CheckContext
    from schemathesis.core.transport import Response

__all__ = ["RULES", "Check", "RuleContext", "RuleSet", "SuiteChecks", "Use"]

SPEC_FILE = "openapi/hamsa-voice-agents.yaml"

Check = Callable[["CheckContext", "Response", "Case[Any]"], bool | None]


def record_drift(ledger: Ledger, status_code: int, document: Any) -> DriftReport:
    """Drift in a documented answer, recorded in the ledger as warnings.

    Unknown fields anywhere; declared fields absent from the agent of a 200 (`data`). Undocumented
    statuses have no schema to compare with.
    """
    if status_code not in spec.documented_statuses():
        return DriftReport(unknown=(), missing=())
    schema = spec.response_schema(status_code)
    report = inspect_answer(document, schema, complete_under="data" if status_code == 200 else None)
    for path in report.unknown:
        ledger.record_drift(path, str(status_code))
    for path in report.missing:
        ledger.record_absent(path, str(status_code))
    ledger.drift_log.record(status_code, report)
    return report


@rule(
    title="The API key never comes back, in a header or the body",
    source="RFC 9110 §17.16.1 (confidentiality of credentials)",
    needs=frozenset({Need.API_KEY}),
    watch_kinds=frozenset({API_KEY_IN_ANSWER}),
)
def api_key_not_echoed(run: RuleContext, response: Response, case: Case[Any]) -> None:
    headers = [(name, value) for name, values in response.headers.items() for value in values]
    places = key_leaks(run.api_key or "", headers, response.content)
    if places:
        raise AssertionError(f"The API key appears in the answer: {', '.join(places)}")


@rule(
    title="A 200 clone carries exactly the requested name, whatever its length, and an id that "
    "is not its source's (without a name, or with an empty one, the server chooses the name)",
    source="CONTRACT.md decisions 4, 7 and 12",
    # The planned clones' names and ids have checks of their own (semantics), with better words
    # than a generic check can give: not judged on the answers to hand-made requests.
    uses=Use.GENERATED | Use.RECORDED,
    watch_kinds=frozenset({NOT_AS_SENT, SAME_AS_SOURCE}),
)
def clone_keeps_name_and_gets_new_id(run: RuleContext, response: Response, case: Case[Any]) -> None:
    data = _clone_data(response)
    if data is None:
        return
    # The contract watch's `as-sent` and `not-the-source` rules (hamsa_client._rules), on the
    # spec's paths (x-hamsa-watch of the 200 answer).
    requested = case.body.get("agentName") if isinstance(case.body, dict) else None
    if not_as_sent(requested, data.get("agentName")):
        raise AssertionError(
            "The clone's name is not the requested one: "
            + name_difference(requested, data.get("agentName"))
        )
    source = case.query.get("voiceAgentId") if isinstance(case.query, dict) else None
    if same_as_source(source, data.get("id")):
        raise AssertionError(f"The clone has the id of its source ({source!r})")


@rule(
    title="Drift is noted as a warning (never a failure)",
    source="CONTRACT.md decisions 1 and 2 (additions and absent optional fields conform)",
)
def drift_recorded(run: RuleContext, response: Response, case: Case[Any]) -> None:
    document = _json(response)
    if document is not None:
        record_drift(run.ledger, response.status_code, document)


@rule(
    title="An object with a repeated name is a warning, never a failure",
    source="RFC 8259 §4 (names SHOULD be unique; a SHOULD, and the contract is silent)",
    uses=Use.ANSWERS | Use.GENERATED,
)
def duplicate_keys_noted(run: RuleContext, response: Response, case: Case[Any]) -> None:
    repeated = duplicate_keys(response.content)
    if repeated:
        run.ledger.note(
            f"a {response.status_code} answer repeats JSON names ({', '.join(repeated)}): "
            "parsers differ on which value wins (RFC 8259 §4)"
        )


@rule(
    title="A valid request for the run's agent is not answered 404",
    source="CONTRACT.md decision 5 (404 only when there is no such voice agent)",
    uses=Use.GENERATED,
    needs=frozenset({Need.VOICE_AGENT_ID}),
)
def known_voice_agent_found(run: RuleContext, response: Response, case: Case[Any]) -> None:
    meta = case.meta
    positive = meta is not None and meta.generation.mode.is_positive
    asked = case.query.get("voiceAgentId") if isinstance(case.query, dict) else None
    if positive and asked == run.voice_agent_id and response.status_code == 404:
        raise AssertionError(
            f"A valid clone request for the run's agent ({run.voice_agent_id!r}) got 404: "
            "the agent the run may clone was not found"
        )


@rule(
    title="A 200 clone's createdAt is within the spec's tolerance of the time the exchange was "
    "recorded",
    source="CONTRACT.md decision 7",
    uses=Use.RECORDED,
    needs=frozenset({Need.RECORDED_AT}),
    watch_kinds=frozenset({NOT_FRESH}),
)
def created_at_is_fresh(run: RuleContext, response: Response, case: Case[Any]) -> None:
    data = _clone_data(response)
    if data is None or run.recorded_at is None or "createdAt" not in data:
        return  # no date-time there: the schema check says so
    created = data["createdAt"]
    # The contract watch's `fresh` rule (hamsa_client._rules), against the recording's time.
    tolerance = spec.fresh_tolerance_seconds()
    if seconds_off(created, run.recorded_at, tolerance) is not None:
        raise AssertionError(
            f"createdAt {created} is not the time of cloning (recorded "
            f"{run.recorded_at.isoformat()}, tolerance {tolerance:g} s)"
        )


@rule(
    title="Every 5xx answer carries the error envelope (ErrorResponse: message or error)",
    source="CONTRACT.md decision 5 (every error status shares one envelope, ErrorResponse, "
    "with `message` or `error`; 500 is one of its statuses)",
    watch_kinds=frozenset({SERVER_ERROR_WITHOUT_ENVELOPE}),
)
def server_error_carries_envelope(run: RuleContext, response: Response, case: Case[Any]) -> None:
    if not is_server_error(response.status_code):
        return
    # The contract watch's rule (hamsa_client._rules), on the body read as the suite reads JSON.
    problem = envelope_problem(response.content, load_json)
    if problem is not None:
        raise AssertionError(
            f"A {response.status_code} answer without the error envelope (ErrorResponse, "
            f"CONTRACT.md decision 5): {problem}"
        )


class SuiteChecks:
    """The rules schemathesis' generated cases are judged by (`Use.GENERATED`), bound to a run's
    key, agent and ledger; each is also an attribute, by its name."""

    def __init__(self, api_key: str, voice_agent_id: str, ledger: Ledger) -> None:
        self.ledger = ledger
        self.context = RuleContext(api_key, voice_agent_id, ledger)
        self._bound = {item.name: BoundRule(item, self.context) for item in RULES if item.judge}

    def all(self) -> list[BoundRule]:
        return [self._bound[name] for name in RULES.names(Use.GENERATED)]

    def for_use(self, use: Use) -> list[BoundRule]:
        """The rules judged in `use`, bound to this run."""
        return [self._bound[name] for name in RULES.names(use)]

    def __getattr__(self, name: str) -> BoundRule:
        bound: dict[str, BoundRule] = self.__dict__.get("_bound", {})
        if name in bound:
            return bound[name]
        raise AttributeError(name)


def duplicate_keys(content: bytes) -> list[str]:
    """Names repeated within one object of a JSON body (sorted); none when it is not JSON or is
    nested deeper than MAX_NESTING (not parsed at all)."""
    repeated: set[str] = set()
    if json_too_deep(content, MAX_NESTING):
        return []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        names = [name for name, _ in items]
        repeated.update(name for name in names if names.count(name) > 1)
        return dict(items)

    try:
        json.loads(content, object_pairs_hook=pairs)
    except ValueError:
        return []
    return sorted(repeated)


def _json(response: Response) -> Any:
    try:
        return load_json(response.content)
    except ValueError:  # not JSON, or nested too deep to read (NestedTooDeep)
        return None


def _clone_data(response: Response) -> dict[str, Any] | None:
    if response.status_code != 200:
        return None
    document = _json(response)
    data = document.get("data") if isinstance(document, dict) else None
    return data if isinstance(data, dict) else None
