"""What machines read of a run: `reports/verdict.json`, and the JUnit XML's own verdict case.

verdict.json (format `FORMAT`, documented in docs/contract-suite.md) is written by every run that
gets as far as reading its settings, whatever it ends with: a verdict (kept, BROKEN, INCOMPLETE),
a wrong setting (exit 3) or settings that cannot start a run (exit 4). Its keys are the same for
every outcome, so a CI job reads it without branching on the outcome first.

JUnit XML is read by dashboards that count failed and errored test cases and nothing else: an
INCOMPLETE run adds one errored case (`EVERY_CHECK_RAN`), so a run where checks did not run is
never green; a settings error is one failed case named after the setting, instead of an empty
file with `tests="0"`.
"""

from __future__ import annotations

import json
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from hamsa_contract._redaction import MASK, Redactor, elided
from hamsa_contract.report._sources import Source
from hamsa_contract.report._summary import RunFacts, plural
from hamsa_contract.report._verdict import Verdict

FORMAT: Final = "hamsa-contract-verdict/1"
VERDICT_FILE: Final = "verdict.json"
# verdict.json's `verdict`, one word per outcome (the exit statuses of docs/contract-suite.md).
OUTCOMES: Final = {
    Verdict.KEPT: "kept",
    Verdict.BROKEN: "broken",
    Verdict.INCOMPLETE: "incomplete",
}
WRONG_SETTING: Final = "wrong-setting"
CANNOT_START: Final = "cannot-start"
TOOL_FAILED: Final = "tool-failed"
# A run stopped by its settings, by exit status: verdict.json's `verdict` and `label`.
_SETTINGS_OUTCOMES: Final = {3: (WRONG_SETTING, "Wrong setting"), 4: (CANNOT_START, "cannot start")}
# How much of a created agent's name verdict.json keeps (its id finds it; a server may answer a
# name of any length).
NAME_CHARACTERS: Final = 200
# The JUnit case an INCOMPLETE run adds, and the class of every case this module writes.
JUNIT_CLASS: Final = "hamsa_contract"
EVERY_CHECK_RAN: Final = "every check ran"
# A setting named in an error message: a variable or the flag that stands for it.
_SETTING: Final = re.compile(r"HAMSA_[A-Z_]+|--[a-z][a-z-]+")


@dataclass(frozen=True)
class TargetFacts:
    """The server a run judged, as verdict.json names it: never the key, only whether one was
    sent (masked)."""

    description: str
    base_url: str
    voice_agent_id: str
    api_key_given: bool

    def document(self) -> dict[str, Any]:
        return {
            "description": self.description,
            "base_url": self.base_url,
            "voice_agent_id": self.voice_agent_id,
            "api_key": MASK if self.api_key_given else None,
        }


def verdict_document(
    facts: RunFacts,
    *,
    exit_status: int,
    target: TargetFacts,
    sources: Mapping[str, tuple[Source, ...]],
    created: Sequence[tuple[str, str | None]],
    started_at: float,
    finished_at: float | None = None,
) -> dict[str, Any]:
    """verdict.json of a run that reached a verdict."""
    unexpected = set(facts.unexpected_ids)
    return _document(
        verdict=OUTCOMES[facts.verdict],
        label=facts.verdict.label,
        exit_status=exit_status,
        target=target.document(),
        setting_error=None,
        rules_broken=[
            {
                "rule": rule,
                "failures": count,
                "sources": [_source(found) for found in sources.get(rule, ())],
            }
            for rule, count in facts.failures.items()
        ],
        not_run=[{"reason": reason, "count": count} for reason, count in facts.not_run.items()],
        agents_created=[
            {"id": agent_id, "name": _shown(name), "where_none_may_be": agent_id in unexpected}
            for agent_id, name in created
        ],
        drift={
            "unknown_fields": [
                {"path": path, "statuses": statuses} for path, statuses in facts.drift.items()
            ],
            "declared_fields_absent": [
                {"path": path, "statuses": statuses} for path, statuses in facts.absent.items()
            ],
        },
        counts={
            "tests": {family: dict(counts) for family, counts in facts.outcomes.items()},
            "generated_cases": dict(facts.cases),
            "requests": facts.suite_requests,
            "failures": sum(facts.failures.values()),
            "not_run": sum(facts.not_run.values()),
            "agents_created": len(created),
        },
        seed=facts.seed,
        started_at=started_at,
        finished_at=finished_at,
    )


def settings_document(
    message: str,
    *,
    exit_status: int,
    setting: str | None = None,
    target: TargetFacts | None = None,
    created: Sequence[tuple[str, str | None]] = (),
    started_at: float,
    finished_at: float | None = None,
) -> dict[str, Any]:
    """verdict.json of a run stopped by its settings: exit 3 (the first answers show a setting
    is wrong; agents may have been created) or 4 (nothing was sent)."""
    verdict, label = _SETTINGS_OUTCOMES.get(exit_status, (CANNOT_START, "cannot start"))
    return _document(
        verdict=verdict,
        label=label,
        exit_status=exit_status,
        target=None if target is None else target.document(),
        setting_error={"setting": setting or setting_named(message), "message": message},
        rules_broken=[],
        not_run=[],
        agents_created=_agents(created),
        drift={"unknown_fields": [], "declared_fields_absent": []},
        counts=_no_counts(created),
        seed=None,
        started_at=started_at,
        finished_at=finished_at,
    )


def tool_failed_document(
    message: str,
    *,
    exit_status: int,
    target: TargetFacts,
    created: Sequence[tuple[str, str | None]],
    started_at: float,
) -> dict[str, Any]:
    """verdict.json of a run the tool's own failure ended (exit 5): no verdict on the server,
    but the agents it created."""
    return _document(
        verdict=TOOL_FAILED,
        label="No verdict: the tool failed",
        exit_status=exit_status,
        target=target.document(),
        setting_error=None,
        rules_broken=[],
        not_run=[{"reason": message, "count": 1}],
        agents_created=_agents(created),
        drift={"unknown_fields": [], "declared_fields_absent": []},
        counts=_no_counts(created),
        seed=None,
        started_at=started_at,
        finished_at=None,
    )


def _agents(created: Sequence[tuple[str, str | None]]) -> list[dict[str, Any]]:
    return [
        {"id": agent_id, "name": _shown(name), "where_none_may_be": False}
        for agent_id, name in created
    ]


def _no_counts(created: Sequence[tuple[str, str | None]]) -> dict[str, Any]:
    """`counts` of a run that reached no verdict."""
    return {
        "tests": {},
        "generated_cases": {},
        "requests": None,
        "failures": 0,
        "not_run": 0,
        "agents_created": len(created),
    }


def setting_named(message: str) -> str:
    """The setting an error message names first (a variable or a flag); `settings` if none."""
    found = _SETTING.search(message)
    return "settings" if found is None else found.group(0)


def write_verdict_file(reports_dir: Path, document: Mapping[str, Any], redact: Redactor) -> Path:
    """Write verdict.json into `reports_dir`, every string passed through `redact`."""
    from hamsa_contract.drift._log import masked_value

    reports_dir.mkdir(parents=True, exist_ok=True)
    path = reports_dir / VERDICT_FILE
    text = json.dumps(masked_value(redact, dict(document)), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def junit_with_incomplete(path: Path, reasons: Mapping[str, int]) -> None:
    """Add to the JUnit XML at `path` one errored case, `EVERY_CHECK_RAN`, listing what did not
    run: an INCOMPLETE run is not a row of skips a dashboard shows green."""
    tree = ET.parse(path)  # noqa: S314 (the file pytest itself wrote for this run)
    suite = tree.getroot()
    if suite.tag == "testsuites":
        first = suite.find("testsuite")
        if first is None:
            first = ET.SubElement(suite, "testsuite", name="pytest")
        suite = first
    total = sum(reasons.values())
    case = ET.SubElement(suite, "testcase", classname=JUNIT_CLASS, name=EVERY_CHECK_RAN, time="0")
    error = ET.SubElement(
        case,
        "error",
        message=f"INCOMPLETE: {plural(total, 'check')} did not run; not a pass",
    )
    error.text = "\n".join(f"{reason} (x{count})" for reason, count in reasons.items())
    for counter in ("tests", "errors"):
        suite.set(counter, str(int(suite.get(counter, "0")) + 1))
    tree.write(path, encoding="utf-8", xml_declaration=True)


def write_junit_settings_failure(path: Path, setting: str, message: str) -> None:
    """Write (or replace) the JUnit XML at `path` as one failed case named after `setting`."""
    root = ET.Element("testsuites", name="hamsa-contract-test")
    suite = ET.SubElement(
        root,
        "testsuite",
        name="hamsa-contract-test",
        tests="1",
        failures="1",
        errors="0",
        skipped="0",
        time="0",
        timestamp=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    case = ET.SubElement(suite, "testcase", classname=f"{JUNIT_CLASS}.settings", name=setting)
    failure = ET.SubElement(case, "failure", message=message)
    failure.text = message
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def _document(
    *,
    verdict: str,
    label: str,
    exit_status: int,
    target: dict[str, Any] | None,
    setting_error: dict[str, str] | None,
    rules_broken: list[dict[str, Any]],
    not_run: list[dict[str, Any]],
    agents_created: list[dict[str, Any]],
    drift: dict[str, Any],
    counts: dict[str, Any],
    seed: int | None,
    started_at: float,
    finished_at: float | None,
) -> dict[str, Any]:
    finished = time.time() if finished_at is None else finished_at
    return {
        "format": FORMAT,
        "verdict": verdict,
        "label": label,
        "exit_status": exit_status,
        "target": target,
        "setting_error": setting_error,
        "rules_broken": rules_broken,
        "not_run": not_run,
        "agents_created": agents_created,
        "drift": drift,
        "counts": counts,
        "seed": seed,
        "times": {
            "started": _instant(started_at),
            "finished": _instant(finished),
            "seconds": round(max(0.0, finished - started_at), 3),
        },
    }


def _shown(name: str | None) -> str | None:
    return None if name is None else elided(name, NAME_CHARACTERS)


def _instant(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds")


def _source(source: Source) -> dict[str, Any]:
    """Where a broken rule comes from (CONTRACT.md decision 13): its class, what it cites, and the
    decisions it names."""
    return {
        "class": source.kind.value,
        "citation": source.citation,
        "decisions": list(source.decisions),
    }
