"""What the run saw, for the closing summary: cases, failures by rule, drift warnings, notes."""

from __future__ import annotations

import threading
from collections import Counter, defaultdict

from contract_tests.drift_log import DriftLog


class Ledger:
    """Tallies shared by the checks of one run. Safe to share between threads.

    Hypothesis may replay a case while it shrinks a failure, so failures and drift are kept as
    sets (a replay adds nothing); case counts count every request sent.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cases: Counter[str] = Counter()
        self._failures: defaultdict[str, set[str]] = defaultdict(set)
        self._drift: defaultdict[str, set[str]] = defaultdict(set)
        self._notes: list[str] = []
        # Every drift observation in detail, for reports/drift.json (see drift_log.py).
        self.drift_log = DriftLog()

    def count_case(self, kind: str) -> None:
        """One generated case sent, e.g. kind `fuzzing/negative`."""
        with self._lock:
            self._cases[kind] += 1

    def record_failure(self, rule: str, detail: str) -> None:
        """A check failed: `rule` names what broke, `detail` tells this instance apart."""
        with self._lock:
            self._failures[rule].add(detail)

    def record_drift(self, path: str, where: str) -> None:
        """An unknown field at `path`, seen in the answer to `where` (e.g. `200`, `404`)."""
        with self._lock:
            self._drift[path].add(where)

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

    def has_rule(self, prefix: str) -> bool:
        """Whether a failure was recorded under a rule starting with `prefix`."""
        with self._lock:
            return any(rule.startswith(prefix) for rule in self._failures)

    @property
    def drift(self) -> dict[str, list[str]]:
        """Unknown field path -> the answer statuses it appeared in."""
        with self._lock:
            return {path: sorted(where) for path, where in sorted(self._drift.items())}

    @property
    def notes(self) -> list[str]:
        with self._lock:
            return list(self._notes)
