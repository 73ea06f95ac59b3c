"""An httpx transport that serves both `httpx.Client` and `httpx.AsyncClient` from an ASGI app.

httpx's own `ASGITransport` is async-only. `InProcessTransport` hands async requests to it
directly, and runs sync requests through it on an anyio blocking portal (an event loop in a helper
thread, started on first use), so one transport can go in `httpx_args` of the generated
`AuthenticatedClient`, whose sync and async functions share those arguments.
"""

from __future__ import annotations

import threading
from contextlib import ExitStack
from typing import Any

import httpx
from anyio.from_thread import BlockingPortal, start_blocking_portal


class InProcessTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Send requests straight to the ASGI `app`, no network; works for sync and async clients."""

    def __init__(self, app: Any) -> None:
        self._asgi = httpx.ASGITransport(app=app)
        self._lock = threading.Lock()
        self._portal_stack: ExitStack | None = None
        self._portal: BlockingPortal | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._asgi.handle_async_request(request)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        # Rebuilt from bytes: a sync request's stream may not support async iteration.
        replay = httpx.Request(
            request.method, request.url, headers=request.headers, content=request.read()
        )
        status, headers, content = self._get_portal().call(self._send, replay)
        return httpx.Response(status, headers=headers, content=content, request=request)

    async def _send(self, request: httpx.Request) -> tuple[int, httpx.Headers, bytes]:
        response = await self._asgi.handle_async_request(request)
        content = await response.aread()
        return response.status_code, response.headers, content

    def _get_portal(self) -> BlockingPortal:
        with self._lock:
            if self._portal is None:
                self._portal_stack = ExitStack()
                self._portal = self._portal_stack.enter_context(start_blocking_portal())
            return self._portal

    def close(self) -> None:
        """Stop the helper thread, if sync requests started one."""
        with self._lock:
            stack, self._portal_stack, self._portal = self._portal_stack, None, None
        if stack is not None:
            stack.close()

    async def aclose(self) -> None:
        await self._asgi.aclose()
