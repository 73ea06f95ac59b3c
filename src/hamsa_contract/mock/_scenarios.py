"""`Prefer` request header: ask the mock to answer a documented error status, to be slow, or to
take the other conforming behaviour where the contract allows two (docs/mock.md).

Syntax is RFC 7240's, as Prism's `Prefer: code=` is:

    Prefer: code=429                    the documented 429 (with `Retry-After: 1`)
    Prefer: code=429, retry-after=30    ... with `Retry-After: 30`
    Prefer: code=500                    the documented 500
    Prefer: delay=250                   the normal answer, 250 ms late
    Prefer: code=503                    400: 503 is not a documented status
    Prefer: require-name                400 for a body without agentName (null or empty too)
    Prefer: name-limit=150              400 for a name longer than 150 (code points or UTF-16)
    Prefer: error-field=error           error bodies carry `error` instead of `message`

`code` takes any error status the spec documents for the operation (400, 401, 404, 415, 429,
500); the body is the spec's own example for that status. `delay` is in milliseconds, at most
`MAX_DELAY_MS`. By default the mock clones a body without a name under the source's name, keeps
names of any length, and writes `message` in error bodies (CONTRACT.md decisions 4, 12 and 5
allow both); `require-name`, `name-limit` (at least 150: a lower limit breaks decision 12) and
`error-field=error` ask for the other behaviour. As RFC 7240 requires, preferences the mock does
not know (`return=minimal`, ...) are ignored, and only the first occurrence of a preference
counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hamsa_contract._agent_name_rules import KEPT_NAME_LENGTH

PREFER_HEADER = "Prefer"
# RFC 7240: the response names the preferences it honoured.
PREFERENCE_APPLIED_HEADER = "Preference-Applied"
MAX_DELAY_MS = 10_000
MAX_RETRY_AFTER_SECONDS = 3_600
DEFAULT_RETRY_AFTER_SECONDS = 1
RATE_LIMITED_STATUS = 429
MAX_NAME_LIMIT = 1_000_000
# Where an error body puts its text: `message` (the default) or `error` (decision 5).
ERROR_FIELDS = ("message", "error")


class ScenarioError(ValueError):
    """The `Prefer` header asks for something the mock cannot do; the message says what."""


@dataclass(frozen=True, slots=True)
class Scenario:
    """What a request asked for: a forced status (None: the contract's answer) and a delay."""

    code: int | None = None
    delay_ms: int = 0
    retry_after_seconds: int = DEFAULT_RETRY_AFTER_SECONDS
    require_name: bool = False
    name_limit: int | None = None
    error_field: str = "message"

    @property
    def applied(self) -> str:
        """`Preference-Applied` value naming what was honoured; empty when nothing was."""
        honoured = []
        if self.code is not None:
            honoured.append(f"code={self.code}")
            if self.code == RATE_LIMITED_STATUS:
                honoured.append(f"retry-after={self.retry_after_seconds}")
        if self.delay_ms:
            honoured.append(f"delay={self.delay_ms}")
        if self.require_name:
            honoured.append("require-name")
        if self.name_limit is not None:
            honoured.append(f"name-limit={self.name_limit}")
        if self.error_field != "message":
            honoured.append(f"error-field={self.error_field}")
        return ", ".join(honoured)


def _preferences(header_values: Iterable[str]) -> dict[str, str]:
    """`name -> value` for every preference (first occurrence wins, parameters dropped)."""
    found: dict[str, str] = {}
    for header_value in header_values:
        for element in header_value.split(","):
            preference = element.split(";", 1)[0].strip()
            if not preference:
                continue
            name, _, value = preference.partition("=")
            found.setdefault(name.strip().lower(), value.strip().strip('"'))
    return found


def _shown(value: str, limit: int = 40) -> str:
    """`value` quoted for an error message, cut short so a huge header is not echoed back."""
    return repr(value) if len(value) <= limit else repr(value[:limit]) + "..."


def _integer(name: str, value: str, low: int, high: int) -> int:
    # Length first: int() of a huge digit string is slow (and refused past 4300 digits).
    short_digits = len(value) <= len(str(high)) and value.isascii() and value.isdigit()
    if not (short_digits and low <= int(value) <= high):
        raise ScenarioError(
            f"Prefer: {name}={_shown(value)} is invalid; "
            f"{name} takes a whole number from {low} to {high}"
        )
    return int(value)


def parse_prefer(header_values: Iterable[str], scenario_codes: Iterable[int]) -> Scenario:
    """The scenario the `Prefer` header values ask for; `scenario_codes` are the allowed codes.

    Raises ScenarioError for a malformed or unsupported `code`, `delay` or `retry-after`.
    """
    preferences = _preferences(header_values)
    allowed = sorted(scenario_codes)
    code = None
    if "code" in preferences:
        value = preferences["code"]
        if value not in {str(status) for status in allowed}:
            listed = ", ".join(str(status) for status in allowed)
            raise ScenarioError(
                f"Prefer: code={_shown(value)} is not a documented error status of this operation; "
                f"use one of {listed}, or leave code out for the contract's own answer"
            )
        code = int(value)
    delay_ms = (
        _integer("delay", preferences["delay"], 0, MAX_DELAY_MS) if "delay" in preferences else 0
    )
    retry_after = DEFAULT_RETRY_AFTER_SECONDS
    if "retry-after" in preferences:
        if code != RATE_LIMITED_STATUS:
            raise ScenarioError("Prefer: retry-after applies only together with code=429")
        retry_after = _integer(
            "retry-after", preferences["retry-after"], 0, MAX_RETRY_AFTER_SECONDS
        )
    name_limit = (
        _integer("name-limit", preferences["name-limit"], KEPT_NAME_LENGTH, MAX_NAME_LIMIT)
        if "name-limit" in preferences
        else None
    )
    error_field = preferences.get("error-field", "message")
    if error_field not in ERROR_FIELDS:
        raise ScenarioError(
            f"Prefer: error-field={_shown(error_field)} is invalid; use message or error"
        )
    return Scenario(
        code=code,
        delay_ms=delay_ms,
        retry_after_seconds=retry_after,
        require_name="require-name" in preferences,
        name_limit=name_limit,
        error_field=error_field,
    )
