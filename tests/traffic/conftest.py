"""The watch's tests run once with the sync API and once with the async one (as
tests/hamsa_client)."""

from tests.hamsa_client.conftest import mode

__all__ = ["mode"]
