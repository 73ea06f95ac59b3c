"""Names of the agents the suite creates, and how a name that came back differs from the sent one.

Every name contains one marker, `contract-test`, so a user can find the agents a run made; most
start with it (`NAME_PREFIX`), a few start with a space on purpose (see `run/_probes.py`); one
planned clone is named "0", a name no marker can travel in (CONTRACT.md decision 14).
"""

from __future__ import annotations

import html
import unicodedata
import urllib.parse
from typing import Any, Final

NAME_PREFIX: Final = "contract-test "
# How much of a long name a message quotes.
QUOTED: Final = 80


def agent_name(label: str) -> str:
    """The name for an agent the suite creates, e.g. `contract-test second clone`."""
    return label if label.startswith(NAME_PREFIX) else f"{NAME_PREFIX}{label}"


def name_difference(sent: str, got: Any) -> str:
    """How the name that came back differs from the one sent, in words a person can act on."""
    if not isinstance(got, str):
        return f"sent a name of {len(sent)} characters, got {got!r}"
    what = _what_changed(sent, got)
    first = next((i for i, (a, b) in enumerate(zip(sent, got, strict=False)) if a != b), None)
    if first is None:
        first = min(len(sent), len(got))
    return (
        f"{what}; sent {len(sent)} characters, got {len(got)}; they first differ at character "
        f"{first}: sent {_quote(sent, first)}, got {_quote(got, first)}"
    )


def _what_changed(sent: str, got: str) -> str:
    if got == sent.strip():
        return "trimmed"
    if len(got) < len(sent) and sent.startswith(got):
        return f"cut to its first {len(got)} characters"
    if got == " ".join(sent.split()):
        return "whitespace collapsed"
    for form in ("NFC", "NFD", "NFKC", "NFKD"):
        if got == unicodedata.normalize(form, sent):
            return f"Unicode-normalised ({form})"
    if got.lower() == sent.lower() or got == sent.casefold():
        return "letter case changed"
    for decoded, how in (
        (urllib.parse.unquote_plus(sent), "form-decoded ('+' became a space, %XX decoded)"),
        (urllib.parse.unquote(sent), "percent-decoded (%XX decoded)"),
        (html.unescape(sent), "HTML entities decoded"),
        (sent.replace("\r\n", "\n"), "CRLF turned into LF"),
    ):
        if got == decoded:
            return how
    if "&lt;" in got or "&amp;" in got or "&#" in got:
        return "markup escaped"
    if any(ch in sent and ch not in got for ch in "\x00\t\n\r\x1b\x7f"):
        return "control characters dropped or replaced"
    return "changed"


def _quote(text: str, at: int) -> str:
    start = max(0, at - 10)
    return repr(text[start : start + QUOTED])
