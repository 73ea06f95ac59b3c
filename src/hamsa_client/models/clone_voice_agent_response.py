from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CloneVoiceAgentResponse")

# The JSON names of the properties; every other key of an object goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "success",
        "message",
        "data",
    }
)


@_attrs_define
class CloneVoiceAgentResponse:
    """Envelope of a successful clone.

    Attributes:
        success (bool): Always `true` on a 200.
            Decision: the reference page renders a schema default of `false`; a real success says
            `true`.
        message (str): Human-readable outcome, e.g. `success`.
        data (VoiceAgent): A voice agent: its identity, its prompts and its call behaviour.
            Decision: only `id`, `agentName`, `createdAt` and `updatedAt` are required; every other
            field is optional (present in practice). Unknown properties are kept.
    """

    success: bool
    message: str
    data: VoiceAgent
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if self.success is not True and self.success is not False:
            raise TypeError(f"success: expected bool, got {type(self.success).__name__}")

        success = self.success

        if not isinstance(self.message, str):
            raise TypeError(f"message: expected str, got {type(self.message).__name__}")

        message = self.message

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
                "message": message,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        success = src_dict["success"]
        if success is not True and success is not False:
            raise TypeError(f"success: expected bool, got {type(success).__name__}")

        message = src_dict["message"]
        if not isinstance(message, str):
            raise TypeError(f"message: expected str, got {type(message).__name__}")

        _data = src_dict["data"]
        if not isinstance(_data, dict):
            raise TypeError(f"data: expected object, got {type(_data).__name__}")
        data = VoiceAgent.from_dict(_data)

        clone_voice_agent_response = cls(
            success,
            message,
            data,
        )

        if not _PROPERTY_NAMES.issuperset(src_dict):
            clone_voice_agent_response.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _PROPERTY_NAMES
            }
        return clone_voice_agent_response

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


# After the class, so that models referring to each other import in any order (see the note at the top).
from ..models.voice_agent import VoiceAgent
