"""A real HTTP server on 127.0.0.1, for what an in-process transport cannot show: what httpx and
httpcore log on a real connection, and failures that happen after a request reached the server."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal

Behaviour = Literal["answer", "hang_up", "stall", "drip", "drip_head"]


@dataclass
class Script:
    """What the server does with every request: answer it, hang up without answering, stall, or
    drip: send the head at once, then the body one byte every `drip_seconds` (until released); or
    drip_head: send the head itself a byte at a time (`head_bytes_sent` counts them, `head_sent`
    tells whether all went)."""

    behaviour: Behaviour = "answer"
    status: int = 200
    body: bytes = b"{}"
    headers: dict[str, str] = field(default_factory=dict)
    requests: list[bytes] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    drip_seconds: float = 0.2
    head_bytes_sent: int = 0
    head_sent: bool = False


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_POST(self) -> None:
        script = self.server.script
        script.requests.append(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        if script.behaviour == "hang_up":
            self.close_connection = True
            return
        if script.behaviour == "drip_head":
            self._drip_head(script)
            return
        if script.behaviour == "stall":
            script.release.wait(timeout=10)
            self.close_connection = True
            return
        self.send_response(script.status)
        for name, value in {"Content-Type": "application/json", **script.headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(script.body)))
        self.end_headers()
        if script.behaviour == "drip":
            self._drip(script)
            return
        self.wfile.write(script.body)

    def _drip(self, script: Script) -> None:
        self.wfile.flush()
        for byte in script.body:
            if script.release.is_set():
                break
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:  # the client gave up: what the test is about
                break
            time.sleep(script.drip_seconds)
        self.close_connection = True

    def _drip_head(self, script: Script) -> None:
        padding = ", ".join(["dripped"] * 40)
        head = (
            f"HTTP/1.1 {script.status} OK\r\nContent-Type: application/json\r\n"
            f"X-Padding: {padding}\r\nContent-Length: {len(script.body)}\r\n\r\n"
        ).encode("ascii")
        for byte in head:
            if script.release.is_set():
                break
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:  # the client gave up: what the test is about
                break
            script.head_bytes_sent += 1
            script.head_sent = script.head_bytes_sent == len(head)
            time.sleep(script.drip_seconds)
        else:
            self.wfile.write(script.body)
        self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, script: Script) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.script = script


@contextmanager
def serve(script: Script) -> Iterator[str]:
    """Serve `script` on a free loopback port for the duration of the block; yields the base URL."""
    server = _Server(script)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        script.release.set()
        server.shutdown()
        server.server_close()
        thread.join()
