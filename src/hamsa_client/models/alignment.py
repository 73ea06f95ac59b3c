from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import _parsing
from ..types import UNSET, Unset

T = TypeVar("T", bound="Alignment")

# The JSON names of the properties; every other key of an object goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "greetingMessage",
        "preamble",
    }
)


@_attrs_define
class Alignment:
    """Text direction of the agent's prompts.

    Attributes:
        greeting_message (str | Unset): Direction of `greetingMessage`.
        preamble (str | Unset): Direction of `preamble`.
    """

    greeting_message: str | Unset = UNSET
    preamble: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if type(self.greeting_message) is not str and self.greeting_message is not UNSET:
            _parsing.checked(self.greeting_message, "greeting_message", (str, Unset), "str")

        greeting_message = self.greeting_message

        if type(self.preamble) is not str and self.preamble is not UNSET:
            _parsing.checked(self.preamble, "preamble", (str, Unset), "str")

        preamble = self.preamble

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if greeting_message is not UNSET:
            field_dict["greetingMessage"] = greeting_message
        if preamble is not UNSET:
            field_dict["preamble"] = preamble

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        greeting_message = src_dict.get("greetingMessage", UNSET)
        if type(greeting_message) is not str and greeting_message is not UNSET:
            _parsing.checked(greeting_message, "greetingMessage", (str, Unset), "str")

        preamble = src_dict.get("preamble", UNSET)
        if type(preamble) is not str and preamble is not UNSET:
            _parsing.checked(preamble, "preamble", (str, Unset), "str")

        alignment = cls(
            greeting_message,
            preamble,
        )

        if not _PROPERTY_NAMES.issuperset(src_dict):
            alignment.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _PROPERTY_NAMES
            }
        return alignment

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
