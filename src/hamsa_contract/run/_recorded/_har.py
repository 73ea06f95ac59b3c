"""HAR 1.2 files (a browser's, a proxy's, or the suite's own `reports/*.har`): each entry a
recorded request and its answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

import httpx

from hamsa_contract._input_files import NestedTooDeep, describe, load_json
from hamsa_contract.run._recorded._fields import (
    Exchange,
    Malformed,
    NotThisFormat,
    Recording,
    RecordingError,
    as_header,
    as_instant,
    as_method,
    as_object,
    as_status,
    as_url,
    as_utf8,
    from_base64,
    judgeable,
    without_wire_headers,
)

HAR: Final = "HAR"


class HarReader:
    """Reads a HAR file: a JSON document with a `log` object."""

    kind: Final = HAR
    suffixes: Final = (".har",)

    def read(self, path: Path, text: str, *, claimed: bool) -> Recording:
        try:
            document = load_json(text)
        except NestedTooDeep as exc:
            if claimed:
                raise NotThisFormat(str(exc)) from None
            raise RecordingError(f"{path}: {exc}") from None
        except ValueError as exc:
            raise NotThisFormat(str(exc)) from None
        if not isinstance(document, dict) or not isinstance(document.get("log"), dict):
            raise NotThisFormat("it holds no HAR `log` object (HAR 1.2)")
        return Recording(path, HAR, exchanges=_har_exchanges(document["log"]))


def _har_exchanges(log: dict[str, Any]) -> list[Exchange]:
    entries = log.get("entries")
    if not isinstance(entries, list):
        raise Malformed("log.entries", f"not a list of entries ({describe(entries)})")
    return [_har_exchange(entry, f"log.entries[{index}]") for index, entry in enumerate(entries)]


def _har_exchange(entry: Any, where: str) -> Exchange:
    entry = as_object(entry, where)
    recorded = as_object(entry.get("request"), f"{where}.request")
    post = as_object(recorded.get("postData") or {}, f"{where}.request.postData")
    request = httpx.Request(
        as_method(recorded.get("method"), f"{where}.request.method"),
        as_url(recorded.get("url"), f"{where}.request.url"),
        headers=_har_headers(recorded.get("headers"), f"{where}.request.headers"),
        content=_har_content(post, f"{where}.request.postData"),
    )
    recorded_at = as_instant(entry.get("startedDateTime"))
    answer = entry.get("response")
    status = 0 if answer is None else as_object(answer, f"{where}.response").get("status", 0)
    # Browsers record a request that got no answer (blocked, failed) with status 0 (or -1).
    if isinstance(status, int) and not isinstance(status, bool) and status <= 0:
        why = f"{request.method} {request.url.path} was recorded without an answer"
        return Exchange(request, None, recorded_at, why)
    answer = as_object(answer, f"{where}.response")
    code = as_status(status, f"{where}.response.status")
    content = as_object(answer.get("content") or {}, f"{where}.response.content")
    size = content.get("size", 0)
    if not isinstance(size, int) or isinstance(size, bool):
        raise Malformed(f"{where}.response.content.size", f"not a number ({describe(size)})")
    if content.get("text") is None and size > 0:
        why = f"{request.method} {request.url.path}: the recording left the answer's body out"
        return Exchange(request, None, recorded_at, why)
    response = httpx.Response(
        code,
        headers=_har_headers(answer.get("headers"), f"{where}.response.headers"),
        content=_har_content(content, f"{where}.response.content"),
        request=request,
    )
    return judgeable(request, response, recorded_at)


def _har_headers(headers: Any, where: str) -> list[tuple[bytes, bytes]]:
    if headers is None:
        return []
    if not isinstance(headers, list):
        raise Malformed(where, f"not a list of headers ({describe(headers)})")
    pairs = []
    for index, header in enumerate(headers):
        at = f"{where}[{index}]"
        header = as_object(header, at)
        if "name" not in header:
            raise Malformed(at, "a header without a `name`")
        if "value" not in header:
            raise Malformed(at, "a header without a `value`")
        pairs.append(as_header(header["name"], header["value"], at))
    return without_wire_headers(pairs)


def _har_content(content: dict[str, Any], where: str) -> bytes:
    """The bytes of a HAR `content` or `postData`: `text`, base64-decoded when `encoding` says
    so (HAR 1.2: "base64" is the one encoding defined)."""
    text = content.get("text")
    if text is None:
        return b""
    if not isinstance(text, str):
        raise Malformed(f"{where}.text", f"not a text ({describe(text)})")
    encoding = content.get("encoding")
    if encoding in (None, ""):
        return as_utf8(text, f"{where}.text")
    if not isinstance(encoding, str) or encoding.lower() != "base64":
        raise Malformed(
            f"{where}.encoding",
            f"{describe(encoding)} is no encoding a HAR file has (base64, or none for text)",
        )
    return from_base64(text, f"{where}.text")
