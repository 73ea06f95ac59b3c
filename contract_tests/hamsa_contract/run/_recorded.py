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
import binascii
import json
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import httpx
from schemathesis.core.failures import CustomFailure

from hamsa_contract import _spec as spec
from hamsa_contract._command_line import CANNOT_START
from hamsa_contract._input_files import (
    MAX_NESTING,
    InputFileError,
    NestedTooDeep,
    describe,
    http_status,
    load_json,
    load_yaml,
    read_text,
)
from hamsa_contract._redaction import MASK, SHORT_KEY_NOTE, Redactor
from hamsa_contract.drift._findings_file import (
    DECLARED_FIELD_ABSENT,
    FINDINGS_FORMAT,
    UNKNOWN_FIELD,
    FindingsFileError,
    as_finding,
    findings_lines,
)
from hamsa_contract.judge._checks import SuiteChecks
from hamsa_contract.judge._judge import RESPONSE_CHECKS, RULE_PREFIX, Judge
from hamsa_contract.report._ledger import Ledger
from hamsa_contract.report._sources import source_of
from hamsa_contract.report._summary import plural
from hamsa_contract.report._verdict import Verdict, decide
from hamsa_contract.send._target import LIVE_VARIABLES

if TYPE_CHECKING:
    from schemathesis import Case, CheckContext
    from schemathesis.core.transport import Response

    from hamsa_contract.judge._checks import Check

FROM_OPTION: Final = "--from"
HAR: Final = "HAR"
VCR: Final = "VCR cassette"
FINDINGS: Final = "hamsa_client findings"
# What a file's name claims it holds; a file named otherwise is read as whichever it is.
SUFFIXES: Final = {
    ".har": HAR,
    ".yaml": VCR,
    ".yml": VCR,
    ".jsonl": FINDINGS,
    ".ndjson": FINDINGS,
}
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
    """The file cannot be judged: missing, not a regular file, too large, in no format this
    command reads, or with an entry that is not what its format says (named in the message)."""


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


def read_recording(path: Path) -> Recording:
    """Read a HAR file, a VCR cassette or a findings file, whichever `path` holds (its name's
    suffix, `.har`, `.yaml` or `.yml`, `.jsonl` or `.ndjson`, says which, when it has one); a
    RecordingError naming the entry and what is wrong when it cannot be judged."""
    try:
        text = read_text(path)
    except InputFileError as exc:
        raise RecordingError(str(exc)) from None
    claimed = SUFFIXES.get(path.suffix.lower())
    try:
        if claimed is None:
            return _sniffed(path, text)
        try:
            return _read_as(claimed, path, text)
        except _NotThisFormat as exc:
            raise RecordingError(f"{path}: named {path.suffix}, but {exc}") from None
    except _Malformed as exc:
        raise RecordingError(f"{path}: {exc}") from None
    except FindingsFileError as exc:
        raise RecordingError(f"{path}: {exc}") from None


def _read_as(kind: str, path: Path, text: str) -> Recording:
    """`text` read as a recording of `kind`; _NotThisFormat when it is not one."""
    if kind == FINDINGS:
        return Recording(path, kind, findings=findings_lines(text, sniff=False) or [])
    try:
        document = load_json(text) if kind == HAR else load_yaml(text)
    except ValueError as exc:
        raise _NotThisFormat(str(exc)) from None
    if kind == HAR:
        if not isinstance(document, dict) or not isinstance(document.get("log"), dict):
            raise _NotThisFormat("it holds no HAR `log` object (HAR 1.2)")
        return Recording(path, kind, exchanges=_har_exchanges(document["log"]))
    if not isinstance(document, dict) or not isinstance(document.get("http_interactions"), list):
        raise _NotThisFormat("it holds no `http_interactions` list")
    return Recording(path, kind, exchanges=_vcr_exchanges(document))


def _sniffed(path: Path, text: str) -> Recording:
    """A recording of whichever format `text` is in (a name without a known suffix)."""
    try:
        document = load_json(text)
    except NestedTooDeep as exc:
        raise RecordingError(f"{path}: {exc}") from None
    except ValueError:
        document = None
    if isinstance(document, dict) and isinstance(document.get("log"), dict):
        return Recording(path, HAR, exchanges=_har_exchanges(document["log"]))
    if isinstance(document, dict) and document.get("format") == FINDINGS_FORMAT:
        try:
            return Recording(path, FINDINGS, findings=[as_finding(document)])
        except ValueError as exc:
            raise RecordingError(f"{path}: {exc}") from None
    findings = findings_lines(text)
    if findings is not None:
        return Recording(path, FINDINGS, findings=findings)
    if document is None:
        try:
            document = load_yaml(text)
        except ValueError:
            document = None
    if isinstance(document, dict) and isinstance(document.get("http_interactions"), list):
        return Recording(path, VCR, exchanges=_vcr_exchanges(document))
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
        label += f" ({plural(sum(ledger.failures.values()), 'failure')})"
    elif verdict is Verdict.INCOMPLETE:
        label += f" ({plural(sum(ledger.not_run.values()), 'check')} did not run; not a pass)"
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
    lines += [f"Note:     {note}" for note in ledger.notes]
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


class _NotThisFormat(ValueError):
    """The text is not in the format its file's name claims; the message says why."""


class _Malformed(ValueError):
    """One entry of a recording is not what its format says: `where` names it (a path into the
    document, such as `log.entries[3].request.url`) and the message what is wrong."""

    def __init__(self, where: str, what: str) -> None:
        super().__init__(f"{where}: {what}")


def _har_exchanges(log: dict[str, Any]) -> list[Exchange]:
    entries = log.get("entries")
    if not isinstance(entries, list):
        raise _Malformed("log.entries", f"not a list of entries ({describe(entries)})")
    return [_har_exchange(entry, f"log.entries[{index}]") for index, entry in enumerate(entries)]


def _har_exchange(entry: Any, where: str) -> Exchange:
    entry = _object(entry, where)
    recorded = _object(entry.get("request"), f"{where}.request")
    post = _object(recorded.get("postData") or {}, f"{where}.request.postData")
    request = httpx.Request(
        _method(recorded.get("method"), f"{where}.request.method"),
        _url(recorded.get("url"), f"{where}.request.url"),
        headers=_har_headers(recorded.get("headers"), f"{where}.request.headers"),
        content=_har_content(post, f"{where}.request.postData"),
    )
    recorded_at = _instant(entry.get("startedDateTime"))
    answer = entry.get("response")
    status = 0 if answer is None else _object(answer, f"{where}.response").get("status", 0)
    # Browsers record a request that got no answer (blocked, failed) with status 0 (or -1).
    if isinstance(status, int) and not isinstance(status, bool) and status <= 0:
        why = f"{request.method} {request.url.path} was recorded without an answer"
        return Exchange(request, None, recorded_at, why)
    answer = _object(answer, f"{where}.response")
    code = _status(status, f"{where}.response.status")
    content = _object(answer.get("content") or {}, f"{where}.response.content")
    size = content.get("size", 0)
    if not isinstance(size, int) or isinstance(size, bool):
        raise _Malformed(f"{where}.response.content.size", f"not a number ({describe(size)})")
    if content.get("text") is None and size > 0:
        why = f"{request.method} {request.url.path}: the recording left the answer's body out"
        return Exchange(request, None, recorded_at, why)
    response = httpx.Response(
        code,
        headers=_har_headers(answer.get("headers"), f"{where}.response.headers"),
        content=_har_content(content, f"{where}.response.content"),
        request=request,
    )
    return _judgeable(request, response, recorded_at)


def _har_headers(headers: Any, where: str) -> list[tuple[bytes, bytes]]:
    if headers is None:
        return []
    if not isinstance(headers, list):
        raise _Malformed(where, f"not a list of headers ({describe(headers)})")
    pairs = []
    for index, header in enumerate(headers):
        at = f"{where}[{index}]"
        header = _object(header, at)
        if "name" not in header:
            raise _Malformed(at, "a header without a `name`")
        if "value" not in header:
            raise _Malformed(at, "a header without a `value`")
        pairs.append(_header(header["name"], header["value"], at))
    return _pairs(pairs)


def _har_content(content: dict[str, Any], where: str) -> bytes:
    """The bytes of a HAR `content` or `postData`: `text`, base64-decoded when `encoding` says
    so (HAR 1.2: "base64" is the one encoding defined)."""
    text = content.get("text")
    if text is None:
        return b""
    if not isinstance(text, str):
        raise _Malformed(f"{where}.text", f"not a text ({describe(text)})")
    encoding = content.get("encoding")
    if encoding in (None, ""):
        return _utf8(text, f"{where}.text")
    if not isinstance(encoding, str) or encoding.lower() != "base64":
        raise _Malformed(
            f"{where}.encoding",
            f"{describe(encoding)} is no encoding a HAR file has (base64, or none for text)",
        )
    return _base64(text, f"{where}.text")


def _vcr_exchanges(cassette: dict[str, Any]) -> list[Exchange]:
    return [
        _vcr_exchange(interaction, f"http_interactions[{index}]")
        for index, interaction in enumerate(cassette["http_interactions"])
    ]


def _vcr_exchange(interaction: Any, where: str) -> Exchange:
    interaction = _object(interaction, where)
    recorded = _object(interaction.get("request"), f"{where}.request")
    request = httpx.Request(
        _method(recorded.get("method"), f"{where}.request.method"),
        _url(recorded.get("uri"), f"{where}.request.uri"),
        headers=_vcr_headers(recorded.get("headers"), f"{where}.request.headers"),
        content=_vcr_body(recorded.get("body"), f"{where}.request.body"),
    )
    recorded_at = _instant(interaction.get("recorded_at"))
    answer = interaction.get("response")
    if answer is None:
        why = f"{request.method} {request.url.path} was recorded without an answer"
        return Exchange(request, None, recorded_at, why)
    answer = _object(answer, f"{where}.response")
    if "truncated_from" in answer:
        why = f"{request.method} {request.url.path}: the cassette kept only part of the body"
        return Exchange(request, None, recorded_at, why)
    status = _object(answer.get("status"), f"{where}.response.status")
    response = httpx.Response(
        _status(status.get("code"), f"{where}.response.status.code"),
        headers=_vcr_headers(answer.get("headers"), f"{where}.response.headers"),
        content=_vcr_body(answer.get("body"), f"{where}.response.body"),
        request=request,
    )
    return _judgeable(request, response, recorded_at)


def _judgeable(
    request: httpx.Request, response: httpx.Response, recorded_at: datetime | None
) -> Exchange:
    """The exchange, or, when a body is JSON nested deeper than MAX_NESTING (legal JSON, RFC 8259
    §9 lets a reader limit it, and Python's parser would fail on it), the exchange set aside: not
    judged, listed as not run."""
    for what, body in (("request", request.content), ("answer", response.content)):
        try:
            load_json(body)
        except NestedTooDeep:
            why = (
                f"{request.method} {request.url.path}: the {what}'s JSON is nested more than "
                f"{MAX_NESTING} deep, more than this command reads"
            )
            return Exchange(request, None, recorded_at, why)
        except ValueError:
            pass  # not JSON: the checks say what they make of it
    return Exchange(request, response, recorded_at)


def _vcr_headers(headers: Any, where: str) -> list[tuple[bytes, bytes]]:
    """A cassette's headers: each name with its value, or the list of its values."""
    if headers is None:
        return []
    if not isinstance(headers, dict):
        raise _Malformed(where, f"not a mapping of headers ({describe(headers)})")
    pairs = []
    for name, values in headers.items():
        at = f"{where}.{name}" if isinstance(name, str) and name.isprintable() else where
        for value in values if isinstance(values, list) else [values]:
            pairs.append(_header(name, value, at))
    return _pairs(pairs)


def _vcr_body(body: Any, where: str) -> bytes:
    """A cassette's body: `base64_string`, or `string` written in `encoding` (a Python codec,
    UTF-8 when absent)."""
    if body is None:
        return b""
    body = _object(body, where)
    if "base64_string" in body:
        encoded = body["base64_string"]
        if not isinstance(encoded, str):
            raise _Malformed(f"{where}.base64_string", f"not a text ({describe(encoded)})")
        return _base64(encoded, f"{where}.base64_string")
    string = body.get("string", "")
    if not isinstance(string, str):
        raise _Malformed(f"{where}.string", f"not a text ({describe(string)})")
    encoding = body.get("encoding") or "utf-8"
    if not isinstance(encoding, str):
        raise _Malformed(f"{where}.encoding", f"not the name of an encoding ({describe(encoding)})")
    try:
        return string.encode(encoding)
    except LookupError:
        raise _Malformed(
            f"{where}.encoding", f"{describe(encoding)} is no text encoding Python knows"
        ) from None
    except UnicodeError:
        raise _Malformed(f"{where}.string", f"cannot be written in {encoding}") from None


def _object(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        raise _Malformed(where, "missing")
    if not isinstance(value, dict):
        raise _Malformed(where, f"not an object ({describe(value)})")
    return value


# RFC 9110 §5.6.2: a method and a header name are tokens.
_TOKEN: Final = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
# RFC 9110 §5.5: a field value holds no CR, LF or NUL (other bytes, obs-text included, may be).
_NOT_IN_FIELD_VALUES: Final = re.compile(r"[\r\n\x00]")


def _method(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _TOKEN.fullmatch(value):
        raise _Malformed(where, f"not an HTTP method ({describe(value)})")
    return value


def _url(value: Any, where: str) -> httpx.URL:
    if not isinstance(value, str):
        raise _Malformed(where, f"not a URL ({describe(value)})")
    try:
        url = httpx.URL(value)
    except (httpx.InvalidURL, ValueError, UnicodeError) as exc:
        # The URL itself is not shown: it may carry the key in its query.
        raise _Malformed(where, f"not a URL ({type(exc).__name__}: {exc})") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise _Malformed(where, "not an absolute http(s) URL")
    return url


def _header(name: Any, value: Any, where: str) -> tuple[str, bytes]:
    """A header as httpx takes it: the value as the UTF-8 bytes of its text (a recording keeps
    text, not the bytes on the wire; RFC 9110 §5.5 lets a value hold bytes beyond ASCII)."""
    if not isinstance(name, str) or not _TOKEN.fullmatch(name):
        raise _Malformed(where, f"the header name is not a token ({describe(name)})")
    if not isinstance(value, str):
        raise _Malformed(where, f"the value of {name} is not a text ({describe(value)})")
    if _NOT_IN_FIELD_VALUES.search(value):
        raise _Malformed(where, f"the value of {name} holds a line break or NUL (RFC 9110 §5.5)")
    return name, _utf8(value, f"{where} ({name})")


def _status(value: Any, where: str) -> int:
    code = http_status(value)
    if code is None:
        raise _Malformed(where, f"not an HTTP status, 100-599 ({describe(value)})")
    return code


def _utf8(text: str, where: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise _Malformed(where, "holds a lone surrogate (\\uD800-\\uDFFF): no UTF-8 text") from None


def _base64(text: str, where: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise _Malformed(where, f"not base64 ({exc})") from None


# Recorders store bodies decoded: a Content-Encoding or Content-Length kept from the wire would
# describe bytes the recording no longer has.
_WIRE_ONLY: Final = frozenset({"content-encoding", "content-length", "transfer-encoding"})


def _pairs(headers: Iterable[tuple[str, bytes]]) -> list[tuple[bytes, bytes]]:
    """Headers as httpx takes bytes (names are tokens: ASCII), less those of the wire only."""
    return [
        (name.encode("ascii"), value) for name, value in headers if name.lower() not in _WIRE_ONLY
    ]


def _instant(value: Any) -> datetime | None:
    if isinstance(value, datetime):  # a YAML timestamp left unquoted
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if not isinstance(value, str):
        return None
    try:
        instant = datetime.fromisoformat(value)
    except ValueError:
        return None
    return instant if instant.tzinfo else instant.replace(tzinfo=UTC)
