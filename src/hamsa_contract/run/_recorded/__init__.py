"""`hamsa-contract-test --from FILE`: a contract verdict on recorded traffic, sending nothing.

FILE is a HAR file (a browser, a proxy, or the suite's own `reports/*.har`), a schemathesis VCR
cassette (`reports/*.yaml`), or the JSON-lines findings file of hamsa_client's contract watch.

Each recorded clone exchange is judged by the live run's `Judge`: schemathesis' response checks
(status, content type, headers, schema, no server error) and the suite's own (the key never comes
back, the clone keeps the name sent and gets a new id, drift), plus `createdAt` against the time
the exchange was recorded. A findings file holds findings, not answers: its contract breaks fail
the rule they break, its drift is drift, and schemathesis' checks are listed as not run.

What needs requests of its own (the suite's probes, planned clones, generated cases) cannot be
judged from a recording: it is listed as not run, so the verdict is INCOMPLETE at best (exit 2),
CONTRACT BROKEN (exit 1) when a recorded answer broke a rule. The key each recorded request
carried is masked in everything printed. The summary is the live run's (`report/_summary.py`).

Each format has its reader behind one interface (`_reading.Reader`: `_har.py`, `_vcr.py`,
`_findings.py`); what they share is in `_fields.py`. Which rules judge a recorded exchange is the
registry's to say (`Use.RECORDED`, `report/_rules.py`).
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Final

import httpx
from schemathesis.core.failures import CustomFailure

from hamsa_contract import _spec as spec
from hamsa_contract._command_line import CANNOT_START
from hamsa_contract._redaction import MASK, SHORT_KEY_NOTE, Redactor
from hamsa_contract.drift._findings_file import DECLARED_FIELD_ABSENT, UNKNOWN_FIELD
from hamsa_contract.judge._checks import RULES, RuleContext, RuleSet, Use
from hamsa_contract.judge._judge import RESPONSE_CHECKS, RULE_PREFIX, Judge
from hamsa_contract.report._ledger import Ledger
from hamsa_contract.report._rules import Need
from hamsa_contract.report._summary import RunFacts, render
from hamsa_contract.report._verdict import Verdict, decide
from hamsa_contract.run._recorded._fields import Exchange, Recording, RecordingError
from hamsa_contract.run._recorded._findings import FINDINGS
from hamsa_contract.run._recorded._har import HAR
from hamsa_contract.run._recorded._reading import READERS, Reader, read_recording
from hamsa_contract.run._recorded._vcr import VCR
from hamsa_contract.send._target import LIVE_VARIABLES

__all__ = [
    "FINDINGS",
    "FROM_OPTION",
    "HAR",
    "NEEDS_REQUESTS_OF_THEIR_OWN",
    "READERS",
    "VCR",
    "Exchange",
    "Reader",
    "Recording",
    "RecordingError",
    "judge",
    "main",
    "read_recording",
    "suite_rule",
]

FROM_OPTION: Final = "--from"
ENV_API_KEY: Final = LIVE_VARIABLES[1]  # HAMSA_API_KEY
# Masks a recorder may have written in place of the key (schemathesis', hamsa_client's, common
# proxies'): a request carrying one of these tells nothing about the key.
KNOWN_MASKS: Final = (MASK, "[secure]", "[REDACTED]", "***")
# Judged from a recording never: each needs requests the suite makes itself.
NEEDS_REQUESTS_OF_THEIR_OWN: Final = (
    "requests: documented statuses and error envelopes for requests the suite makes itself "
    "(no key, a bad key, a bad body, an unknown voiceAgentId)",
    "security: credential probes (a missing, malformed or unknown key must get 401)",
    "semantics: the planned clones (overlapping clones, clones of clones, a copied "
    "configuration, unknown ids answered 404, createdAt order)",
    "conformance: schemathesis' generated cases and its request-side checks (valid data "
    "accepted, invalid data rejected, authentication enforced)",
    "client: the generated hamsa_client against the target",
    "the run's agent is found (a valid request for HAMSA_VOICE_AGENT_ID is not answered 404)",
)
# Why a recorded exchange may lack what a rule needs, and what to do about it.
_WHY_MISSING: Final = {
    Need.API_KEY: "the recorded request's key is masked or absent: set "
    f"{ENV_API_KEY} to look for it",
    Need.RECORDED_AT: "no recording time",
    Need.VOICE_AGENT_ID: "a recording names no agent of the run",
}


def suite_rule(check: str) -> str:
    """The rule the judge names when the suite's check `check` fails on an answer."""
    return f"{RULE_PREFIX}: {CustomFailure.code} {CustomFailure.kind_title}: `{check}`"


def main(path: Path) -> int:
    """Judge the recording at `path`, print the verdict and its summary; the verdict's exit
    status, or 4 when the file cannot be read. HAMSA_API_KEY, when set, is the key looked for in
    the answers (and masked) even where the recorder masked it in the requests."""
    api_key = os.environ.get(ENV_API_KEY, "").strip() or None
    try:
        recording = read_recording(path)
    except RecordingError as exc:
        redact = Redactor([api_key] if api_key else [])
        print(redact(f"hamsa-contract-test {FROM_OPTION}: {exc}"), file=sys.stderr)
        return CANNOT_START
    verdict, lines = judge(recording, api_key=api_key)
    for line in lines:
        print(line)
    return verdict.exit_status


def judge(recording: Recording, *, api_key: str | None = None) -> tuple[Verdict, list[str]]:
    """The verdict on a recording and the run's closing summary that explains it (each failure in
    full under its rule); `api_key` is looked for in every answer besides the key each recorded
    request carried."""
    ledger = Ledger()
    clone_exchanges = [
        exchange
        for exchange in recording.exchanges
        if spec.is_clone_call(exchange.request.method, exchange.request.url.path)
    ]
    keys = {key for exchange in clone_exchanges if (key := _key_of(exchange.request))}
    redact = Redactor(sorted(keys | ({api_key} if api_key else set())))
    if redact.has_short_secret:
        ledger.note(SHORT_KEY_NOTE)
    if recording.findings:
        judged = _judge_findings(recording.findings, ledger, redact)
    else:
        judged = _judge_exchanges(clone_exchanges, api_key, ledger, redact)
    for reason in NEEDS_REQUESTS_OF_THEIR_OWN:
        ledger.record_not_run(f"needs requests of its own, not judged from a recording: {reason}")
    if judged == 0 and not clone_exchanges:
        ledger.record_not_run(
            f"every check: {recording.path} holds no clone exchange ({spec.CLONE_METHOD.upper()} "
            f"{spec.CLONE_PATH}) to judge"
        )
    elif judged == 0:
        ledger.record_not_run(
            f"every check: none of the {len(clone_exchanges)} clone exchanges of "
            f"{recording.path} could be judged (above: why)"
        )
    verdict = decide(len(ledger.failures), ledger.not_run)
    lines = render(_facts(recording, verdict, ledger, judged, len(clone_exchanges)))
    return verdict, [redact(line) for line in lines]


def _judge_exchanges(
    exchanges: list[Exchange], api_key: str | None, ledger: Ledger, redact: Redactor
) -> int:
    """Run the live run's answer checks and the rules for recordings on each recorded exchange;
    how many were judged."""
    schema = _schema()
    judged = 0
    for exchange in exchanges:
        if exchange.response is None or exchange.why_not_judged:
            ledger.record_not_run(
                f"every answer: {exchange.why_not_judged or 'an exchange without an answer'}"
            )
            continue
        context = RuleContext(
            api_key=api_key or _key_of(exchange.request),
            voice_agent_id=None,
            ledger=ledger,
            recorded_at=exchange.recorded_at,
        )
        rules = RuleSet(context, Use.RECORDED)
        for rule, need in rules.missing:
            ledger.record_not_run(f"every answer: {rule.title} ({_WHY_MISSING[need]})")
        Judge(schema, [*rules.checks], ledger, redact)(exchange.response)
        judged += 1
    return judged


def _judge_findings(findings: list[dict[str, Any]], ledger: Ledger, redact: Redactor) -> int:
    """Take the contract watch's findings as what they are; how many lines were read."""
    for line in findings:
        kind = str(line.get("kind"))
        status = str(line.get("status"))
        where = f"{line.get('method')} {line.get('path')} -> {status}"
        field_path = redact(str(line.get("field")))
        if kind == UNKNOWN_FIELD:
            ledger.record_drift(field_path, status)
        elif kind == DECLARED_FIELD_ABSENT:
            ledger.record_absent(field_path, status)
        else:
            # The suite's rule that judges by the watch's function (report/_rules.py).
            check = RULES.judging(kind)
            rule = suite_rule(check.name) if check else f"hamsa_client contract watch: {kind}"
            detail = redact(f"{where}: {field_path}: {line.get('detail', kind)}")
            source = check.source if check else None
            ledger.record_failure(rule, f"{line.get('observed_at')} {detail}", source)
            shown = "" if source is None else f"\n{source.shown()}"
            ledger.find(f"Rule broken: {rule}{shown}\n  {detail}", rule=rule)
    ledger.record_not_run(
        "every answer: schemathesis' response checks (status, content type, headers, schema): "
        "a findings file holds what the client found, not the answers themselves"
    )
    return len(findings)


def _facts(
    recording: Recording, verdict: Verdict, ledger: Ledger, judged: int, clone_exchanges: int
) -> RunFacts:
    """The run's closing summary's facts, for recorded traffic: nothing sent, nothing created."""
    what = (
        f"{judged} findings lines"
        if recording.findings
        else f"{judged} of {clone_exchanges} clone exchanges judged, "
        f"{len(recording.exchanges) - clone_exchanges} other requests ignored"
    )
    return RunFacts(
        target=f"recorded traffic, {recording.kind} {recording.path} ({what}); nothing sent",
        seed=None,
        request_timeout=0.0,
        verdict=verdict,
        builtin_checks=(
            [] if recording.findings else [check.__name__ for check in RESPONSE_CHECKS]
        ),
        suite_checks=[] if recording.findings else RULES.names(Use.RECORDED),
        outcomes={},
        cases={},
        suite_requests=0,
        failures=dict(ledger.failures),
        not_run=Counter(ledger.not_run),
        drift=ledger.drift,
        absent=ledger.absent,
        funding=None,
        created_ids=(),
        unexpected_ids=(),
        refused_writes=0,
        notes=list(ledger.notes),
        failure_sources=ledger.failure_sources,
        failure_details=ledger.take_findings(),
    )


def _schema() -> Any:
    import schemathesis

    return schemathesis.openapi.from_path(spec.SPEC_PATH)


def _key_of(request: httpx.Request) -> str | None:
    """The API key a recorded request carried (`Authorization: Token <key>`), unless masked."""
    value: str | None = request.headers.get(spec.token_auth_header())
    if value is None:
        return None
    scheme, _, key = value.strip().partition(" ")
    key = key.strip() if scheme.lower() == "token" else value.strip()
    if not key or any(mask in key for mask in KNOWN_MASKS):
        return None
    return key
