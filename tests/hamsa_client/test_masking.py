"""The one mask (src/hamsa_client/_masking.py: KeyMask and its log filter), called directly: each
spelling of a secret it must find and mask, written here by hand, base64 tokens masked whole and
nothing around them, short secrets as whole words in headers only, and the log filter."""

from __future__ import annotations

import base64
import logging
from typing import Final

import pytest

from hamsa_client import _masking
from hamsa_client._masking import LOGGERS_SHOWING_HEADERS, MASK, KeyMask, KeyMaskFilter

KEY: Final = "hk_live_7Qv9ZmX2pL4sT8wB"

# (secret, the secret as a server, a log or a report may spell it), each spelling by hand.
SPELLINGS: Final = {
    "JSON \\u": ("abcdefgh", "\\u0061bcdefgh"),
    "JSON \\u escaped again": ("abcdefgh", "\\\\u0061bcdefgh"),
    "JSON \\u upper-case hex": ("jklmnopq", "\\u006Aklmnopq"),
    "Python \\U": ("abcdefgh", "\\U00000061bcdefgh"),
    "Python \\x": ("abcdefgh", "\\x61bcdefgh"),
    "URL": ("jklmnopq", "%6aklmnopq"),
    "URL upper-case": ("jklmnopq", "%6Aklmnopq"),
    "URL encoded twice": ("jklmnopq", "%256Aklmnopq"),
    "URL, a control character": ("abcd\tefgh", "abcd%09efgh"),
    "URL, + for a space": ("abcd efgh", "abcd+efgh"),
    "URL, + for one space of two": ("ab cd ef gh", "ab+cd ef gh"),
    "HTML decimal": ("abcdefgh", "&#97;bcdefgh"),
    "HTML decimal, zeros": ("abcdefgh", "&#0097;bcdefgh"),
    "HTML hex": ("jklmnopq", "&#x6a;klmnopq"),
    "HTML hex, upper-case X and zeros": ("jklmnopq", "&#X06A;klmnopq"),
    "HTML &amp;": ("abcd&efgh", "abcd&amp;efgh"),
    "HTML &lt;": ("abcd<efgh", "abcd&lt;efgh"),
    "HTML &quot;": ('abcd"efgh', "abcd&quot;efgh"),
    "JSON \\/": ("abcd/efgh", "abcd\\/efgh"),
    'JSON \\"': ('abcd"efgh', 'abcd\\"efgh'),
    "YAML \\'": ("abcd'efgh", "abcd\\'efgh"),
    "JSON \\u, Latin-1": ("abcdéfgh", "abcd\\u00e9fgh"),
    "Python \\x, Latin-1": ("abcdéfgh", "abcd\\xe9fgh"),
    "URL, UTF-8 bytes": ("abcdéfgh", "abcd%C3%A9fgh"),
    "HTML, Latin-1": ("abcdéfgh", "abcd&#233;fgh"),
    "JSON \\u, past Latin-1": ("abcdжfgh", "abcd\\u0436fgh"),
    "JSON surrogate pair": ("abcd\U0001f511fgh", "abcd\\ud83d\\udd11fgh"),
    "JSON surrogate pair, first past the BMP": ("abcd\U00010000fgh", "abcd\\ud800\\udc00fgh"),
    "Python \\U, past the BMP": ("abcd\U0001f511fgh", "abcd\\U0001f511fgh"),
    "URL, past the BMP": ("abcd\U0001f511fgh", "abcd%F0%9F%94%91fgh"),
    "HTML hex, past the BMP": ("abcd\U0001f511fgh", "abcd&#x1F511;fgh"),
}


@pytest.mark.parametrize("name", SPELLINGS)
def test_every_spelling_of_a_secret_is_found_and_masked(name: str) -> None:
    secret, spelled = SPELLINGS[name]
    mask = KeyMask([secret])
    body = f'{{"echo": "{spelled}", "other": 1}}'

    assert mask.in_body(body)
    assert mask.in_body(body.encode())
    assert mask.in_header(spelled)
    assert mask(body) == f'{{"echo": "{MASK}", "other": 1}}'
    assert mask.mask_bytes(body.encode()) == f'{{"echo": "{MASK}", "other": 1}}'.encode()


@pytest.mark.parametrize(
    ("secret", "text"),
    [
        ("abcdXfgh", "abcd\\Xfgh"),  # a backslash before a letter is no escape
        ("abcd\u0100fgh", "abcd\\x100fgh"),  # \x takes two hex digits: this is \x10 and 0
        (KEY, base64.b64encode((KEY[:-3] + "ZZZ").encode()).decode()),  # the key's start only
    ],
)
def test_what_only_looks_like_a_spelling_is_left_as_it_is(secret: str, text: str) -> None:
    mask = KeyMask([secret])
    assert not mask.in_body(text)
    assert mask(text) == text


def b64(text: str, *, url_safe: bool = False) -> str:
    encode = base64.urlsafe_b64encode if url_safe else base64.b64encode
    return encode(text.encode()).decode()


@pytest.mark.parametrize("before", ["", "a", "ab", "Token ", "user:", "xyz:"])
@pytest.mark.parametrize("after", ["", ":", "xy"])
@pytest.mark.parametrize("url_safe", [False, True])
def test_a_base64_token_holding_the_key_is_masked_whole_and_nothing_around_it(
    before: str, after: str, url_safe: bool
) -> None:
    token = b64(before + KEY + after, url_safe=url_safe)
    mask = KeyMask([KEY])

    for text, masked in [
        (f"Basic {token} and more", f"Basic {MASK} and more"),
        (f"a:{token}", f"a:{MASK}"),
        (token, MASK),
        (f"{token.rstrip('=')}=== then", f"{MASK} then"),
    ]:
        assert mask.in_body(text)
        assert mask(text) == masked
        assert mask.mask_bytes(text.encode()) == masked.encode()


def test_every_base64_token_holding_the_key_is_masked_however_many_hold_it() -> None:
    twice = b64(KEY + KEY)  # one token holding the key twice: one match inside another's token
    text = f"{twice} x {b64('u:' + KEY)}.{b64('Token ' + KEY, url_safe=True)}"

    assert KeyMask([KEY])(text) == f"{MASK} x {MASK}.{MASK}"


def test_a_secret_holding_another_that_it_starts_with_is_masked_whole() -> None:
    mask = KeyMask([KEY, KEY + "_more"])
    assert mask(f"a {KEY}_more b {KEY} c") == f"a {MASK} b {MASK} c"


def test_an_empty_secret_is_no_secret() -> None:
    mask = KeyMask(["", KEY])
    mask.add("")
    assert mask("plain words, and 'quoted' ones") == "plain words, and 'quoted' ones"
    assert not KeyMask([""])


def test_a_secret_with_spaces_is_found_with_a_plus_for_each_space() -> None:
    mask = KeyMask(["Token abc12345"])
    assert mask("q=Token+abc12345&r=1") == f"q={MASK}&r=1"


def test_a_short_secret_is_a_whole_word_in_headers_and_never_looked_for_in_bodies() -> None:
    mask = KeyMask(["k3y"])

    headers: list[str | bytes] = ["Token k3y", b"Token k3y", "Token k\\u0033y", b"Token k\\u0033y"]
    for header in headers:
        assert mask.in_header(header)
        assert mask.hides(header)
    assert not mask.in_header("Token ak3y")
    assert not mask.in_body('{"name": "k3y"}')
    assert not mask.in_body(b'{"name": "k3y"}')
    assert mask("path/k3y and +k3y") == f"path/{MASK} and +{MASK}"


def test_a_long_secret_is_looked_for_in_bodies_and_headers_alike() -> None:
    mask = KeyMask([KEY])
    assert mask.in_body(f"<p>{KEY}</p>")
    assert mask.in_header(f"Token {KEY}")
    assert mask.hides(f"x{KEY}x")


@pytest.mark.parametrize(
    "noise",
    [
        b"\xff\xfe not UTF-8 \\n",  # bytes that are not UTF-8, beside an escape
        b"%ff%fe",  # percent escapes of bytes that are not UTF-8
        b"\\UFFFFFFFF &#9999999; &#xFFFFFFF;",  # escapes of no character at all
        b"&amp; &lt; \\x41 &#x41;",  # escapes of characters that are no part of a secret
    ],
)
def test_a_secret_is_found_beside_escapes_of_anything(noise: bytes) -> None:
    spelled = KEY.replace("_", "\\u005f").encode()
    body = noise + b" " + spelled
    mask = KeyMask([KEY])

    assert mask.in_body(body)
    assert mask.in_body(body.decode("utf-8", "replace"))
    assert mask.mask_bytes(body) == noise + b" " + MASK.encode()


@pytest.fixture
def fresh_log_mask(monkeypatch: pytest.MonkeyPatch) -> KeyMask:
    """The process's log mask as if no client had been made yet: the mask, and the loggers without
    the filters earlier clients installed (each logger's filters are as before after the test)."""
    mask = KeyMask()
    monkeypatch.setattr(_masking, "LOG_MASK", mask)
    for name in LOGGERS_SHOWING_HEADERS:
        logger = logging.getLogger(name)
        unmasked = [each for each in logger.filters if not isinstance(each, KeyMaskFilter)]
        monkeypatch.setattr(logger, "filters", unmasked)
    return mask


def test_the_first_secret_masked_in_logs_is_masked_in_every_logger_showing_headers(
    fresh_log_mask: KeyMask, caplog: pytest.LogCaptureFixture
) -> None:
    _masking.mask_in_logs(KEY)
    _masking.mask_in_logs(KEY + "2")

    with caplog.at_level(logging.DEBUG):
        for name in LOGGERS_SHOWING_HEADERS:
            logging.getLogger(name).debug("sent %s", f"Authorization: Token {KEY}2")
    assert [record.getMessage() for record in caplog.records] == [
        f"sent Authorization: Token {MASK}"
    ] * len(LOGGERS_SHOWING_HEADERS)


def test_the_log_filter_keeps_every_record_and_a_malformed_one_as_it_is() -> None:
    log_filter = KeyMaskFilter(KeyMask([KEY]))
    malformed = logging.LogRecord("httpx", logging.DEBUG, __file__, 1, "%s %s", (KEY,), None)
    record = logging.LogRecord("httpx", logging.DEBUG, __file__, 1, "key %s", (KEY,), None)

    assert log_filter.filter(malformed)
    assert (malformed.msg, malformed.args) == ("%s %s", (KEY,))
    assert log_filter.filter(record)
    assert record.getMessage() == f"key {MASK}"
