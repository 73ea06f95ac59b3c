"""The drift log of a run: what drift.json says about unknown, absent and retyped fields."""

from __future__ import annotations

from datetime import date

from hamsa_contract import _spec as spec
from hamsa_contract._redaction import Redactor
from hamsa_contract.drift._detect import DriftReport, TypeChange, inspect_answer
from hamsa_contract.drift._log import MAX_VALUES, DriftLog
from tests.support.drift import answer, drift_document


def test_an_unknown_field_lists_where_it_was_its_values_and_an_inferred_schema() -> None:
    answers = []
    for number in range(MAX_VALUES + 2):
        body = answer(200)
        body["data"]["handoff"] = None if number == 0 else {"queue": f"tier-{number}", "seats": 2}
        answers.append((200, body))

    (entry,) = drift_document(*answers, (200, answers[1][1]))["unknown_fields"]

    assert entry["path"] == "data.handoff"
    assert entry["statuses"] == [200]
    assert entry["times_seen"] == MAX_VALUES + 3
    # A few distinct values (a repeat adds none); the schema covers every value seen.
    assert entry["values"][:2] == [None, {"queue": "tier-1", "seats": 2}]
    assert len(entry["values"]) == MAX_VALUES
    assert entry["schema"] == {
        "anyOf": [
            {"type": "null"},
            {
                "type": "object",
                "properties": {"queue": {"type": "string"}, "seats": {"type": "integer"}},
                "required": ["queue", "seats"],
            },
        ]
    }
    assert entry["carries_api_key"] is False


def test_one_entry_per_field_whatever_the_array_index_and_status() -> None:
    log = DriftLog()
    report = DriftReport(
        unknown=("data.items[0].x", "data.items[3].x"),
        missing=(),
        values={"data.items[0].x": 1, "data.items[3].x": "one"},
    )
    log.record(200, report)
    log.record(201, report)

    document = log.document(Redactor([]), observed_on=date(2026, 1, 2), target="t")

    (entry,) = document["unknown_fields"]
    assert (entry["path"], entry["statuses"]) == ("data.items[].x", [200, 201])
    assert entry["schema"] == {"type": ["integer", "string"]}
    assert document["observed_on"] == "2026-01-02"


def test_absent_declared_fields_and_type_changes_are_listed_apart() -> None:
    body = answer(200)
    del body["data"]["greetingMessage"]
    body["data"]["realTime"] = None
    body["data"]["silenceThreshold"] = "800"

    document = drift_document((200, body))

    assert document["unknown_fields"] == []
    assert document["declared_fields_absent"] == [
        {"path": "data.greetingMessage", "statuses": [200], "times_seen": 1}
    ]
    assert [
        (entry["path"], entry["declared"], entry["seen"], entry["values"])
        for entry in document["type_changes"]
    ] == [
        ("data.realTime", ["boolean"], ["null"], [None]),
        ("data.silenceThreshold", ["number"], ["string"], ["800"]),
    ]


def test_inspect_answer_tells_a_type_change_from_a_whole_number() -> None:
    body = answer(200)
    body["data"]["responseDelay"] = 1  # a whole number is a JSON number
    body["data"]["tools"] = ["genderDetection"]

    report = inspect_answer(body, spec.response_schema(200), complete_under="data")

    assert report.type_changes == (TypeChange("data.tools", ("object",), "array"),)
    assert report.values == {"data.tools": ["genderDetection"]}
