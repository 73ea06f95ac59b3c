"""Drift between the spec and what a server answers, told apart by how it affects clients.

- Additive: a field the spec does not declare. The tolerant reader keeps it; it is a warning,
  so the spec can catch up, never a failure.
- Missing (covers renamed): a field the spec declares for a voice agent is absent. Only four are
  required by the schema, but the spec documents the rest as present in practice, and a client
  reading one gets nothing: a failure. Retyped and newly-null fields break the schema itself, so
  schemathesis' `response_schema_conformance` fails those; they are also listed here (as type
  changes) so the drift report can show them to a person.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from hamsa_client._rules import absent, expected_complete, json_type
from hamsa_contract._schema_walk import Schema, branches, declared_properties, item_schema

__all__ = ["DriftReport", "TypeChange", "inspect_answer", "json_type"]


@dataclass(frozen=True)
class TypeChange:
    """A declared field whose value has a JSON type its schema does not allow."""

    path: str
    declared: tuple[str, ...]  # JSON types the spec allows, e.g. ("number",)
    seen: str  # JSON type of the value, e.g. "string"


@dataclass(frozen=True)
class DriftReport:
    """Dotted paths (e.g. `data.llmConfig.region`) of unknown and of missing fields, the type
    changes, and the value found at each unknown or retyped path."""

    unknown: tuple[str, ...]
    missing: tuple[str, ...]
    type_changes: tuple[TypeChange, ...] = ()
    values: Mapping[str, Any] = field(default_factory=dict)


def inspect_answer(document: Any, schema: Schema, *, complete_under: str | None) -> DriftReport:
    """Drift in an answer: unknown fields and type changes anywhere; missing fields at or below
    `complete_under`.

    `complete_under` is a dotted path (e.g. `data`) whose objects must carry every declared field;
    None checks no object for completeness.
    """
    walk = _Walk(complete_under)
    walk.visit(document, schema, "")
    return DriftReport(
        unknown=tuple(walk.unknown),
        missing=tuple(walk.missing),
        type_changes=tuple(walk.type_changes),
        values=walk.values,
    )


class _Walk:
    def __init__(self, complete_under: str | None) -> None:
        self.complete_under = complete_under
        self.unknown: list[str] = []
        self.missing: list[str] = []
        self.type_changes: list[TypeChange] = []
        self.values: dict[str, Any] = {}

    def visit(self, value: Any, schema: Schema, path: str) -> None:
        declared_types = _declared_types(schema)
        if path and declared_types and not _allows(declared_types, value):
            self.type_changes.append(TypeChange(path, declared_types, json_type(value)))
            self.values[path] = value
            return
        if isinstance(value, list):
            items = item_schema(schema)
            for index, item in enumerate(value):
                self.visit(item, items, f"{path}[{index}]")
            return
        if not isinstance(value, dict):
            return
        declared = declared_properties(schema)
        # An object the spec leaves free-form (no declared fields) has no drift by definition.
        if not declared or _is_free_form(schema):
            return
        for key, item in value.items():
            child = f"{path}.{key}" if path else key
            if key in declared:
                self.visit(item, declared[key], child)
            else:
                self.unknown.append(child)
                self.values[child] = item
        # The contract watch's `complete` rule (hamsa_client._rules); here every declared field is
        # expected, required ones too (their absence also breaks the schema).
        if expected_complete(path, self.complete_under):
            self.missing.extend(f"{path}.{key}" if path else key for key in absent(value, declared))


def _declared_types(schema: Schema) -> tuple[str, ...]:
    """The JSON types any branch allows; empty when some branch leaves the type open."""
    found: list[str] = []
    for branch in branches(schema):
        if any(keyword in branch for keyword in ("anyOf", "oneOf", "allOf")):
            continue  # its alternatives are branches of their own
        type_ = branch.get("type")
        if type_ is None:
            return ()
        for name in [type_] if isinstance(type_, str) else type_:
            if name not in found:
                found.append(name)
    return tuple(found)


def _allows(declared: tuple[str, ...], value: Any) -> bool:
    seen = json_type(value)
    return seen in declared or (seen == "integer" and "number" in declared)


def _is_free_form(schema: Schema) -> bool:
    return any(branch.get("additionalProperties") is True for branch in branches(schema))
