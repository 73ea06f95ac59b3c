"""`make adopt-drift` on a copy of the spec: each shape of undocumented field lands where it
belongs, in the spec's own form; nothing declared changes; a second run changes nothing."""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
from pathlib import Path

from openapi_spec_validator import validate

from hamsa_contract._redaction import MASK
from hamsa_contract._spec import ENV_SPEC
from hamsa_contract.send._settings import child_run_environment
from tests.conftest import REPO_ROOT
from tests.support.drift import (
    API_KEY,
    adopt_into_copy,
    answer,
    drift_document,
    example,
    schemas,
    spec_copy,
)
from tools.drift_adoption import adopt_file
from tools.drift_field_schema import OBSERVED_KEY

DESCRIPTION_200 = "Observed in live 200 answers on 2026-11-27; not documented by the vendor."


def test_a_scalar_becomes_an_optional_documented_field_with_an_example(tmp_path: Path) -> None:
    body = answer(200)
    body["data"]["voiceStyle"] = "calm"

    adoption, document, _ = adopt_into_copy(tmp_path, (200, body))

    agent = schemas(document)["VoiceAgent"]
    assert agent["properties"]["voiceStyle"] == {
        "type": "string",
        "description": DESCRIPTION_200,
        OBSERVED_KEY: "2026-11-27",
        "examples": ["calm"],
    }
    assert "voiceStyle" not in agent["required"]
    assert example(document, 200)["data"]["voiceStyle"] == "calm"
    assert [(added.schema, added.name) for added in adoption.added] == [
        ("VoiceAgent", "voiceStyle")
    ]


def test_nullable_only_when_null_was_seen_and_numbers_stay_numbers(tmp_path: Path) -> None:
    first, second = answer(200), answer(200)
    first["data"].update(escalationNote=None, ringSeconds=3, priority=2)
    second["data"].update(escalationNote="call back", ringSeconds=4, priority=2.5)

    adoption, document, _ = adopt_into_copy(tmp_path, (200, first), (200, second))

    properties = schemas(document)["VoiceAgent"]["properties"]
    assert properties["escalationNote"]["type"] == ["string", "null"]
    assert properties["escalationNote"]["examples"] == ["call back"]
    # Whole numbers only, yet `number`: CONTRACT.md never narrows a JSON number to integer.
    assert properties["ringSeconds"]["type"] == "number"
    assert properties["priority"]["type"] == "number"
    assert len(adoption.added) == 3


def test_a_field_only_ever_null_is_held_back(tmp_path: Path) -> None:
    body = answer(200)
    body["data"]["archivedAt"] = None

    adoption, document, _ = adopt_into_copy(tmp_path, (200, body))

    assert "archivedAt" not in schemas(document)["VoiceAgent"]["properties"]
    assert adoption.held_back == ["data.archivedAt: only null was seen, so its type is unknown"]


def test_a_nested_object_becomes_a_named_schema(tmp_path: Path) -> None:
    body = answer(200)
    body["data"]["escalation"] = {"afterSeconds": 30, "target": "human", "note": None}

    adoption, document, _ = adopt_into_copy(tmp_path, (200, body))

    field = schemas(document)["VoiceAgent"]["properties"]["escalation"]
    assert field["$ref"] == "#/components/schemas/Escalation"
    assert field["description"] == DESCRIPTION_200
    escalation = schemas(document)["Escalation"]
    assert escalation["type"] == "object"
    assert "required" not in escalation
    assert escalation["properties"]["afterSeconds"]["type"] == "number"
    assert escalation["properties"]["target"]["examples"] == ["human"]
    assert "note" not in escalation["properties"]  # only null seen: no type to give it
    assert adoption.held_back == ["Escalation.note: only null was seen, so its type is unknown"]
    assert escalation["examples"] == [{"afterSeconds": 30, "target": "human", "note": None}]
    assert adoption.added[0].new_schemas == ("Escalation",)


def test_a_nullable_object_refers_to_its_schema_or_null(tmp_path: Path) -> None:
    first, second = answer(200), answer(200)
    first["data"]["handoff"] = None
    second["data"]["handoff"] = {"queue": "tier-2"}

    _, document, _ = adopt_into_copy(tmp_path, (200, first), (200, second))

    assert schemas(document)["VoiceAgent"]["properties"]["handoff"]["anyOf"] == [
        {"$ref": "#/components/schemas/Handoff"},
        {"type": "null"},
    ]


def test_an_array_of_objects_gets_a_named_item_schema(tmp_path: Path) -> None:
    body = answer(200)
    body["data"]["transfers"] = [
        {"number": "+97140000000", "label": "Sales"},
        {"number": "+97140000001", "label": None},
    ]

    _, document, _ = adopt_into_copy(tmp_path, (200, body))

    field = schemas(document)["VoiceAgent"]["properties"]["transfers"]
    assert field["type"] == "array"
    assert field["items"] == {"$ref": "#/components/schemas/TransfersItem"}
    item = schemas(document)["TransfersItem"]["properties"]
    assert item["number"]["type"] == "string"
    assert item["label"]["type"] == ["string", "null"]
    assert example(document, 200)["data"]["transfers"] == body["data"]["transfers"]


def test_a_new_field_inside_an_existing_nested_object_goes_to_that_schema(tmp_path: Path) -> None:
    body = answer(200)
    body["data"]["llmConfig"]["region"] = "eu"
    body["data"]["tools"]["transferCall"] = True

    _, document, _ = adopt_into_copy(tmp_path, (200, body))

    assert schemas(document)["LlmConfig"]["properties"]["region"]["type"] == "string"
    assert schemas(document)["AgentTools"]["properties"]["transferCall"]["type"] == "boolean"
    assert "region" not in schemas(document)["VoiceAgent"]["properties"]
    data = example(document, 200)["data"]
    assert (data["llmConfig"]["region"], data["tools"]["transferCall"]) == ("eu", True)


def test_a_new_field_in_the_error_envelope_goes_to_error_response(tmp_path: Path) -> None:
    not_found, invalid = answer(404), answer(400)
    not_found["traceId"] = "trace-1"
    invalid["traceId"] = "trace-2"

    adoption, document, _ = adopt_into_copy(tmp_path, (404, not_found), (400, invalid))

    trace_id = schemas(document)["ErrorResponse"]["properties"]["traceId"]
    assert trace_id["type"] == "string"
    assert trace_id["description"].startswith("Observed in live 400, 404 answers on 2026-11-27")
    assert "traceId" not in schemas(document)["CloneVoiceAgentResponse"]["properties"]
    assert example(document, 404)["traceId"] == "trace-1"
    assert "traceId" not in example(document, 401)
    assert [added.statuses for added in adoption.added] == [(400, 404)]


def test_a_value_carrying_the_api_key_is_masked_and_never_reaches_the_spec(
    tmp_path: Path,
) -> None:
    body = answer(200)
    body["data"]["debugAuthorization"] = f"Token {API_KEY}"
    body["data"]["debug"] = {"node": "eu-1", "headers": {"authorization": f"Token {API_KEY}"}}

    report = drift_document((200, body))
    adoption, document, spec_path = adopt_into_copy(tmp_path, (200, body))

    text = json.dumps(report)
    assert API_KEY not in text
    entries = {entry["path"]: entry for entry in report["unknown_fields"]}
    assert entries["data.debugAuthorization"]["values"] == [f"Token {MASK}"]
    assert entries["data.debug"]["carries_api_key"] is True
    assert not adoption.changed
    assert {"debug", "debugAuthorization"}.isdisjoint(schemas(document)["VoiceAgent"]["properties"])
    spec_text = spec_path.read_text(encoding="utf-8")
    assert API_KEY not in spec_text
    assert MASK not in spec_text
    assert all("carried the API key" in reason for reason in adoption.held_back)


def test_declared_fields_are_never_changed_only_reported(tmp_path: Path) -> None:
    body = answer(200)
    del body["data"]["greetingMessage"]
    body["data"]["silenceThreshold"] = "800"
    spec_path = spec_copy(tmp_path)
    original = spec_path.read_bytes()
    report_path = tmp_path / "drift.json"
    report_path.write_text(json.dumps(drift_document((200, body))), encoding="utf-8")

    adoption = adopt_file(spec_path, report_path)

    assert spec_path.read_bytes() == original
    assert adoption.for_a_person == [
        "declared field absent: data.greetingMessage (in 200 answers, seen 1 times). Renamed or "
        "dropped by the vendor? The spec still declares it.",
        'type change: data.silenceThreshold is declared number, seen string (e.g. "800"; in 200 '
        "answers, seen 1 times). Decide whether the spec or the server is wrong.",
    ]


def test_adoption_only_adds_lines_and_a_second_run_changes_nothing(tmp_path: Path) -> None:
    body = answer(200)
    body["data"]["voiceStyle"] = "calm"
    body["data"]["escalation"] = {"afterSeconds": 30}
    spec_path = spec_copy(tmp_path)
    original = spec_path.read_text(encoding="utf-8")
    report_path = tmp_path / "drift.json"
    report_path.write_text(json.dumps(drift_document((200, body))), encoding="utf-8")

    first = adopt_file(spec_path, report_path)
    adopted = spec_path.read_text(encoding="utf-8")
    second = adopt_file(spec_path, report_path)

    assert first.changed
    diff = difflib.ndiff(original.splitlines(), adopted.splitlines())
    removed = [line for line in diff if line.startswith("- ")]
    assert removed == [], "adoption changed existing lines (comments, quoting or layout)"
    assert not second.changed
    assert second.already_declared == ["VoiceAgent.escalation", "VoiceAgent.voiceStyle"]
    assert spec_path.read_text(encoding="utf-8") == adopted


def test_every_shape_at_once_keeps_the_spec_valid_by_its_own_tests(tmp_path: Path) -> None:
    """The spec's own tests (valid OpenAPI, examples valid, decisions kept) pass on the adopted
    copy, with nullable and number fields that CONTRACT.md's decisions do not list."""
    first, second, not_found = answer(200), answer(200), answer(404)
    first["requestId"] = "req-1"
    first["data"].update(
        voiceStyle="calm",
        escalationNote=None,
        ringSeconds=3,
        escalation={"afterSeconds": 30, "target": "human"},
        transfers=[{"number": "+97140000000", "label": None}],
    )
    second["data"].update(escalationNote="call back", ringSeconds=4)
    first["data"]["llmConfig"]["region"] = "eu"
    first["data"]["tools"]["transferCall"] = True
    not_found["traceId"] = "trace-1"

    adoption, document, spec_path = adopt_into_copy(
        tmp_path, (200, first), (200, second), (404, not_found)
    )

    assert len(adoption.added) == 9
    validate(document)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_spec.py"],
        cwd=REPO_ROOT,
        env=child_run_environment(tmp_path / "reports", {ENV_SPEC: str(spec_path)}),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
