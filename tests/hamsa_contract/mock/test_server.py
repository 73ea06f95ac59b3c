"""The mock as a real HTTP server: in a thread for tests, and `hamsa-mock` (`make mock`)."""

from __future__ import annotations

import json
import os
import queue
import selectors
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount

from hamsa_contract.mock import TEMPLATE_IDS, create_app, serve_in_thread
from hamsa_contract.mock._request_rules import CLONE_PATH
from hamsa_contract.mock._server import MAX_REQUEST_HEAD_BYTES, bind_loopback
from tests.hamsa_contract.mock.support import AUTH, assert_error, cloned, post_clone

REPO = Path(__file__).resolve().parents[3]
SALES = TEMPLATE_IDS["english_sales"]


def test_serve_in_thread_serves_over_loopback_until_the_block_ends() -> None:
    app = create_app()
    with serve_in_thread(app) as base_url:
        assert base_url.startswith("http://127.0.0.1:")
        with httpx.Client(base_url=base_url, headers=AUTH) as http:
            clone = cloned(http, SALES, "Over HTTP")
            assert cloned(http, clone["id"], "Child")["agentName"] == "Child"
            assert_error(
                post_clone(http, SALES, "N", headers={"Authorization": ""}), 401, "UNAUTHORIZED"
            )
            assert http.get("/openapi.yaml").text.startswith("openapi: 3.1")
    with pytest.raises(httpx.ConnectError):
        httpx.get(base_url + "/openapi.yaml")


def test_two_servers_run_side_by_side_with_their_own_stores() -> None:
    first, second = create_app(), create_app()
    with serve_in_thread(first) as one, serve_in_thread(second) as two:
        assert one != two
        with httpx.Client(base_url=one, headers=AUTH) as http:
            clone_id = cloned(http, SALES, "Only in one")["id"]
        with httpx.Client(base_url=two, headers=AUTH) as http:
            assert_error(post_clone(http, clone_id, "N"), 404, "VOICE_AGENT_NOT_FOUND")


# What a slow or hostile client leaves behind: nothing sent, half a head, a head and half a body.
HALF_REQUESTS = [
    b"",
    b"POST " + CLONE_PATH.encode() + b"?voiceAgentId=" + SALES.encode() + b" HTTP/1.1\r\n",
    b"POST "
    + CLONE_PATH.encode()
    + b"?voiceAgentId="
    + SALES.encode()
    + b" HTTP/1.1\r\nHost: mock\r\nAuthorization: "
    + AUTH["Authorization"].encode()
    + b"\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{",
]
# A bound on the test's wait, far past the timeout under test (not a measurement).
_PATIENCE_SECONDS = 30.0


def _closed_by_server(connections: list[socket.socket]) -> list[socket.socket]:
    """The connections the server closes (EOF or reset) before `_PATIENCE_SECONDS` pass."""
    waiting = {sock: sock for sock in connections}
    closed = []
    with selectors.DefaultSelector() as selector:
        for sock in connections:
            selector.register(sock, selectors.EVENT_READ)
        deadline = time.monotonic() + _PATIENCE_SECONDS
        while waiting and time.monotonic() < deadline:
            for key, _ in selector.select(timeout=0.2):
                sock = waiting.pop(key.fileobj)  # type: ignore[call-overload]
                selector.unregister(sock)
                with suppress(ConnectionResetError):
                    assert sock.recv(1024) == b""
                closed.append(sock)
    return closed


def test_half_open_connections_are_closed_after_the_read_timeout_and_the_mock_still_answers() -> (
    None
):
    app = create_app()
    with serve_in_thread(app, request_read_timeout=0.5) as base_url:
        port = int(base_url.rsplit(":", 1)[1])
        connections = []
        try:
            for n in range(60):
                sock = socket.create_connection(("127.0.0.1", port))
                connections.append(sock)
                sock.sendall(HALF_REQUESTS[n % len(HALF_REQUESTS)])
            assert len(_closed_by_server(connections)) == len(connections)
        finally:
            for sock in connections:
                sock.close()
        assert app.store.clone_ids() == ()
        with httpx.Client(base_url=base_url, headers=AUTH) as http:
            assert cloned(http, SALES, "Still answering")["agentName"] == "Still answering"


def test_a_request_head_past_its_bound_gets_431_and_the_mock_still_answers() -> None:
    app = create_app()
    with serve_in_thread(app) as base_url:
        port = int(base_url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.settimeout(_PATIENCE_SECONDS)
            sock.sendall(b"POST " + CLONE_PATH.encode() + b" HTTP/1.1\r\nX-Long: ")
            # One header that never ends, sent in pieces: httptools would buffer all of it.
            with suppress(OSError):
                for _ in range(MAX_REQUEST_HEAD_BYTES // 4096 + 2):
                    sock.sendall(b"x" * 4096)
            answer = b""
            with suppress(ConnectionResetError):
                while chunk := sock.recv(65536):
                    answer += chunk
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 431 ")
        assert json.loads(body)["messageKey"] == "REQUEST_HEAD_TOO_LARGE"
        with httpx.Client(base_url=base_url, headers=AUTH) as http:
            # A body far larger than the bound, sent at once with its head, is not a long head.
            padding = "x" * (MAX_REQUEST_HEAD_BYTES * 4)
            big = http.post(
                CLONE_PATH,
                params={"voiceAgentId": SALES},
                json={"agentName": "Big body", "padding": padding},
            )
            assert big.status_code == 200
            assert cloned(http, SALES, "Still answering")["agentName"] == "Still answering"


def test_the_read_timeout_does_not_count_the_time_the_answer_takes() -> None:
    app = create_app()
    with (
        serve_in_thread(app, request_read_timeout=0.2) as base_url,
        httpx.Client(base_url=base_url, headers=AUTH) as http,
    ):
        response = post_clone(http, SALES, "Slow answer", headers={"Prefer": "delay=1000"})
        assert response.status_code == 200
        # The same connection serves the next request too.
        assert cloned(http, SALES, "Next")["agentName"] == "Next"


def test_the_listening_socket_is_tcp_so_answers_are_not_held_back_by_nagle() -> None:
    # asyncio sets TCP_NODELAY on accepted connections only when the listener's proto is TCP;
    # with proto 0 every answer over loopback waited ~40 ms for a delayed ACK.
    sock = bind_loopback(0)
    try:
        assert sock.proto == socket.IPPROTO_TCP
    finally:
        sock.close()


def _free_port() -> int:
    sock = bind_loopback(0)
    port: int = sock.getsockname()[1]
    sock.close()
    return port


@dataclass
class _MockProcess:
    """A `hamsa-mock` child (what `make mock` runs): its stdout lines arrive in `lines`."""

    process: subprocess.Popen[str]
    lines: queue.Queue[str] = field(default_factory=queue.Queue)
    stderr: str = ""

    def read_until(self, marker: str, timeout: float = 20.0) -> str:
        """Stdout up to and including the line with `marker`."""
        seen = ""
        deadline = time.monotonic() + timeout
        while marker not in seen:
            try:
                seen += self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no {marker!r} from the mock; got {seen!r}") from None
        return seen


@contextmanager
def _mock_process(**env: str) -> Iterator[_MockProcess]:
    """Run the mock as `make mock` does; on exit, stop it and collect its stderr."""
    # Without PYTHONUNBUFFERED (as in a user's shell), stdout to a pipe is block-buffered: lines
    # show only when the mock flushes them.
    environ = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("hamsa-mock"))],
        cwd=REPO,
        env={**environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    child = _MockProcess(process)
    stdout, stderr = process.stdout, process.stderr
    assert stdout is not None
    assert stderr is not None

    # A thread, because a selector cannot see lines already buffered by the text wrapper.
    def pump_lines() -> None:
        for line in stdout:
            child.lines.put(line)

    pump = threading.Thread(target=pump_lines)
    pump.start()
    try:
        yield child
    finally:
        if process.poll() is None:
            process.terminate()
        process.wait(timeout=20)
        pump.join(timeout=20)
        child.stderr = stderr.read()
        stdout.close()
        stderr.close()


def test_python_m_serves_with_the_port_and_key_from_the_environment() -> None:
    port = _free_port()
    with _mock_process(HAMSA_MOCK_PORT=str(port), HAMSA_MOCK_API_KEY="env-key-42") as mock:
        banner = mock.read_until("HAMSA_VOICE_AGENT_ID=")
        base_url = f"http://127.0.0.1:{port}"
        assert f"Hamsa mock serving {base_url}" in banner
        assert "Authorization: Token env-key-42" in banner
        for name, template_id in TEMPLATE_IDS.items():
            assert name in banner
            assert template_id in banner
        (export_line,) = [line for line in banner.splitlines() if "export " in line]
        assert export_line.split("export ", 1)[1].split() == [
            f"HAMSA_BASE_URL={base_url}",
            "HAMSA_API_KEY=env-key-42",
            f"HAMSA_VOICE_AGENT_ID={next(iter(TEMPLATE_IDS.values()))}",
        ]
        with httpx.Client(base_url=base_url, headers={"Authorization": "Token env-key-42"}) as http:
            assert cloned(http, SALES, "From make mock")["agentName"] == "From make mock"
            assert_error(post_clone(http, SALES, "N", headers=AUTH), 401, "UNAUTHORIZED")
        logged = mock.read_until(" 401 Unauthorized")
    access = [line for line in logged.splitlines() if line.startswith("INFO:")]
    request_line = f"POST {CLONE_PATH}?voiceAgentId={SALES} HTTP/1.1"
    assert [line.split(" - ", 1)[1] for line in access] == [
        f'"{request_line}" 200 OK',
        f'"{request_line}" 401 Unauthorized',
    ]
    assert all(line.startswith("INFO:     127.0.0.1:") for line in access)
    assert "env-key-42" not in logged


def test_python_m_refuses_a_bad_port() -> None:
    with _mock_process(HAMSA_MOCK_PORT="forty") as mock:
        mock.process.wait(timeout=20)
    assert mock.process.returncode == 4
    assert mock.stderr == (
        "hamsa-mock: error: HAMSA_MOCK_PORT must be a port number from 0 to 65535, got 'forty'\n"
    )


def test_python_m_reports_a_port_in_use() -> None:
    taken = bind_loopback(0)
    try:
        with _mock_process(HAMSA_MOCK_PORT=str(taken.getsockname()[1])) as mock:
            mock.process.wait(timeout=20)
    finally:
        taken.close()
    assert mock.process.returncode == 1
    assert "cannot listen on 127.0.0.1:" in mock.stderr


def test_a_mounted_mock_answers_clones_only_under_its_mount_path() -> None:
    # Mounted at /v1, the clone path inside the host app is /v1/v1/voice-agents/clone: a request
    # to /v1/voice-agents/clone is the mounted app's /voice-agents/clone, which does not exist.
    mock = create_app()
    host = Starlette(routes=[Mount("/v1", app=mock)])
    with serve_in_thread(host) as base_url, httpx.Client(base_url=base_url, headers=AUTH) as http:
        assert_error(post_clone(http, SALES, "Not here"), 404, "NOT_FOUND")
        response = http.post(
            f"/v1{CLONE_PATH}", params={"voiceAgentId": SALES}, json={"agentName": "Mounted"}
        )
        assert response.status_code == 200, response.text
        assert response.json()["data"]["agentName"] == "Mounted"
    assert len(mock.store.clone_ids()) == 1
