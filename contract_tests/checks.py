"""The suite's own checks, run by schemathesis on every answer next to its built-in ones.

They hold what JSON Schema cannot say: the key never comes back, a clone carries the requested
name and a new id, the agent the run may clone is found, and drift (see `drift.py`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from contract_tests import spec
from contract_tests.drift import DriftReport, inspect_answer
from contract_tests.leaks import key_leaks

if TYPE_CHECKING:
    from schemathesis import Case, CheckContext
    from schemathesis.core.transport import Response

    from contract_tests.ledger import Ledger
    from contract_tests.suite import Suite

Check = Callable[["CheckContext", "Response", "Case[Any]"], bool | None]


def record_drift(ledger: Ledger, status_code: int, document: Any) -> DriftReport:
    """Drift in a documented answer; unknown fields go to the ledger as warnings.

    A 200 must carry every field the spec declares for the agent (under `data`); an error answer
    is only checked for unknown fields. Undocumented statuses have no schema to compare with.
    """
    if status_code not in spec.documented_statuses():
        return DriftReport(unknown=(), missing=())
    schema = spec.response_schema(status_code)
    report = inspect_answer(document, schema, complete_under="data" if status_code == 200 else None)
    for path in report.unknown:
        ledger.record_drift(path, str(status_code))
    ledger.drift_log.record(status_code, report)
    return report


def missing_fields_message(report: DriftReport) -> str:
    return (
        f"Fields the spec declares are missing (renamed or dropped): {', '.join(report.missing)}. "
        "A client reading them gets nothing."
    )


def suite_checks(suite: Suite) -> list[Check]:
    """The suite's checks, bound to this run's key, agent and ledger."""
    api_key = suite.target.api_key
    voice_agent_id = suite.target.voice_agent_id
    ledger = suite.ledger

    def api_key_not_echoed(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
        headers = [(name, value) for name, values in response.headers.items() for value in values]
        places = key_leaks(api_key, headers, response.content)
        if places:
            raise AssertionError(f"The API key appears in the answer: {', '.join(places)}")
        return None

    def clone_keeps_name_and_gets_new_id(
        ctx: CheckContext, response: Response, case: Case[Any]
    ) -> bool | None:
        data = _clone_data(response)
        if data is None:
            return None
        requested = case.body.get("agentName") if isinstance(case.body, dict) else None
        if isinstance(requested, str) and data.get("agentName") != requested:
            raise AssertionError(
                f"The clone is named {data.get('agentName')!r}, the request asked for {requested!r}"
            )
        source = case.query.get("voiceAgentId") if isinstance(case.query, dict) else None
        if data.get("id") == source:
            raise AssertionError(f"The clone has the id of its source ({source!r})")
        return None

    def declared_fields_present(
        ctx: CheckContext, response: Response, case: Case[Any]
    ) -> bool | None:
        document = _json(response)
        if document is None:
            return None
        report = record_drift(ledger, response.status_code, document)
        if report.missing:
            raise AssertionError(missing_fields_message(report))
        return None

    def known_voice_agent_found(
        ctx: CheckContext, response: Response, case: Case[Any]
    ) -> bool | None:
        meta = case.meta
        positive = meta is not None and meta.generation.mode.is_positive
        asked = case.query.get("voiceAgentId") if isinstance(case.query, dict) else None
        if positive and asked == voice_agent_id and response.status_code == 404:
            raise AssertionError(
                f"A valid clone request for the run's agent ({voice_agent_id!r}) got 404: "
                "the agent the run may clone was not found"
            )
        return None

    return [
        api_key_not_echoed,
        clone_keeps_name_and_gets_new_id,
        declared_fields_present,
        known_voice_agent_found,
    ]


def _json(response: Response) -> Any:
    try:
        return json.loads(response.content)
    except ValueError:
        return None


def _clone_data(response: Response) -> dict[str, Any] | None:
    if response.status_code != 200:
        return None
    document = _json(response)
    data = document.get("data") if isinstance(document, dict) else None
    return data if isinstance(data, dict) else None
