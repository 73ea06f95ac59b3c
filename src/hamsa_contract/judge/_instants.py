"""Comparing JSON documents where `date-time` strings count as the instants they name.

`2026-11-25T09:30:12.345Z` and `2026-11-25T09:30:12.345000+00:00` are the same instant; the
generated models re-encode date-times with Python's `isoformat`, so a round trip changes the
spelling but must not change the instant.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from hamsa_contract._schema_walk import Schema, declared_properties, has_format, item_schema


def as_instants(value: Any, schema: Schema) -> Any:
    """A copy of `value` with each string the schema marks `format: date-time` parsed to a datetime.

    A string that does not parse is kept as it is, so it can only equal the same string.
    """
    if isinstance(value, dict):
        declared = declared_properties(schema)
        return {key: as_instants(item, declared.get(key, {})) for key, item in value.items()}
    if isinstance(value, list):
        items = item_schema(schema)
        return [as_instants(item, items) for item in value]
    if isinstance(value, str) and has_format(schema, "date-time"):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return value
    return value


def same_document(received: Any, encoded: Any, schema: Schema) -> bool:
    """Whether two JSON values are equal, comparing date-times as instants."""
    return bool(as_instants(received, schema) == as_instants(encoded, schema))
