"""Where, if anywhere, an answer gives the API key back."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote


def key_leaks(api_key: str, headers: Iterable[tuple[str, str]], body: bytes) -> list[str]:
    """Places in an answer that contain the key, as given or URL-encoded: header names and body."""
    forms = {api_key, quote(api_key, safe="")}
    places = [
        f"header {name}"
        for name, value in headers
        if any(form in value or form in name for form in forms)
    ]
    text = body.decode("utf-8", errors="replace")
    if any(form in text for form in forms):
        places.append("body")
    return places
