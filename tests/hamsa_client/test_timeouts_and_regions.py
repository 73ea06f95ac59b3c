"""A client has a finite timeout unless told otherwise, and targets the spec's servers by region."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

import hamsa_client
from hamsa_client import AuthenticatedClient, Client, Region
from hamsa_client.client import DEFAULT_TIMEOUT
from tests.support.client import Mode, answers, clone, make_client

NOT_FOUND = {"success": False, "message": "Voice agent not found"}


def sent(mode: Mode, **options: Any) -> httpx.Request:
    """The request a clone call sends with client `options`."""
    seen: list[httpx.Request] = []
    clone(mode, make_client(answers(httpx.Response(404, json=NOT_FOUND), seen=seen), **options))
    return seen[0]


def test_the_default_timeout_is_finite_for_every_phase(mode: Mode) -> None:
    timeouts = sent(mode).extensions["timeout"]

    assert timeouts == DEFAULT_TIMEOUT.as_dict()
    assert all(isinstance(seconds, float) and seconds > 0 for seconds in timeouts.values())


@pytest.mark.parametrize(
    ("timeout", "expected"),
    [
        pytest.param(httpx.Timeout(2.0, read=9.0), (2.0, 9.0, 2.0, 2.0), id="per-client"),
    ],
)
def test_the_timeout_is_set_per_client(
    mode: Mode, timeout: httpx.Timeout | None, expected: tuple[float | None, ...]
) -> None:
    timeouts = sent(mode, timeout=timeout).extensions["timeout"]

    assert tuple(timeouts[phase] for phase in ("connect", "read", "write", "pool")) == expected


def test_without_a_timeout_the_deadline_still_bounds_every_phase(mode: Mode) -> None:
    timeouts: dict[str, float | None] = {}

    def handler(request: httpx.Request) -> httpx.Response:
        timeouts.update(request.extensions["timeout"])  # as the request is sent
        return httpx.Response(404, json=NOT_FOUND)

    clone(mode, make_client(handler, timeout=None, deadline=7.0))

    assert timeouts
    assert all(seconds is not None and 0 < seconds <= 7.0 for seconds in timeouts.values())


def test_with_timeout_changes_it_on_a_copy() -> None:
    client = AuthenticatedClient(token="k")

    changed = client.with_timeout(httpx.Timeout(1.0))

    assert changed.get_httpx_client().timeout == httpx.Timeout(1.0)
    assert client.get_httpx_client().timeout == DEFAULT_TIMEOUT


def test_regions_are_the_spec_servers_and_the_first_is_the_default(spec: dict[str, Any]) -> None:
    servers = [server["url"] for server in spec["servers"]]

    assert [region.value for region in Region] == servers
    assert servers[0] == Region.EU.value
    assert Region.UAE.value == "https://api.uae.tryhamsa.com"


@pytest.mark.parametrize(
    ("options", "host"),
    [
        pytest.param({}, "api.tryhamsa.com", id="default"),
        pytest.param({"base_url": Region.EU}, "api.tryhamsa.com", id="eu"),
        pytest.param({"base_url": Region.UAE}, "api.uae.tryhamsa.com", id="uae"),
        pytest.param({"base_url": "http://127.0.0.1:4010"}, "127.0.0.1", id="any-url"),
    ],
)
def test_a_region_picks_the_server(mode: Mode, options: dict[str, str], host: str) -> None:
    request = sent(mode, **options)

    assert request.url.host == host
    assert request.url.path == "/v1/voice-agents/clone"


def test_the_package_exports_what_a_production_setup_needs() -> None:
    assert {"AuthenticatedClient", "Client", "Region", "RetryPolicy"} <= set(hamsa_client.__all__)
    assert Client().get_httpx_client().base_url == httpx.URL(Region.EU.value)
