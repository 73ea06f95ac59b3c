"""A failed check told in one screen (src/hamsa_contract/report/_failures.py), called
directly: the exact report, what is cut and where, what is escaped, and each kind of error it
describes."""

from __future__ import annotations

import pytest
from schemathesis.core.failures import CustomFailure, FailureGroup

from hamsa_contract._redaction import elided
from hamsa_contract.report._failures import (
    DETAILS_HINT,
    MESSAGE_CHARACTERS,
    concise_failure,
    describe,
    printable,
)


def _raised(error: BaseException) -> pytest.ExceptionInfo[BaseException]:
    try:
        raise error
    except BaseException:
        return pytest.ExceptionInfo.from_current()


def _failure(message: str) -> CustomFailure:
    return CustomFailure(
        operation="POST /v1/voice-agents/clone",
        title="Custom check failed",
        message=message,
        exception=AssertionError(message),
    )


def test_the_whole_report_in_order() -> None:
    report = concise_failure(
        "decision 5: the error envelope",
        _raised(AssertionError("messageKey is missing\nassert None == 'X'")),
        ["the answer was 500"],
        ["curl -X POST http://127.0.0.1:9/v1/voice-agents/clone", "HTTP 500"],
    )

    assert report.splitlines() == [
        "Rule broken: decision 5: the error envelope",
        "  messageKey is missing",
        "the answer was 500",
        "Last requests (key masked) and answers:",
        "curl -X POST http://127.0.0.1:9/v1/voice-agents/clone",
        "HTTP 500",
        DETAILS_HINT,
    ]


def test_a_report_without_rule_error_or_exchanges_is_its_findings_and_the_hint() -> None:
    assert concise_failure(None, None, ["one", "two"], []) == f"one\ntwo\n{DETAILS_HINT}"


def test_the_report_is_printable() -> None:
    report = concise_failure("rule", None, ["name \x1b[2J\u202egnp.exe"], [])
    assert "\x1b" not in report
    assert "\u202e" not in report
    assert "name \\x1b[2J\\u202egnp.exe" in report


def test_printable_escapes_controls_and_invisible_formatting_and_keeps_the_rest() -> None:
    assert printable("a\x00b\tc\u200dd\ne") == "a\\x00b\\tc\\u200dd\ne"
    assert printable("مرحبا 👋 naïve") == "مرحبا 👋 naïve"


def test_a_failure_group_is_told_one_failure_a_line() -> None:
    group = FailureGroup([_failure("  first  "), _failure("second")], "two failures")
    assert describe(group) == (
        "  [ST901] Custom check failed: first\n  [ST901] Custom check failed: second"
    )


def test_an_assertion_says_its_message_without_pytests_diff() -> None:
    assert describe(AssertionError("  name was trimmed\nassert 'a' == ' a'")) == (
        "  name was trimmed"
    )
    # pytest's diff can itself hold "assert" lines: the message ends at the first.
    assert describe(AssertionError("first\nassert x\nassert y")) == "  first"
    assert describe(AssertionError()) == "  assertion failed"
    assert describe(AssertionError("\nassert 1 == 2")) == "  assertion failed"


def test_any_other_error_says_its_type_and_message() -> None:
    assert describe(ValueError("  bad value  ")) == "  ValueError: bad value"


def test_notes_follow_the_message_and_blank_ones_are_left_out() -> None:
    error = AssertionError("failed")
    error.add_note("Falsifying example: name='x'")
    error.add_note("   ")
    assert describe(error) == "  failed\n  Falsifying example: name='x'"


def test_long_messages_are_cut_with_their_length() -> None:
    exact = "x" * MESSAGE_CHARACTERS
    assert describe(ValueError(exact)) == f"  ValueError: {exact}"
    longer = "y" * (MESSAGE_CHARACTERS + 1)
    assert describe(ValueError(longer)) == (
        f"  ValueError: {'y' * MESSAGE_CHARACTERS}... ({MESSAGE_CHARACTERS + 1} characters in all)"
    )


def test_notes_and_group_messages_are_cut_too() -> None:
    longer = "z" * (MESSAGE_CHARACTERS + 5)
    cut = f"{'z' * MESSAGE_CHARACTERS}... ({MESSAGE_CHARACTERS + 5} characters in all)"
    error = AssertionError("short")
    error.add_note(longer)
    assert describe(error).splitlines()[1] == f"  {cut}"
    group = FailureGroup([_failure(longer)], "one")
    assert describe(group) == f"  [ST901] Custom check failed: {cut}"


def test_the_request_that_failed_comes_first_then_the_others() -> None:
    report = concise_failure("rule", None, ["what was wrong"], ["  curl later"], failed="  curl it")

    assert report.splitlines() == [
        "Rule broken: rule",
        "what was wrong",
        "The request that failed (key masked) and its answer:",
        "  curl it",
        "Other requests (key masked) and answers:",
        "  curl later",
        DETAILS_HINT,
    ]


def test_a_long_body_keeps_both_ends_and_says_how_much_is_elided() -> None:
    text = "a" * 10 + "b" * 100 + "c" * 10
    assert elided(text, 40) == f"{'a' * 10}{'b' * 20}…[80 characters elided]…{'c' * 10}"
    assert elided("short", 40) == "short"
    assert elided("x" * 5000, 100).count("…[4,900 characters elided]…") == 1
