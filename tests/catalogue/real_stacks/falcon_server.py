"""The clone endpoint on Falcon's ASGI app, served by uvicorn, as Falcon's docs teach: a resource
class with an `on_post` responder that raises Falcon's HTTP errors, and an error serializer
(`set_error_serializer`) that writes every HTTPError, Falcon's own 404 and 405 and the 500 of an
unhandled exception among them, as the contract's error envelope (CONTRACT.md decision 5); its
415 for a body not sent as JSON becomes the 400 decision 5 gives such a body.

Falcon's media handlers read a form (`application/x-www-form-urlencoded`) into a dict as readily
as JSON, so `on_post` checks the media type itself (decision 14); `server_binding_forms` is the
same resource without that check, a loose binder that clones from a form.

Framework defaults kept: Falcon answers OPTIONS itself with 200 and an `Allow` header
(decision 10 allows it); its JSON handler writes `json.dumps(ensure_ascii=False)` output;
Falcon's ASGI request joins repeated headers with a comma, so a request with two Authorization
headers is refused (decision 9).
"""

from __future__ import annotations

import falcon
import falcon.asgi

from tests.catalogue.real_stacks.agents import MemoryAgents, token_is_valid
from tests.catalogue.real_stacks.serving import StackServer, by_uvicorn

_KEYS = {
    400: "VALIDATION_ERROR",
    401: "UNAUTHORIZED",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    500: "INTERNAL_ERROR",
}


class VoiceAgentNotFound(falcon.HTTPNotFound):
    """No agent with the requested voiceAgentId (not a missing route)."""


class CloneResource:
    def __init__(self, store: MemoryAgents, *, checks_media_type: bool = True) -> None:
        self._store = store
        self._checks_media_type = checks_media_type

    async def on_post(self, req: falcon.asgi.Request, resp: falcon.asgi.Response) -> None:
        if not token_is_valid(req.get_header("Authorization")):
            raise falcon.HTTPUnauthorized(title="Unauthorized", challenges=["Token"])
        source_id = req.get_param("voiceAgentId", required=True)
        if not source_id:  # Falcon keeps blank values (`keep_blank_qs_values`); decision 5: 400
            raise falcon.HTTPInvalidParam("must not be empty", "voiceAgentId")
        media_type = (req.content_type or falcon.MEDIA_JSON).split(";")[0].strip().lower()
        if self._checks_media_type and media_type != falcon.MEDIA_JSON:
            raise falcon.HTTPUnsupportedMediaType(title="the body must be sent as JSON")
        body = await req.get_media()
        name = body.get("agentName") if isinstance(body, dict) else None
        if not isinstance(name, str) or not name:
            raise falcon.HTTPBadRequest(title="agentName must be a non-empty string")
        clone = self._store.clone(source_id, name)
        if clone is None:
            raise VoiceAgentNotFound(title="Voice agent not found")
        resp.media = {"success": True, "message": "success", "data": clone}


def serialize_error(
    req: falcon.asgi.Request, resp: falcon.asgi.Response, exception: falcon.HTTPError
) -> None:
    status = exception.status_code
    if isinstance(exception, falcon.HTTPUnsupportedMediaType):
        resp.status = status = 400
    key = "VOICE_AGENT_NOT_FOUND" if isinstance(exception, VoiceAgentNotFound) else None
    resp.media = {
        "success": False,
        "message": exception.title or "error",
        "messageKey": key or _KEYS.get(status, f"HTTP_{status}"),
    }
    resp.content_type = falcon.MEDIA_JSON


def create_app(
    store: MemoryAgents, *, checks_media_type: bool = True
) -> falcon.asgi.App[falcon.asgi.Request, falcon.asgi.Response]:
    app = falcon.asgi.App()
    app.add_route(
        "/v1/voice-agents/clone", CloneResource(store, checks_media_type=checks_media_type)
    )
    app.set_error_serializer(serialize_error)
    return app


def server() -> StackServer:
    store = MemoryAgents()
    return StackServer("Falcon", store, by_uvicorn(create_app(store)))


def server_binding_forms() -> StackServer:
    """Broken (decision 14): clones from a form, as Falcon's media handlers read one."""
    store = MemoryAgents()
    return StackServer("Falcon", store, by_uvicorn(create_app(store, checks_media_type=False)))
