"""VCR cassettes (schemathesis' `reports/*.yaml`, vcrpy's): each `http_interactions` item a
recorded request and its answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

import httpx

from hamsa_contract._input_files import describe, load_yaml
from hamsa_contract.run._recorded._fields import (
    Exchange,
    Malformed,
    NotThisFormat,
    Recording,
    as_header,
    as_instant,
    as_method,
    as_object,
    as_status,
    as_url,
    from_base64,
    judgeable,
    without_wire_headers,
)

VCR: Final = "VCR cassette"


class VcrReader:
    """Reads a VCR cassette: a YAML (or JSON) document with an `http_interactions` list."""

    kind: Final = VCR
    suffixes: Final = (".yaml", ".yml")

    def read(self, path: Path, text: str, *, claimed: bool) -> Recording:
        try:
            document = load_yaml(text)
        except ValueError as exc:
            raise NotThisFormat(str(exc)) from None
        if not isinstance(document, dict) or not isinstance(
            document.get("http_interactions"), list
        ):
            raise NotThisFormat("it holds no `http_interactions` list")
        return Recording(path, VCR, exchanges=_vcr_exchanges(document))


def _vcr_exchanges(cassette: dict[str, Any]) -> list[Exchange]:
    return [
        _vcr_exchange(interaction, f"http_interactions[{index}]")
        for index, interaction in enumerate(cassette["http_interactions"])
    ]


def _vcr_exchange(interaction: Any, where: str) -> Exchange:
    interaction = as_object(interaction, where)
    recorded = as_object(interaction.get("request"), f"{where}.request")
    request = httpx.Request(
        as_method(recorded.get("method"), f"{where}.request.method"),
        as_url(recorded.get("uri"), f"{where}.request.uri"),
        headers=_vcr_headers(recorded.get("headers"), f"{where}.request.headers"),
        content=_vcr_body(recorded.get("body"), f"{where}.request.body"),
    )
    recorded_at = as_instant(interaction.get("recorded_at"))
    answer = interaction.get("response")
    if answer is None:
        why = f"{request.method} {request.url.path} was recorded without an answer"
        return Exchange(request, None, recorded_at, why)
    answer = as_object(answer, f"{where}.response")
    if "truncated_from" in answer:
        why = f"{request.method} {request.url.path}: the cassette kept only part of the body"
        return Exchange(request, None, recorded_at, why)
    status = as_object(answer.get("status"), f"{where}.response.status")
    response = httpx.Response(
        as_status(status.get("code"), f"{where}.response.status.code"),
        headers=_vcr_headers(answer.get("headers"), f"{where}.response.headers"),
        content=_vcr_body(answer.get("body"), f"{where}.response.body"),
        request=request,
    )
    return judgeable(request, response, recorded_at)


def _vcr_headers(headers: Any, where: str) -> list[tuple[bytes, bytes]]:
    """A cassette's headers: each name with its value, or the list of its values."""
    if headers is None:
        return []
    if not isinstance(headers, dict):
        raise Malformed(where, f"not a mapping of headers ({describe(headers)})")
    pairs = []
    for name, values in headers.items():
        at = f"{where}.{name}" if isinstance(name, str) and name.isprintable() else where
        for value in values if isinstance(values, list) else [values]:
            pairs.append(as_header(name, value, at))
    return without_wire_headers(pairs)


def _vcr_body(body: Any, where: str) -> bytes:
    """A cassette's body: `base64_string`, or `string` written in `encoding` (a Python codec,
    UTF-8 when absent)."""
    if body is None:
        return b""
    body = as_object(body, where)
    if "base64_string" in body:
        encoded = body["base64_string"]
        if not isinstance(encoded, str):
            raise Malformed(f"{where}.base64_string", f"not a text ({describe(encoded)})")
        return from_base64(encoded, f"{where}.base64_string")
    string = body.get("string", "")
    if not isinstance(string, str):
        raise Malformed(f"{where}.string", f"not a text ({describe(string)})")
    encoding = body.get("encoding") or "utf-8"
    if not isinstance(encoding, str):
        raise Malformed(f"{where}.encoding", f"not the name of an encoding ({describe(encoding)})")
    try:
        return string.encode(encoding)
    except LookupError:
        raise Malformed(
            f"{where}.encoding", f"{describe(encoding)} is no text encoding Python knows"
        ) from None
    except UnicodeError:
        raise Malformed(f"{where}.string", f"cannot be written in {encoding}") from None
