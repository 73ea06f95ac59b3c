from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import _parsing
from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookAuth")

# The JSON names of the properties; every other key of an object goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "authKey",
        "authSecret",
    }
)


@_attrs_define
class WebhookAuth:
    """Credentials the platform sends to the webhook as `Authorization: <authKey> <authSecret>`.

    Attributes:
        auth_key (str | Unset): Scheme word sent before the secret.
        auth_secret (str | Unset): Secret sent to the webhook.
    """

    auth_key: str | Unset = UNSET
    auth_secret: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if type(self.auth_key) is not str and self.auth_key is not UNSET:
            _parsing.checked(self.auth_key, "auth_key", (str, Unset), "str")

        auth_key = self.auth_key

        if type(self.auth_secret) is not str and self.auth_secret is not UNSET:
            _parsing.checked(self.auth_secret, "auth_secret", (str, Unset), "str")

        auth_secret = self.auth_secret

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if auth_key is not UNSET:
            field_dict["authKey"] = auth_key
        if auth_secret is not UNSET:
            field_dict["authSecret"] = auth_secret

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        auth_key = src_dict.get("authKey", UNSET)
        if type(auth_key) is not str and auth_key is not UNSET:
            _parsing.checked(auth_key, "authKey", (str, Unset), "str")

        auth_secret = src_dict.get("authSecret", UNSET)
        if type(auth_secret) is not str and auth_secret is not UNSET:
            _parsing.checked(auth_secret, "authSecret", (str, Unset), "str")

        webhook_auth = cls(
            auth_key,
            auth_secret,
        )

        if not _PROPERTY_NAMES.issuperset(src_dict):
            webhook_auth.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _PROPERTY_NAMES
            }
        return webhook_auth

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
