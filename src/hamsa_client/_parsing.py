"""Strict reading of JSON values, for the generated models and endpoints (openapi/templates/).

Stock openapi-python-client passes JSON values through from_dict unchecked: a null in a boolean,
a string in a number, a string where a list belongs all "parse". The generated code checks each
value instead and raises TypeError naming the field (the endpoint turns that into
errors.InvalidResponse). It tests the exact type a JSON decoder gives inline (`type(x) is not str`,
`x is not True`: the cheapest test there is) and calls `checked` only when that test fails, so the
templates stay one line per check and a well-typed answer never pays a function call.

`checked` decides the rest: instances of subclasses pass as isinstance says, and JSON numbers
(int or float) never accept a bool, although bool is an int subclass.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

NoneType = type(None)
"""The type of null, for the kinds a nullable value may have."""


def wrong_type(name: str, expected: str, value: object) -> TypeError:
    """The error for `value` at `name` (a JSON name, or an argument's name) not being `expected`."""
    return TypeError(f"{name}: expected {expected}, got {type(value).__name__}")


def checked(
    value: Any,
    name: str,
    kinds: tuple[type, ...],
    expected: str,
    parse: Callable[[Mapping[str, Any]], Any] | None = None,
) -> Any:
    """`value` if it is an instance of one of `kinds` (a number: not a bool unless `kinds` has
    bool); given `parse` (a model's from_dict), `parse(value)` if it is a JSON object. TypeError
    naming `name` and `expected` otherwise: dict() would silently turn `[]`, or a list of pairs,
    into an object; iterating a string gives its characters, an object its keys."""
    if parse is not None and isinstance(value, dict):
        return parse(value)
    if isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds):
        return value
    raise wrong_type(name, expected, value)
