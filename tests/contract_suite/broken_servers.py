"""Deliberately broken variants of the embedded mock, each breaking one rule of the contract.

Every variant is an app factory: a fresh, correct mock (`create_app()`) behind a small ASGI
wrapper that rewrites requests on the way in or answers on the way out. Point the suite at one
with `HAMSA_MOCK_APP=tests.contract_suite.broken_servers:<name>`.

Three variants are not broken at all: `adds_fields` and `nulls_where_allowed` do what a server
may do (the suite must pass them), and `slow_60ms` answers 60 ms late, for timing the suite:

    HAMSA_MOCK_TRANSPORT=http \
    HAMSA_MOCK_APP=tests.contract_suite.broken_servers:slow_60ms make contract-test
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Final
from urllib.parse import parse_qsl, urlencode

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope
from starlette.types import Send as SendMessage

from contract_tests import spec
from contract_tests.mock import DEFAULT_API_KEY, TEMPLATE_IDS, create_app
from contract_tests.schema_walk import branches, declared_properties

VALID_AUTHORIZATION: Final = f"Token {DEFAULT_API_KEY}"
TEMPLATE_ID: Final = next(iter(TEMPLATE_IDS.values()))


@dataclass(frozen=True)
class Asked:
    """A request as the wrapper received it."""

    scope: Scope
    body: bytes

    def header(self, name: str) -> str | None:
        wanted = name.lower().encode("latin-1")
        return next((v.decode("latin-1") for k, v in self.scope["headers"] if k == wanted), None)

    def with_header(self, name: str, value: str | None) -> Asked:
        wanted = name.lower().encode("latin-1")
        headers = [(k, v) for k, v in self.scope["headers"] if k != wanted]
        if value is not None:
            headers.append((wanted, value.encode("latin-1")))
        return replace(self, scope={**self.scope, "headers": headers})

    def query(self) -> list[tuple[str, str]]:
        return parse_qsl(self.scope["query_string"].decode("latin-1"), keep_blank_values=True)

    def with_query(self, pairs: list[tuple[str, str]]) -> Asked:
        return replace(
            self, scope={**self.scope, "query_string": urlencode(pairs).encode("latin-1")}
        )

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except ValueError:
            return None

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

    def with_header(self, name: str, value: str) -> Answer:
        return replace(
            self, headers=[*self.headers, (name.lower().encode(), value.encode("latin-1"))]
        )

    def with_body(self, body: bytes, content_type: str | None = None) -> Answer:
        headers = [(k, v) for k, v in self.headers if k not in (b"content-length", b"content-type")]
        headers.append((b"content-length", str(len(body)).encode()))
        if content_type is not None:
            headers.append((b"content-type", content_type.encode()))
        else:
            headers += [(k, v) for k, v in self.headers if k == b"content-type"]
        return replace(self, headers=headers, body=body)

    def with_json(self, document: Any) -> Answer:
        return self.with_body(json.dumps(document, ensure_ascii=False).encode())


Send = Callable[[Asked], Awaitable[Answer]]
Handler = Callable[[Asked, Send], Awaitable[Answer]]


def variant(handler: Handler) -> Callable[[], ASGIApp]:
    """An app factory: a fresh mock whose HTTP requests all go through `handler`."""

    def factory() -> ASGIApp:
        app = create_app()

        async def send_to_mock(asked: Asked) -> Answer:
            return await _call(app, asked)

        async def wrapped(scope: Scope, receive: Receive, send: SendMessage) -> None:
            if scope["type"] != "http":
                await app(scope, receive, send)
                return
            answer = await handler(Asked(scope, await _read_body(receive)), send_to_mock)
            await send(
                {"type": "http.response.start", "status": answer.status, "headers": answer.headers}
            )
            await send({"type": "http.response.body", "body": answer.body})

        return wrapped

    return factory


def rewrite_answers(rewrite: Callable[[Asked, Answer], Answer]) -> Callable[[], ASGIApp]:
    """A variant that sends each request to the mock unchanged and rewrites the answer."""

    async def handler(asked: Asked, send: Send) -> Answer:
        return rewrite(asked, await send(asked))

    return variant(handler)


def rewrite_requests(rewrite: Callable[[Asked], Asked]) -> Callable[[], ASGIApp]:
    """A variant that rewrites each request before the mock sees it."""

    async def handler(asked: Asked, send: Send) -> Answer:
        return await send(rewrite(asked))

    return variant(handler)


def rewrite_clones(rewrite: Callable[[Asked, dict[str, Any]], None]) -> Callable[[], ASGIApp]:
    """A variant that edits, in place, the agent of every 200 clone answer."""

    def on_answer(asked: Asked, answer: Answer) -> Answer:
        if answer.status != 200:
            return answer
        document = answer.json()
        rewrite(asked, document["data"])
        return answer.with_json(document)

    return rewrite_answers(on_answer)


def error(status: int, message: str) -> Answer:
    body = json.dumps({"success": False, "message": message, "messageKey": "BROKEN"}).encode()
    return Answer(status, [(b"content-type", b"application/json")], b"").with_body(body)


# --- conformance: schemathesis must catch these -------------------------------------------------

#: Accepts any Authorization header as the valid key (a wrong key, a wrong scheme, garbage).
accepts_any_key = rewrite_requests(
    lambda asked: (
        asked.with_header("authorization", VALID_AUTHORIZATION)
        if asked.header("authorization")
        else asked
    )
)

#: Rejects the valid key: every request gets 401.
rejects_valid_key = variant(lambda asked, send: _constant(error(401, "Unauthorized")))


def _server_error_on_non_ascii_names(asked: Asked, answer: Answer) -> Answer:
    document = asked.json()
    name = document.get("agentName") if isinstance(document, dict) else None
    if isinstance(name, str) and not name.isascii():
        return error(500, "Internal server error")
    return answer


#: Crashes (a documented 500, still a server error) on agent names that are not ASCII.
server_error_on_non_ascii_names = rewrite_answers(_server_error_on_non_ascii_names)

#: Drops a required field of the agent.
drops_updated_at = rewrite_clones(lambda asked, agent: agent.pop("updatedAt"))

#: Answers null for a boolean that is not nullable.
null_real_time = rewrite_clones(lambda asked, agent: agent.update(realTime=None))

#: Answers a number as a string.
string_silence_threshold = rewrite_clones(
    lambda asked, agent: agent.update(silenceThreshold=str(agent["silenceThreshold"]))
)

#: Answers invalid requests with 422, a status the spec does not document.
undocumented_status = rewrite_answers(
    lambda asked, answer: replace(answer, status=422) if answer.status == 400 else answer
)

#: Sends error answers as plain text.
text_errors = rewrite_answers(
    lambda asked, answer: (
        answer.with_body(b"something went wrong", "text/plain") if answer.status >= 400 else answer
    )
)


def _fill_empty_name(asked: Asked) -> Asked:
    document = asked.json()
    if isinstance(document, dict) and document.get("agentName") == "":
        return asked.with_json({**document, "agentName": "unnamed"})
    return asked


#: Accepts an empty agentName (invalid input) and clones anyway.
accepts_empty_name = rewrite_requests(_fill_empty_name)

# --- requests schemathesis does not make --------------------------------------------------------


def _bearer_as_token(asked: Asked) -> Asked:
    value = asked.header("authorization") or ""
    if value.startswith("Bearer "):
        return asked.with_header("authorization", f"Token {value.removeprefix('Bearer ')}")
    return asked


#: Accepts `Bearer <key>` as well as `Token <key>`.
accepts_bearer = rewrite_requests(_bearer_as_token)

#: Accepts any `Token <anything>`: it never looks the key up.
accepts_unknown_token = rewrite_requests(
    lambda asked: (
        asked.with_header("authorization", VALID_AUTHORIZATION)
        if (asked.header("authorization") or "").startswith("Token ")
        else asked
    )
)


def _missing_id_is_404(asked: Asked, answer: Answer) -> Answer:
    if answer.status == 400 and not any(name == "voiceAgentId" for name, _ in asked.query()):
        return error(404, "Voice agent not found")
    return answer


#: Answers a request without voiceAgentId with 404 instead of 400.
missing_id_is_404 = rewrite_answers(_missing_id_is_404)

# --- clone semantics ---------------------------------------------------------------------------

#: Tidies the requested name (trims and collapses whitespace) instead of keeping it exactly.
tidies_names = rewrite_clones(
    lambda asked, agent: agent.update(agentName=" ".join(agent["agentName"].split()))
)

#: Does not copy the configuration exactly: every clone's preamble is its own.
config_not_copied = rewrite_clones(
    lambda asked, agent: agent.update(preamble=f"{agent.get('preamble', '')} [{agent['id']}]")
)

#: Gives the clone the id of its source.
same_id_as_source = rewrite_clones(
    lambda asked, agent: agent.update(id=dict(asked.query()).get("voiceAgentId", agent["id"]))
)


async def _unknown_id_clones_template(asked: Asked, send: Send) -> Answer:
    answer = await send(asked)
    if answer.status != 404:
        return answer
    pairs = [
        (name, TEMPLATE_ID if name == "voiceAgentId" else value) for name, value in asked.query()
    ]
    return await send(asked.with_query(pairs))


#: Clones a template when the requested voiceAgentId is unknown (200 instead of 404).
unknown_id_clones_template = variant(_unknown_id_clones_template)

#: Crashes on an unknown voiceAgentId (500 instead of 404).
unknown_id_is_500 = rewrite_answers(
    lambda asked, answer: error(500, "Internal server error") if answer.status == 404 else answer
)


def _only_templates(asked: Asked) -> Asked:
    pairs = asked.query()
    if any(name == "voiceAgentId" and value not in TEMPLATE_IDS.values() for name, value in pairs):
        return asked.with_query(
            [(n, "contract-test-forgotten" if n == "voiceAgentId" else v) for n, v in pairs]
        )
    return asked


#: Does not store clones: only templates can be cloned.
clones_not_stored = rewrite_requests(_only_templates)

#: Gives every clone an old createdAt, as if copied from the source.
created_at_of_source = rewrite_clones(
    lambda asked, agent: agent.update(createdAt="2024-01-01T00:00:00.000Z")
)

# --- security ----------------------------------------------------------------------------------

#: Echoes the Authorization header back in a debug header.
leaks_key_in_header = rewrite_answers(
    lambda asked, answer: answer.with_header(
        "x-debug-authorization", asked.header("authorization") or ""
    )
)

#: Puts the API key itself where the id of the key belongs.
leaks_key_in_body = rewrite_clones(lambda asked, agent: agent.update(apiKeyId=DEFAULT_API_KEY))

# --- the generated client and drift ------------------------------------------------------------


def _rename(agent: dict[str, Any], old: str, new: str) -> None:
    agent[new] = agent.pop(old)


#: Renames a required field (createdAt -> created_at): the generated client cannot read answers.
renames_created_at = rewrite_clones(lambda asked, agent: _rename(agent, "createdAt", "created_at"))

#: Renames an optional field (greetingMessage -> greeting): valid against the schema, yet clients
#: reading greetingMessage get nothing.
renames_greeting_message = rewrite_clones(
    lambda asked, agent: _rename(agent, "greetingMessage", "greeting")
)

# --- not broken: the suite must pass these ------------------------------------------------------

ADDED_FIELDS: Final = ("data.voiceStyle", "data.llmConfig.region", "requestId", "traceId")


def _adds_fields(asked: Asked, answer: Answer) -> Answer:
    try:
        document = answer.json()
    except ValueError:
        return answer
    if answer.status == 200:
        document["requestId"] = "req-1"
        document["data"]["voiceStyle"] = "calm"
        document["data"]["llmConfig"]["region"] = "eu"
    elif isinstance(document, dict):
        document["traceId"] = "trace-1"
    return answer.with_json(document)


#: Adds fields the spec does not know, to successes and errors: additive drift only.
adds_fields = rewrite_answers(_adds_fields)


def _nullable_fields(schema: Mapping[str, Any]) -> list[str]:
    return [
        name
        for name, subschema in declared_properties(dict(schema)).items()
        if any(
            branch.get("type") == "null" or "null" in (branch.get("type") or [])
            for branch in branches(subschema)
        )
    ]


NULLABLE_AGENT_FIELDS: Final = tuple(_nullable_fields(spec.component("VoiceAgent")))

#: Answers null for every field of the agent the spec allows to be null.
nulls_where_allowed = rewrite_clones(
    lambda asked, agent: agent.update(dict.fromkeys(NULLABLE_AGENT_FIELDS))
)


LATENCY_SECONDS: Final = 0.060


async def _slow(asked: Asked, send: Send) -> Answer:
    await anyio.sleep(LATENCY_SECONDS)
    return await send(asked)


#: The correct mock, answering every request 60 ms late (for timing the suite, not a break).
slow_60ms = variant(_slow)


async def _constant(answer: Answer) -> Answer:
    return answer


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
