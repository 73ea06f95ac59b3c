"""Drift detection's walk (src/hamsa_contract/drift/_detect.py) on small hand-made
schemas: where unknown, missing and retyped fields are found, and what is left alone."""

from __future__ import annotations

from typing import Any

import pytest

from hamsa_contract.drift._detect import TypeChange, inspect_answer, json_type

ITEM = {"type": "object", "properties": {"name": {"type": "string"}, "size": {"type": "number"}}}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "data": {
            "type": "object",
            "properties": {
                "id": {"type": "string"},
                "tags": {"type": "array", "items": ITEM},
                "extra": {"type": "object", "additionalProperties": True, "properties": {}},
                "loose": {"type": "object"},
                "open": {
                    "type": "object",
                    "properties": {"a": {"type": "string"}},
                    "additionalProperties": True,
                },
                "either": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                "anything": {"description": "no type"},
            },
        },
        "success": {"type": "boolean"},
    },
}


def test_fields_inside_array_items_are_named_by_their_index() -> None:
    document = {"data": {"id": "a", "tags": [{"name": "x"}, {"name": 5, "colour": "red"}]}}
    report = inspect_answer(document, SCHEMA, complete_under=None)
    assert report.unknown == ("data.tags[1].colour",)
    assert report.type_changes == (TypeChange("data.tags[1].name", ("string",), "integer"),)
    assert report.values == {"data.tags[1].colour": "red", "data.tags[1].name": 5}


def test_objects_the_spec_leaves_open_have_no_drift() -> None:
    document = {
        "data": {
            "extra": {"whatever": 1},
            "loose": {"also": 2},
            "open": {"a": "x", "b": 3},
        }
    }
    report = inspect_answer(document, SCHEMA, complete_under=None)
    assert report.unknown == ()
    assert report.type_changes == ()


def test_missing_fields_only_at_or_below_the_complete_root() -> None:
    document: dict[str, Any] = {"data": {"id": "a", "tags": [{"name": "x"}]}}
    assert inspect_answer(document, SCHEMA, complete_under=None).missing == ()
    missing = inspect_answer(document, SCHEMA, complete_under="data").missing
    assert missing == (
        "data.tags[0].size",  # found on the way down, before its parent's own
        "data.extra",
        "data.loose",
        "data.open",
        "data.either",
        "data.anything",
    )
    assert inspect_answer({"data": {}}, SCHEMA, complete_under="dat").missing == ()
    assert inspect_answer({"data": {}}, SCHEMA, complete_under="").missing == ("success",)


def test_a_root_object_is_complete_under_its_own_name_only() -> None:
    flat = {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}}
    nested = {"type": "object", "properties": {"datum": flat, "data": flat}}
    report = inspect_answer(
        {"datum": {"a": "x"}, "data": {"a": "x"}}, nested, complete_under="data"
    )
    assert report.missing == ("data.b",)


@pytest.mark.parametrize(
    ("value", "declared", "seen"),
    [
        (1, ("string", "null"), "integer"),
        (True, ("string", "null"), "boolean"),
    ],
)
def test_a_value_outside_every_branch_is_a_type_change(
    value: object, declared: tuple[str, ...], seen: str
) -> None:
    report = inspect_answer({"data": {"either": value}}, SCHEMA, complete_under=None)
    assert report.type_changes == (TypeChange("data.either", declared, seen),)


def test_values_every_branch_allows_and_untyped_fields_are_no_change() -> None:
    allowed: list[object] = ["text", None]
    for value in allowed:
        assert inspect_answer({"data": {"either": value}}, SCHEMA, complete_under=None) == (
            inspect_answer({}, SCHEMA, complete_under=None)
        )
    anything: list[object] = [1, "x", None, [1], {"k": 1}]
    for other in anything:
        report = inspect_answer({"data": {"anything": other}}, SCHEMA, complete_under=None)
        assert report.type_changes == ()


def test_a_whole_number_is_a_number_but_a_fraction_is_not_an_integer() -> None:
    assert (
        inspect_answer({"data": {"tags": [{"size": 3}]}}, SCHEMA, complete_under=None).type_changes
        == ()
    )
    integer = {"type": "object", "properties": {"n": {"type": "integer"}}}
    report = inspect_answer({"n": 2.5}, integer, complete_under=None)
    assert report.type_changes == (TypeChange("n", ("integer",), "number"),)


def test_a_type_list_and_repeated_branches_list_each_type_once() -> None:
    schema = {
        "type": "object",
        "properties": {
            "v": {"anyOf": [{"type": ["string", "null"]}, {"type": "string"}]},
        },
    }
    report = inspect_answer({"v": 1}, schema, complete_under=None)
    assert report.type_changes == (TypeChange("v", ("string", "null"), "integer"),)


def test_the_whole_document_is_never_a_type_change() -> None:
    assert inspect_answer([1, 2], SCHEMA, complete_under=None).type_changes == ()


@pytest.mark.parametrize(
    ("value", "name"),
    [
        (None, "null"),
        (True, "boolean"),
        (False, "boolean"),
        (0, "integer"),
        (1.5, "number"),
        ("", "string"),
        ([], "array"),
        ({}, "object"),
    ],
)
def test_json_type_names(value: object, name: str) -> None:
    assert json_type(value) == name


@pytest.mark.parametrize("keyword", ["anyOf", "oneOf", "allOf"])
def test_each_kind_of_alternative_gives_its_types(keyword: str) -> None:
    schema = {
        "type": "object",
        "properties": {"v": {keyword: [{"type": "string"}, {"type": "null"}]}},
    }
    report = inspect_answer({"v": 1}, schema, complete_under=None)
    assert report.type_changes == (TypeChange("v", ("string", "null"), "integer"),)
