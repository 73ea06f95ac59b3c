"""Serving the mock over real HTTP with uvicorn, always on the loopback interface."""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Final

import uvicorn

from hamsa_contract.mock._access_log import AccessLog

LOOPBACK: Final = "127.0.0.1"
_START_TIMEOUT_SECONDS = 10.0
_STOP_TIMEOUT_SECONDS = 10.0


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


def make_server(app: Any, *, access_log: bool) -> uvicorn.Server:
    """A uvicorn server for `app` (no lifespan: the mock needs none).

    With `access_log`, one line per request goes to stdout, written by `AccessLog` rather than by
    uvicorn's much slower logging-based access log. uvicorn itself says only warnings: its
    start-up and shutdown lines would repeat the mock's banner and bury Ctrl-C's one line.
    HTTP is parsed by httptools (C), about twice as fast as uvicorn's pure-Python h11; the event
    loop is uvloop where it is installed (not on Windows), asyncio otherwise.
    """
    config = uvicorn.Config(
        AccessLog(app, sys.stdout) if access_log else app,
        lifespan="off",
        http="httptools",
        loop="auto",
        log_level="warning",
        access_log=False,
    )
    return uvicorn.Server(config)


@contextmanager
def serve_in_thread(app: Any, *, port: int = 0) -> Iterator[str]:
    """Serve `app` on 127.0.0.1 in a background thread; yields its base URL.

    `port=0` (the default) picks a free port. The server stops when the block exits, after
    finishing the requests in flight.
    """
    sock = bind_loopback(port)
    base_url = base_url_of(sock)
    server = make_server(app, access_log=False)
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
