"""Wrapping the correct mock so that it breaks one rule (or bends one in a way the spec allows).

A variant is an app factory: a fresh, correct mock (`create_app()`) behind a small ASGI wrapper
that rewrites requests on the way in or answers on the way out. The wrapper keeps the mock's
store at hand (`WrappedMock.store`), so a test can count the agents a run created.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from typing import Any, Final
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope
from starlette.types import Send as SendMessage

from hamsa_contract._spec import CLONE_PATH
from hamsa_contract.mock import DEFAULT_API_KEY, TEMPLATE_IDS, MockApp, create_app
from hamsa_contract.mock._store import AgentStore

VALID_AUTHORIZATION: Final = f"Token {DEFAULT_API_KEY}"
TEMPLATE_ID: Final = next(iter(TEMPLATE_IDS.values()))


@dataclass(frozen=True)
class Asked:
    """A request as the wrapper received it."""

    scope: Scope
    body: bytes

    @property
    def is_clone(self) -> bool:
        path: str = self.scope["path"]
        return self.scope["method"] == "POST" and path.endswith(CLONE_PATH)

    @property
    def authorized(self) -> bool:
        """Whether the request carries exactly the valid credentials (a server checks them
        first, so most faults show only past that check)."""
        return self.headers("authorization") == [VALID_AUTHORIZATION]

    def header(self, name: str) -> str | None:
        values = self.headers(name)
        return values[0] if values else None

    def headers(self, name: str) -> list[str]:
        wanted = name.lower().encode("latin-1")
        return [v.decode("latin-1") for k, v in self.scope["headers"] if k == wanted]

    def with_header(self, name: str, value: str | None) -> Asked:
        """The request with every `name` header replaced by one `value` (none when None)."""
        wanted = name.lower().encode("latin-1")
        headers = [(k, v) for k, v in self.scope["headers"] if k != wanted]
        if value is not None:
            headers.append((wanted, value.encode("latin-1")))
        return replace(self, scope={**self.scope, "headers": headers})

    def query(self) -> list[tuple[str, str]]:
        return parse_qsl(self.scope["query_string"].decode("latin-1"), keep_blank_values=True)

    @property
    def voice_agent_id(self) -> str | None:
        return next((value for name, value in self.query() if name == "voiceAgentId"), None)

    def with_voice_agent_id(self, agent_id: str) -> Asked:
        pairs = [(n, agent_id if n == "voiceAgentId" else v) for n, v in self.query()]
        return replace(
            self, scope={**self.scope, "query_string": urlencode(pairs).encode("latin-1")}
        )

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    @property
    def agent_name(self) -> Any:
        """The body's agentName (None when the body is not an object that has one)."""
        document = self.json()
        return document.get("agentName") if isinstance(document, dict) else None

    def with_json(self, document: Any) -> Asked:
        body = json.dumps(document).encode()
        asked = self.with_header("content-length", str(len(body)))
        return replace(asked, body=body)


@dataclass(frozen=True)
class Answer:
    """An answer as the correct mock gave it (or as a variant rewrites it)."""

    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def header(self, name: str) -> str | None:
        wanted = name.lower().encode()
        return next((v.decode("latin-1") for k, v in self.headers if k == wanted), None)

    def with_header(self, name: str, value: str) -> Answer:
        wanted = name.lower().encode()
        headers = [(k, v) for k, v in self.headers if k != wanted]
        return replace(self, headers=[*headers, (wanted, value.encode("latin-1"))])

    def without_header(self, name: str) -> Answer:
        wanted = name.lower().encode()
        return replace(self, headers=[(k, v) for k, v in self.headers if k != wanted])

    def with_body(self, body: bytes, content_type: str | None = None) -> Answer:
        answer = replace(self, body=body).with_header("content-length", str(len(body)))
        return answer if content_type is None else answer.with_header("content-type", content_type)

    def with_json(self, document: Any, **dumps: Any) -> Answer:
        return self.with_body(json.dumps(document, **{"ensure_ascii": False, **dumps}).encode())

    def with_status(self, status: int) -> Answer:
        return replace(self, status=status)


Send = Callable[[Asked], Awaitable[Answer]]
Handler = Callable[[Asked, Send], Awaitable[Answer]]
Factory = Callable[[], "WrappedMock"]


class WrappedMock:
    """A fresh mock whose HTTP requests all go through one handler."""

    def __init__(self, app: MockApp, handler: Handler) -> None:
        self.app = app
        self.store: AgentStore = app.store
        self._handler = handler

    async def __call__(self, scope: Scope, receive: Receive, send: SendMessage) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        answer = await self._handler(Asked(scope, await _read_body(receive)), self._send_to_mock)
        await send(
            {"type": "http.response.start", "status": answer.status, "headers": answer.headers}
        )
        await send({"type": "http.response.body", "body": answer.body})

    async def _send_to_mock(self, asked: Asked) -> Answer:
        return await _call(self.app, asked)


def per_server(make_handler: Callable[[MockApp], Handler]) -> Factory:
    """An app factory whose handler is made afresh for each server, knowing that server's mock
    (for handlers with state, or that look agents up in the store)."""

    def factory() -> WrappedMock:
        app = create_app()
        return WrappedMock(app, make_handler(app))

    return factory


def variant(handler: Handler) -> Factory:
    """An app factory: a fresh mock whose HTTP requests all go through `handler`."""
    return per_server(lambda app: handler)


def rewrite_answers(rewrite: Callable[[Asked, Answer], Answer]) -> Factory:
    """A variant that sends each request to the mock unchanged and rewrites the answer."""

    async def handler(asked: Asked, send: Send) -> Answer:
        return rewrite(asked, await send(asked))

    return variant(handler)


def rewrite_requests(rewrite: Callable[[Asked], Asked]) -> Factory:
    """A variant that rewrites each request before the mock sees it."""

    async def handler(asked: Asked, send: Send) -> Answer:
        return await send(rewrite(asked))

    return variant(handler)


def rewrite_clones(rewrite: Callable[[Asked, dict[str, Any]], None]) -> Factory:
    """A variant that edits, in place, the agent of every 200 clone answer."""

    def on_answer(asked: Asked, answer: Answer) -> Answer:
        if answer.status != 200:
            return answer
        document = answer.json()
        rewrite(asked, document["data"])
        return answer.with_json(document)

    return rewrite_answers(on_answer)


def rewrite_names(rewrite: Callable[[str], str]) -> Factory:
    """A variant that changes every requested name (a string) before storing it, as a server
    that cuts, escapes or normalises names does."""

    def on_request(asked: Asked) -> Asked:
        name = asked.agent_name
        if not isinstance(name, str):
            return asked
        return asked.with_json({**asked.json(), "agentName": rewrite(name)})

    return rewrite_requests(on_request)


def answer_when(
    condition: Callable[[Asked], bool], answer: Callable[[Asked], Answer | Awaitable[Answer]]
) -> Factory:
    """A variant that answers requests meeting `condition` itself, the rest through the mock."""

    async def handler(asked: Asked, send: Send) -> Answer:
        if not condition(asked):
            return await send(asked)
        made = answer(asked)
        return made if isinstance(made, Answer) else await made

    return variant(handler)


def error(status: int, message: str) -> Answer:
    """An answer with the error envelope."""
    body = json.dumps({"success": False, "message": message, "messageKey": "BROKEN"}).encode()
    return Answer(status, [(b"content-type", b"application/json")], b"").with_body(body)


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


async def _call(app: ASGIApp, asked: Asked) -> Answer:
    delivered = False
    started: dict[str, Any] = {}
    chunks: list[bytes] = []

    async def receive() -> Message:
        nonlocal delivered
        if delivered:
            return {"type": "http.disconnect"}
        delivered = True
        return {"type": "http.request", "body": asked.body, "more_body": False}

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start":
            started.update(message)
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(asked.scope, receive, send)
    return Answer(started["status"], list(started.get("headers", [])), b"".join(chunks))
