from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ErrorResponse")

# The JSON names of the properties; every other key of an object goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "success",
        "message",
        "messageKey",
    }
)


@_attrs_define
class ErrorResponse:
    """Envelope shared by every error status. Both official SDKs read `message` and `messageKey`.
    Decision: the vendor does not document its errors; this envelope is the project's call.

        Attributes:
            success (bool): Always `false` on an error.
            message (str): Human-readable description of what went wrong.
            message_key (str | Unset): Machine-readable error code, stable across languages.
    """

    success: bool
    message: str
    message_key: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if self.success is not True and self.success is not False:
            raise TypeError(f"success: expected bool, got {type(self.success).__name__}")

        success = self.success

        if not isinstance(self.message, str):
            raise TypeError(f"message: expected str, got {type(self.message).__name__}")

        message = self.message

        if type(self.message_key) is not str and not isinstance(self.message_key, (str, Unset)):
            raise TypeError(f"message_key: expected str, got {type(self.message_key).__name__}")

        message_key = self.message_key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
                "message": message,
            }
        )
        if message_key is not UNSET:
            field_dict["messageKey"] = message_key

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        success = src_dict["success"]
        if success is not True and success is not False:
            raise TypeError(f"success: expected bool, got {type(success).__name__}")

        message = src_dict["message"]
        if not isinstance(message, str):
            raise TypeError(f"message: expected str, got {type(message).__name__}")

        message_key = src_dict.get("messageKey", UNSET)
        if type(message_key) is not str and not isinstance(message_key, (str, Unset)):
            raise TypeError(f"messageKey: expected str, got {type(message_key).__name__}")

        error_response = cls(
            success,
            message,
            message_key,
        )

        if not _PROPERTY_NAMES.issuperset(src_dict):
            error_response.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _PROPERTY_NAMES
            }
        return error_response

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
