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
carried is masked in everything printed.
"""

from __future__ import annotations

import base64
import json
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import httpx
import yaml
from schemathesis.core.failures import CustomFailure

from hamsa_contract import _spec as spec
from hamsa_contract._command_line import CANNOT_START
from hamsa_contract._redaction import MASK, Redactor
from hamsa_contract.drift._findings_file import (
    DECLARED_FIELD_ABSENT,
    FINDINGS_FORMAT,
    UNKNOWN_FIELD,
    findings_lines,
)
from hamsa_contract.judge._checks import SuiteChecks
from hamsa_contract.judge._judge import RESPONSE_CHECKS, RULE_PREFIX, Judge
from hamsa_contract.report._ledger import Ledger
from hamsa_contract.report._sources import source_of
from hamsa_contract.report._verdict import Verdict, decide
from hamsa_contract.send._target import LIVE_VARIABLES

if TYPE_CHECKING:
    from schemathesis import Case, CheckContext
    from schemathesis.core.transport import Response

    from hamsa_contract.judge._checks import Check

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


def suite_rule(check: str) -> str:
    """The rule the judge names when the suite's check `check` fails on an answer."""
    return f"{RULE_PREFIX}: {CustomFailure.code} {CustomFailure.kind_title}: `{check}`"


# The suite check that judges what each kind of contract-watch finding reports.
FINDING_CHECKS: Final = {
    "api_key_in_answer": "api_key_not_echoed",
    "not_as_sent": "clone_keeps_name_and_gets_new_id",
    "same_as_source": "clone_keeps_name_and_gets_new_id",
    "not_fresh": "created_at_is_fresh",
}


def _check_doc(check: str) -> str | None:
    """The docstring (with its `Source:` line) of the suite check named `check`."""
    if check == "created_at_is_fresh":
        return CreatedAtIsFresh.__doc__
    return getattr(getattr(SuiteChecks, check, None), "__doc__", None)


class RecordingError(ValueError):
    """The file cannot be read as a recording: missing, or in no format this command reads."""


@dataclass(frozen=True)
class Exchange:
    """One recorded request and its answer (None when the recording has no usable answer)."""

    request: httpx.Request
    response: httpx.Response | None
    recorded_at: datetime | None
    why_not_judged: str | None = None


@dataclass
class Recording:
    """What a file holds: exchanges (HAR, VCR) or findings lines (hamsa_client's file)."""

    path: Path
    kind: str
    exchanges: list[Exchange] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)


def main(path: Path) -> int:
    """Judge the recording at `path`, print the verdict and its summary; the verdict's exit
    status, or 4 when the file cannot be read. HAMSA_API_KEY, when set, is the key looked for in
    the answers (and masked) even where the recorder masked it in the requests."""
    try:
        recording = read_recording(path)
    except RecordingError as exc:
        print(f"hamsa-contract-test {FROM_OPTION}: {exc}", file=sys.stderr)
        return CANNOT_START
    verdict, lines = judge(recording, api_key=os.environ.get(ENV_API_KEY, "").strip() or None)
    for line in lines:
        print(line)
    return verdict.exit_status


def read_recording(path: Path) -> Recording:
    """Read a HAR file, a VCR cassette or a findings file, whichever `path` holds."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RecordingError(f"no file at {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RecordingError(f"cannot read {path}: {exc}") from None
    try:
        document = json.loads(text)
    except ValueError:
        document = None
    if isinstance(document, dict) and isinstance(document.get("log"), dict):
        return Recording(path, "HAR", exchanges=_har_exchanges(document["log"]))
    if isinstance(document, dict) and document.get("format") == FINDINGS_FORMAT:
        return Recording(path, "hamsa_client findings", findings=[document])
    findings = findings_lines(text)
    if findings is not None:
        return Recording(path, "hamsa_client findings", findings=findings)
    try:
        cassette = yaml.safe_load(text)
    except yaml.YAMLError:
        cassette = None
    if isinstance(cassette, dict) and isinstance(cassette.get("http_interactions"), list):
        return Recording(path, "VCR cassette", exchanges=_vcr_exchanges(cassette))
    raise RecordingError(
        f"{path} is not a HAR file, a VCR cassette or a hamsa_client findings file "
        f"(JSON lines of format {FINDINGS_FORMAT})"
    )


def judge(recording: Recording, *, api_key: str | None = None) -> tuple[Verdict, list[str]]:
    """The verdict on a recording and the summary lines that explain it; `api_key` is looked for
    in every answer besides the key each recorded request carried."""
    ledger = Ledger()
    clone_exchanges = [
        exchange
        for exchange in recording.exchanges
        if spec.is_clone_call(exchange.request.method, exchange.request.url.path)
    ]
    keys = {key for exchange in clone_exchanges if (key := _key_of(exchange.request))}
    redact = Redactor(sorted(keys | ({api_key} if api_key else set())))
    if recording.findings:
        judged = _judge_findings(recording.findings, ledger, redact)
    else:
        judged = _judge_exchanges(clone_exchanges, api_key, ledger, redact)
    for reason in NEEDS_REQUESTS_OF_THEIR_OWN:
        ledger.record_not_run(f"needs requests of its own, not judged from a recording: {reason}")
    if judged == 0:
        ledger.record_not_run(
            f"every check: {recording.path} holds no clone exchange ({spec.CLONE_METHOD.upper()} "
            f"{spec.CLONE_PATH}) to judge"
        )
    verdict = decide(len(ledger.failures), ledger.not_run)
    lines = _summary(recording, verdict, ledger, judged, len(clone_exchanges), redact)
    return verdict, [redact(line) for line in lines]


def _judge_exchanges(
    exchanges: list[Exchange], api_key: str | None, ledger: Ledger, redact: Redactor
) -> int:
    """Run the live run's answer checks on each recorded exchange; how many were judged."""
    schema = _schema()
    fresh = CreatedAtIsFresh(tolerance=_fresh_tolerance())
    judged = 0
    for exchange in exchanges:
        if exchange.response is None or exchange.why_not_judged:
            ledger.record_not_run(
                f"every answer: {exchange.why_not_judged or 'an exchange without an answer'}"
            )
            continue
        request_key = api_key or _key_of(exchange.request)
        suite = SuiteChecks(request_key or "", "", ledger)
        checks: list[Check] = [suite.clone_keeps_name_and_gets_new_id, suite.drift_recorded]
        if request_key:
            checks.append(suite.api_key_not_echoed)
        else:
            ledger.record_not_run(
                "every answer: the API key never comes back (the recorded request's key is "
                f"masked or absent: set {ENV_API_KEY} to look for it)"
            )
        if exchange.recorded_at is not None:
            fresh.recorded_at = exchange.recorded_at
            checks.append(fresh)
        else:
            ledger.record_not_run("semantics: createdAt is the time of cloning (no recording time)")
        Judge(schema, checks, ledger, redact)(exchange.response)
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
            check = FINDING_CHECKS.get(kind)
            rule = suite_rule(check) if check else f"hamsa_client contract watch: {kind}"
            detail = redact(f"{where}: {field_path}: {line.get('detail', kind)}")
            source = source_of(_check_doc(check)) if check else None
            ledger.record_failure(rule, f"{line.get('observed_at')} {detail}", source)
            shown = "" if source is None else f"\n{source.shown()}"
            ledger.find(f"Rule broken: {rule}{shown}\n  {detail}", rule=rule)
    ledger.record_not_run(
        "every answer: schemathesis' response checks (status, content type, headers, schema): "
        "a findings file holds what the client found, not the answers themselves"
    )
    return len(findings)


@dataclass(eq=False)  # schemathesis keeps checks in sets: hashed by identity
class CreatedAtIsFresh:
    """A 200 clone's createdAt is within `tolerance` of when the exchange was recorded (the
    tolerance of the spec's `x-hamsa-watch.fresh`, the contract watch's too).

    Source: CONTRACT.md decision 7."""

    tolerance: timedelta
    recorded_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    __name__ = "created_at_is_fresh"

    def __call__(self, ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
        if response.status_code != 200:
            return None
        try:
            created = json.loads(response.content)["data"]["createdAt"]
            instant = datetime.fromisoformat(created)
        except (ValueError, KeyError, TypeError):
            return None  # no date-time there: the schema check says so
        if instant.tzinfo is None:
            instant = instant.replace(tzinfo=UTC)
        if abs(instant - self.recorded_at) > self.tolerance:
            raise AssertionError(
                f"createdAt {created} is not the time of cloning (recorded "
                f"{self.recorded_at.isoformat()}, tolerance {self.tolerance.total_seconds():g} s)"
            )
        return None


def _summary(
    recording: Recording,
    verdict: Verdict,
    ledger: Ledger,
    judged: int,
    clone_exchanges: int,
    redact: Redactor,
) -> list[str]:
    label = verdict.label
    if verdict is Verdict.BROKEN:
        label += f" ({sum(ledger.failures.values())} failures)"
    elif verdict is Verdict.INCOMPLETE:
        label += f" ({sum(ledger.not_run.values())} checks did not run; not a pass)"
    what = (
        f"{judged} findings lines"
        if recording.findings
        else f"{judged} of {clone_exchanges} clone exchanges judged, "
        f"{len(recording.exchanges) - clone_exchanges} other requests ignored"
    )
    lines = [
        f"Verdict:  {label} (exit status {verdict.exit_status})",
        f"Target:   recorded traffic, {recording.kind} {recording.path} ({what}); nothing sent",
    ]
    if not recording.findings:
        checks = ", ".join(check.__name__ for check in RESPONSE_CHECKS)
        lines.append(f"Checks:   schemathesis {checks}")
        lines.append(
            "          suite api_key_not_echoed, clone_keeps_name_and_gets_new_id, "
            "drift_recorded, created_at_is_fresh"
        )
    findings = ledger.take_findings()
    lines.append("Failures: " + ("none" if not ledger.failures else "by rule"))
    lines += [f"  - {rule} (x{count})" for rule, count in ledger.failures.items()]
    lines += [f"  {line}" for finding in findings for line in finding.splitlines()]
    lines.append("Not run:  " + ("none" if not ledger.not_run else "these checks did not run"))
    lines += [f"  - {reason} (x{count})" for reason, count in ledger.not_run.items()]
    drift = ledger.drift
    absent = ledger.absent
    lines.append("Drift:    " + ("none" if not (drift or absent) else "a warning"))
    lines += [f"  - unknown field {path} in {', '.join(s)} answers" for path, s in drift.items()]
    lines += [
        f"  - declared field absent: {path} in {', '.join(s)} answers" for path, s in absent.items()
    ]
    return [redact(line) for line in lines]


def _schema() -> Any:
    import schemathesis

    return schemathesis.openapi.from_path(spec.SPEC_PATH)


def _fresh_tolerance() -> timedelta:
    """`fresh` of the 200 answer's `x-hamsa-watch` in the spec, in seconds."""
    watch = spec.clone_operation()["responses"]["200"].get("x-hamsa-watch", {})
    seconds = next(iter(watch.get("fresh", {}).values()), None)
    if not isinstance(seconds, int | float):
        raise RecordingError("the spec's 200 answer has no x-hamsa-watch.fresh tolerance")
    return timedelta(seconds=seconds)


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


def _har_exchanges(log: dict[str, Any]) -> list[Exchange]:
    exchanges = []
    for entry in log.get("entries") or []:
        recorded = entry.get("request") or {}
        post = recorded.get("postData") or {}
        request = httpx.Request(
            recorded.get("method", "GET"),
            recorded.get("url", ""),
            headers=_pairs((item["name"], item["value"]) for item in recorded.get("headers", [])),
            content=str(post.get("text", "")).encode("utf-8"),
        )
        answer = entry.get("response") or {}
        content = answer.get("content") or {}
        status = int(answer.get("status") or 0)
        why = None
        body = content.get("text")
        if status <= 0:
            why = f"{request.method} {request.url.path} was recorded without an answer"
        elif body is None and int(content.get("size") or 0) > 0:
            why = f"{request.method} {request.url.path}: the recording left the answer's body out"
        response = None
        if why is None:
            raw = (
                base64.b64decode(str(body))
                if content.get("encoding") == "base64"
                else str(body or "").encode("utf-8")
            )
            headers = _pairs((item["name"], item["value"]) for item in answer.get("headers", []))
            response = httpx.Response(status, headers=headers, content=raw, request=request)
        exchanges.append(Exchange(request, response, _instant(entry.get("startedDateTime")), why))
    return exchanges


def _vcr_exchanges(cassette: dict[str, Any]) -> list[Exchange]:
    exchanges = []
    for interaction in cassette["http_interactions"]:
        recorded = interaction.get("request") or {}
        request = httpx.Request(
            str(recorded.get("method", "GET")),
            str(recorded.get("uri", "")),
            headers=_vcr_headers(recorded.get("headers")),
            content=_vcr_body(recorded.get("body")),
        )
        answer = interaction.get("response")
        recorded_at = _instant(interaction.get("recorded_at"))
        if not isinstance(answer, dict):
            why = f"{request.method} {request.url.path} was recorded without an answer"
            exchanges.append(Exchange(request, None, recorded_at, why))
            continue
        if "truncated_from" in answer:
            why = f"{request.method} {request.url.path}: the cassette kept only part of the body"
            exchanges.append(Exchange(request, None, recorded_at, why))
            continue
        response = httpx.Response(
            int((answer.get("status") or {}).get("code", 0)),
            headers=_vcr_headers(answer.get("headers")),
            content=_vcr_body(answer.get("body")),
            request=request,
        )
        exchanges.append(Exchange(request, response, recorded_at))
    return exchanges


def _vcr_headers(headers: Any) -> list[tuple[str, str]]:
    if not isinstance(headers, dict):
        return []
    return _pairs(
        (str(name), str(value))
        for name, values in headers.items()
        for value in (values if isinstance(values, list) else [values])
    )


def _vcr_body(body: Any) -> bytes:
    if not isinstance(body, dict):
        return b""
    if "base64_string" in body:
        return base64.b64decode(str(body["base64_string"]))
    return str(body.get("string", "")).encode(str(body.get("encoding") or "utf-8"))


# Recorders store bodies decoded: a Content-Encoding or Content-Length kept from the wire would
# describe bytes the recording no longer has.
_WIRE_ONLY: Final = frozenset({"content-encoding", "content-length", "transfer-encoding"})


def _pairs(headers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(name, value) for name, value in headers if name.lower() not in _WIRE_ONLY]


def _instant(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        instant = datetime.fromisoformat(value)
    except ValueError:
        return None
    return instant if instant.tzinfo else instant.replace(tzinfo=UTC)
