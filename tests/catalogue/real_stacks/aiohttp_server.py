"""The clone endpoint on aiohttp, as its server docs teach: a route table, `web.json_response`,
and an error middleware that turns aiohttp's own HTTP errors (its text/plain 404 and 405
pages) and any other exception into the contract's error envelope (CONTRACT.md decision 5).

Framework defaults kept: `request.headers.get` reads the first of repeated Authorization
headers (decision 9); `request.json()` parses the body whatever its content type, so the handler
checks `request.content_type` itself (415, decision 14) — `server_reading_any_content_type` is the
same endpoint without that check, a loose binder that clones from JSON sent as text/plain;
`json_response` writes `json.dumps` output (non-ASCII as `\\u` escapes, `", "` separators) as
`application/json; charset=utf-8`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from tests.catalogue.real_stacks.agents import MemoryAgents, token_is_valid
from tests.catalogue.real_stacks.serving import StackServer, by_aiohttp

STORE: web.AppKey[MemoryAgents] = web.AppKey("store", MemoryAgents)
CHECKS_MEDIA_TYPE: web.AppKey[bool] = web.AppKey("checks_media_type", bool)
routes = web.RouteTableDef()


def _error(status: int, message: str, key: str) -> web.Response:
    body = {"success": False, "message": message, "messageKey": key}
    return web.json_response(body, status=status)


@routes.post("/v1/voice-agents/clone")
async def clone_voice_agent(request: web.Request) -> web.Response:
    if not token_is_valid(request.headers.get("Authorization")):
        return _error(401, "Unauthorized", "UNAUTHORIZED")
    source_id = request.query.get("voiceAgentId")
    if not source_id:
        return _error(400, "voiceAgentId is required", "VALIDATION_ERROR")
    if request.app[CHECKS_MEDIA_TYPE] and request.content_type != "application/json":
        return _error(415, "the body must be sent as application/json", "UNSUPPORTED_MEDIA_TYPE")
    try:
        body: Any = await request.json()
    except ValueError:
        return _error(400, "the body is not JSON", "VALIDATION_ERROR")
    name = body.get("agentName") if isinstance(body, dict) else None
    if not isinstance(name, str) or not name:
        return _error(400, "agentName must be a non-empty string", "VALIDATION_ERROR")
    clone = request.app[STORE].clone(source_id, name)
    if clone is None:
        return _error(404, "Voice agent not found", "VOICE_AGENT_NOT_FOUND")
    return web.json_response({"success": True, "message": "success", "data": clone})


@web.middleware
async def error_envelope(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        return _error(exc.status, exc.reason, f"HTTP_{exc.status}")
    except Exception:
        return _error(500, "Internal server error", "INTERNAL_ERROR")


def create_app(store: MemoryAgents, *, checks_media_type: bool = True) -> web.Application:
    app = web.Application(middlewares=[error_envelope])
    app[STORE] = store
    app[CHECKS_MEDIA_TYPE] = checks_media_type
    app.add_routes(routes)
    return app


def server() -> StackServer:
    store = MemoryAgents()
    return StackServer("aiohttp", store, by_aiohttp(create_app(store)))


def server_reading_any_content_type() -> StackServer:
    """Broken (decision 14): clones from JSON sent as text/plain, as `request.json()` reads it."""
    store = MemoryAgents()
    return StackServer("aiohttp", store, by_aiohttp(create_app(store, checks_media_type=False)))
