"""The clone endpoint on the standard library's `http.server` (ThreadingHTTPServer, HTTP/1.1
keep-alive), answering as Hypercorn does a request it refuses before reading its body: the 401
goes out at once, without `Connection: close`, and the server closes the kept-alive connection a
moment later (RFC 9112 §9.5 lets a server close a connection at any time). A client that sends
its next request on that connection meanwhile gets no answer to it: the suite must send such a
request again on a new connection, and never call this server down.

Everything else keeps the contract strictly: a body of another media type gets 415, one that is
not one JSON value in UTF-8 gets 400 (CONTRACT.md decision 14).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Final
from urllib.parse import parse_qs, urlsplit

from hamsa_contract._spec import CLONE_PATH
from tests.catalogue.real_stacks.agents import MemoryAgents, token_is_valid
from tests.catalogue.real_stacks.serving import StackServer

# How long after an early answer the connection stays open: long enough for a client to send its
# next request on it.
CLOSE_AFTER_SECONDS: Final = 0.05


def _handler(store: MemoryAgents) -> type[BaseHTTPRequestHandler]:
    class CloneHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: a test's output is not the place for an access log."""

        def _answer(self, status: int, document: dict[str, Any]) -> None:
            body = json.dumps(document).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()

        def _error(self, status: int, message: str) -> None:
            self._answer(status, {"success": False, "message": message})

        def _read_body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def _not_post(self) -> None:
            self._read_body()
            self._error(405 if urlsplit(self.path).path == CLONE_PATH else 404, "Not allowed")

        do_GET = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_TRACE = _not_post

        def do_HEAD(self) -> None:
            self.send_response(405)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_POST(self) -> None:
            url = urlsplit(self.path)
            if url.path != CLONE_PATH:
                self._not_post()
                return
            if not token_is_valid(self.headers.get("Authorization")):
                # Answered before the body is read; then the body is drained and, a moment
                # later, the connection closed without a word.
                self._error(401, "Unauthorized")
                self._read_body()
                time.sleep(CLOSE_AFTER_SECONDS)
                self.close_connection = True
                return
            body = self._read_body()
            ids = parse_qs(url.query, keep_blank_values=True).get("voiceAgentId", [])
            if len(ids) != 1 or not ids[0]:
                self._error(400, "voiceAgentId is required")
                return
            media_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if not body.strip():
                self._error(400, "a JSON body with agentName is required")
                return
            if media_type != "application/json":
                self._error(415, "the body must be sent as application/json")
                return
            try:
                document = json.loads(body.decode("utf-8"))
            except ValueError:
                self._error(400, "the body is not JSON")
                return
            name = document.get("agentName") if isinstance(document, dict) else None
            if not isinstance(name, str) or not name:
                self._error(400, "agentName must be a non-empty string")
                return
            clone = store.clone(ids[0], name)
            if clone is None:
                self._error(404, "Voice agent not found")
                return
            self._answer(200, {"success": True, "message": "success", "data": clone})

    return CloneHandler


def server() -> StackServer:
    store = MemoryAgents()

    @contextmanager
    def serving() -> Iterator[str]:
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(store))
        httpd.daemon_threads = True
        thread = threading.Thread(target=httpd.serve_forever, name="http.server", daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{httpd.server_address[1]}"
        finally:
            httpd.shutdown()
            httpd.server_close()

    return StackServer("http.server (closes kept-alive connections early)", store, serving)
