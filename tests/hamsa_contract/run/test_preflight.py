"""A mistake in the settings is named as one, never reported as a broken server (issue 19).

Each misconfiguration a new user makes (a wrong key, a wrong agent id, a base URL with a path
that is not the API's root, a port nothing listens on) is run as the user would run it: the
correct mock served on loopback, named by the HAMSA_* variables, the whole suite. Each must end
before any check with one line naming the setting, exit status 3, no verdict, nothing created,
and the key never shown. A server really broken the same way stays BROKEN: that is the
catalogue's `bearer_only` (refuses `Token <key>`, takes `Bearer <key>`), and `rejects_valid_key`
(every form of the key refused) is named a wrong key, as the evidence allows no other reading.
"""

from __future__ import annotations

import http.server
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from hamsa_contract.mock import DEFAULT_API_KEY, create_app, serve_in_thread
from hamsa_contract.plan._writes import PLANNED_WRITES
from hamsa_contract.run._preflight import SETTINGS_WRONG
from tests.support.live import live_environment
from tests.support.running import REPO_ROOT, SuiteRun, run_contract_suite

# Issue 19: each misconfiguration ends within 15 s. Measured as pytest's own session time (from
# collection to the end), which leaves out the interpreter's start-up on a loaded machine.
SESSION_SECONDS: Final = 15.0
# The settings check sends at most 4 requests (no key; the key; Bearer and bare; no first clone
# unless the key works): a run stopped "at once" is one that sent no more.
MAX_REQUESTS: Final = 4
WRONG_KEY: Final = "contract-test-wrong-key-7f3a"
DOCS: Final = REPO_ROOT / "docs" / "contract-suite.md"
DOC_BASE_URL: Final = "http://127.0.0.1:4010"


@dataclass(frozen=True)
class Case:
    variable: str
    env: Callable[[str], dict[str, str]]  # base URL -> the run's HAMSA_* variables
    seen: str  # what the line must say it saw


def _app_answering(answer: Callable[[Request], Response]) -> Starlette:
    async def endpoint(request: Request) -> Response:
        return answer(request)

    methods = ["GET", "POST"]
    return Starlette(routes=[Route("/{path:path}", endpoint, methods=methods)])


CASES: Final = {
    "wrong-key": Case(
        "HAMSA_API_KEY",
        lambda base: live_environment(base, {"HAMSA_API_KEY": WRONG_KEY}),
        "refused: `Token <key>` got 401",
    ),
    "wrong-agent-id": Case(
        "HAMSA_VOICE_AGENT_ID (--voice-agent-id)",
        lambda base: live_environment(base, {"HAMSA_VOICE_AGENT_ID": "contract-test-typo"}),
        "no agent 'contract-test-typo' for this key: cloning it got 404",
    ),
    "extra-v1-in-base-url": Case(
        "HAMSA_BASE_URL (--base-url)",
        lambda base: live_environment(f"{base}/v1"),
        "/v1/v1/voice-agents/clone without a key got 404",
    ),
    "closed-port": Case(
        "HAMSA_BASE_URL (--base-url)",
        lambda base: live_environment(base),
        "no connection to http://127.0.0.1:",
    ),
}
OTHER_SERVERS: Final = {
    "web-page": _app_answering(lambda request: HTMLResponse("<html>Welcome</html>")),
    "router-404": _app_answering(lambda request: Response("Not Found", 404)),
    # Issue 22 point 8: a server that implements no POST (RFC 9110 §15.6.2), with its HTML page.
    "not-implemented-page": _app_answering(
        lambda request: HTMLResponse("<html><h1>501 Not Implemented</h1></html>", 501)
    ),
}
# An API whose errors carry `error` rather than `message` (CONTRACT.md decision 5): its 401 is the
# endpoint's answer, so a key it refuses is the key's mistake, never the base URL's.
ERROR_FIELD_401: Final = _app_answering(
    lambda request: JSONResponse({"success": False, "error": "Invalid API key"}, 401)
)
# A proxy's own login (or another API's) in front of the base URL: every key refused, in its words.
PROXY_LOGIN_401: Final = _app_answering(
    lambda request: Response("Unauthorized", 401, headers={"WWW-Authenticate": 'Basic realm="x"'})
)


@dataclass(frozen=True)
class Stopped:
    run: SuiteRun
    base_url: str
    requests: int
    created: int
    seconds: float

    @property
    def named(self) -> list[str]:
        return [line for line in self.run.output.splitlines() if line.startswith("Wrong setting:")]


@pytest.fixture(scope="module")
def closed_port() -> Iterator[str]:
    """A loopback port bound but not listening: a connection to it is refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


def _served_run(tmp_path: Path, app: ASGIApp, env: Callable[[str], dict[str, str]]) -> Stopped:
    """Serve `app` on loopback, counting the requests it gets, and run the suite at it."""
    requests: list[str] = []

    async def counting(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            requests.append(scope["path"])
        await app(scope, receive, send)

    started = time.monotonic()
    with serve_in_thread(counting) as base_url:
        run = run_contract_suite(tmp_path, env=env(base_url))
    store = getattr(app, "store", None)
    created = 0 if store is None else len(store.clone_ids())
    return Stopped(run, base_url, len(requests), created, time.monotonic() - started)


@pytest.fixture(scope="module")
def stopped(tmp_path_factory: pytest.TempPathFactory, closed_port: str) -> dict[str, Stopped]:
    """Each case's run, by name."""
    runs = {}
    for name, case in CASES.items():
        tmp = tmp_path_factory.mktemp(name)
        if name == "closed-port":
            started = time.monotonic()
            run = run_contract_suite(tmp, env=case.env(closed_port))
            runs[name] = Stopped(run, closed_port, 0, 0, time.monotonic() - started)
        else:
            runs[name] = _served_run(tmp, create_app(), case.env)
    for name, app in OTHER_SERVERS.items():
        runs[name] = _served_run(tmp_path_factory.mktemp(name), app, live_environment)
    return runs


def _session_seconds(output: str) -> float:
    found = re.search(r"no tests ran in ([\d.]+)s", output)
    assert found is not None, output
    return float(found[1])


@pytest.mark.parametrize("name", CASES)
def test_a_misconfiguration_ends_at_once_with_one_line_naming_the_setting(
    stopped: dict[str, Stopped], name: str
) -> None:
    done, case = stopped[name], CASES[name]
    output = done.run.output

    assert done.run.returncode == SETTINGS_WRONG, output
    assert len(done.named) == 1, output
    line = done.named[0]
    assert line.startswith(f"Wrong setting: {case.variable}: "), line
    assert case.seen in line, line
    assert "Verdict:" not in output
    assert "CONTRACT BROKEN" not in output
    assert done.requests <= MAX_REQUESTS
    assert done.created == 0
    assert _session_seconds(output) < SESSION_SECONDS
    assert DEFAULT_API_KEY not in output
    assert WRONG_KEY not in output


@pytest.mark.parametrize("name", OTHER_SERVERS)
def test_a_base_url_that_answers_nothing_like_the_endpoint_is_named(
    stopped: dict[str, Stopped], name: str
) -> None:
    done = stopped[name]
    assert done.run.returncode == SETTINGS_WRONG, done.run.output
    assert len(done.named) == 1
    assert done.named[0].startswith("Wrong setting: HAMSA_BASE_URL (--base-url): POST ")
    assert "nothing like the clone endpoint" in done.named[0]
    assert done.requests == 1


def test_the_documented_lines_are_the_lines_the_code_prints(stopped: dict[str, Stopped]) -> None:
    documented = DOCS.read_text(encoding="utf-8")
    for name in CASES:
        done = stopped[name]
        line = done.named[0].replace(done.base_url, DOC_BASE_URL)
        line = re.sub(r"http://127\.0\.0\.1:\d+", DOC_BASE_URL, line)
        assert line in documented, f"{name}: docs/contract-suite.md does not show\n{line}"


def test_a_correct_setting_is_not_named(tmp_path: Path) -> None:
    """The same check against the correct settings lets the run go on to its verdict, and the
    first clone it made is the plan's (no agent beyond the cap)."""
    app = create_app()
    with serve_in_thread(app) as base_url:
        run = run_contract_suite(tmp_path, marker="semantics", env=live_environment(base_url))
    # One family: a verdict (INCOMPLETE: the other families did not run), no wrong setting.
    assert run.returncode == 2, run.output
    assert "Wrong setting" not in run.output
    assert "Failures: none" in run.output
    # The plan's writes, all of them: the settings check made the first (the mock clones a body
    # without a name, and keeps a long name).
    assert len(app.store.clone_ids()) == PLANNED_WRITES


class _CountingFileServer(http.server.SimpleHTTPRequestHandler):
    """Python's own file server, as `python -m http.server` runs it, counting requests."""

    requests: list[str] = []  # noqa: RUF012 (one server per test)

    def parse_request(self) -> bool:
        parsed = super().parse_request()
        type(self).requests.append(self.requestline)
        return parsed

    def log_message(self, format: str, *args: object) -> None:
        return


def test_pythons_http_server_is_a_wrong_base_url_not_a_broken_api(tmp_path: Path) -> None:
    """Issue 22 point 8: `python -m http.server` where the API should be answers POST with 501
    and an HTML page; that run was CONTRACT BROKEN (83 failures). It is a wrong HAMSA_BASE_URL."""
    _CountingFileServer.requests = []
    (tmp_path / "www").mkdir()
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0),
        lambda *args: _CountingFileServer(*args, directory=str(tmp_path / "www")),
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base_url = f"http://127.0.0.1:{server.server_address[1]}"
        run = run_contract_suite(tmp_path / "run", env=live_environment(base_url))
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
    named = [line for line in run.output.splitlines() if line.startswith("Wrong setting:")]
    assert run.returncode == SETTINGS_WRONG, run.output
    assert named == [
        f"Wrong setting: HAMSA_BASE_URL (--base-url): POST {base_url}/v1/voice-agents/clone "
        "without a key got 501 (text/html), nothing like the clone endpoint (it answers 401); "
        "is another server listening there? give the API's root, such as https://api.tryhamsa.com"
    ], run.output
    assert "CONTRACT BROKEN" not in run.output
    assert len(_CountingFileServer.requests) == 1
    assert _CountingFileServer.requests[0].startswith("POST /v1/voice-agents/clone?")


def test_an_error_envelope_with_error_not_message_is_the_api(tmp_path: Path) -> None:
    """The API answering its envelope, here with `error` (decision 5), is never a wrong base URL:
    every form of the key refused is the key's mistake, and the line quotes the API's words."""
    done = _served_run(tmp_path, ERROR_FIELD_401, live_environment)
    assert done.run.returncode == SETTINGS_WRONG, done.run.output
    assert len(done.named) == 1, done.run.output
    line = done.named[0]
    assert line.startswith("Wrong setting: HAMSA_API_KEY: refused: `Token <key>` got 401"), line
    assert '(application/json) "Invalid API key"' in line, line
    assert DEFAULT_API_KEY not in done.run.output


def test_a_401_that_is_not_the_apis_says_the_base_url_may_be_wrong(tmp_path: Path) -> None:
    """Every key refused by something that is not the API (no envelope): the key is named, as the
    evidence cannot tell the two apart, and the line asks about the base URL too."""
    done = _served_run(tmp_path, PROXY_LOGIN_401, live_environment)
    assert done.run.returncode == SETTINGS_WRONG, done.run.output
    assert len(done.named) == 1, done.run.output
    line = done.named[0]
    assert line.startswith("Wrong setting: HAMSA_API_KEY: refused: `Token <key>` got 401"), line
    assert line.endswith(
        "that 401 is not the API's error envelope: is HAMSA_BASE_URL the API's?"
    ), line
    assert DEFAULT_API_KEY not in done.run.output
