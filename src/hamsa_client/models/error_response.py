from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import _parsing
from ..types import UNSET, Unset

T = TypeVar("T", bound="ErrorResponse")

# The JSON names of the properties; every other key of an object goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "success",
        "message",
        "messageKey",
        "error",
    }
)


@_attrs_define
class ErrorResponse(_parsing.CarriesErrorMessage):
    """Envelope shared by every error status: `message` or `error` (a string), or both.
    Evidence: the JavaScript SDK reads `message` and `messageKey`; the Flutter SDK reads
    `message`, else `error`.
    Decision: the vendor does not document its errors; this envelope is the project's call
    (CONTRACT.md decision 5).

        Attributes:
            success (bool): Always `false` on an error.
            message (str | Unset): Human-readable description of what went wrong.
            message_key (str | Unset): Machine-readable error code, stable across languages.
            error (str | Unset): What went wrong, in answers that carry no `message`.
    """

    _MESSAGE_FROM = (
        ("message", "message"),
        ("error", "error"),
    )

    success: bool
    message: str | Unset = UNSET
    message_key: str | Unset = UNSET
    error: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if self.success is not True and self.success is not False:
            _parsing.checked(self.success, "success", (bool,), "bool")

        success = self.success

        if type(self.message) is not str and self.message is not UNSET:
            _parsing.checked(self.message, "message", (str, Unset), "str")

        message = self.message

        if type(self.message_key) is not str and self.message_key is not UNSET:
            _parsing.checked(self.message_key, "message_key", (str, Unset), "str")

        message_key = self.message_key

        if type(self.error) is not str and self.error is not UNSET:
            _parsing.checked(self.error, "error", (str, Unset), "str")

        error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
            }
        )
        if message is not UNSET:
            field_dict["message"] = message
        if message_key is not UNSET:
            field_dict["messageKey"] = message_key
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        success = src_dict["success"]
        if success is not True and success is not False:
            _parsing.checked(success, "success", (bool,), "bool")

        message = src_dict.get("message", UNSET)
        if type(message) is not str and message is not UNSET:
            _parsing.checked(message, "message", (str, Unset), "str")

        message_key = src_dict.get("messageKey", UNSET)
        if type(message_key) is not str and message_key is not UNSET:
            _parsing.checked(message_key, "messageKey", (str, Unset), "str")

        error = src_dict.get("error", UNSET)
        if type(error) is not str and error is not UNSET:
            _parsing.checked(error, "error", (str, Unset), "str")

        error_response = cls(
            success,
            message,
            message_key,
            error,
        )

        if not _PROPERTY_NAMES.issuperset(src_dict):
            error_response.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _PROPERTY_NAMES
            }
        _parsing.require_message(error_response)
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
