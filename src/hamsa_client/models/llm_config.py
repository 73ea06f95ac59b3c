from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import _parsing
from ..types import UNSET, Unset

T = TypeVar("T", bound="LlmConfig")

# The JSON names of the properties; every other key of an object goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "provider",
        "modelName",
        "baseUrl",
        "apiKey",
        "temperature",
    }
)


@_attrs_define
class LlmConfig:
    """Language model behind the agent.

    Attributes:
        provider (str | Unset): LLM provider.
        model_name (str | Unset): Provider's model name.
        base_url (None | str | Unset): Base URL of a custom, OpenAI-compatible endpoint; null for the provider's own.
        api_key (None | str | Unset): Key for the custom endpoint; null for the provider's own.
        temperature (float | Unset): Sampling temperature.
    """

    provider: str | Unset = UNSET
    model_name: str | Unset = UNSET
    base_url: None | str | Unset = UNSET
    api_key: None | str | Unset = UNSET
    temperature: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        if type(self.provider) is not str and self.provider is not UNSET:
            _parsing.checked(self.provider, "provider", (str, Unset), "str")

        provider = self.provider

        if type(self.model_name) is not str and self.model_name is not UNSET:
            _parsing.checked(self.model_name, "model_name", (str, Unset), "str")

        model_name = self.model_name

        base_url: None | str | Unset
        if isinstance(self.base_url, Unset):
            base_url = UNSET
        else:
            base_url = self.base_url

        api_key: None | str | Unset
        if isinstance(self.api_key, Unset):
            api_key = UNSET
        else:
            api_key = self.api_key

        if type(self.temperature) is not int and type(self.temperature) is not float and self.temperature is not UNSET:
            _parsing.checked(self.temperature, "temperature", (int, float, Unset), "float")

        temperature = self.temperature

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if provider is not UNSET:
            field_dict["provider"] = provider
        if model_name is not UNSET:
            field_dict["modelName"] = model_name
        if base_url is not UNSET:
            field_dict["baseUrl"] = base_url
        if api_key is not UNSET:
            field_dict["apiKey"] = api_key
        if temperature is not UNSET:
            field_dict["temperature"] = temperature

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        provider = src_dict.get("provider", UNSET)
        if type(provider) is not str and provider is not UNSET:
            _parsing.checked(provider, "provider", (str, Unset), "str")

        model_name = src_dict.get("modelName", UNSET)
        if type(model_name) is not str and model_name is not UNSET:
            _parsing.checked(model_name, "modelName", (str, Unset), "str")

        _base_url = src_dict.get("baseUrl", UNSET)
        base_url: None | str | Unset = _base_url
        if _base_url is not None and type(_base_url) is not str and _base_url is not UNSET:
            base_url = _parsing.checked(_base_url, "baseUrl", (_parsing.NoneType, str, Unset), "None | str")

        _api_key = src_dict.get("apiKey", UNSET)
        api_key: None | str | Unset = _api_key
        if _api_key is not None and type(_api_key) is not str and _api_key is not UNSET:
            api_key = _parsing.checked(_api_key, "apiKey", (_parsing.NoneType, str, Unset), "None | str")

        temperature = src_dict.get("temperature", UNSET)
        if type(temperature) is not int and type(temperature) is not float and temperature is not UNSET:
            _parsing.checked(temperature, "temperature", (int, float, Unset), "float")

        llm_config = cls(
            provider,
            model_name,
            base_url,
            api_key,
            temperature,
        )

        if not _PROPERTY_NAMES.issuperset(src_dict):
            llm_config.additional_properties = {
                key: value for key, value in src_dict.items() if key not in _PROPERTY_NAMES
            }
        return llm_config

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
