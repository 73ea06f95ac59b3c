"""The write plan: which checks need an agent created, decided before the run sends anything.

Every successful clone creates an agent that stays on the user's account, so a run spends its
writes on purpose. Each planned step makes clones whose answers serve every rule they can (the
name probes of `run/_probes.py` travel in them); what the cap leaves goes to schemathesis' generated
cases, and the rest of those are aimed where a conformant server creates nothing.

Steps are funded in order while the cap allows; a step left unfunded makes its checks INCOMPLETE,
with the cap that would have funded it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Step:
    """Clones made together for a group of rules."""

    name: str
    writes: int
    serves: tuple[str, ...]


FIRST: Final = Step(
    "first clone",
    1,
    (
        "the answer's schema, status and content type",
        "a name of 150 characters comes back exactly as sent (Arabic, markup, escapes, control "
        "characters)",
        "a new, non-empty id",
        "createdAt is the clone's own time",
        "the key is never echoed",
        "drift",
        "hamsa_client sends a valid request and round-trips the answer",
    ),
)
OVERLAPPING: Final = Step(
    "overlapping clones",
    3,
    (
        "clones in flight at once each succeed with their own id",
        "names are not keys (two share the first clone's name)",
        'a name other languages read as false ("0") comes back exactly',
        "clones of one source share its configuration",
        "hamsa_client (async) parses and round-trips each answer",
    ),
)
CLONES_OF_CLONES: Final = Step(
    "clones of clones",
    3,
    (
        "every overlapping clone was stored (it can be cloned)",
        "a clone of a clone equals its parent",
        "names with a leading space, decomposed and compatibility Unicode forms, emoji (150 "
        "UTF-16 code units)",
        "members named agentName but for case are ignored",
    ),
)
# Requests a conformant server may answer with a clone or with 400: each may cost an agent. Last,
# so a cap that funds the clones above still does; they take two of what generated cases had.
LEFT_TO_THE_SERVER: Final = Step(
    "names left to the server",
    2,
    (
        "a body without agentName gets 400 or a clone of the source, never a 5xx",
        "a name over 150 characters comes back exactly or gets 400, never cut",
    ),
)
STEPS: Final = (FIRST, OVERLAPPING, CLONES_OF_CLONES, LEFT_TO_THE_SERVER)
PLANNED_WRITES: Final = sum(step.writes for step in STEPS)


@dataclass(frozen=True)
class Funding:
    """What a write cap pays for: planned steps in order, then generated cases."""

    cap: int | None
    funded: tuple[Step, ...]
    unfunded: tuple[Step, ...]

    @classmethod
    def for_cap(cls, cap: int | None) -> Funding:
        funded: list[Step] = []
        left = cap
        for step in STEPS:
            if left is not None and step.writes > left:
                break
            funded.append(step)
            if left is not None:
                left -= step.writes
        return cls(cap, tuple(funded), STEPS[len(funded) :])

    @property
    def generated_writes(self) -> int | None:
        """Writes left for schemathesis' generated cases (None: no cap)."""
        if self.cap is None:
            return None
        return self.cap - sum(step.writes for step in self.funded)

    def is_funded(self, step: Step) -> bool:
        return step in self.funded

    def cap_needed(self, step: Step) -> int:
        """The smallest cap that funds `step` (and every step before it)."""
        return sum(s.writes for s in STEPS[: STEPS.index(step) + 1])
