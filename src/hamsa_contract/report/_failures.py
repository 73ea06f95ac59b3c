"""A failed check, told in one screen: the rule, what was wrong, the requests and the answers.

Library tracebacks stay out (HAMSA_DETAILS=1 brings pytest's full report back); messages and
answers are cut to a readable length.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any, Final

import pytest
from schemathesis.core.failures import Failure, FailureGroup

from hamsa_contract.report._sources import Source

# Enough for a schema error with its path, or the gist of an assertion.
MESSAGE_CHARACTERS: Final = 1200
DETAILS_HINT: Final = "(HAMSA_DETAILS=1 shows the full traceback)"
# Hypothesis' note naming the example that failed: `Failing test case: test_x(` then one
# `name=value,` line per argument (values it does not print are left empty), then `)`.
_EXAMPLE_NOTE: Final = re.compile(
    r"(Failing test case|Falsifying example): (\w+)\(\s*\n(.*)\)\s*$", re.S
)
_EXAMPLE_ARGUMENT: Final = re.compile(r"^\s*(\w+)=(.*?),?\s*$", re.M)


def concise_failure(
    rule: str | None,
    excinfo: pytest.ExceptionInfo[BaseException] | None,
    findings: Sequence[str],
    exchanges: Sequence[str],
    failed: str | None = None,
    source: Source | None = None,
) -> str:
    """The failure report of one check: `source` is where its rule comes from; `failed`, the
    request that broke the rule (when known), comes first, then the check's other last requests."""
    parts: list[str] = []
    if rule is not None:
        parts.append(f"Rule broken: {rule}")
    if source is not None:
        parts.append(source.shown())
    if excinfo is not None:
        parts.append(describe(excinfo.value))
    parts += findings
    if failed is not None:
        parts.append("The request that failed (key masked) and its answer:\n" + failed)
    if exchanges:
        title = "Other requests" if failed is not None else "Last requests"
        parts.append(f"{title} (key masked) and answers:\n" + "\n".join(exchanges))
    parts.append(DETAILS_HINT)
    return printable("\n".join(parts))


def printable(text: str) -> str:
    """`text` safe for a terminal: control and invisible formatting characters (NUL, ESC, bidi
    overrides, zero-width joiners) shown as escapes, line breaks kept."""
    return "".join(
        char
        if char == "\n" or unicodedata.category(char) not in ("Cc", "Cf")
        else char.encode("unicode_escape").decode("ascii")
        for char in text
    )


def describe(error: BaseException) -> str:
    """What an exception says, without its traceback: schemathesis' failures one by one, an
    assertion's message, and the notes (e.g. Hypothesis' falsifying example)."""
    if isinstance(error, FailureGroup):
        lines = [
            f"  [{failure.code}] {failure.title}: {_cut(failure_message(failure))}"
            for failure in error.exceptions
        ]
    elif isinstance(error, AssertionError):
        # The check's own message; pytest's rewritten `assert` diff after it is for HAMSA_DETAILS.
        message = str(error).split("\nassert ", 1)[0].strip()
        lines = [f"  {_cut(message or 'assertion failed')}"]
    else:
        lines = [f"  {type(error).__name__}: {_cut(str(error).strip())}"]
    notes: list[Any] = getattr(error, "__notes__", [])
    lines += [f"  {_cut(_readable(str(note).strip()))}" for note in notes if str(note).strip()]
    return "\n".join(lines)


def failure_message(failure: Failure) -> str:
    """What a schemathesis failure says; never empty (a server error carries only its status)."""
    message = failure.message.strip()
    if message:
        return message
    status = getattr(failure, "status_code", None)
    if status is not None:
        return f"the server answered {status}"
    return f"{failure.title} ({', '.join(failure.checks) or failure.code})"


def _readable(note: str) -> str:
    """Hypothesis' failing example on one line, with the arguments it printed a value for (the
    request it sent is shown with the failure)."""
    found = _EXAMPLE_NOTE.match(note)
    if found is None:
        return note
    shown = [
        f"{name}={value}" for name, value in _EXAMPLE_ARGUMENT.findall(found[3]) if value.strip()
    ]
    if not shown:
        return f"{found[1]}: {found[2]}, with the generated values of the request shown below"
    return f"{found[1]}: {found[2]}({', '.join(shown)})"


def _cut(text: str) -> str:
    if len(text) <= MESSAGE_CHARACTERS:
        return text
    return f"{text[:MESSAGE_CHARACTERS]}... ({len(text)} characters in all)"
