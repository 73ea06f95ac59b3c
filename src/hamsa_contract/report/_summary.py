"""The closing summary of a run: verdict, target, checks, cases, failures by rule, checks that did
not run (and what to do), drift, agents created."""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hamsa_contract.plan._writes import Funding
from hamsa_contract.report._sources import Source, SourceClass
from hamsa_contract.report._verdict import Verdict

WIDTH = 100


@dataclass(frozen=True)
class RunFacts:
    """What the summary reports, gathered at the end of the run."""

    target: str
    seed: int | None  # None: nothing generated (recorded traffic, `--from`)
    request_timeout: float
    verdict: Verdict
    builtin_checks: list[str]
    suite_checks: list[str]
    outcomes: dict[str, Counter[str]]  # family -> outcome -> test count
    cases: dict[str, int]
    suite_requests: int  # every request the run sent, generated ones included
    failures: dict[str, int]
    not_run: Counter[str]
    drift: dict[str, list[str]]
    absent: dict[str, list[str]]
    funding: Funding | None  # None: nothing sent, so no writes (recorded traffic)
    created_ids: tuple[str, ...]
    unexpected_ids: tuple[str, ...]
    refused_writes: int
    notes: list[str]
    reports: list[Path] = field(default_factory=list)
    failure_sources: dict[str, tuple[Source, ...]] = field(default_factory=dict)
    # Each failure in full, under its rule (`--from`: no test printed them before the summary).
    failure_details: list[str] = field(default_factory=list)


def render(facts: RunFacts) -> list[str]:
    """The summary as lines of text."""
    verdict = facts.verdict.label
    if facts.verdict is Verdict.BROKEN:
        verdict += f" ({plural(sum(facts.failures.values()) or 1, 'failure')})"
    elif facts.verdict is Verdict.INCOMPLETE:
        verdict += f" ({plural(sum(facts.not_run.values()), 'check')} did not run; not a pass)"
    lines = [
        f"Verdict:  {verdict} (exit status {facts.verdict.exit_status})",
        f"Target:   {facts.target}" + ("" if facts.seed is None else f" (seed {facts.seed})"),
    ]
    if facts.seed is not None or facts.builtin_checks or facts.suite_checks:
        lines += _wrapped("Checks:   ", "schemathesis " + ", ".join(facts.builtin_checks))
        lines += _wrapped("          ", "suite " + ", ".join(facts.suite_checks))
    if facts.seed is not None:  # a run that sent requests: its tests and cases
        families = "; ".join(
            f"{family} "
            + " ".join(f"{count} {outcome}" for outcome, count in sorted(counts.items()))
            for family, counts in facts.outcomes.items()
        )
        lines += _wrapped("Tests:    ", families)
        by_kind = ", ".join(f"{kind} {count}" for kind, count in facts.cases.items())
        generated = f"{sum(facts.cases.values())} generated" + (f" ({by_kind})" if by_kind else "")
        hand_made = max(0, facts.suite_requests - sum(facts.cases.values()))
        lines += _wrapped("Cases:    ", f"{generated}; {hand_made} hand-made requests")
    lines.append("Failures: " + ("none" if not facts.failures else "by rule"))
    lines += [
        f"  - {rule} (x{count}){_classes(facts.failure_sources.get(rule, ()))}"
        for rule, count in facts.failures.items()
    ]
    lines += [f"  {line}" for detail in facts.failure_details for line in detail.splitlines()]
    lines += _sources(facts)
    lines.append("Not run:  " + ("none" if not facts.not_run else "these checks did not run"))
    lines += [f"  - {reason} (x{count})" for reason, count in facts.not_run.items()]
    lines += [f"  What to do: {remedy}" for remedy in remedies(facts)]
    drift = "none" if not (facts.drift or facts.absent) else "a warning (the spec should catch up)"
    lines.append(f"Drift:    {drift}")
    lines += [
        f"  - unknown field {path} in {', '.join(statuses)} answers"
        for path, statuses in facts.drift.items()
    ]
    lines += [
        f"  - declared field absent: {path} in {', '.join(statuses)} answers"
        for path, statuses in facts.absent.items()
    ]
    lines += _writes(facts)
    lines += [f"Note:     {note}" for note in facts.notes]
    if facts.reports:
        lines += _wrapped("Reports:  ", ", ".join(str(path) for path in facts.reports))
    return lines


def _classes(sources: tuple[Source, ...]) -> str:
    """` [contract decision 5]`, ` [vendor evidence]`...: a failed rule's sources."""
    if not sources:
        return ""
    shown = sorted(
        {
            f"{source.kind} {', '.join(map(str, source.decisions))}"
            if source.decisions
            else str(source.kind)
            for source in sources
        }
    )
    return f" [{'; '.join(shown)}]"


def _sources(facts: RunFacts) -> list[str]:
    """Failed rules counted by the class of their source; when only decisions broke, what that
    may mean and how to record the vendor's behaviour (CONTRACT.md decision 13)."""
    kinds = Counter(
        source.kind for sources in facts.failure_sources.values() for source in set(sources)
    )
    if not kinds:
        return []
    counts = ", ".join(
        f"{plural(kinds[kind], 'rule')} from {label}"
        for kind, label in (
            (SourceClass.EVIDENCE, "the vendor's evidence"),
            (SourceClass.RFC, "an RFC"),
            (SourceClass.DECISION, "contract decisions"),
        )
        if kinds[kind]
    )
    lines = [f"  Sources: {counts}"]
    if set(kinds) == {SourceClass.DECISION}:
        decisions = sorted(
            {
                number
                for sources in facts.failure_sources.values()
                for source in sources
                for number in source.decisions
            }
        )
        listed = ", ".join(map(str, decisions))
        lines += _wrapped(
            "  ",
            "Only contract decisions broke, none of the vendor's evidence or an RFC: the "
            "contract may have guessed wrong about this vendor behaviour. What the server did "
            "is in each failure above. If that is how the vendor behaves, record it: change "
            f"the spec (openapi/hamsa-voice-agents.yaml) and CONTRACT.md decision(s) {listed}, "
            "then run `make generate`.",
        )
    return lines


def remedies(facts: RunFacts) -> list[str]:
    """What a user can do about the checks that did not run, by kind of reason."""

    def mentioned(*phrases: str) -> bool:
        # Reason by reason: words from the end of one and the start of the next are no phrase.
        return any(phrase in reason for reason in facts.not_run for phrase in phrases)

    found = []
    if mentioned("HAMSA_MAX_WRITES", "write cap"):
        funding = facts.funding
        needed = (
            None
            if funding is None
            else max((funding.cap_needed(step) for step in funding.unfunded), default=None)
        )
        found.append(
            "allow more agents: "
            + (
                f"HAMSA_MAX_WRITES={needed} funds every planned check"
                if needed
                else "raise HAMSA_MAX_WRITES"
            )
            + " (each is an agent on your account, listed below for cleanup)"
        )
    if mentioned("timed out"):
        found.append(
            "the server left requests without an answer (see the requests above): check it, "
            f"or give it longer with HAMSA_REQUEST_TIMEOUT (now {facts.request_timeout:g} s)"
        )
    elif mentioned("could not connect"):
        # Refused connections: a longer timeout would not bring an answer.
        found.append(
            "the server refused connections (see the requests above): check that it is up and "
            "reachable"
        )
    elif mentioned("connection failed"):
        # It answered other requests: it is up, and dropped these (even on a new connection).
        found.append(
            "the server closed connections without answering (see the requests above), even on "
            "a new connection"
        )
    if mentioned("429"):
        found.append("the server kept answering 429 Too Many Requests: run again later")
    if mentioned(": not selected (", ": not reached ("):
        found.append(
            "to judge every check, run without pytest's -m, -k, --deselect, --ignore, test "
            "paths or -x/--maxfail (on the command line, in PYTEST_ADDOPTS or a config's addopts)"
        )
    if not found and facts.not_run:
        found.append("read the reasons above; a check that did not run is not a pass")
    return found


def _writes(facts: RunFacts) -> list[str]:
    funding = facts.funding
    if funding is None:
        return []
    cap = "no cap" if funding.cap is None else f"cap {funding.cap} (HAMSA_MAX_WRITES)"
    lines = [f"Writes:   {plural(len(facts.created_ids), 'agent')} created, {cap}"]
    planned = ", ".join(f"{step.name} {step.writes}" for step in funding.funded)
    generated = funding.generated_writes
    lines.append(
        f"  - plan: {planned or 'nothing funded'}; generated cases "
        + ("no cap" if generated is None else str(generated))
    )
    for step in funding.unfunded:
        lines.append(
            f"  - not funded: {step.name} ({step.writes}); "
            f"HAMSA_MAX_WRITES={funding.cap_needed(step)} funds it"
        )
    if facts.refused_writes:
        lines.append(
            f"  - cap reached: {plural(facts.refused_writes, 'request')} that could create "
            "an agent not sent"
        )
    if facts.unexpected_ids:
        lines.append(
            f"  - {plural(len(facts.unexpected_ids), 'agent')} created where none may be "
            "(a failure above)"
        )
    if facts.created_ids:
        lines.append("  Created (delete them when done; ids and names in created-agents.jsonl):")
        lines += _wrapped("    ", " ".join(facts.created_ids))
    return lines


def plural(count: int, noun: str) -> str:
    """`1 failure`, `2 failures`: the count and its noun, in agreement."""
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
