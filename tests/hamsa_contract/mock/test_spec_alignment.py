"""The mock takes its rules from the spec file, so the two cannot drift apart silently."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from hamsa_contract import _spec as suite_spec
from hamsa_contract.mock import TEMPLATE_IDS, create_app
from hamsa_contract.mock import _request_rules as spec
from hamsa_contract.mock import _responses as responses
from tests.hamsa_contract.mock.support import assert_error, client_for, post_clone

SALES = TEMPLATE_IDS["english_sales"]
EditSpec = Callable[[Callable[[dict[str, Any]], None]], None]


def test_message_keys_match_the_spec_examples() -> None:
    keys = {
        400: responses.VALIDATION_ERROR,
        401: responses.UNAUTHORIZED,
        404: responses.VOICE_AGENT_NOT_FOUND,
        415: responses.UNSUPPORTED_MEDIA_TYPE,
        429: responses.RATE_LIMITED,
        500: responses.INTERNAL_ERROR,
    }
    assert set(keys) == spec.documented_error_statuses()
    for status, key in keys.items():
        assert spec.response_example(status)["messageKey"] == key


@pytest.fixture
def edit_spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[EditSpec]:
    """Point the mock at an edited copy of the spec; the real one is read again afterwards."""

    def edit(change: Callable[[dict[str, Any]], None]) -> None:
        document = copy.deepcopy(spec.document())
        change(document)
        edited = tmp_path / "edited.yaml"
        edited.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
        monkeypatch.setattr(suite_spec, "SPEC_PATH", edited)
        spec.clear_caches()

    yield edit
    monkeypatch.undo()
    spec.clear_caches()


def _operation(document: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = document["paths"][spec.CLONE_PATH]["post"]
    return operation


def test_a_tighter_request_schema_in_the_spec_is_enforced(edit_spec: EditSpec) -> None:
    def limit_names(document: dict[str, Any]) -> None:
        request = document["components"]["schemas"]["CloneVoiceAgentRequest"]
        request["properties"]["agentName"]["maxLength"] = 5

    with client_for(create_app()) as http:
        assert post_clone(http, SALES, "Longer than five").status_code == 200
    edit_spec(limit_names)
    with client_for(create_app()) as http:
        message = assert_error(post_clone(http, SALES, "Longer than five"), 400, "VALIDATION_ERROR")
        assert "maxLength" in message
        assert post_clone(http, SALES, "Short").status_code == 200


def test_a_pattern_on_voice_agent_id_in_the_spec_is_enforced(edit_spec: EditSpec) -> None:
    def uuids_only(document: dict[str, Any]) -> None:
        _operation(document)["parameters"][0]["schema"]["pattern"] = "^[0-9a-f-]{36}$"

    edit_spec(uuids_only)
    with client_for(create_app()) as http:
        assert_error(post_clone(http, "not-a-uuid", "N"), 400, "VALIDATION_ERROR")
        assert post_clone(http, SALES, "N").status_code == 200


def test_scenario_codes_follow_the_documented_statuses(edit_spec: EditSpec) -> None:
    def drop_429(document: dict[str, Any]) -> None:
        del _operation(document)["responses"]["429"]

    edit_spec(drop_429)
    with client_for(create_app()) as http:
        response = post_clone(http, SALES, "N", headers={"Prefer": "code=429"})
        assert "use one of 400, 401, 404, 415, 500" in assert_error(
            response, 400, "INVALID_SCENARIO"
        )


def test_the_app_serves_the_spec_file_itself() -> None:
    with client_for(create_app(), headers={}) as http:
        response = http.get("/openapi.yaml")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/yaml")
    assert response.text == spec.SPEC_PATH.read_text(encoding="utf-8")
