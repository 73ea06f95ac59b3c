"""An httpx transport that serves both `httpx.Client` and `httpx.AsyncClient` from an ASGI app.

httpx's own `ASGITransport` is async-only, and costs more than the mock itself per call (it looks
for trio on every request, and builds an event per request). `InProcessTransport` speaks the
same ASGI to the app with the least work: the request body in one message, the answer collected
in a list. Async requests run on the caller's event loop. A sync request the app says it answers
without waiting on anything (`answers_at_once(scope)`: the mock's clone operation without a
`Prefer` scenario) runs its coroutine to the end in one step, with no event loop at all. Other
sync requests run on an event loop of the calling thread, kept for the transport's life; a
thread that is already running a loop (sync code called from async code) hands them to an anyio
blocking portal instead (a loop in a helper thread, started on first use). So one transport can
go in `httpx_args` of the generated `AuthenticatedClient`, whose sync and async functions share
those arguments.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine, MutableMapping
from contextlib import ExitStack
from typing import Any, Final

import anyio
import httpx
from anyio.from_thread import BlockingPortal, start_blocking_portal

# Where the app sees requests come from, as httpx's ASGITransport tells it.
CLIENT: Final = ("127.0.0.1", 123)
Answer = tuple[int, list[tuple[bytes, bytes]], bytes]


class InProcessTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Send requests straight to the ASGI `app`, no network; works for sync and async clients."""

    def __init__(self, app: Any) -> None:
        self._app = app
        self._lock = threading.Lock()
        self._portal_stack: ExitStack | None = None
        self._portal: BlockingPortal | None = None
        self._loops = threading.local()
        self._all_loops: list[asyncio.AbstractEventLoop] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        status, headers, content = await self._call(request, await request.aread())
        return httpx.Response(status, headers=headers, content=content, request=request)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        scope = _scope(request)
        answers_at_once = getattr(self._app, "answers_at_once", None)
        if answers_at_once is not None and answers_at_once(scope):
            answer = _in_one_step(self._call(request, body, scope))
        elif asyncio._get_running_loop() is None:
            answer = self._thread_loop().run_until_complete(self._call(request, body, scope))
        else:
            answer = self._get_portal().call(self._call, request, body, scope)
        status, headers, content = answer
        return httpx.Response(status, headers=headers, content=content, request=request)

    async def _call(
        self, request: httpx.Request, body: bytes, scope: dict[str, Any] | None = None
    ) -> Answer:
        """One ASGI exchange, as httpx's ASGITransport makes it (an app's exception propagates)."""
        scope = _scope(request) if scope is None else scope
        exchange = _Exchange(body, keep_body=request.method != "HEAD")
        await self._app(scope, exchange.receive, exchange.send)
        if exchange.status is None or not exchange.complete:
            raise RuntimeError("the app returned without a complete answer")
        return exchange.status, exchange.headers, b"".join(exchange.parts)

    def _thread_loop(self) -> asyncio.AbstractEventLoop:
        loop: asyncio.AbstractEventLoop | None = getattr(self._loops, "loop", None)
        if loop is None or loop.is_closed():
            loop = self._loops.loop = asyncio.new_event_loop()
            with self._lock:
                self._all_loops.append(loop)
        return loop

    def _get_portal(self) -> BlockingPortal:
        with self._lock:
            if self._portal is None:
                self._portal_stack = ExitStack()
                self._portal = self._portal_stack.enter_context(start_blocking_portal())
            return self._portal

    def close(self) -> None:
        """Close the event loops sync requests used, and the portal's thread if one started."""
        with self._lock:
            stack, self._portal_stack, self._portal = self._portal_stack, None, None
            loops, self._all_loops = self._all_loops, []
        for loop in loops:
            if not loop.is_running():
                loop.close()
        if stack is not None:
            stack.close()

    async def aclose(self) -> None:
        """Nothing to release for async requests: they ran on the caller's loop."""


def _scope(request: httpx.Request) -> dict[str, Any]:
    url = request.url
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": request.method,
        "headers": [(name.lower(), value) for name, value in request.headers.raw],
        "scheme": url.scheme,
        "path": url.path,
        "raw_path": url.raw_path.split(b"?")[0],
        "query_string": url.query,
        "server": (url.host, url.port),
        "client": CLIENT,
        "root_path": "",
    }


def _in_one_step(call: Coroutine[Any, Any, Answer]) -> Answer:
    """The result of a coroutine that never suspends, run without an event loop."""
    try:
        call.send(None)
    except StopIteration as finished:
        answer: Answer = finished.value
        return answer
    call.close()
    raise RuntimeError(
        "the app waited on something while answering a request it said it answers at once"
    )


class _Exchange:
    """The ASGI `receive` and `send` of one request: the body in one message, the answer kept."""

    __slots__ = (
        "_body",
        "_done",
        "_keep_body",
        "_sent_body",
        "complete",
        "headers",
        "parts",
        "status",
    )

    def __init__(self, body: bytes, *, keep_body: bool) -> None:
        self._body = body
        self._keep_body = keep_body
        self._sent_body = False
        self._done: anyio.Event | None = None
        self.status: int | None = None
        self.headers: list[tuple[bytes, bytes]] = []
        self.parts: list[bytes] = []
        self.complete = False

    async def receive(self) -> dict[str, Any]:
        if not self._sent_body:
            self._sent_body = True
            return {"type": "http.request", "body": self._body, "more_body": False}
        if not self.complete:
            # An app listening for the client to leave (a streamed answer): it leaves once the
            # answer is complete. Made only then: an event costs more than the rest of a call.
            self._done = self._done or anyio.Event()
            await self._done.wait()
        return {"type": "http.disconnect"}

    async def send(self, message: MutableMapping[str, Any]) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.headers = list(message.get("headers", []))
        elif message["type"] == "http.response.body":
            body = message.get("body", b"")
            if body and self._keep_body:
                self.parts.append(body)
            if not message.get("more_body", False):
                self.complete = True
                if self._done is not None:
                    self._done.set()
