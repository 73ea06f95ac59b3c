"""Keeping the API key out of everything the suite prints or writes."""

from __future__ import annotations

import shlex
from collections.abc import Iterable
from typing import Final

from hamsa_client.errors import MASK, SHORT_KEY_CHARS, KeyMask

__all__ = ["MASK", "SHORT_KEY_NOTE", "Redactor", "curl_line"]

# What a key too short to tell from ordinary text costs (said in the closing summary).
SHORT_KEY_NOTE: Final = (
    f"key shorter than {SHORT_KEY_CHARS} characters: leak checks on answer bodies are weaker "
    "(headers only)"
)

# Headers curl sets by itself, or that say nothing about the request.
_NOISE_HEADERS: Final = frozenset(
    {"host", "content-length", "accept", "accept-encoding", "connection", "user-agent"}
)


class Redactor(KeyMask):
    """hamsa_client's one masking rule (every form of each secret becomes MASK), with the
    suite's reports to scrub."""

    def scrub_file(self, path: str) -> bool:
        """Mask the secrets inside a text file in place, every other byte (line endings included)
        kept; True when anything was replaced. A file without secrets is not rewritten."""
        with open(path, encoding="utf-8", errors="surrogateescape", newline="") as source:
            text = source.read()
        masked = self(text)
        if masked == text:
            return False
        with open(path, "w", encoding="utf-8", errors="surrogateescape", newline="") as target:
            target.write(masked)
        return True


def curl_line(
    method: str,
    url: str,
    headers: Iterable[tuple[str, str]],
    body: bytes,
    redact: Redactor,
    *,
    max_body: int | None = None,
) -> str:
    """A shell-ready curl command that repeats a request, with the secrets masked.

    With `max_body`, a longer body keeps its start and end and says how much was elided in the
    middle (`elided`): the line is for reading.
    """
    parts = ["curl", "-X", method]
    for name, value in headers:
        if name.lower() in _NOISE_HEADERS:
            continue
        parts += ["-H", f"{name}: {value}"]
    if body:
        # Masked before the cut: a key the cut runs through would leave its start behind.
        text = redact(body.decode("utf-8", errors="replace"))
        if max_body is not None:
            text = elided(text, max_body)
        parts += ["--data-raw", text]
    parts.append(url)
    return redact(shlex.join(parts))


def elided(text: str, keep: int) -> str:
    """`text` if it is at most `keep` characters long; else its first and last characters (about
    `keep` in all) around `…[N characters elided]…`, so both ends of a long body stay readable."""
    if len(text) <= keep:
        return text
    head = keep - keep // 4
    tail = keep - head
    middle = len(text) - head - tail
    return f"{text[:head]}…[{middle:,} characters elided]…{text[len(text) - tail :]}"
