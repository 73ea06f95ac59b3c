"""Drift between the spec and what a server answers, told apart by how it affects clients.

- Additive: a field the spec does not declare. The tolerant reader keeps it; it is a warning,
  so the spec can catch up, never a failure.
- Missing (covers renamed): a field the spec declares for a voice agent is absent. Only four are
  required by the schema, but the spec documents the rest as present in practice, and a client
  reading one gets nothing: a failure. Retyped and newly-null fields break the schema itself, so
  schemathesis' `response_schema_conformance` fails those.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from contract_tests.schema_walk import Schema, branches, declared_properties, item_schema


@dataclass(frozen=True)
class DriftReport:
    """Dotted paths (e.g. `data.llmConfig.region`) of unknown and of missing fields."""

    unknown: tuple[str, ...]
    missing: tuple[str, ...]


def inspect_answer(document: Any, schema: Schema, *, complete_under: str | None) -> DriftReport:
    """Drift in an answer: unknown fields anywhere; missing fields at or below `complete_under`.

    `complete_under` is a dotted path (e.g. `data`) whose objects must carry every declared field;
    None checks no object for completeness.
    """
    unknown: list[str] = []
    missing: list[str] = []
    _walk(document, schema, "", complete_under, unknown, missing)
    return DriftReport(unknown=tuple(unknown), missing=tuple(missing))


def _walk(
    value: Any,
    schema: Schema,
    path: str,
    complete_under: str | None,
    unknown: list[str],
    missing: list[str],
) -> None:
    if isinstance(value, list):
        items = item_schema(schema)
        for index, item in enumerate(value):
            _walk(item, items, f"{path}[{index}]", complete_under, unknown, missing)
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
            _walk(item, declared[key], child, complete_under, unknown, missing)
        else:
            unknown.append(child)
    if complete_under is not None and _within(path, complete_under):
        missing.extend(f"{path}.{key}" if path else key for key in declared if key not in value)


def _is_free_form(schema: Schema) -> bool:
    return any(branch.get("additionalProperties") is True for branch in branches(schema))


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(f"{root}.")
