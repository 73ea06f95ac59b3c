"""Whether a request, as sent on the wire, is one the spec allows for the clone operation."""

from __future__ import annotations

import json

import httpx
from jsonschema import Draft202012Validator

from hamsa_contract import _http_terms as http_terms
from hamsa_contract import _spec as spec
from hamsa_contract.send._journal import Exchange


def request_problems(exchange: Exchange, api_key: str) -> list[str]:
    """What is wrong with a sent clone request; empty when the spec allows it.

    Checks the method and path, every declared query parameter (presence, repetition, schema),
    undeclared query parameters, the `Authorization: Token <key>` header, the content type and the
    body against the request schema.
    """
    operation = spec.clone_operation()
    url = httpx.URL(exchange.url)
    headers = httpx.Headers(list(exchange.request_headers))
    problems: list[str] = []
    if exchange.method.lower() != spec.CLONE_METHOD or not url.path.endswith(spec.CLONE_PATH):
        problems.append(f"sent {exchange.method} {url.path}, not POST {spec.CLONE_PATH}")
    declared = {p["name"]: p for p in operation.get("parameters", []) if p["in"] == "query"}
    for name in url.params:
        if name not in declared:
            problems.append(f"query parameter {name!r} is not in the spec")
    for name, parameter in declared.items():
        values = url.params.get_list(name)
        if not values:
            if parameter.get("required"):
                problems.append(f"required query parameter {name!r} is missing")
            continue
        if len(values) > 1:
            problems.append(f"query parameter {name!r} is sent {len(values)} times")
        problems += _schema_problems(values[0], parameter["schema"], f"query parameter {name!r}")
    # The scheme word in any case (RFC 9110 §11.1), the media type in any case (§8.3.1).
    if http_terms.credentials(headers.get(spec.token_auth_header()), "Token") != api_key:
        problems.append("the Authorization header is not `Token <api-key>`")
    content = operation["requestBody"]["content"]
    sent = http_terms.media_type(headers.get("content-type"))
    content_type = next((name for name in content if http_terms.media_type(name) == sent), None)
    if content_type is None:
        problems.append(
            f"content type {headers.get('content-type')!r} is not one of {sorted(content)}"
        )
        return problems
    try:
        body = json.loads(exchange.request_body)
    except ValueError:
        return [*problems, "the body is not JSON"]
    return problems + _schema_problems(body, content[content_type]["schema"], "the body")


def _schema_problems(value: object, schema: dict[str, object], what: str) -> list[str]:
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{what}: {error.message}" for error in validator.iter_errors(value)]
