"""What a documented answer must look like, asserted with messages that say what is wrong."""

from __future__ import annotations

import json
from typing import Any

import httpx
from jsonschema import Draft202012Validator

from hamsa_contract import _http_terms as http_terms
from hamsa_contract import _spec as spec
from hamsa_contract.send._journal import excerpt


def error_answer(response: httpx.Response, status: int, *also: int) -> dict[str, Any]:
    """Assert `response` is `status` (or one of `also`) with the error envelope (CONTRACT.md
    decision 5); return the envelope."""
    allowed = (status, *also)
    assert response.status_code in allowed, (
        f"expected {' or '.join(map(str, allowed))}, got {response.status_code}: "
        f"{excerpt(response.content, 300)}"
    )
    document = documented_json(
        response.status_code, response.headers, response.content, response.status_code
    )
    assert document.get("success") is False, (
        f"an error answer must say success: false, got {document!r}"
    )
    return document


def clone_answer(response: httpx.Response) -> dict[str, Any]:
    """Assert `response` is a successful clone (200, envelope, a valid agent); return `data`."""
    return clone_data(response.status_code, response.headers, response.content)


def clone_data(status_code: int, headers: httpx.Headers, content: bytes) -> dict[str, Any]:
    """Assert an answer is a successful clone (200, envelope, a valid agent); return `data`."""
    document = documented_json(status_code, headers, content, 200)
    data: dict[str, Any] = document["data"]
    return data


def agent_of(status_code: int, content: bytes) -> dict[str, Any]:
    """The agent a clone answer reports (`data`), asserting only what reading it needs: a 200
    whose body is a JSON object with a `data` object. Whether the rest keeps the schema is the
    judge's to say, so a rule about one field is not failed by a break in another."""
    assert status_code == 200, f"expected 200, got {status_code}: {excerpt(content, 300)}"
    try:
        document = json.loads(content)
    except ValueError as exc:
        raise AssertionError(f"the answer is not JSON: {exc}") from None
    data = document.get("data") if isinstance(document, dict) else None
    assert isinstance(data, dict), f"the answer has no agent under data: {excerpt(content, 300)}"
    return data


def documented_json(
    status_code: int, headers: httpx.Headers, content: bytes, status: int
) -> dict[str, Any]:
    """Assert the answer has `status`, is JSON (its media type compared as RFC 9110 §8.3.1 says:
    any case, any parameters), and is valid against that status' schema."""
    assert status_code == status, f"expected {status}, got {status_code}: {excerpt(content, 300)}"
    content_type = headers.get("content-type", "")
    assert http_terms.is_json(content_type), (
        f"expected an application/json answer, got content type {content_type!r}"
    )
    try:
        document = json.loads(content)
    except ValueError as exc:
        raise AssertionError(f"the answer is not JSON: {exc}") from None
    validator = Draft202012Validator(
        spec.response_schema(status), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    problems = [
        f"{'/'.join(str(part) for part in error.absolute_path) or '(root)'}: {error.message}"
        for error in validator.iter_errors(document)
    ]
    assert not problems, f"the {status} answer breaks its schema: " + "; ".join(problems[:5])
    assert isinstance(document, dict)
    return document
