"""The API's regional servers."""

from enum import StrEnum


class Region(StrEnum):
    """The API's regional servers (the spec's `servers`): pass one as `base_url`."""

    EU = "https://api.tryhamsa.com"
    UAE = "https://api.uae.tryhamsa.com"
