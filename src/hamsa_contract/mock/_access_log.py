"""One access-log line per HTTP request, as uvicorn writes them, at a fraction of the cost.

uvicorn's own access log goes through `logging` (a record, caller lookup, a formatter, a flush
per line): about as much work as answering the clone itself. `AccessLog` writes the same line,

    INFO:     127.0.0.1:50522 - "POST /v1/voice-agents/clone?voiceAgentId=... HTTP/1.1" 200 OK

straight to a text stream, and flushes once per turn of the event loop rather than per line, so
a burst of requests costs one write while a single request still shows at once.
"""

from __future__ import annotations

import asyncio
from http import HTTPStatus
from typing import TextIO
from urllib.parse import quote

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_PHRASES = {status.value: status.phrase for status in HTTPStatus}


def access_line(scope: Scope, status: int) -> str:
    """uvicorn's access-log line (without colours) for a request answered with `status`."""
    client = scope.get("client")
    client_addr = f"{client[0]}:{client[1]}" if client else ""
    path = quote(scope["path"])
    if scope["query_string"]:
        path = f"{path}?{scope['query_string'].decode('ascii')}"
    request_line = f"{scope['method']} {path} HTTP/{scope['http_version']}"
    return f'INFO:     {client_addr} - "{request_line}" {status} {_PHRASES.get(status, "")}\n'


class AccessLog:
    """ASGI middleware: writes `access_line` to `stream` when a response starts."""

    def __init__(self, app: ASGIApp, stream: TextIO) -> None:
        self._app = app
        self._stream = stream
        self._flush_pending = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return

        async def logged_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                self._write(access_line(scope, message["status"]))
            await send(message)

        await self._app(scope, receive, logged_send)

    def _write(self, line: str) -> None:
        self._stream.write(line)
        if not self._flush_pending:
            self._flush_pending = True
            asyncio.get_running_loop().call_soon(self._flush)

    def _flush(self) -> None:
        self._flush_pending = False
        self._stream.flush()
