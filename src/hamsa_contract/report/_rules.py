"""The contract's rules, each defined once: its name, a one-line title, its source (CONTRACT.md
decision 13: vendor evidence, an RFC section or a decision of the contract) and the function that
judges an exchange.

In the spirit of schemathesis' `@check` registry (`schemathesis.core.registries.Registry`), a
rule is registered where it is written (`@rule(...)`: the answer rules in `judge/_checks.py`,
the door's own in `send/_door/_settling.py`); everything that runs or lists rules reads them
from `RULES` (import `judge/_checks.py` first: registering is importing):

- the live run's judge, on the answer to every request the suite makes by hand (`Use.ANSWERS`),
- schemathesis' generated cases (`Use.GENERATED`),
- `hamsa-contract-test --from`, on recorded traffic (`Use.RECORDED`),
- the failures and the closing summary (a failed rule's source, by name), verdict.json (through
  the ledger's sources), the docs' lists of rules and the test that every rule names its source,
- `--from` on a findings file of hamsa_client's contract watch: a finding of one of a rule's
  `watch_kinds` fails that rule.

A rule that needs what a run may not have (`needs`: the API key, the run's agent, the time an
exchange was recorded) is bound only when it has it; `RuleSet.missing` says which were not, and
why, for the checks that did not run.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final

from hamsa_contract.report._ledger import Ledger
from hamsa_contract.report._sources import Source, source_of

if TYPE_CHECKING:
    from schemathesis import Case, CheckContext
    from schemathesis.core.transport import Response


class Use(enum.Flag):
    """Where a rule judges answers."""

    ANSWERS = enum.auto()  # the door's judge: answers to the suite's hand-made requests
    GENERATED = enum.auto()  # schemathesis' generated cases (the conformance family)
    RECORDED = enum.auto()  # `--from`: recorded exchanges
    EVERYWHERE = ANSWERS | GENERATED | RECORDED


class Need(enum.Enum):
    """What of a run a rule needs to judge an answer; without it, the rule does not run."""

    API_KEY = "the API key"
    VOICE_AGENT_ID = "the run's voice agent id"
    RECORDED_AT = "the time the exchange was recorded"


@dataclass
class RuleContext:
    """What the rules of a run may read: its key, its agent, its ledger, and (for a recorded
    exchange) when the exchange was recorded."""

    api_key: str | None
    voice_agent_id: str | None
    ledger: Ledger
    recorded_at: datetime | None = None

    def has(self, need: Need) -> bool:
        value = {
            Need.API_KEY: self.api_key,
            Need.VOICE_AGENT_ID: self.voice_agent_id,
            Need.RECORDED_AT: self.recorded_at,
        }[need]
        return bool(value)


Judgement = Callable[[RuleContext, "Response", "Case[Any]"], None]


@dataclass(frozen=True)
class Rule:
    """One rule of the contract. `judge` raises AssertionError, saying what is wrong, for an
    answer that breaks it; None for a rule judged elsewhere (the door's refusals, the families)."""

    name: str
    title: str
    source: Source
    citation: str
    judge: Judgement | None
    uses: Use
    needs: frozenset[Need] = frozenset()
    # The kinds of the contract watch's findings (hamsa_client._rules) that report it broken.
    watch_kinds: frozenset[str] = frozenset()


class RuleRegistry:
    """The registered rules, by name, in the order they were registered."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}

    def register(self, item: Rule) -> Rule:
        if item.name in self._rules:
            raise ValueError(f"a rule named {item.name!r} is registered already")
        for kind in item.watch_kinds:
            judged_by = self.judging(kind)
            if judged_by is not None:
                raise ValueError(f"{judged_by.name!r} judges the watch's {kind!r} findings already")
        self._rules[item.name] = item
        return item

    def __iter__(self) -> Iterator[Rule]:
        return iter(list(self._rules.values()))

    def __contains__(self, name: object) -> bool:
        return name in self._rules

    def get(self, name: str) -> Rule:
        return self._rules[name]

    def for_use(self, use: Use) -> list[Rule]:
        """The rules that judge answers in `use`, in registration order."""
        return [item for item in self if item.judge is not None and use in item.uses]

    def names(self, use: Use) -> list[str]:
        return [item.name for item in self.for_use(use)]

    def source(self, name: str) -> Source | None:
        found = self._rules.get(name)
        return None if found is None else found.source

    def judging(self, kind: str) -> Rule | None:
        """The rule a contract-watch finding of `kind` reports broken; None for no rule's."""
        return next((item for item in self if kind in item.watch_kinds), None)


RULES: Final = RuleRegistry()


def rule(
    *,
    title: str,
    source: str,
    uses: Use = Use.EVERYWHERE,
    needs: frozenset[Need] = frozenset(),
    name: str | None = None,
    watch_kinds: frozenset[str] = frozenset(),
) -> Callable[[Judgement], Judgement]:
    """Register the decorated function as the judge of a rule. `source` cites where the rule
    comes from, as a `Source:` line does (`CONTRACT.md decision 5`, `RFC 9110 §17.16.1`, `the
    vendor's reference page`); a citation that names none of them is refused here, at import.
    `watch_kinds`: the kinds of the contract watch's findings that report this rule broken (the
    watch and the rule judge by one function of hamsa_client._rules)."""

    def register(judge: Judgement) -> Judgement:
        RULES.register(
            defined(name or judge.__name__, title, source, judge, uses, needs, watch_kinds)
        )
        return judge

    return register


def defined(
    name: str,
    title: str,
    citation: str,
    judge: Judgement | None,
    uses: Use = Use.EVERYWHERE,
    needs: frozenset[Need] = frozenset(),
    watch_kinds: frozenset[str] = frozenset(),
) -> Rule:
    """A rule, its citation read the one way every source is read (`report/_sources.py`)."""
    found = source_of(f"Source: {citation}")
    if found is None:
        raise ValueError(
            f"rule {name!r}: {citation!r} names no CONTRACT.md decision, RFC section or vendor "
            "evidence"
        )
    return Rule(name, title, found, citation, judge, uses, needs, watch_kinds)


@dataclass(eq=False)  # schemathesis keeps checks in sets: hashed by identity
class BoundRule:
    """A rule bound to a run: a schemathesis check `(ctx, response, case)` named after it."""

    rule: Rule
    context: RuleContext

    @property
    def __name__(self) -> str:  # schemathesis names a failed custom check by it
        return self.rule.name

    @property
    def source(self) -> Source:
        return self.rule.source

    def __call__(self, ctx: CheckContext | None, response: Response, case: Case[Any]) -> None:
        assert self.rule.judge is not None
        self.rule.judge(self.context, response, case)


@dataclass
class RuleSet:
    """The rules of `RULES` that judge answers in `use`, bound to `context`: those whose needs it
    meets (`checks`) and those it does not (`missing`, with the need)."""

    context: RuleContext
    use: Use
    checks: list[BoundRule] = field(init=False)
    missing: list[tuple[Rule, Need]] = field(init=False)

    def __post_init__(self) -> None:
        self.checks, self.missing = [], []
        for item in RULES.for_use(self.use):
            unmet = next(
                (need for need in Need if need in item.needs and not self.context.has(need)), None
            )
            if unmet is None:
                self.checks.append(BoundRule(item, self.context))
            else:
                self.missing.append((item, unmet))

    def names(self) -> list[str]:
        return [check.__name__ for check in self.checks]


# Where a rule judges, as the docs' table of rules says it.
_USES: Final = (
    (Use.ANSWERS, "hand-made requests"),
    (Use.GENERATED, "generated cases"),
    (Use.RECORDED, "recordings (`--from`)"),
)


def rules_table(rules: RuleRegistry = RULES) -> list[str]:
    """The registered rules as the Markdown table docs/contract-suite.md shows (a test keeps the
    two equal): name and title, where each judges, and its source."""
    lines = ["| rule | judged on | source |", "|------|-----------|--------|"]
    # The door's rules last: the order of the rest is that of their module, whatever imported first.
    for item in sorted(rules, key=lambda item: item.judge is None):
        where = (
            "every request's answer, by the door"
            if item.judge is None
            else ", ".join(label for use, label in _USES if use in item.uses)
        )
        lines.append(f"| `{item.name}`: {item.title} | {where} | {item.citation} |")
    return lines
