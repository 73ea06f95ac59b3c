"""What each real-stack server of the catalogue does by its framework's defaults, where a stricter
suite would raise a false alarm: the catalogue's "contract kept" for these servers
(`test_catches_broken_servers.py`) proves the suite tolerates exactly these differences, so this
module proves the servers really show them (a framework upgrade that changed one would otherwise
go unnoticed and the catalogue would claim more than it tests)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Final

import httpx
import pytest

from hamsa_contract._spec import CLONE_PATH
from hamsa_contract.mock import DEFAULT_API_KEY, TEMPLATE_IDS
from tests.catalogue.real_stacks import STACKS
from tests.catalogue.real_stacks.agents import SqliteAgents
from tests.catalogue.real_stacks.serving import StackServer

VALID: Final = ("Authorization", f"Token {DEFAULT_API_KEY}")
WRONG: Final = ("Authorization", "Token not-the-key")
TEMPLATE_ID: Final = next(iter(TEMPLATE_IDS.values()))
NAME: Final = "نسخة é"


@dataclass(frozen=True)
class Defaults:
    """What a stack does by default where servers differ and the contract allows each."""

    # Statuses for two Authorization headers, valid first and valid last (decision 9: refused
    # both ways, or judged by the first).
    repeated_authorization: tuple[int, int]
    # OPTIONS on the clone path: the framework's own 200 with `Allow`, or 405 (decision 10).
    options_status: int
    # Non-ASCII characters of a JSON answer written as `\u` escapes (RFC 8259 §7 allows both).
    escapes_non_ascii: bool
    content_type: str


DEFAULTS: Final = {
    "fastapi_pydantic": Defaults((200, 401), 405, False, "application/json"),
    "fastapi_key_in_handler": Defaults((200, 401), 405, False, "application/json"),
    "flask_waitress_sqlite": Defaults((401, 401), 200, True, "application/json"),
    "aiohttp_web": Defaults((200, 401), 405, True, "application/json; charset=utf-8"),
    "aiohttp_any_content_type": Defaults((200, 401), 405, True, "application/json; charset=utf-8"),
    "django_asgi": Defaults((401, 401), 200, True, "application/json"),
    "falcon_asgi": Defaults((401, 401), 200, False, "application/json"),
    "falcon_binds_forms": Defaults((401, 401), 200, False, "application/json"),
    "stdlib_closes_early": Defaults((200, 401), 405, True, "application/json"),
}


@dataclass(frozen=True)
class Serving:
    server: StackServer
    client: httpx.Client

    def clone(self, *headers: tuple[str, str], **request: Any) -> httpx.Response:
        request.setdefault("params", {"voiceAgentId": TEMPLATE_ID})
        request.setdefault("json", {"agentName": NAME})
        return self.client.post(CLONE_PATH, headers=list(headers or [VALID]), **request)


@contextmanager
def served(name: str) -> Iterator[Serving]:
    """A fresh server of stack `name`, served on loopback, with a client for it."""
    server = STACKS[name]()
    with server.serve() as base_url, httpx.Client(base_url=base_url) as client:
        yield Serving(server, client)


@pytest.fixture(params=sorted(STACKS))
def stack(request: pytest.FixtureRequest) -> Iterator[tuple[str, Serving]]:
    with served(request.param) as serving:
        yield request.param, serving


def _is_error_envelope(response: httpx.Response, status: int) -> bool:
    document = response.json()
    return response.status_code == status and document["success"] is False and document["message"]


def test_every_stack_has_its_defaults_listed() -> None:
    assert set(DEFAULTS) == set(STACKS)


def test_repeated_authorization_is_refused_or_judged_by_the_first(
    stack: tuple[str, Serving],
) -> None:
    name, serving = stack
    statuses = (serving.clone(VALID, WRONG).status_code, serving.clone(WRONG, VALID).status_code)

    assert statuses == DEFAULTS[name].repeated_authorization
    assert serving.server.clone_count() == statuses.count(200)


def test_options_is_the_frameworks_own_answer_and_creates_nothing(
    stack: tuple[str, Serving],
) -> None:
    name, serving = stack
    response = serving.client.options(CLONE_PATH, params={"voiceAgentId": TEMPLATE_ID})

    assert response.status_code == DEFAULTS[name].options_status
    if response.status_code == 200:
        assert "POST" in response.headers["allow"]
    else:
        assert _is_error_envelope(response, 405)
    assert serving.server.clone_count() == 0


def test_answers_are_json_as_the_framework_encodes_it(stack: tuple[str, Serving]) -> None:
    name, serving = stack
    response = serving.clone()

    assert response.status_code == 200
    assert response.headers["content-type"] == DEFAULTS[name].content_type
    assert (NAME.encode() not in response.content) is DEFAULTS[name].escapes_non_ascii
    assert response.json()["data"]["agentName"] == NAME


def test_the_frameworks_own_error_pages_are_error_envelopes(stack: tuple[str, Serving]) -> None:
    _, serving = stack

    assert _is_error_envelope(serving.client.get("/v1/voice-agents/no-such-path"), 404)
    assert _is_error_envelope(serving.client.delete(CLONE_PATH), 405)
    assert _is_error_envelope(serving.clone(json={"agentName": ""}), 400)
    assert _is_error_envelope(serving.clone(params={"voiceAgentId": "no-such-agent"}), 404)
    assert serving.server.clone_count() == 0


@pytest.mark.parametrize(
    ("name", "invalid_body_without_key"),
    [("fastapi_pydantic", 401), ("fastapi_key_in_handler", 400)],
)
def test_fastapi_refuses_a_body_that_is_not_json_before_it_looks_at_credentials(
    name: str, invalid_body_without_key: int
) -> None:
    """FastAPI parses the body before it runs anything: a body that is not JSON gets 400 without
    credentials too. A JSON body that the model refuses gets 401 when the key is a security
    dependency (run before validation), 400 when the handler checks it (decision 8: either)."""
    with served(name) as serving:
        not_json = serving.clone(("Content-Type", "application/json"), content=b"{", json=None)
        empty_name = serving.clone(("Accept", "*/*"), json={"agentName": ""})

    assert _is_error_envelope(not_json, 400)
    assert _is_error_envelope(empty_name, invalid_body_without_key)


def test_flask_stores_clones_in_sqlite_with_their_configuration_as_json() -> None:
    with served("flask_waitress_sqlite") as serving:
        first = serving.clone().json()["data"]
        second = serving.clone(params={"voiceAgentId": first["id"]}, json={"agentName": "b"})
        store = serving.server.store
        assert isinstance(store, SqliteAgents)
        count = serving.server.clone_count()

    with sqlite3.connect(store.path) as db:
        rows = db.execute(
            "SELECT id, agent_name, configuration FROM agents WHERE is_template = 0 ORDER BY rowid"
        ).fetchall()
    stored = [(agent_id, name) for agent_id, name, _ in rows]
    assert stored == [(first["id"], NAME), (second.json()["data"]["id"], "b")]
    assert json.loads(rows[1][2]) == json.loads(rows[0][2])
    assert json.loads(rows[0][2])["greetingMessage"] == first["greetingMessage"]
    assert count == 2


def test_flask_sorts_the_keys_of_its_answers() -> None:
    with served("flask_waitress_sqlite") as serving:
        keys = list(json.loads(serving.clone().content)["data"])

    assert keys == sorted(keys)


def test_django_adds_its_security_headers_to_every_answer() -> None:
    """SecurityMiddleware's headers, which the spec does not declare (extra headers conform)."""
    with served("django_asgi") as serving:
        answers = [serving.clone(), serving.clone(WRONG), serving.client.get("/nowhere")]

    for answer in answers:
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["cross-origin-opener-policy"] == "same-origin"


def test_stdlib_server_closes_a_kept_alive_connection_after_an_early_401() -> None:
    """What the catalogue's stdlib server is for: after a 401 it closes the connection the
    client keeps alive, so the next request on it gets no answer (RFC 9112 §9.5)."""
    with served("stdlib_closes_early") as serving:
        refused = serving.clone(WRONG)
        # Sent at once, on the connection the 401 came on, before the server closes it.
        with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
            serving.clone()

    assert refused.status_code == 401
    assert "connection" not in refused.headers
    assert serving.server.clone_count() == 0
