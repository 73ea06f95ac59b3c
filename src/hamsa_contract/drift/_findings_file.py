"""Reading the JSON-lines findings file of hamsa_client's contract watch (`ContractWatch(
findings_file=...)`), for `hamsa-contract-test --from` and `make adopt-drift`.

Each line is one finding, reported once per client process (docs/watching.md): `format`,
`observed_at`, `server`, `operation`, `method`, `path`, `status`, `kind`, `field`, and per kind
`type`, `value`, `carries_api_key` (unknown fields) or `detail` (contract breaks). A file may
gather the lines of many processes and days: the same finding may appear more than once.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from hamsa_client._rules import DECLARED_FIELD_ABSENT, UNKNOWN_FIELD
from hamsa_client.client import FINDINGS_FORMAT
from hamsa_contract._input_files import describe, http_status, load_json
from hamsa_contract._redaction import Redactor
from hamsa_contract.drift._detect import DriftReport
from hamsa_contract.drift._log import DriftLog

__all__ = [
    "DECLARED_FIELD_ABSENT",
    "FINDINGS_FORMAT",
    "UNKNOWN_FIELD",
    "FindingsFileError",
    "as_drift_report",
    "as_finding",
    "findings_lines",
]


class FindingsFileError(ValueError):
    """A findings file with a line that is no finding: the message names the line and what is
    wrong with it."""


def findings_lines(text: str, *, sniff: bool = True) -> list[dict[str, Any]] | None:
    """Every finding of a findings file's text. With `sniff`, None when the first line is no
    finding (the text is another format); FindingsFileError naming the first line that is no
    finding of a findings file (every line, without `sniff`)."""
    lines = [(number, line) for number, line in enumerate(text.splitlines(), 1) if line.strip()]
    if not lines:
        if sniff:
            return None
        raise FindingsFileError("no finding in it: the file is empty")
    parsed: list[dict[str, Any]] = []
    for number, line in lines:
        try:
            parsed.append(as_finding(load_json(line)))
        except ValueError as exc:
            if sniff and not parsed:
                return None
            raise FindingsFileError(f"line {number}: {exc}") from None
    return parsed


def as_finding(item: Any) -> dict[str, Any]:
    """A JSON value as a finding; ValueError saying why it is none."""
    if not isinstance(item, dict):
        raise ValueError(f"not a finding: a JSON object is, this is {describe(item)}")
    if item.get("format") != FINDINGS_FORMAT:
        raise ValueError(f"not a finding: its `format` is not {FINDINGS_FORMAT}")
    for name in ("kind", "field"):
        if not isinstance(item.get(name), str):
            raise ValueError(f"`{name}` is not a string ({describe(item.get(name))})")
    if not item["field"]:
        raise ValueError("`field` is empty: not a dotted JSON path")
    if http_status(item.get("status")) is None:
        raise ValueError(f"`status` is not an HTTP status ({describe(item.get('status'))})")
    return item


def as_drift_report(findings: list[dict[str, Any]], source: str) -> dict[str, Any]:
    """The drift findings as the content of a drift.json (what `make adopt-drift` reads): unknown
    fields with their values and inferred schema, declared fields absent. Contract breaks are no
    drift: `hamsa-contract-test --from` judges them."""
    log = DriftLog()
    days: list[date] = []
    servers: list[str] = []
    for finding in findings:
        status, path = http_status(finding["status"]) or 0, str(finding["field"])
        if finding.get("kind") == UNKNOWN_FIELD:
            log.record(status, DriftReport((path,), (), values={path: finding.get("value")}))
        elif finding.get("kind") == DECLARED_FIELD_ABSENT:
            log.record(status, DriftReport((), (path,)))
        else:
            continue
        days.append(_day(finding.get("observed_at")))
        if str(finding.get("server")) not in servers:
            servers.append(str(finding.get("server")))
    observed_on = max(days, default=date.today())
    target = f"hamsa_client findings file {source}" + (
        f" ({', '.join(servers)})" if servers else ""
    )
    # The watch masked every value that carried the key; a masked value still marks its entry.
    return log.document(Redactor([]), observed_on=observed_on, target=target)


def _day(value: Any) -> date:
    try:
        return datetime.fromisoformat(str(value)).date()
    except ValueError:
        return date.today()
