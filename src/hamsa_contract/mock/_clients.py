"""Ready `AuthenticatedClient`s wired to a mock, in-process or over loopback HTTP."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Final

from hamsa_client import AuthenticatedClient
from hamsa_contract.mock._app import DEFAULT_API_KEY, MockApp, create_app
from hamsa_contract.mock._asgi_transport import InProcessTransport
from hamsa_contract.mock._server import serve_in_thread
from hamsa_contract.mock._templates import TEMPLATE_IDS

# `.test` is reserved (RFC 2606): this name never resolves, so nothing can leave the process.
IN_PROCESS_BASE_URL: Final = "http://hamsa-mock.test"


@dataclass(frozen=True)
class MockHamsa:
    """A running mock and a client for it.

    `client` works with both the sync and the async functions of `hamsa_client`;
    `template_ids` maps readable names to the fixed template ids (see `TEMPLATE_IDS`);
    `app` is the mock itself (its `store` shows what was cloned).
    """

    # Out of the repr: the generated client's own repr shows its token.
    client: AuthenticatedClient = field(repr=False)
    app: MockApp = field(repr=False)
    base_url: str
    api_key: str = field(repr=False)
    template_ids: Mapping[str, str] = field(default_factory=lambda: TEMPLATE_IDS)


def authenticated_client(
    base_url: str, api_key: str, transport: InProcessTransport | None = None
) -> AuthenticatedClient:
    """An `AuthenticatedClient` sending `Authorization: Token <api_key>` to `base_url`."""
    httpx_args = {} if transport is None else {"transport": transport}
    return AuthenticatedClient(
        base_url=base_url, token=api_key, prefix="Token", httpx_args=httpx_args
    )


@contextmanager
def in_process(
    app: MockApp | None = None, *, api_key: str = DEFAULT_API_KEY
) -> Iterator[MockHamsa]:
    """A client calling the mock in this process (no socket); a fresh mock unless `app` is given."""
    app = create_app(api_key=api_key) if app is None else app
    transport = InProcessTransport(app)
    client = authenticated_client(IN_PROCESS_BASE_URL, api_key, transport)
    try:
        yield MockHamsa(client=client, app=app, base_url=IN_PROCESS_BASE_URL, api_key=api_key)
    finally:
        client.get_httpx_client().close()


@contextmanager
def over_http(app: MockApp | None = None, *, api_key: str = DEFAULT_API_KEY) -> Iterator[MockHamsa]:
    """A client calling the mock over HTTP on a free 127.0.0.1 port; a fresh mock unless `app`."""
    app = create_app(api_key=api_key) if app is None else app
    with serve_in_thread(app) as base_url:
        client = authenticated_client(base_url, api_key)
        try:
            yield MockHamsa(client=client, app=app, base_url=base_url, api_key=api_key)
        finally:
            client.get_httpx_client().close()
