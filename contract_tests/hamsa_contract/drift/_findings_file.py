"""Reading the JSON-lines findings file of hamsa_client's contract watch (`ContractWatch(
findings_file=...)`), for `hamsa-contract-test --from` and `make adopt-drift`.

Each line is one finding, reported once per client process (docs/watching.md): `format`,
`observed_at`, `server`, `operation`, `method`, `path`, `status`, `kind`, `field`, and per kind
`type`, `value`, `carries_api_key` (unknown fields) or `detail` (contract breaks). A file may
gather the lines of many processes and days: the same finding may appear more than once.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, Final

from hamsa_contract._redaction import Redactor
from hamsa_contract.drift._detect import DriftReport
from hamsa_contract.drift._log import DriftLog

# client.FINDINGS_FORMAT of the generated package (tests keep the two equal).
FINDINGS_FORMAT: Final = "hamsa-client-findings/1"
UNKNOWN_FIELD: Final = "unknown_field"
DECLARED_FIELD_ABSENT: Final = "declared_field_absent"


def findings_lines(text: str) -> list[dict[str, Any]] | None:
    """Every finding of a findings file's text; None when the text is not a findings file."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    parsed: list[dict[str, Any]] = []
    for line in lines:
        try:
            item = json.loads(line)
        except ValueError:
            return None
        if not isinstance(item, dict) or item.get("format") != FINDINGS_FORMAT:
            return None
        parsed.append(item)
    return parsed


def as_drift_report(findings: list[dict[str, Any]], source: str) -> dict[str, Any]:
    """The drift findings as the content of a drift.json (what `make adopt-drift` reads): unknown
    fields with their values and inferred schema, declared fields absent. Contract breaks are no
    drift: `hamsa-contract-test --from` judges them."""
    log = DriftLog()
    days: list[date] = []
    servers: list[str] = []
    for finding in findings:
        status, path = int(finding["status"]), str(finding["field"])
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
