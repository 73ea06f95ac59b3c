"""The suite's own checks, run on every answer next to schemathesis' built-in ones.

They hold what JSON Schema cannot say: the key never comes back, a clone carries the requested
name and a new id, the agent the run may clone is found, and drift (see `drift/_detect.py`: additive
and absent optional fields are warnings, recorded in the ledger, never failures).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hamsa_client.client import json_too_deep
from hamsa_contract import _spec as spec
from hamsa_contract._input_files import MAX_NESTING, load_json
from hamsa_contract.drift._detect import DriftReport, inspect_answer
from hamsa_contract.judge._leaks import key_leaks
from hamsa_contract.report._ledger import Ledger
from hamsa_contract.send._names import name_difference

if TYPE_CHECKING:
    from schemathesis import Case, CheckContext
    from schemathesis.core.transport import Response

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


@dataclass(frozen=True)
class SuiteChecks:
    """The suite's checks, bound to a run's key, agent and ledger."""

    api_key: str
    voice_agent_id: str
    ledger: Ledger

    def all(self) -> list[Check]:
        return [
            self.api_key_not_echoed,
            self.clone_keeps_name_and_gets_new_id,
            self.drift_recorded,
            self.duplicate_keys_noted,
            self.known_voice_agent_found,
        ]

    def api_key_not_echoed(
        self, ctx: CheckContext, response: Response, case: Case[Any]
    ) -> bool | None:
        """The API key never comes back, in a header or the body.

        Source: RFC 9110 §17.16.1 (confidentiality of credentials)."""
        headers = [(name, value) for name, values in response.headers.items() for value in values]
        places = key_leaks(self.api_key, headers, response.content)
        if places:
            raise AssertionError(f"The API key appears in the answer: {', '.join(places)}")
        return None

    def clone_keeps_name_and_gets_new_id(
        self, ctx: CheckContext, response: Response, case: Case[Any]
    ) -> bool | None:
        """A 200 clone carries exactly the requested name, whatever its length, and an id that is
        not its source's (without a name, or with an empty one, the server chooses the name).

        Source: CONTRACT.md decisions 4, 7 and 12."""
        data = _clone_data(response)
        if data is None:
            return None
        requested = case.body.get("agentName") if isinstance(case.body, dict) else None
        if isinstance(requested, str) and requested and data.get("agentName") != requested:
            raise AssertionError(
                "The clone's name is not the requested one: "
                + name_difference(requested, data.get("agentName"))
            )
        source = case.query.get("voiceAgentId") if isinstance(case.query, dict) else None
        if data.get("id") == source:
            raise AssertionError(f"The clone has the id of its source ({source!r})")
        return None

    def drift_recorded(self, ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
        """Drift is noted as a warning (never a failure).

        Source: CONTRACT.md decisions 1 and 2 (additions and absent optional fields conform)."""
        document = _json(response)
        if document is not None:
            record_drift(self.ledger, response.status_code, document)
        return None

    def duplicate_keys_noted(
        self, ctx: CheckContext, response: Response, case: Case[Any]
    ) -> bool | None:
        """An object with a repeated name is a warning, never a failure.

        Source: RFC 8259 §4 (names SHOULD be unique; a SHOULD, and the contract is silent)."""
        repeated = duplicate_keys(response.content)
        if repeated:
            self.ledger.note(
                f"a {response.status_code} answer repeats JSON names ({', '.join(repeated)}): "
                "parsers differ on which value wins (RFC 8259 §4)"
            )
        return None

    def known_voice_agent_found(
        self, ctx: CheckContext, response: Response, case: Case[Any]
    ) -> bool | None:
        """A valid request for the run's agent is not answered 404.

        Source: CONTRACT.md decision 5 (404 only when there is no such voice agent)."""
        meta = case.meta
        positive = meta is not None and meta.generation.mode.is_positive
        asked = case.query.get("voiceAgentId") if isinstance(case.query, dict) else None
        if positive and asked == self.voice_agent_id and response.status_code == 404:
            raise AssertionError(
                f"A valid clone request for the run's agent ({self.voice_agent_id!r}) got 404: "
                "the agent the run may clone was not found"
            )
        return None


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
