"""What a run saw of drift, kept for `reports/drift.json` (read by `make adopt-drift`).

For each field the spec does not know: where it was (answer status and JSON path, array indices
written `[]`), a few of the values seen, and the JSON Schema genson infers from every value seen.
Declared fields that were absent and declared fields of another type are listed too, for a person
to decide: adoption never touches them.

The file never holds the API key: every string in it (values, schemas, paths) goes through the
run's Redactor, and a field whose values carried the key says so (`carries_api_key`).
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Final

from genson import SchemaBuilder

from hamsa_contract._redaction import Redactor
from hamsa_contract.drift._detect import DriftReport

DRIFT_REPORT_NAME: Final = "drift.json"
# Bumped when a reader of drift.json (`adopt_drift`) would misread the new layout.
FORMAT: Final = 1
# Distinct values kept per field: enough for an example, small enough to read.
MAX_VALUES: Final = 5
_INDEX: Final = re.compile(r"\[\d+\]")


@dataclass
class _Seen:
    statuses: set[int] = field(default_factory=set)
    times: int = 0
    values: list[Any] = field(default_factory=list)
    _keys: set[str] = field(default_factory=set)

    def add(self, status: int, *values: Any) -> None:
        self.statuses.add(status)
        self.times += 1
        for value in values:
            key = json.dumps(value, sort_keys=True)
            if key not in self._keys and len(self.values) < MAX_VALUES:
                self._keys.add(key)
                self.values.append(value)


@dataclass
class _Unknown(_Seen):
    schema: SchemaBuilder = field(default_factory=lambda: SchemaBuilder(schema_uri=None))


@dataclass
class _Retyped(_Seen):
    declared: tuple[str, ...] = ()
    seen_types: set[str] = field(default_factory=set)


class DriftLog:
    """Every drift observation of one run. Safe to share between threads; replays of the same
    answer only raise `times_seen`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._unknown: dict[str, _Unknown] = {}
        self._absent: dict[str, _Seen] = {}
        self._retyped: dict[str, _Retyped] = {}

    def record(self, status: int, report: DriftReport) -> None:
        """Add what `inspect_answer` found in one answer with that status."""
        with self._lock:
            for path in report.unknown:
                value = report.values.get(path)
                unknown = self._unknown.setdefault(_normal(path), _Unknown())
                unknown.add(status, value)
                unknown.schema.add_object(value)
            for path in report.missing:
                self._absent.setdefault(_normal(path), _Seen()).add(status)
            for change in report.type_changes:
                retyped = self._retyped.setdefault(_normal(change.path), _Retyped())
                retyped.add(status, report.values.get(change.path))
                retyped.declared = change.declared
                retyped.seen_types.add(change.seen)

    def document(self, redact: Redactor, *, observed_on: date, target: str) -> dict[str, Any]:
        """The drift.json content, every string masked by `redact`."""
        with self._lock:
            unknown = [
                _masked_entry(
                    redact,
                    {
                        "path": path,
                        **_where(seen),
                        "values": seen.values,
                        "schema": seen.schema.to_schema(),
                    },
                )
                for path, seen in sorted(self._unknown.items())
            ]
            absent = [{"path": path, **_where(seen)} for path, seen in sorted(self._absent.items())]
            retyped = [
                _masked_entry(
                    redact,
                    {
                        "path": path,
                        **_where(seen),
                        "declared": list(seen.declared),
                        "seen": sorted(seen.seen_types),
                        "values": seen.values,
                    },
                )
                for path, seen in sorted(self._retyped.items())
            ]
        return {
            "format": FORMAT,
            "observed_on": observed_on.isoformat(),
            "target": redact(target),
            "unknown_fields": unknown,
            "declared_fields_absent": masked_value(redact, absent),
            "type_changes": retyped,
        }


def write_drift_report(
    log: DriftLog,
    redact: Redactor,
    *,
    target: str,
    reports_dir: Path,
    today: date | None = None,
) -> Path:
    """Write the run's `drift.json` into `reports_dir` (even when nothing drifted), every value
    passed through `redact`."""
    observed_on = today or datetime.now(UTC).date()
    content = log.document(redact, observed_on=observed_on, target=target)
    reports_dir.mkdir(parents=True, exist_ok=True)
    path = reports_dir / DRIFT_REPORT_NAME
    path.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def _normal(path: str) -> str:
    """`data.items[3].name` -> `data.items[].name`: one entry per field, whatever the index."""
    return _INDEX.sub("[]", path)


def _where(seen: _Seen) -> dict[str, Any]:
    return {"statuses": sorted(seen.statuses), "times_seen": seen.times}


def _masked_entry(redact: Redactor, entry: dict[str, Any]) -> dict[str, Any]:
    masked: dict[str, Any] = masked_value(redact, entry)
    masked["carries_api_key"] = masked != entry
    return masked


def masked_value(redact: Redactor, value: Any) -> Any:
    """`value` with the secrets masked in every string, keys included."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {
            masked_value(redact, key): masked_value(redact, item) for key, item in value.items()
        }
    if isinstance(value, list):
        return [masked_value(redact, item) for item in value]
    return value
