from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import _parsing

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
            _parsing.checked(self.success, "success", (bool,), "bool")

        success = self.success

        if type(self.message) is not str:
            _parsing.checked(self.message, "message", (str,), "str")

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
            _parsing.checked(success, "success", (bool,), "bool")

        message = src_dict["message"]
        if type(message) is not str:
            _parsing.checked(message, "message", (str,), "str")

        _data = src_dict["data"]
        data: VoiceAgent = (
            VoiceAgent.from_dict(_data)
            if type(_data) is dict
            else _parsing.checked(_data, "data", (), "object", VoiceAgent.from_dict)
        )

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
