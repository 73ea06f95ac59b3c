"""What a documented answer must look like, asserted with messages that say what is wrong."""

from __future__ import annotations

from typing import Any

import httpx
from jsonschema import Draft202012Validator

from contract_tests import spec


def error_answer(response: httpx.Response, status: int) -> dict[str, Any]:
    """Assert `response` is `status` with the error envelope; return the envelope."""
    document = _documented_json(response, status)
    assert document.get("success") is False, (
        f"an error answer must say success: false, got {document!r}"
    )
    return document


def clone_answer(response: httpx.Response) -> dict[str, Any]:
    """Assert `response` is a successful clone (200, envelope, a valid agent); return `data`."""
    document = _documented_json(response, 200)
    data: dict[str, Any] = document["data"]
    return data


def _documented_json(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, (
        f"expected {status}, got {response.status_code}: {response.text[:300]!r}"
    )
    content_type = response.headers.get("content-type", "")
    assert content_type.split(";")[0].strip() == "application/json", (
        f"expected an application/json answer, got content type {content_type!r}"
    )
    try:
        document = response.json()
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
