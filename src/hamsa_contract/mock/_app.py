"""The mock's ASGI app: `POST /v1/voice-agents/clone` as CONTRACT.md describes it.

Order of checks, so each negative test meets the error it aims at:

1. routing: an unknown path gives 404, another method on the clone path 405 (both with the error
   envelope, no auth needed: the route does not exist for them; CONTRACT.md decision 10);
2. auth: 401 before anything else about the request is looked at, so neither a validation error
   nor a `Prefer` scenario can tell an unauthenticated caller anything (CONTRACT.md decision 8
   requires this for an unknown id and allows it for an invalid request);
3. the `Prefer` scenario header (400 when malformed); its delay, then its forced status;
4. validation: `voiceAgentId`, then the body (400; 415 for a body sent as another media type),
   then what the scenario asks of the name (`require-name`, `name-limit`: 400);
5. lookup of `voiceAgentId` (404), then the clone (200): a body without a name clones under the
   source's name (CONTRACT.md decision 4).

An error answer after step 3 carries `error` instead of `message` when the scenario asks for it
(`error-field=error`, decision 5).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qsl

from anyio import sleep
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware.errors import ServerErrorMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from hamsa_contract._agent_name_rules import may_be_refused_for_length
from hamsa_contract.mock import _request_rules as spec
from hamsa_contract.mock import _responses as responses
from hamsa_contract.mock import _validation as validation
from hamsa_contract.mock._auth import TokenAuth
from hamsa_contract.mock._scenarios import (
    PREFER_HEADER,
    PREFERENCE_APPLIED_HEADER,
    RATE_LIMITED_STATUS,
    Scenario,
    ScenarioError,
    parse_prefer,
)
from hamsa_contract.mock._store import DEFAULT_MAX_CLONE_BYTES, DEFAULT_MAX_CLONES, AgentStore
from hamsa_contract.mock._templates import TEMPLATES

DEFAULT_API_KEY = "mock-api-key"
SPEC_ROUTE = "/openapi.yaml"

_HTTP_ERROR_KEYS = {404: responses.NOT_FOUND, 405: responses.METHOD_NOT_ALLOWED}


class MockApp(Starlette):
    """The Starlette app, with its store and auth at hand for tests and tools.

    A clone request (`POST` to the clone path, the mock's hot path) goes straight to the clone
    endpoint, wrapped in Starlette's own 500 handling, instead of through the router and the
    exception middleware: the same answer, ~20 µs less work per request. Every other
    request, and any request under a `root_path` (a mounted mock), takes Starlette's way.
    """

    store: AgentStore
    auth: TokenAuth
    clone_endpoint: ASGIApp

    def answers_at_once(self, scope: Scope) -> bool:
        """Whether the answer to this request needs no waiting on anything (no event loop): a
        clone request without a `Prefer` scenario (whose delay would sleep). The in-process
        transport runs such sync requests in one step (see `transport.py`)."""
        return _is_clone_call(scope) and not any(name == _PREFER for name, _ in scope["headers"])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if _is_clone_call(scope):
            scope["app"] = self
            await self.clone_endpoint(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def _is_clone_call(scope: Scope) -> bool:
    """A clone request to the mock itself (not mounted under a `root_path`)."""
    return (
        scope["type"] == "http"
        and scope["path"] == spec.CLONE_PATH
        and scope["method"] == "POST"
        and not scope.get("root_path")
    )


class _CloneEndpoint:
    """The clone operation as a plain ASGI app, bound to one store and one key.

    It reads the ASGI scope and body directly rather than through a `Request` (the mock's hot
    path); `MockApp` calls it directly, Starlette's router when the mock is mounted.
    """

    def __init__(self, store: AgentStore, auth: TokenAuth) -> None:
        self._store = store
        self._auth = auth
        self._scenario_codes = spec.documented_error_statuses()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = await self.handle(scope, receive)
        await response(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive) -> Response:
        """Answer one clone request, checks in the order the module docstring gives."""
        headers = _HeaderLists(scope)
        refusal = self._auth.refusal(headers.getlist(b"authorization"))
        if refusal is not None:
            return responses.error(401, refusal, responses.UNAUTHORIZED)
        try:
            scenario = parse_prefer(headers.getlist(_PREFER), self._scenario_codes)
        except ScenarioError as exc:
            return responses.error(400, str(exc), responses.INVALID_SCENARIO)
        if scenario.delay_ms:
            await sleep(scenario.delay_ms / 1000)
        response = await self._answer(scope, receive, headers, scenario)
        if scenario.error_field == "error" and response.status_code >= 400:
            response = responses.with_error_field(response)
        if scenario.applied:
            response.headers[PREFERENCE_APPLIED_HEADER] = scenario.applied
        return response

    async def _answer(
        self, scope: Scope, receive: Receive, headers: _HeaderLists, scenario: Scenario
    ) -> Response:
        if scenario.code is not None:
            return _scenario_response(scenario, scenario.code)
        try:
            source_id = validation.voice_agent_id(_query_values(scope, validation.VOICE_AGENT_ID))
            body = await validation.read_body(_body_chunks(receive))
            content_types = headers.getlist(b"content-type")
            name = validation.agent_name(content_types[0] if content_types else None, body)
        except validation.UnsupportedMediaType as exc:
            return responses.error(exc.status, str(exc), responses.UNSUPPORTED_MEDIA_TYPE)
        except validation.RequestInvalid as exc:
            return responses.error(exc.status, str(exc), responses.VALIDATION_ERROR)
        refusal = _name_refusal(name, scenario)
        if refusal is not None:
            return responses.error(400, refusal, responses.VALIDATION_ERROR)
        clone = self._store.add_clone(source_id, name)
        if clone is None:
            return responses.error(404, "Voice agent not found", responses.VOICE_AGENT_NOT_FOUND)
        return responses.success(clone)


_PREFER = PREFER_HEADER.lower().encode("latin-1")


def _name_refusal(name: str | None, scenario: Scenario) -> str | None:
    """Why the scenario refuses this name (the other conforming behaviour); None to clone."""
    if name is None and scenario.require_name:
        return "body.agentName is required: a non-empty string"
    limit = scenario.name_limit
    if name is not None and limit is not None and may_be_refused_for_length(name, limit):
        return f"body.agentName is longer than {limit} characters"
    return None


class _HeaderLists:
    """Request header values by (lower-case) name, decoded as Starlette does (latin-1)."""

    __slots__ = ("_raw",)

    def __init__(self, scope: Scope) -> None:
        self._raw: list[tuple[bytes, bytes]] = scope["headers"]

    def getlist(self, name: bytes) -> list[str]:
        return [value.decode("latin-1") for key, value in self._raw if key == name]


def _query_values(scope: Scope, name: str) -> list[str]:
    """Every value of query parameter `name`, parsed as Starlette's `QueryParams` does."""
    query = scope["query_string"].decode("latin-1")
    return [value for key, value in parse_qsl(query, keep_blank_values=True) if key == name]


async def _body_chunks(receive: Receive) -> AsyncIterator[bytes]:
    """The request body as it arrives (`Request.stream()` without the `Request`)."""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnect()
        yield message.get("body", b"")
        if not message.get("more_body", False):
            return


def _scenario_response(scenario: Scenario, code: int) -> Response:
    headers = {}
    if code == RATE_LIMITED_STATUS:
        headers["Retry-After"] = str(scenario.retry_after_seconds)
    return responses.documented(code, spec.response_example(code), headers)


async def _serve_spec(request: Request) -> Response:
    return Response(spec.spec_text(), media_type="application/yaml")


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    key = _HTTP_ERROR_KEYS.get(exc.status_code, f"HTTP_{exc.status_code}")
    return responses.error(exc.status_code, exc.detail, key, headers=exc.headers)


async def _server_error(request: Request, exc: Exception) -> Response:
    return responses.error(500, "Internal server error", responses.INTERNAL_ERROR)


def create_app(
    *,
    api_key: str = DEFAULT_API_KEY,
    max_clones: int = DEFAULT_MAX_CLONES,
    max_clone_bytes: int = DEFAULT_MAX_CLONE_BYTES,
) -> MockApp:
    """A fresh mock: its own store, seeded with the templates, accepting `Token <api_key>`.

    `max_clones` and `max_clone_bytes` bound the clones kept, in number and in bytes of memory
    (oldest evicted first; templates are never evicted).
    Besides the clone operation the app serves the spec itself at `GET /openapi.yaml`.
    """
    store = AgentStore(TEMPLATES, max_clones=max_clones, max_clone_bytes=max_clone_bytes)
    auth = TokenAuth(api_key)
    clone_endpoint = _CloneEndpoint(store, auth)
    exception_handlers: dict[Any, Any] = {HTTPException: _http_error, Exception: _server_error}
    app = MockApp(
        routes=[
            Route(spec.CLONE_PATH, clone_endpoint, methods=["POST"]),
            Route(SPEC_ROUTE, _serve_spec, methods=["GET"]),
        ],
        exception_handlers=exception_handlers,
    )
    # Only the exact paths exist: no 307 from `/clone/` to `/clone`, an undocumented status.
    app.router.redirect_slashes = False
    app.store = store
    app.auth = auth
    app.clone_endpoint = ServerErrorMiddleware(clone_endpoint, handler=_server_error)
    return app
