"""`hamsa-mock` (`python -m hamsa_contract.mock`, `make mock`): serve the mock until interrupted.

Options (each also an environment variable; a flag wins): `--host` (HAMSA_MOCK_HOST, default
127.0.0.1), `--port` (HAMSA_MOCK_PORT, default 4010), `--api-key` (HAMSA_MOCK_API_KEY, default
`mock-api-key`: the mock's own key, not a secret). Prints the base URL, the key and the template
ids once the port is bound; Ctrl-C stops it with one line. A bad flag or value is one line and
exit status 4; a port that cannot be bound, 1.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from typing import Final

from hamsa_contract._command_line import CANNOT_START, one_line_parser
from hamsa_contract.mock._app import DEFAULT_API_KEY, create_app
from hamsa_contract.mock._server import LOOPBACK, base_url_of, bind_loopback, make_server
from hamsa_contract.mock._templates import TEMPLATE_IDS

DEFAULT_PORT: Final = 4010
# Conventional status of a program stopped by Ctrl-C (128 + SIGINT).
INTERRUPTED: Final = 130
ENV_HOST: Final = "HAMSA_MOCK_HOST"
ENV_PORT: Final = "HAMSA_MOCK_PORT"
ENV_API_KEY: Final = "HAMSA_MOCK_API_KEY"


def _port(raw: str, source: str) -> int:
    if not raw.isdigit() or not 0 <= int(raw) <= 65535:
        raise ValueError(f"{source} must be a port number from 0 to 65535, got {raw!r}")
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
        "  Ctrl-C stops it",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] = (), environ: Mapping[str, str] = os.environ) -> int:
    """Serve until interrupted; 4 on a bad flag or value, 1 when the port cannot be bound."""
    parser = one_line_parser(
        "hamsa-mock",
        "Serve the Hamsa clone mock (POST /v1/voice-agents/clone, as openapi/ describes it) "
        "until Ctrl-C. Each option is also an environment variable; a flag wins.",
        "exit status: 0 stopped, 1 the port cannot be bound, 4 a bad option or value, "
        "130 stopped by Ctrl-C",
    )
    parser.add_argument(
        "--host", help=f"address to listen on (default {LOOPBACK}, this machine only) [{ENV_HOST}]"
    )
    parser.add_argument(
        "--port",
        help=f"port to listen on, 0 for any free one (default {DEFAULT_PORT}) [{ENV_PORT}]",
    )
    parser.add_argument(
        "--api-key",
        help=f"the key the mock accepts as `Token <key>` (default {DEFAULT_API_KEY}; a test "
        f"key, not a secret) [{ENV_API_KEY}]",
    )
    try:
        options = parser.parse_args(list(argv))
    except SystemExit as exit_:
        return int(exit_.code or 0)
    host = options.host or environ.get(ENV_HOST, "").strip() or LOOPBACK
    try:
        if options.port is not None:
            port = _port(options.port, "--port")
        else:
            port = _port(environ.get(ENV_PORT, str(DEFAULT_PORT)), ENV_PORT)
        api_key = options.api_key or environ.get(ENV_API_KEY, DEFAULT_API_KEY)
        app = create_app(api_key=api_key)
    except ValueError as exc:
        print(f"hamsa-mock: error: {exc}", file=sys.stderr)
        return CANNOT_START
    try:
        sock = bind_loopback(port, host=host)
    except OSError as exc:
        print(f"hamsa-mock: cannot listen on {host}:{port}: {exc.strerror}", file=sys.stderr)
        return 1
    print(banner(base_url_of(sock), api_key), flush=True)
    try:
        make_server(app, access_log=True).run(sockets=[sock])
    except KeyboardInterrupt:
        print("hamsa-mock: stopped", file=sys.stderr)
        return INTERRUPTED
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
