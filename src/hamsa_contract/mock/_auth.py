"""`Authorization: Token <api-key>` check."""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from typing import Final

SCHEME: Final = "Token"
MISSING: Final = "Unauthorized: no Authorization header; send Authorization: Token <api-key>"
MALFORMED: Final = (
    "Unauthorized: malformed Authorization header; send exactly one, Authorization: Token <api-key>"
)
UNKNOWN_KEY: Final = "Unauthorized: unknown API key (Authorization: Token <api-key> is well formed)"


class TokenAuth:
    """Accepts exactly one `Authorization` header `Token <api_key>` (scheme case-insensitive).

    Anything else (no header, `Bearer`, a bare key, an unknown key, several headers) is refused:
    refusing repeated `Authorization` headers is one of the two answers CONTRACT.md decision 9
    allows (the other is judging by the first).
    The key is compared in constant time and never shown: the repr names only the scheme.
    """

    __slots__ = ("_key",)

    def __init__(self, api_key: str) -> None:
        if not api_key or api_key != api_key.strip() or any(ch.isspace() for ch in api_key):
            raise ValueError("the mock's API key must be non-empty and contain no whitespace")
        self._key = api_key.encode("utf-8")

    def __repr__(self) -> str:
        return f"TokenAuth(scheme={SCHEME!r}, api_key=<hidden>)"

    def accepts(self, header_values: Sequence[str]) -> bool:
        """Whether the request's `Authorization` header values carry the key."""
        return self.refusal(header_values) is None

    def refusal(self, header_values: Sequence[str]) -> str | None:
        """Why the request's `Authorization` header values are refused (None: accepted): the
        header missing, malformed, or with an unknown key. Nothing of what was sent is quoted,
        since any of it may be a key."""
        if not header_values:
            return MISSING
        scheme, _, credentials = header_values[0].strip().partition(" ")
        if len(header_values) > 1 or scheme.lower() != SCHEME.lower() or not credentials.strip():
            return MALFORMED
        if not hmac.compare_digest(credentials.strip().encode("utf-8"), self._key):
            return UNKNOWN_KEY
        return None
