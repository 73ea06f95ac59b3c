from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AgentTools")


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
        gender_detection = self.gender_detection

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
        d = dict(src_dict)
        gender_detection = d.pop("genderDetection", UNSET)
        if not isinstance(gender_detection, (bool, Unset)):
            raise TypeError(f"genderDetection: expected bool, got {type(gender_detection).__name__}")

        smart_call_end = d.pop("smartCallEnd", UNSET)
        if not isinstance(smart_call_end, (bool, Unset)):
            raise TypeError(f"smartCallEnd: expected bool, got {type(smart_call_end).__name__}")

        agent_tools = cls(
            gender_detection=gender_detection,
            smart_call_end=smart_call_end,
        )

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional = prop_dict

            additional_properties[prop_name] = additional

        agent_tools.additional_properties = additional_properties
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
