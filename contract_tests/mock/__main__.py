"""`python -m contract_tests.mock` (`make mock`): serve the mock on 127.0.0.1 until interrupted.

Environment: `HAMSA_MOCK_PORT` (default 4010), `HAMSA_MOCK_API_KEY` (default `mock-api-key`).
Prints the base URL, the key and the template ids once the port is bound.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from contract_tests.mock.app import DEFAULT_API_KEY, create_app
from contract_tests.mock.server import base_url_of, bind_loopback, make_server
from contract_tests.mock.templates import TEMPLATE_IDS

DEFAULT_PORT = 4010


def _port(environ: Mapping[str, str]) -> int:
    raw = environ.get("HAMSA_MOCK_PORT", str(DEFAULT_PORT))
    if not raw.isdigit() or not 0 <= int(raw) <= 65535:
        raise ValueError(f"HAMSA_MOCK_PORT must be a port number from 0 to 65535, got {raw!r}")
    return int(raw)


def banner(base_url: str, api_key: str) -> str:
    """What the mock prints on start: where it is, its key, its template ids."""
    lines = [
        f"Hamsa mock serving {base_url}",
        f"  clone:       POST {base_url}/v1/voice-agents/clone?voiceAgentId=<id>",
        f"  auth header: Authorization: Token {api_key}",
        f"  spec:        {base_url}/openapi.yaml",
        "  templates:",
        *(f"    {name:<22} {template_id}" for name, template_id in TEMPLATE_IDS.items()),
        "  scenarios:   header Prefer: code=429 | code=500 | delay=250 (ms)",
        "  for the README examples and `make contract-test`, in another shell:",
        f"    export HAMSA_BASE_URL={base_url} HAMSA_API_KEY={api_key} "
        f"HAMSA_VOICE_AGENT_ID={next(iter(TEMPLATE_IDS.values()))}",
    ]
    return "\n".join(lines)


def main(environ: Mapping[str, str] = os.environ) -> int:
    """Serve until interrupted; 2 on bad configuration, 1 when the port cannot be bound."""
    try:
        port = _port(environ)
        api_key = environ.get("HAMSA_MOCK_API_KEY", DEFAULT_API_KEY)
        app = create_app(api_key=api_key)
    except ValueError as exc:
        print(f"hamsa mock: {exc}", file=sys.stderr)
        return 2
    try:
        sock = bind_loopback(port)
    except OSError as exc:
        print(f"hamsa mock: cannot listen on 127.0.0.1:{port}: {exc.strerror}", file=sys.stderr)
        return 1
    print(banner(base_url_of(sock), api_key), flush=True)
    make_server(app, access_log=True).run(sockets=[sock])
    return 0


if __name__ == "__main__":
    sys.exit(main())
