"""Embedded mock of Hamsa's voice-agent clone API, keeping the contract of CONTRACT.md exactly.

- `create_app()`: a fresh ASGI app (Starlette) with its own store, seeded with the templates.
- `TEMPLATE_IDS` and the `*_TEMPLATE_ID` constants: fixed ids of the seeded templates.
- `serve_in_thread(app)`: serve an app over HTTP on a free 127.0.0.1 port, yielding its base URL.
- `InProcessTransport(app)`: an httpx transport for sync and async clients, no network.
- `in_process()` / `over_http()`: a `MockHamsa` (client, app, template ids) ready to use.
- `python -m contract_tests.mock` (`make mock`): serve on 127.0.0.1:$HAMSA_MOCK_PORT (4010).
- `contract_tests.pytest_plugin` (a pytest11 entry point): the `hamsa_mock` and
  `hamsa_mock_server` fixtures.
- Request header `Prefer: code=429` / `code=500` / `delay=250`: see `scenarios`.
"""

from contract_tests.mock.app import DEFAULT_API_KEY, MockApp, create_app
from contract_tests.mock.clients import IN_PROCESS_BASE_URL, MockHamsa, in_process, over_http
from contract_tests.mock.scenarios import MAX_DELAY_MS, PREFER_HEADER
from contract_tests.mock.server import serve_in_thread
from contract_tests.mock.store import DEFAULT_MAX_CLONES, AgentStore
from contract_tests.mock.templates import (
    ARABIC_SUPPORT_TEMPLATE_ID,
    ENGLISH_BOOKING_FLOW_TEMPLATE_ID,
    ENGLISH_SALES_TEMPLATE_ID,
    TEMPLATE_IDS,
)
from contract_tests.mock.transport import InProcessTransport

__all__ = [
    "ARABIC_SUPPORT_TEMPLATE_ID",
    "DEFAULT_API_KEY",
    "DEFAULT_MAX_CLONES",
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
