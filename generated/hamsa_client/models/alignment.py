from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Alignment")


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
        greeting_message = self.greeting_message

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
        d = dict(src_dict)
        greeting_message = d.pop("greetingMessage", UNSET)
        if not isinstance(greeting_message, (str, Unset)):
            raise TypeError(f"greetingMessage: expected str, got {type(greeting_message).__name__}")

        preamble = d.pop("preamble", UNSET)
        if not isinstance(preamble, (str, Unset)):
            raise TypeError(f"preamble: expected str, got {type(preamble).__name__}")

        alignment = cls(
            greeting_message=greeting_message,
            preamble=preamble,
        )

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional = prop_dict

            additional_properties[prop_name] = additional

        alignment.additional_properties = additional_properties
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
