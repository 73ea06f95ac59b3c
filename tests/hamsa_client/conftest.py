"""Every client test runs once with the sync API and once with the async one."""

from __future__ import annotations

import pytest

from tests.support.client import MODES, Mode


@pytest.fixture(params=MODES)
def mode(request: pytest.FixtureRequest) -> Mode:
    value: Mode = request.param
    return value
