"""The watch's tests run once with the sync API and once with the async one (as tests/client)."""

from tests.client.conftest import mode

__all__ = ["mode"]
