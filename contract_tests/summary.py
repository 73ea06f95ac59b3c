"""The closing summary of a run: target, checks, cases, failures by rule, drift, agents created."""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

WIDTH = 100


@dataclass(frozen=True)
class RunFacts:
    """What the summary reports, gathered at the end of the run."""

    target: str
    seed: int
    builtin_checks: list[str]
    suite_checks: list[str]
    outcomes: dict[str, Counter[str]]  # family -> outcome -> test count
    cases: dict[str, int]
    suite_requests: int
    failures: dict[str, int]
    drift: dict[str, list[str]]
    write_cap: int | None
    created_ids: tuple[str, ...]
    refused_writes: int
    skip_reasons: Counter[str]
    notes: list[str]
    reports: list[Path] = field(default_factory=list)


def render(facts: RunFacts) -> list[str]:
    """The summary as lines of text."""
    failed = sum(counts["failed"] + counts["error"] for counts in facts.outcomes.values())
    verdict = (
        "contract kept" if not failed else f"CONTRACT BROKEN ({_plural(failed, 'failing check')})"
    )
    lines = [f"Target:   {facts.target} (seed {facts.seed})", f"Verdict:  {verdict}"]
    lines += _wrapped("Checks:   ", "schemathesis " + ", ".join(facts.builtin_checks))
    lines += _wrapped("          ", "suite " + ", ".join(facts.suite_checks))
    families = "; ".join(
        f"{family} " + " ".join(f"{count} {outcome}" for outcome, count in sorted(counts.items()))
        for family, counts in facts.outcomes.items()
    )
    lines += _wrapped("Tests:    ", families)
    by_kind = ", ".join(f"{kind} {count}" for kind, count in facts.cases.items())
    generated = f"{sum(facts.cases.values())} generated" + (f" ({by_kind})" if by_kind else "")
    lines += _wrapped("Cases:    ", f"{generated}; {facts.suite_requests} hand-made requests")
    lines.append("Failures: " + ("none" if not facts.failures else "by rule"))
    lines += [f"  - {rule} (x{count})" for rule, count in facts.failures.items()]
    drift = "none" if not facts.drift else "additive only, a warning (the spec should catch up)"
    lines.append(f"Drift:    {drift}")
    lines += [
        f"  - unknown field {path} in {', '.join(statuses)} answers"
        for path, statuses in facts.drift.items()
    ]
    cap = "no cap" if facts.write_cap is None else f"cap {facts.write_cap} (HAMSA_MAX_WRITES)"
    lines.append(f"Writes:   {_plural(len(facts.created_ids), 'agent')} created, {cap}")
    if facts.refused_writes:
        lines.append(
            f"  - cap reached: {_plural(facts.refused_writes, 'request')} that could create "
            "an agent not sent"
        )
    if facts.created_ids:
        lines.append("  Created (names start with 'contract-test '; delete them when done):")
        lines += _wrapped("    ", " ".join(facts.created_ids))
    if facts.skip_reasons:
        lines.append("Skipped:")
        lines += [f"  - {reason} (x{count})" for reason, count in facts.skip_reasons.items()]
    lines += [f"Note:     {note}" for note in facts.notes]
    if facts.reports:
        lines += _wrapped("Reports:  ", ", ".join(str(path) for path in facts.reports))
    return lines


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _wrapped(label: str, text: str) -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=label,
        subsequent_indent=" " * len(label),
        break_on_hyphens=False,
        break_long_words=False,
    ) or [label]
