"""HTTP values compared the way HTTP defines them, wherever the suite reads an answer or a request.

- Media types (RFC 9110 §8.3.1): type, subtype and parameter names are case-insensitive,
  whitespace around `;` is allowed, a parameter value may be quoted. `Application/JSON`,
  `application/json;charset=utf-8` and `application/json; charset="UTF-8"` all name JSON. The
  parsing is schemathesis' own (`schemathesis.core.media_types.parse`, which ST105 uses), so the
  suite's checks and schemathesis' agree on what a content type is.
- `charset` values are case-insensitive (RFC 9110 §8.3.2); `application/json` defines no charset
  parameter at all (RFC 8259 §11), so the suite never fails an answer for one.
- The authentication scheme word is case-insensitive, and one or more spaces may separate it
  from the credentials (RFC 9110 §11.1, §11.4): `token <key>` is the key.
- Header names are case-insensitive (RFC 9110 §5.1): callers read headers through
  `httpx.Headers` or lower-case the names.
"""

from __future__ import annotations

from typing import Final

from schemathesis.core.errors import MalformedMediaType
from schemathesis.core.media_types import parse

JSON: Final = ("application", "json")


def media_type(content_type: str | None) -> tuple[str, str] | None:
    """`(type, subtype)` of a Content-Type value, lower-cased; None when absent or malformed."""
    if content_type is None:
        return None
    try:
        return parse(content_type)
    except (MalformedMediaType, ValueError):
        return None


def is_json(content_type: str | None) -> bool:
    """Whether a Content-Type value names `application/json` (any case, any parameters)."""
    return media_type(content_type) == JSON


def credentials(authorization: str | None, scheme: str) -> str | None:
    """The credentials of an Authorization value that uses `scheme` (compared without regard to
    case), or None when the value uses another scheme or has no credentials."""
    if authorization is None:
        return None
    word, _, rest = authorization.strip(" \t").partition(" ")
    if word.lower() != scheme.lower():
        return None
    return rest.lstrip(" ") or None
