"""Where, if anywhere, an answer gives the API key back: as given, URL-encoded, or inside a
base64 token (HTTP Basic credentials, a JWT payload, a session cookie)."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable, Iterator
from typing import Final
from urllib.parse import quote

# Runs of base64 (standard or URL-safe) long enough to hold a key.
BASE64_TOKEN: Final = re.compile(r"[A-Za-z0-9+/_-]{8,}={0,2}")


def key_leaks(api_key: str, headers: Iterable[tuple[str, str]], body: bytes) -> list[str]:
    """Places in an answer that contain the key, as given, URL-encoded or base64-encoded:
    header names and values, and the body."""
    forms = {api_key, quote(api_key, safe="")}

    def shows(text: str) -> bool:
        return any(form in candidate for candidate in _readings(text) for form in forms)

    places = [f"header {name}" for name, value in headers if shows(value) or shows(name)]
    if shows(body.decode("utf-8", errors="replace")):
        places.append("body")
    return places


def _readings(text: str) -> Iterator[str]:
    """`text` itself, then what each base64-looking run in it decodes to."""
    yield text
    for token in BASE64_TOKEN.findall(text):
        padded = token.rstrip("=") + "=" * (-len(token.rstrip("=")) % 4)
        for alphabet in (None, b"-_"):
            try:
                decoded = base64.b64decode(padded, altchars=alphabet, validate=alphabet is None)
            except (binascii.Error, ValueError):
                continue
            yield decoded.decode("utf-8", errors="replace")
