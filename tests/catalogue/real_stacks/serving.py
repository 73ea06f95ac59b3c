"""Serving each real-stack app on loopback by its own kind of server, in a background thread:
ASGI apps by uvicorn (or Hypercorn), WSGI apps by waitress, aiohttp apps by aiohttp's own runner."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any, Final

from aiohttp import web
from hypercorn.asyncio import serve as hypercorn_serve
from hypercorn.config import Config as HypercornConfig
from waitress import wasyncore
from waitress.server import BaseWSGIServer, create_server

from hamsa_contract.mock._server import LOOPBACK, base_url_of, bind_loopback, serve_in_thread
from tests.catalogue.real_stacks.agents import AgentStore

_START_TIMEOUT_SECONDS: Final = 10.0


@dataclass(frozen=True)
class StackServer:
    """One real-stack server: how to serve it on loopback, and the store it writes to."""

    framework: str
    store: AgentStore
    serving: Callable[[], AbstractContextManager[str]]

    def serve(self) -> AbstractContextManager[str]:
        """Serve the app on 127.0.0.1; the context yields its base URL."""
        return self.serving()

    def clone_count(self) -> int:
        return self.store.clone_count()


def by_uvicorn(app: Any) -> Callable[[], AbstractContextManager[str]]:
    """An ASGI app, served by uvicorn (as the mock is)."""
    return lambda: serve_in_thread(app)


def by_waitress(app: Any) -> Callable[[], AbstractContextManager[str]]:
    """A WSGI app, served by waitress with its default settings (4 threads)."""

    @contextmanager
    def serving() -> Iterator[str]:
        server = create_server(app, host=LOOPBACK, port=0)
        assert isinstance(server, BaseWSGIServer)
        thread = threading.Thread(target=server.run, name="waitress", daemon=True)
        thread.start()
        try:
            yield f"http://{LOOPBACK}:{server.effective_port}"
        finally:
            # As webtest's StopableWSGIServer stops one: close every channel, then the workers.
            logging.getLogger("waitress").setLevel(logging.CRITICAL)
            server.task_dispatcher.shutdown()
            wasyncore.close_all(server._map)
            thread.join(_START_TIMEOUT_SECONDS)

    return serving


def by_aiohttp(app: web.Application) -> Callable[[], AbstractContextManager[str]]:
    """An aiohttp app, served by aiohttp's AppRunner on its own event loop."""

    @contextmanager
    def serving() -> Iterator[str]:
        sock = bind_loopback(0)
        loop = asyncio.new_event_loop()
        started = threading.Event()
        stop: asyncio.Future[None] | None = None

        async def run() -> None:
            nonlocal stop
            stop = loop.create_future()
            runner = web.AppRunner(app, access_log=None)
            await runner.setup()
            await web.SockSite(runner, sock).start()
            started.set()
            try:
                await stop
            finally:
                await runner.cleanup()

        thread = threading.Thread(target=loop.run_until_complete, args=(run(),), daemon=True)
        thread.start()
        try:
            if not started.wait(_START_TIMEOUT_SECONDS):
                raise RuntimeError("the aiohttp server did not start")
            yield base_url_of(sock)
        finally:
            assert stop is not None
            loop.call_soon_threadsafe(stop.set_result, None)
            thread.join(_START_TIMEOUT_SECONDS)
            loop.close()
            sock.close()

    return serving


def by_hypercorn(app: Any) -> Callable[[], AbstractContextManager[str]]:
    """An ASGI app, served by Hypercorn with its default settings. Hypercorn closes a kept-alive
    connection after answering a request whose body it had not read whole (an early 401)."""

    @contextmanager
    def serving() -> Iterator[str]:
        sock = bind_loopback(0)
        config = HypercornConfig()
        config.bind = [f"fd://{sock.fileno()}"]
        config.accesslog = config.errorlog = None
        loop = asyncio.new_event_loop()
        stop = threading.Event()

        async def until_stopped() -> None:
            while not stop.is_set():
                await asyncio.sleep(0.05)

        thread = threading.Thread(
            target=loop.run_until_complete,
            args=(hypercorn_serve(app, config, shutdown_trigger=until_stopped),),
            name="hypercorn",
            daemon=True,
        )
        thread.start()
        try:
            yield base_url_of(sock)
        finally:
            stop.set()
            thread.join(_START_TIMEOUT_SECONDS)
            loop.close()
            # Hypercorn closed the socket it was given (its own object on the same descriptor).
            with contextlib.suppress(OSError):
                sock.close()

    return serving
