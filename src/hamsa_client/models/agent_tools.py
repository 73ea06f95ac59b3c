from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import _parsing
from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentTools")

# The JSON names of the properties; every other key of an object goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "genderDetection",
        "smartCallEnd",
    }
)


@_attrs_define
class AgentTools:
    """Built-in tools switched on for the agent. Older API versions put other tool objects here;
    unknown keys are kept.

        Attributes:
            gender_detection (bool | Unset): Whether the agent detects the caller's gender to address them correctly.
            smart_call_end (bool | Unset): Whether the agent may end the call by itself when the conversation is over.
    """

    gender_detection: bool | Unset = UNSET
    smart_call_end: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if (
            self.gender_detection is not True
            and self.gender_detection is not False
            and self.gender_detection is not UNSET
        ):
            _parsing.checked(self.gender_detection, "gender_detection", (bool, Unset), "bool")

        gender_detection = self.gender_detection

        if self.smart_call_end is not True and self.smart_call_end is not False and self.smart_call_end is not UNSET:
            _parsing.checked(self.smart_call_end, "smart_call_end", (bool, Unset), "bool")

        smart_call_end = self.smart_call_end

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if gender_detection is not UNSET:
            field_dict["genderDetection"] = gender_detection
        if smart_call_end is not UNSET:
            field_dict["smartCallEnd"] = smart_call_end

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        gender_detection = src_dict.get("genderDetection", UNSET)
        if gender_detection is not True and gender_detection is not False and gender_detection is not UNSET:
            _parsing.checked(gender_detection, "genderDetection", (bool, Unset), "bool")

        smart_call_end = src_dict.get("smartCallEnd", UNSET)
        if smart_call_end is not True and smart_call_end is not False and smart_call_end is not UNSET:
            _parsing.checked(smart_call_end, "smartCallEnd", (bool, Unset), "bool")

        agent_tools = cls(
            gender_detection,
            smart_call_end,
        )

        if not _PROPERTY_NAMES.issuperset(src_dict):
            agent_tools.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _PROPERTY_NAMES
            }
        return agent_tools

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
