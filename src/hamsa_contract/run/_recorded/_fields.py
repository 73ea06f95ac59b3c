"""What every recording format shares: one recorded request and its answer (`Exchange`), what a
file holds (`Recording`), the errors a reader raises, and the checks each entry's fields go
through (a method is a token, a URL is absolute http(s), a header value has no line break...).
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import httpx

from hamsa_client._rules import instant
from hamsa_contract._input_files import MAX_NESTING, NestedTooDeep, describe, http_status, load_json


class RecordingError(ValueError):
    """The file cannot be judged: missing, not a regular file, too large, in no format this
    command reads, or with an entry that is not what its format says (named in the message)."""


class NotThisFormat(ValueError):
    """The text is not in the format its file's name claims; the message says why."""


class Malformed(ValueError):
    """One entry of a recording is not what its format says: `where` names it (a path into the
    document, such as `log.entries[3].request.url`) and the message what is wrong."""

    def __init__(self, where: str, what: str) -> None:
        super().__init__(f"{where}: {what}")


@dataclass(frozen=True)
class Exchange:
    """One recorded request and its answer (None when the recording has no usable answer)."""

    request: httpx.Request
    response: httpx.Response | None
    recorded_at: datetime | None
    why_not_judged: str | None = None


@dataclass
class Recording:
    """What a file holds: exchanges (HAR, VCR) or findings lines (hamsa_client's file)."""

    path: Path
    kind: str
    exchanges: list[Exchange] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)


def judgeable(
    request: httpx.Request, response: httpx.Response, recorded_at: datetime | None
) -> Exchange:
    """The exchange, or, when a body is JSON nested deeper than MAX_NESTING (legal JSON, RFC 8259
    §9 lets a reader limit it, and Python's parser would fail on it), the exchange set aside: not
    judged, listed as not run."""
    for what, body in (("request", request.content), ("answer", response.content)):
        try:
            load_json(body)
        except NestedTooDeep:
            why = (
                f"{request.method} {request.url.path}: the {what}'s JSON is nested more than "
                f"{MAX_NESTING} deep, more than this command reads"
            )
            return Exchange(request, None, recorded_at, why)
        except ValueError:
            pass  # not JSON: the checks say what they make of it
    return Exchange(request, response, recorded_at)


def as_object(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        raise Malformed(where, "missing")
    if not isinstance(value, dict):
        raise Malformed(where, f"not an object ({describe(value)})")
    return value


# RFC 9110 §5.6.2: a method and a header name are tokens.
_TOKEN: Final = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
# RFC 9110 §5.5: a field value holds no CR, LF or NUL (other bytes, obs-text included, may be).
_NOT_IN_FIELD_VALUES: Final = re.compile(r"[\r\n\x00]")


def as_method(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _TOKEN.fullmatch(value):
        raise Malformed(where, f"not an HTTP method ({describe(value)})")
    return value


def as_url(value: Any, where: str) -> httpx.URL:
    if not isinstance(value, str):
        raise Malformed(where, f"not a URL ({describe(value)})")
    try:
        url = httpx.URL(value)
    except (httpx.InvalidURL, ValueError, UnicodeError) as exc:
        # The URL itself is not shown: it may carry the key in its query.
        raise Malformed(where, f"not a URL ({type(exc).__name__}: {exc})") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise Malformed(where, "not an absolute http(s) URL")
    return url


def as_header(name: Any, value: Any, where: str) -> tuple[str, bytes]:
    """A header as httpx takes it: the value as the UTF-8 bytes of its text (a recording keeps
    text, not the bytes on the wire; RFC 9110 §5.5 lets a value hold bytes beyond ASCII)."""
    if not isinstance(name, str) or not _TOKEN.fullmatch(name):
        raise Malformed(where, f"the header name is not a token ({describe(name)})")
    if not isinstance(value, str):
        raise Malformed(where, f"the value of {name} is not a text ({describe(value)})")
    if _NOT_IN_FIELD_VALUES.search(value):
        raise Malformed(where, f"the value of {name} holds a line break or NUL (RFC 9110 §5.5)")
    return name, as_utf8(value, f"{where} ({name})")


def as_status(value: Any, where: str) -> int:
    code = http_status(value)
    if code is None:
        raise Malformed(where, f"not an HTTP status, 100-599 ({describe(value)})")
    return code


def as_utf8(text: str, where: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise Malformed(where, "holds a lone surrogate (\\uD800-\\uDFFF): no UTF-8 text") from None


def from_base64(text: str, where: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise Malformed(where, f"not base64 ({exc})") from None


# Recorders store bodies decoded: a Content-Encoding or Content-Length kept from the wire would
# describe bytes the recording no longer has.
_WIRE_ONLY: Final = frozenset({"content-encoding", "content-length", "transfer-encoding"})


def without_wire_headers(headers: Iterable[tuple[str, bytes]]) -> list[tuple[bytes, bytes]]:
    """Headers as httpx takes bytes (names are tokens: ASCII), less those of the wire only."""
    return [
        (name.encode("ascii"), value) for name, value in headers if name.lower() not in _WIRE_ONLY
    ]


def as_instant(value: Any) -> datetime | None:
    """When an exchange was recorded, read as the contract watch's `fresh` rule reads a date-time
    (hamsa_client._rules.instant)."""
    if isinstance(value, datetime):  # a YAML timestamp left unquoted
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return instant(value)
