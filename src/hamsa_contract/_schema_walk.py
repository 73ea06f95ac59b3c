"""Walking a JSON value alongside its (inlined) JSON Schema: which subschema covers which part."""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]


def branches(schema: Schema) -> list[Schema]:
    """The schema and, recursively, its anyOf / oneOf / allOf alternatives."""
    found = [schema]
    for keyword in ("anyOf", "oneOf", "allOf"):
        for branch in schema.get(keyword, []):
            if isinstance(branch, dict):
                found.extend(branches(branch))
    return found


def declared_properties(schema: Schema) -> dict[str, Schema]:
    """Properties any branch declares, name -> the subschema (the first branch to declare it)."""
    declared: dict[str, Schema] = {}
    for branch in branches(schema):
        for name, subschema in branch.get("properties", {}).items():
            declared.setdefault(name, subschema)
    return declared


def item_schema(schema: Schema) -> Schema:
    """Schema of an array's items ({} when no branch says)."""
    for branch in branches(schema):
        items = branch.get("items")
        if isinstance(items, dict):
            return items
    return {}


def has_format(schema: Schema, name: str) -> bool:
    return any(branch.get("format") == name for branch in branches(schema))
