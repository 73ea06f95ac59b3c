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
from typing import Any, ClassVar

from .types import Unset

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


class CarriesErrorMessage:
    """Base of the models whose spec names the properties that carry an error's message
    (`x-hamsa-message-from`, ErrorResponse's `message` then `error`: CONTRACT.md decision 5)."""

    # (Python attribute, JSON name) of each property that may carry the message, in reading order.
    _MESSAGE_FROM: ClassVar[tuple[tuple[str, str], ...]] = ()

    @property
    def error_message(self) -> str:
        """The error's message: the first of the properties named by the spec's
        `x-hamsa-message-from` that the answer carries (ErrorResponse: `message`, else `error`)."""
        for attribute, _ in self._MESSAGE_FROM:
            text = getattr(self, attribute)
            if isinstance(text, str):
                return text
        return ""


def require_message(model: CarriesErrorMessage) -> None:
    """TypeError unless `model` (just read from an answer) carries at least one of its message
    properties."""
    if all(isinstance(getattr(model, attribute), Unset) for attribute, _ in model._MESSAGE_FROM):
        names = ", ".join(name for _, name in model._MESSAGE_FROM)
        raise TypeError(f"carries no error message: none of {names}")
