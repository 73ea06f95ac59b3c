"""The one mask of secrets (KeyMask): the client's errors, logs and watch use it, and the contract
suite imports it (from hamsa_client.errors, which re-exports it)."""

import base64
import logging
import re
from collections.abc import Iterable
from typing import AnyStr

MASK = "[Filtered]"
"""What stands wherever a secret stood, in every form (the placeholder schemathesis writes too)."""

SHORT_KEY_CHARS = 8
"""A secret shorter than this is told apart from ordinary text only as a whole word (`Token k`,
`key=k;`): it is masked only where it stands alone, and found in header values only, never in a
body's text, where a short key (`test`, `k`) is as likely a word of the text as a leak."""

# A whole word: not glued to a letter, a digit, `_` or `-` (so `contract-test-1` and `Write` hold
# no word `test` or `t`; `Token test`, `key=test;` and `"test"` do).
_BEFORE_WORD = r"(?<![\w-])"
_AFTER_WORD = r"(?![\w-])"
# One backslash or more: an escape, or an escape escaped again (a JSON body quoted in a HAR file).
_BACKSLASHES = r"\\+"
_NAMED_ENTITIES = {"&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos"}
_BASE64_CHAR = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_")


def _hex(number: int, width: int = 0) -> str:
    """`number` in hexadecimal, either case, as a pattern."""
    return "".join(
        f"[{digit}{digit.upper()}]" if digit.isalpha() else digit for digit in f"{number:0{width}x}"
    )


def _spellings(char: str) -> str:
    """A pattern for `char` written as itself or in any escape a server, a log or a report uses:
    JSON (`\\/`, `\\u00e9`, UTF-16 surrogate pairs), YAML and Python (`\\xe9`,
    `\\U000000e9`), URL (`%C3%A9`, encoded again `%25C3%25A9`, `+` for a space) and HTML
    (`&#233;`, `&#xE9;`, `&amp;`)."""
    code = ord(char)
    forms = [re.escape(char)]
    if code < 0x10000:
        forms.append(_BACKSLASHES + "u" + _hex(code, 4))
    else:
        high, low = divmod(code - 0x10000, 0x400)
        forms.append(
            f"{_BACKSLASHES}u{_hex(0xD800 + high, 4)}{_BACKSLASHES}u{_hex(0xDC00 + low, 4)}"
        )
    forms.append(_BACKSLASHES + "U" + _hex(code, 8))
    if code < 0x100:
        forms.append(_BACKSLASHES + "x" + _hex(code, 2))
    if char in "\"'/\\":
        forms.append(_BACKSLASHES + re.escape(char))
    forms.append("".join("%(?:25)*" + _hex(byte, 2) for byte in char.encode("utf-8")))
    if char == " ":
        forms.append(r"\+")
    forms.append(f"&#0*{code};")
    forms.append("&#[xX]0*" + _hex(code) + ";")
    if char in _NAMED_ENTITIES:
        forms.append(f"&{_NAMED_ENTITIES[char]};")
    return "(?:" + "|".join(forms) + ")"


def _spelled(text: str) -> str:
    """A pattern for `text` with each character in any of its spellings (see _spellings)."""
    return "".join(_spellings(char) for char in text)


def _base64_cores(secret: str) -> set[str]:
    """The base64 characters (standard and URL-safe alphabets) that only `secret`'s bytes decide,
    at each of the three alignments a longer token (`user:<key>`, `Token <key>`, a JWT payload)
    may give it; padding is not part of them, so padded and unpadded tokens both show them."""
    raw = secret.encode("utf-8")
    cores: set[str] = set()
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + raw).decode("ascii")
        core = encoded[-(-shift * 8 // 6) : (shift + len(raw)) * 8 // 6]
        if len(core) >= SHORT_KEY_CHARS:
            cores |= {core, core.translate(_URL_SAFE)}
    return cores


_URL_SAFE = str.maketrans("+/", "-_")
# Every escape _spellings knows, to undo them all at once: a quick first look that tells whether
# a text may hold a secret at all (patterns of spellings scan slowly; this one and `in` do not).
_ESCAPE = re.compile(
    r"\\\\*(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|x([0-9a-fA-F]{2})|(.))"
    r"|(%(?:25)*[0-9a-fA-F]{2}(?:%(?:25)*[0-9a-fA-F]{2})*)"
    r"|&#(?:0*([0-9]{1,7})|[xX]0*([0-9a-fA-F]{1,6}));"
    r"|&(amp|lt|gt|quot|apos);",
    re.DOTALL,
)
_ENTITIES = {name: char for char, name in _NAMED_ENTITIES.items()}


def _unescaped(text: str) -> str:
    """`text` with every escape _spellings knows undone: a JSON surrogate pair becomes the one
    character it spells (a lone surrogate stays one)."""

    def undo(match: re.Match[str]) -> str:
        code, long_code, byte, char, percent, decimal, hexadecimal, entity = match.groups()
        if percent is not None:
            return bytes.fromhex(re.sub("%(?:25)*", "", percent)).decode("utf-8", "replace")
        number = code or long_code or byte or hexadecimal
        if number is not None:
            return chr(min(int(number, 16), 0x10FFFF))
        if decimal is not None:
            return chr(min(int(decimal), 0x10FFFF))
        return char if char is not None else _ENTITIES[entity]

    return (
        _ESCAPE.sub(undo, text)
        .encode("utf-16-le", "surrogatepass")
        .decode("utf-16-le", "surrogatepass")
    )


class KeyMask:
    """Finds and masks secrets (the API key, a credential header's value) in every form a server,
    a log or a report may write them: as given, escaped (JSON, URL, HTML, YAML; any mix), and
    inside base64 (standard or URL-safe, with or without padding; of the key or of `Token <key>`).

    A secret shorter than SHORT_KEY_CHARS counts only as a whole word, and not in a body (see
    there). Masking replaces each occurrence by MASK; a base64 token that holds a secret is masked
    whole."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._secrets: set[str] = set()
        # (pattern, whether a match takes the whole base64 token it stands in, whether bodies are
        # searched), as text and as bytes.
        self._patterns: list[tuple[re.Pattern[str], bool, bool]] = []
        self._patterns_bytes: list[tuple[re.Pattern[bytes], bool, bool]] = []
        # What a text must hold, once unescaped, for a pattern to match: secrets and their cores;
        # and the secrets with spaces, `+` read as a space (URL forms may write either, any mix).
        self._plain: tuple[str, ...] = ()
        self._plain_bytes: tuple[bytes, ...] = ()
        self._spaced: tuple[str, ...] = ()
        for secret in secrets:
            self.add(secret)

    def add(self, secret: str) -> None:
        """Find and mask `secret` too, from now on."""
        if not secret or secret in self._secrets:
            return
        self._secrets.add(secret)
        # Longest first, so that a secret holding another is masked whole.
        ordered = sorted(self._secrets, key=lambda item: (-len(item), item))
        long = [item for item in ordered if len(item) >= SHORT_KEY_CHARS]
        short = [item for item in ordered if len(item) < SHORT_KEY_CHARS]
        cores = sorted(
            {core for item in long for core in _base64_cores(item)}, key=lambda c: (-len(c), c)
        )
        sources = [
            ("|".join(_spelled(item) for item in long), False, True),
            ("|".join(_spelled(core) for core in cores), True, True),
            ("|".join(_BEFORE_WORD + _spelled(item) + _AFTER_WORD for item in short), False, False),
        ]
        self._plain = (*long, *short, *cores)
        self._spaced = tuple(item.replace("+", " ") for item in ordered if " " in item)
        self._plain_bytes = tuple(plain.encode("utf-8") for plain in self._plain)
        self._patterns = [
            (re.compile(source), whole, body) for source, whole, body in sources if source
        ]
        self._patterns_bytes = [
            (re.compile(source.encode("utf-8")), whole, body)
            for source, whole, body in sources
            if source
        ]

    @property
    def has_short_secret(self) -> bool:
        """Whether a secret is shorter than SHORT_KEY_CHARS (found in headers only)."""
        return any(len(secret) < SHORT_KEY_CHARS for secret in self._secrets)

    def __bool__(self) -> bool:
        return bool(self._secrets)

    def __repr__(self) -> str:
        return f"KeyMask({len(self._secrets)} secrets)"

    def may_show(self, text: str | bytes) -> bool:
        """False when `text` cannot hold a secret in any form: a quick look (`in` tests, and undoing
        escapes only when there are some) before the patterns, which scan slowly."""
        if isinstance(text, bytes):
            if any(plain in text for plain in self._plain_bytes):
                return True
            if (
                b"\\" not in text
                and b"%" not in text
                and b"&" not in text
                and not (self._spaced and b"+" in text)
            ):
                return False
            text = text.decode("utf-8", "surrogateescape")
        elif any(plain in text for plain in self._plain):
            return True
        elif (
            "\\" not in text
            and "%" not in text
            and "&" not in text
            and not (self._spaced and "+" in text)
        ):
            return False
        unescaped = _unescaped(text)
        if any(plain in unescaped for plain in self._plain):
            return True
        spaces = unescaped.replace("+", " ")
        return any(spaced in spaces for spaced in self._spaced)

    def __call__(self, text: str) -> str:
        """`text` with every secret, in every form, replaced by MASK."""
        if not self.may_show(text):
            return text
        for pattern, whole_token, _ in self._patterns:
            text = _masked(pattern, text, MASK, whole_token)
        return text

    def mask_bytes(self, data: bytes) -> bytes:
        """`data` with every secret, in every form, replaced by MASK."""
        if not self.may_show(data):
            return data
        for pattern, whole_token, _ in self._patterns_bytes:
            data = _masked(pattern, data, MASK.encode("ascii"), whole_token)
        return data

    def hides(self, text: str | bytes) -> bool:
        """Whether masking would change `text`."""
        return self._search(text, in_body=False)

    def in_body(self, body: str | bytes) -> bool:
        """Whether a body carries a secret (a short one is not looked for: see SHORT_KEY_CHARS)."""
        return self._search(body, in_body=True)

    def in_header(self, text: str | bytes) -> bool:
        """Whether a header's name or value carries a secret (a short one as a whole word)."""
        return self._search(text, in_body=False)

    def _search(self, text: str | bytes, *, in_body: bool) -> bool:
        if not self.may_show(text):
            return False
        if isinstance(text, bytes):
            return any(
                pattern.search(text)
                for pattern, _, body in self._patterns_bytes
                if body or not in_body
            )
        return any(
            pattern.search(text) for pattern, _, body in self._patterns if body or not in_body
        )


def _masked(pattern: "re.Pattern[AnyStr]", text: AnyStr, mask: AnyStr, whole_token: bool) -> AnyStr:
    """`text` with each match of `pattern` replaced by `mask`; with `whole_token`, a match takes
    the whole base64 token it stands in (its other characters encode the secret's neighbours, and
    the last ones part of the secret itself)."""
    pieces: list[AnyStr] = []
    end = 0
    for match in pattern.finditer(text):
        start, stop = match.span()
        if whole_token:
            while start > end and _code(text, start - 1) in _BASE64_CHAR:
                start -= 1
            while stop < len(text) and _code(text, stop) in _BASE64_CHAR:
                stop += 1
            while stop < len(text) and _code(text, stop) == ord("="):
                stop += 1
        if start < end:
            continue
        pieces += [text[end:start], mask]
        end = stop
    if not pieces:
        return text
    pieces.append(text[end:])
    return text[:0].join(pieces)


def _code(text: str | bytes, index: int) -> int:
    char = text[index]
    return char if isinstance(char, int) else ord(char)


class KeyMaskFilter(logging.Filter):
    """Masks the secrets of `mask` in every record of the loggers it is added to (httpx' and
    httpcore's, whose DEBUG records show request and response headers)."""

    def __init__(self, mask: KeyMask) -> None:
        super().__init__()
        self.mask = mask

    def filter(self, record: logging.LogRecord) -> bool:
        if self.mask:
            try:
                message = record.getMessage()
            except Exception:  # a malformed record: logging reports it, the call goes on
                return True
            masked = self.mask(message)
            if masked != message:
                record.msg, record.args = masked, None
        return True


LOGGERS_SHOWING_HEADERS = (
    "httpx",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
)
"""Loggers whose records may show a request's or an answer's headers (httpcore at DEBUG level):
a filter on a parent logger does not see its children's records, so each has its own."""

LOG_MASK = KeyMask()
"""The secrets of every AuthenticatedClient of this process, masked in LOGGERS_SHOWING_HEADERS."""


def mask_in_logs(secret: str) -> None:
    """Mask `secret` in the records of LOGGERS_SHOWING_HEADERS from now on."""
    if not LOG_MASK:
        log_filter = KeyMaskFilter(LOG_MASK)
        for name in LOGGERS_SHOWING_HEADERS:
            logging.getLogger(name).addFilter(log_filter)
    LOG_MASK.add(secret)
