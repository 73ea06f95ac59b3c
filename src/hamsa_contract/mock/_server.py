"""Serving the mock over real HTTP with uvicorn, always on the loopback interface."""

from __future__ import annotations

import asyncio
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Final

import orjson
import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from hamsa_contract.mock import _responses as responses
from hamsa_contract.mock._access_log import AccessLog

LOOPBACK: Final = "127.0.0.1"
# A connection must deliver each whole request (head and body) within this many seconds of its
# opening or of the request's first byte, or it is closed: half-open and dripping connections
# cannot pile up until the process runs out of descriptors.
REQUEST_READ_TIMEOUT_SECONDS: Final = 10.0
# A connection idle after an answer is closed after this many seconds (uvicorn's own setting).
KEEP_ALIVE_TIMEOUT_SECONDS: Final = 5
# A request line and headers larger than this get 431 and the connection is closed: httptools
# sets no limit of its own, and buffers a header whole, however long.
MAX_REQUEST_HEAD_BYTES: Final = 64 * 1024
_START_TIMEOUT_SECONDS = 10.0
_STOP_TIMEOUT_SECONDS = 10.0


class _RequestDeadlineProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, with a deadline on reading each request.

    uvicorn closes a connection left idle after an answer (`timeout_keep_alive`), but it has no
    timeout for one that opens and sends nothing, or half a request: each stays open for good.
    Here the deadline starts when the connection opens, or when a later request's first byte
    arrives, and ends when the request is complete; the time the app takes to answer is not
    counted (a `Prefer: delay` is not cut short). It also bounds a request's head in bytes
    (MAX_REQUEST_HEAD_BYTES).
    """

    request_read_timeout: float = REQUEST_READ_TIMEOUT_SECONDS
    _read_deadline: asyncio.TimerHandle | None = None
    # Bytes received since the current request's head began; None once the head is complete.
    _head_bytes: int | None = 0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_read_deadline()

    def data_received(self, data: bytes) -> None:
        if self._head_bytes is not None:
            self._head_bytes += len(data)
        super().data_received(data)
        # Still no whole head after this chunk: what arrived so far is all head.
        if self._head_bytes is not None and self._head_bytes > MAX_REQUEST_HEAD_BYTES:
            self._head_bytes = None
            if not self.transport.is_closing():
                self.transport.write(_HEAD_TOO_LARGE)
                self.transport.close()

    def on_headers_complete(self) -> None:
        self._head_bytes = None
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_read_deadline()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm_read_deadline()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._cancel_read_deadline()
        self._head_bytes = 0

    def _arm_read_deadline(self) -> None:
        # A request's first byte does not move the deadline its connection's opening set.
        if self._read_deadline is None:
            self._read_deadline = self.loop.call_later(
                self.request_read_timeout, self._read_timed_out
            )

    def _cancel_read_deadline(self) -> None:
        if self._read_deadline is not None:
            self._read_deadline.cancel()
            self._read_deadline = None

    def _read_timed_out(self) -> None:
        self._read_deadline = None
        if not self.transport.is_closing():
            self.transport.close()


def _head_too_large_answer() -> bytes:
    body = orjson.dumps(
        {
            "success": False,
            "message": f"request line and headers are larger than {MAX_REQUEST_HEAD_BYTES} bytes",
            "messageKey": responses.REQUEST_HEAD_TOO_LARGE,
        }
    )
    head = (
        "HTTP/1.1 431 Request Header Fields Too Large\r\n"
        "content-type: application/json\r\n"
        f"content-length: {len(body)}\r\n"
        "connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


_HEAD_TOO_LARGE: Final = _head_too_large_answer()


def _protocol_with_deadline(seconds: float) -> type[HttpToolsProtocol]:
    """`_RequestDeadlineProtocol` with its deadline set to `seconds` (uvicorn builds the protocol
    itself, from a class)."""
    return type(
        "RequestDeadlineProtocol", (_RequestDeadlineProtocol,), {"request_read_timeout": seconds}
    )


def bind_loopback(port: int, *, host: str = LOOPBACK) -> socket.socket:
    """A listening TCP socket on 127.0.0.1:`port` (0 picks a free port); `host` another address
    (`hamsa-mock --host`).

    Binding before uvicorn starts means the port is known, and a port in use fails here, at once.
    The protocol is named explicitly: asyncio turns on TCP_NODELAY only for connections accepted
    on a socket whose `proto` is IPPROTO_TCP, and without it every response waits ~40 ms for a
    delayed ACK (Nagle).
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


def base_url_of(sock: socket.socket) -> str:
    """`http://127.0.0.1:<port>` for a socket from bind_loopback."""
    host, port = sock.getsockname()[:2]
    return f"http://{host}:{port}"


def make_server(
    app: Any, *, access_log: bool, request_read_timeout: float = REQUEST_READ_TIMEOUT_SECONDS
) -> uvicorn.Server:
    """A uvicorn server for `app` (no lifespan: the mock needs none).

    Connections are closed when a request takes longer than `request_read_timeout` seconds to
    arrive, or after KEEP_ALIVE_TIMEOUT_SECONDS idle after an answer.

    With `access_log`, one line per request goes to stdout, written by `AccessLog` rather than by
    uvicorn's much slower logging-based access log. uvicorn itself says only warnings: its
    start-up and shutdown lines would repeat the mock's banner and bury Ctrl-C's one line.
    HTTP is parsed by httptools (C), about twice as fast as uvicorn's pure-Python h11; the event
    loop is uvloop where it is installed (not on Windows), asyncio otherwise.
    """
    config = uvicorn.Config(
        AccessLog(app, sys.stdout) if access_log else app,
        lifespan="off",
        http=_protocol_with_deadline(request_read_timeout),
        loop="auto",
        log_level="warning",
        access_log=False,
        timeout_keep_alive=KEEP_ALIVE_TIMEOUT_SECONDS,
    )
    return uvicorn.Server(config)


@contextmanager
def serve_in_thread(
    app: Any, *, port: int = 0, request_read_timeout: float = REQUEST_READ_TIMEOUT_SECONDS
) -> Iterator[str]:
    """Serve `app` on 127.0.0.1 in a background thread; yields its base URL.

    `port=0` (the default) picks a free port; `request_read_timeout` as for `make_server`. The
    server stops when the block exits, after finishing the requests in flight.
    """
    sock = bind_loopback(port)
    base_url = base_url_of(sock)
    server = make_server(app, access_log=False, request_read_timeout=request_read_timeout)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name=f"hamsa-mock {base_url}", daemon=True
    )
    thread.start()
    try:
        deadline = time.monotonic() + _START_TIMEOUT_SECONDS
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the mock server on {base_url} did not start")
            time.sleep(0.005)
        yield base_url
    finally:
        server.should_exit = True
        thread.join(_STOP_TIMEOUT_SECONDS)
        sock.close()
