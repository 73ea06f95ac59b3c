"""The key is masked whole in every form, curl lines repeat the request exactly, and a leak is
found in a body that is not valid UTF-8."""

from __future__ import annotations

from hamsa_contract._redaction import MASK, Redactor, curl_line
from hamsa_contract.judge._leaks import key_leaks
from hamsa_contract.send._journal import EXCERPT_CHARACTERS, Exchange, excerpt, mask_excerpts_with


def test_a_secret_inside_another_is_masked_whole_whatever_their_order() -> None:
    # Longest first: "b" sorts after "abc" but must not split it.
    assert Redactor(["b", "abc"])("abc b") == f"{MASK} {MASK}"
    assert Redactor(["abc", "b"])("abc b") == f"{MASK} {MASK}"


def test_a_curl_line_repeats_the_request_exactly() -> None:
    line = curl_line(
        "POST",
        "http://h.test/clone?voiceAgentId=a",
        [("User-Agent", "x"), ("Authorization", "Token s3cr3t"), ("X-Trace", "1")],
        b'{"agentName": "\xff s3cr3t"}',
        Redactor(["s3cr3t"]),
    )
    assert line == (
        f"curl -X POST -H 'Authorization: Token {MASK}' -H 'X-Trace: 1' "
        f"--data-raw '{{\"agentName\": \"\ufffd {MASK}\"}}' 'http://h.test/clone?voiceAgentId=a'"
    )


def test_a_curl_line_without_a_body_has_no_data() -> None:
    line = curl_line("POST", "http://h.test/clone", [], b"", Redactor([]))
    assert line == "curl -X POST http://h.test/clone"


def test_a_key_in_a_body_that_is_not_utf8_is_found() -> None:
    assert key_leaks("key-0123456789", [], b"\xff\xfe key-0123456789") == ["body"]
    assert key_leaks("key-0123456789", [], b"\xff\xfe") == []


def test_a_key_across_the_cut_of_a_shown_answer_is_masked_whole() -> None:
    key = "journal-test-key-0123456789abcdef"
    body = ("x" * (EXCERPT_CHARACTERS - 10) + key + "y" * 50).encode()
    shown = Exchange("POST", "http://h.test/", (), b"", 200, (), body).render(Redactor([key]))
    assert key[:10] not in shown
    assert shown.endswith(f"{'x' * (EXCERPT_CHARACTERS - 10)}{MASK}... ({len(body)} bytes)")


def test_a_key_across_the_cut_of_a_curl_body_is_masked_whole() -> None:
    key = "curl-test-key-0123456789abcdef"
    # The body keeps its first 75 and last 25 characters of 100: the first cut runs through the
    # key, the elided middle holds the rest of it.
    body = ("x" * 70 + key + "y" * 50).encode()
    line = curl_line("POST", "http://h.test/", [], body, Redactor([key]), max_body=100)
    assert key[:5] not in line
    assert key[-5:] not in line
    assert f"{'x' * 70}{MASK[:5]}…[" in line
    assert line.endswith(f"]…{'y' * 25}' http://h.test/")


def test_an_excerpt_given_no_masking_is_masked_with_the_runs() -> None:
    """Failure messages quote answers with `excerpt(content, 300)`: the open run's masking
    applies before the cut."""
    key = "excerpt-test-key-0123456789abcdef"
    body = ("x" * 290 + key).encode()
    assert excerpt(body, 300).startswith("x" * 290 + key[:10])
    mask_excerpts_with(Redactor([key]))
    try:
        shown = excerpt(body, 300)
    finally:
        mask_excerpts_with(None)
    assert key[:10] not in shown
    assert shown == "x" * 290 + MASK
