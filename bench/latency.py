"""An ASGI wrapper that makes every HTTP request wait a fixed time before the app sees it.

Models a remote server (network round trip plus server time) with the mock's behaviour: the
wait is an `await`, so concurrent requests wait side by side, as they would on a real network.
"""

from __future__ import annotations

import anyio
from starlette.types import ASGIApp, Receive, Scope, Send


class Latency:
    """`app`, answering every HTTP request `seconds` late; counts the requests it received."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds
        # HTTP requests received; only the server's event loop thread writes it.
        self.requests = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            self.requests += 1
            await anyio.sleep(self.seconds)
        await self.app(scope, receive, send)
