"""Embedded mock of Hamsa's voice-agent clone API, keeping the contract of CONTRACT.md exactly.

- `create_app()`: a fresh ASGI app (Starlette) with its own store, seeded with the templates.
- `TEMPLATE_IDS` and the `*_TEMPLATE_ID` constants: fixed ids of the seeded templates.
- `serve_in_thread(app)`: serve an app over HTTP on a free 127.0.0.1 port, yielding its base URL.
- `InProcessTransport(app)`: an httpx transport for sync and async clients, no network.
- `in_process()` / `over_http()`: a `MockHamsa` (client, app, template ids) ready to use.
- `python -m hamsa_contract.mock` (`make mock`): serve on 127.0.0.1:$HAMSA_MOCK_PORT (4010).
- `hamsa_contract.pytest_plugin` (a pytest11 entry point): the `hamsa_mock` and
  `hamsa_mock_server` fixtures.
- Request header `Prefer: code=429` / `code=500` / `delay=250`: see `scenarios`
  (`PREFER_HEADER`, the longest delay `MAX_DELAY_MS`).
- `MockApp` (what `create_app()` returns; `.store` is its `AgentStore`), `DEFAULT_API_KEY` (the key
  it accepts unless told otherwise), `DEFAULT_MAX_CLONES` and `DEFAULT_MAX_CLONE_BYTES` (its
  store's bounds), `IN_PROCESS_BASE_URL` (the base URL of in-process clients).
"""

from hamsa_contract.mock._app import DEFAULT_API_KEY, MockApp, create_app
from hamsa_contract.mock._asgi_transport import InProcessTransport
from hamsa_contract.mock._clients import IN_PROCESS_BASE_URL, MockHamsa, in_process, over_http
from hamsa_contract.mock._scenarios import MAX_DELAY_MS, PREFER_HEADER
from hamsa_contract.mock._server import serve_in_thread
from hamsa_contract.mock._store import DEFAULT_MAX_CLONE_BYTES, DEFAULT_MAX_CLONES, AgentStore
from hamsa_contract.mock._templates import (
    ARABIC_SUPPORT_TEMPLATE_ID,
    ENGLISH_BOOKING_FLOW_TEMPLATE_ID,
    ENGLISH_SALES_TEMPLATE_ID,
    TEMPLATE_IDS,
)

__all__ = [
    "ARABIC_SUPPORT_TEMPLATE_ID",
    "DEFAULT_API_KEY",
    "DEFAULT_MAX_CLONES",
    "DEFAULT_MAX_CLONE_BYTES",
    "ENGLISH_BOOKING_FLOW_TEMPLATE_ID",
    "ENGLISH_SALES_TEMPLATE_ID",
    "IN_PROCESS_BASE_URL",
    "MAX_DELAY_MS",
    "PREFER_HEADER",
    "TEMPLATE_IDS",
    "AgentStore",
    "InProcessTransport",
    "MockApp",
    "MockHamsa",
    "create_app",
    "in_process",
    "over_http",
    "serve_in_thread",
]
