"""Where a rule comes from (CONTRACT.md decision 13): the vendor's evidence, an RFC section, or a
decision of the contract, with its number. The one place a rule's source is classed: each failure
shows it, the closing summary counts failures by it, and reports can write it (`source_of`,
`check_source`).

A rule's source is read from its docstring's `Source:` line; the first citation in the line
gives the class ("CONTRACT.md decision 9 (RFC 9110 §5.3 ...)" is decision 9: the RFC is why the
decision was made, the decision is what the rule enforces). schemathesis' built-in checks carry no
docstring of ours: `check_source` classes them by the check and the answer's status.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from schemathesis.core.failures import Failure


class SourceClass(StrEnum):
    """The three places a rule can come from."""

    EVIDENCE = "vendor evidence"
    RFC = "RFC"
    DECISION = "contract decision"


@dataclass(frozen=True, order=True)
class Source:
    """A rule's source: its class, what it cites, and the decisions it names (if any)."""

    kind: SourceClass
    citation: str
    decisions: tuple[int, ...] = ()

    def shown(self) -> str:
        """One line for a failure: the class first, then where to read it."""
        if self.kind is SourceClass.DECISION:
            plural = "s" if len(self.decisions) > 1 else ""
            anchors = ", ".join(f"#decision-{number}" for number in self.decisions)
            return (
                f"Source:   contract decision{plural} {_listed(self.decisions)} (CONTRACT.md "
                f"{anchors}): this project's call where the vendor is silent, not its documented "
                "behaviour"
            )
        if self.kind is SourceClass.RFC:
            return f"Source:   {self.citation}"
        return f"Source:   vendor evidence: {self.citation} (CONTRACT.md, Evidence)"


SOURCE_LINE: Final = re.compile(r"Source: ([^\n]+)")
_DECISIONS: Final = re.compile(r"CONTRACT\.md decisions? (\d+(?:(?:, | and | to )\d+)*)")
_RFC: Final = re.compile(r"RFC \d{4} §\d+(?:\.\d+)*")
_EVIDENCE: Final = re.compile(r"\b(?:vendor evidence|the vendor's (?:pages?|SDKs?|evidence))[^;.]*")


def source_of(docstring: str | None) -> Source | None:
    """The source a rule's docstring names in its `Source:` line; None when it names none."""
    line = SOURCE_LINE.search(docstring or "")
    if line is None:
        return None
    text = line.group(1)
    found = [
        (match.start(), kind, match)
        for kind, pattern in (
            (SourceClass.DECISION, _DECISIONS),
            (SourceClass.RFC, _RFC),
            (SourceClass.EVIDENCE, _EVIDENCE),
        )
        if (match := pattern.search(text)) is not None
    ]
    if not found:
        return None
    _, kind, match = min(found, key=lambda item: item[0])
    if kind is SourceClass.DECISION:
        return Source(kind, match.group(0), _numbers(match.group(1)))
    return Source(kind, match.group(0).strip())


# schemathesis' built-in checks: what each holds an answer to, by the status it judged.
_ERROR_ENVELOPE: Final = Source(SourceClass.DECISION, "CONTRACT.md decision 5", (5,))
_AGENT_SCHEMA: Final = Source(
    SourceClass.EVIDENCE, "the vendor's reference page (a clone answer's field names and types)"
)
_BY_CHECK: Final = {
    "not_a_server_error": Source(SourceClass.DECISION, "CONTRACT.md decisions 4 and 7", (4, 7)),
    "status_code_conformance": Source(
        SourceClass.DECISION, "CONTRACT.md decisions 5 and 6", (5, 6)
    ),
    "content_type_conformance": _ERROR_ENVELOPE,
    "response_headers_conformance": _ERROR_ENVELOPE,
    "positive_data_acceptance": Source(
        SourceClass.DECISION, "CONTRACT.md decisions 4, 5 and 6", (4, 5, 6)
    ),
    "negative_data_rejection": Source(SourceClass.DECISION, "CONTRACT.md decision 5", (5,)),
    "ignored_auth": Source(SourceClass.DECISION, "CONTRACT.md decisions 5 and 8", (5, 8)),
    "use_after_free": Source(SourceClass.RFC, "RFC 9110 §9.3.5"),
    "ensure_resource_availability": Source(SourceClass.DECISION, "CONTRACT.md decision 7", (7,)),
}


def check_source(check: str, status_code: int | None) -> Source:
    """The source of one of schemathesis' built-in checks, for an answer with this status: a
    200's schema is the vendor's evidence (field names and types, with decisions 1 to 3 on what
    is optional or nullable); an error's is decision 5."""
    if check == "response_schema_conformance":
        return _AGENT_SCHEMA if status_code == 200 else _ERROR_ENVELOPE
    return _BY_CHECK.get(check, Source(SourceClass.DECISION, "CONTRACT.md decision 5", (5,)))


def _numbers(listed: str) -> tuple[int, ...]:
    numbers: list[int] = []
    for start, end in re.findall(r"(\d+)(?: to (\d+))?", listed):
        numbers += range(int(start), int(end or start) + 1)
    return tuple(numbers)


def _listed(numbers: tuple[int, ...]) -> str:
    if len(numbers) <= 1:
        return "".join(map(str, numbers))
    return ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"


def failure_source(
    failure: Failure, status_code: int | None, own_checks: Iterable[Callable[..., object]]
) -> Source:
    """The source of a failure schemathesis reported: one of the suite's own checks (named in a
    custom failure's title) by the rule it is bound to (or its docstring), a built-in one by
    `check_source`."""
    for check in own_checks:
        if f"`{getattr(check, '__name__', '')}`" in failure.title:
            # A registered rule carries its source (report/_rules.py); others have a docstring.
            registered = getattr(check, "source", None)
            found = registered if isinstance(registered, Source) else source_of(check.__doc__)
            if found is not None:
                return found
    names = type(failure).checks
    return check_source(names[0] if names else "", status_code)
