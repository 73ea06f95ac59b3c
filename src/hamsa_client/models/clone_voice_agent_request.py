from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import _parsing
from ..types import UNSET, Unset

T = TypeVar("T", bound="CloneVoiceAgentRequest")

# The JSON names of the properties; every other key of an object goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "agentName",
    }
)


@_attrs_define
class CloneVoiceAgentRequest:
    """Body of a clone request. Evidence: the vendor's page does not mark `agentName` required.
    Decision: unknown properties are allowed (servers ignore them). Without `agentName`, or
    with an empty one, a server may refuse (400) or clone under a name of its own choosing
    (CONTRACT.md decision 4).

        Attributes:
            agent_name (str | Unset): Name of the new agent. The clone carries exactly this name.
                Evidence: the vendor documents at most 150 characters for an agent's name.
                Decision: a name of at most 150 characters (code points and UTF-16 code units alike)
                comes back exactly; a longer one comes back exactly or gets 400, never cut
                (CONTRACT.md decision 12).
    """

    agent_name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if type(self.agent_name) is not str and self.agent_name is not UNSET:
            _parsing.checked(self.agent_name, "agent_name", (str, Unset), "str")

        agent_name = self.agent_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if agent_name is not UNSET:
            field_dict["agentName"] = agent_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        agent_name = src_dict.get("agentName", UNSET)
        if type(agent_name) is not str and agent_name is not UNSET:
            _parsing.checked(agent_name, "agentName", (str, Unset), "str")

        clone_voice_agent_request = cls(
            agent_name,
        )

        if not _PROPERTY_NAMES.issuperset(src_dict):
            clone_voice_agent_request.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _PROPERTY_NAMES
            }
        return clone_voice_agent_request

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
