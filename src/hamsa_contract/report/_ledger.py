"""What the run saw, for the verdict and the closing summary: cases, failures by rule, checks that
did not run and why, drift warnings, notes."""

from __future__ import annotations

import threading
from collections import Counter, defaultdict

from hamsa_contract.drift._log import DriftLog
from hamsa_contract.report._sources import Source


class Ledger:
    """Tallies shared by the checks of one run. Safe to share between threads.

    Failures and drift are kept as sets (a replay adds nothing); case counts count every request
    sent. Findings are failures seen outside a check's own assertions (the judge, the door); the
    conftest hands each one to the test that was running when it was seen.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cases: Counter[str] = Counter()
        self._failures: defaultdict[str, set[str]] = defaultdict(set)
        self._sources: defaultdict[str, set[Source]] = defaultdict(set)
        self._not_run: Counter[str] = Counter()
        self._drift: defaultdict[str, set[str]] = defaultdict(set)
        self._absent: defaultdict[str, set[str]] = defaultdict(set)
        self._notes: list[str] = []
        self._findings: list[str] = []
        self._shown_rules: set[str] = set()
        self._deferred: list[str] = []
        # Every drift observation in detail, for reports/drift.json (see drift/_log.py).
        self.drift_log = DriftLog()

    def count_case(self, kind: str) -> None:
        """One generated case sent, e.g. kind `fuzzing/negative`."""
        with self._lock:
            self._cases[kind] += 1

    def record_failure(self, rule: str, detail: str, source: Source | None = None) -> None:
        """A check failed: `rule` names what broke, `detail` tells this instance apart, `source`
        says where the rule comes from (CONTRACT.md decision 13)."""
        with self._lock:
            self._failures[rule].add(detail)
            if source is not None:
                self._sources[rule].add(source)

    @property
    def failure_sources(self) -> dict[str, tuple[Source, ...]]:
        """The sources of each failed rule, for the summary's count by source."""
        with self._lock:
            return {rule: tuple(sorted(found)) for rule, found in self._sources.items()}

    def record_not_run(self, reason: str) -> None:
        """A check (or a generated case) could not run; `reason` says why and what to do."""
        with self._lock:
            self._not_run[reason] += 1

    def find(self, message: str, *, rule: str | None = None) -> None:
        """A failure for the running test, seen outside its own assertions.

        With `rule`, only the first finding of that rule in the run is shown (the failure count
        still counts every one): one screen per failure, not one per answer that repeats it.
        """
        with self._lock:
            if rule is not None:
                if rule in self._shown_rules:
                    return
                self._shown_rules.add(rule)
            self._findings.append(message)

    def defer(self, findings: list[str]) -> None:
        """Findings no single test owns (seen while a shared fixture was made): the `answers`
        family reports them at the end of the run."""
        with self._lock:
            self._deferred.extend(findings)

    def take_deferred(self) -> list[str]:
        with self._lock:
            deferred, self._deferred = self._deferred, []
        return deferred

    def take_findings(self) -> list[str]:
        """The findings since the last call (the running test's), forgotten here."""
        with self._lock:
            findings, self._findings = self._findings, []
        return findings

    def record_drift(self, path: str, where: str) -> None:
        """An unknown field at `path`, seen in the answer to `where` (e.g. `200`, `404`)."""
        with self._lock:
            self._drift[path].add(where)

    def record_absent(self, path: str, where: str) -> None:
        """A declared optional field at `path` absent from the answer to `where`."""
        with self._lock:
            self._absent[path].add(where)

    def note(self, message: str) -> None:
        """Something a user should read in the summary (said once however often it happens)."""
        with self._lock:
            if message not in self._notes:
                self._notes.append(message)

    @property
    def cases(self) -> dict[str, int]:
        with self._lock:
            return dict(sorted(self._cases.items()))

    @property
    def failures(self) -> dict[str, int]:
        """Rule -> how many distinct failures broke it."""
        with self._lock:
            return {rule: len(details) for rule, details in sorted(self._failures.items())}

    @property
    def not_run(self) -> dict[str, int]:
        """Reason -> how many checks or cases did not run for it."""
        with self._lock:
            return dict(self._not_run)

    @property
    def drift(self) -> dict[str, list[str]]:
        """Unknown field path -> the answer statuses it appeared in."""
        with self._lock:
            return {path: sorted(where) for path, where in sorted(self._drift.items())}

    @property
    def absent(self) -> dict[str, list[str]]:
        """Declared optional field path -> the answer statuses it was missing from."""
        with self._lock:
            return {path: sorted(where) for path, where in sorted(self._absent.items())}

    @property
    def notes(self) -> list[str]:
        with self._lock:
            return list(self._notes)
