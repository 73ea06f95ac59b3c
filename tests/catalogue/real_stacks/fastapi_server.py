"""The clone endpoint on FastAPI, as its tutorial teaches: a Pydantic body model, a query
parameter with a constraint, and exception handlers that turn FastAPI's own errors (422
validation, Starlette's 404/405, any other exception) into the contract's error envelope
(CONTRACT.md decision 5). The key is read in one of the two ways FastAPI's docs teach:

- `security`: a security dependency (`APIKeyHeader`), which FastAPI runs before it validates
  the parameters and the body, so a well-formed but invalid body without credentials gets 401;
- `header`: a `Header()` parameter checked in the handler, which FastAPI calls only once every
  parameter and the body are valid, so an invalid body without credentials gets 400.

Decision 8 allows both. Framework defaults kept either way: a body that is not JSON is refused
before anything else runs (400 without credentials too); the first of repeated Authorization
headers is the one read (`request.headers.get`, decision 9); answers are
`json.dumps(ensure_ascii=False)`, compact.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyHeader
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from tests.catalogue.real_stacks.agents import MemoryAgents, token_is_valid
from tests.catalogue.real_stacks.serving import StackServer, by_uvicorn

PATH = "/v1/voice-agents/clone"
VoiceAgentId = Annotated[str, Query(alias="voiceAgentId", min_length=1)]


class CloneRequest(BaseModel):
    agentName: str = Field(min_length=1)


authorization = APIKeyHeader(name="Authorization", auto_error=False)


def api_key(header: Annotated[str | None, Depends(authorization)]) -> None:
    if not token_is_valid(header):
        raise HTTPException(401, "Unauthorized", headers={"WWW-Authenticate": "Token"})


def _error(status: int, message: str, key: str, headers: Any = None) -> JSONResponse:
    body = {"success": False, "message": message, "messageKey": key}
    return JSONResponse(body, status_code=status, headers=headers)


def create_app(store: MemoryAgents, *, key_from: Literal["security", "header"]) -> FastAPI:
    app = FastAPI(title="voice agents", openapi_url=None, docs_url=None, redoc_url=None)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail), f"HTTP_{exc.status_code}", exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        where = ".".join(str(part) for part in exc.errors()[0]["loc"])
        return _error(400, f"{where}: {exc.errors()[0]['msg']}", "VALIDATION_ERROR")

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> JSONResponse:
        return _error(500, "Internal server error", "INTERNAL_ERROR")

    def clone(voice_agent_id: str, body: CloneRequest) -> dict[str, Any]:
        agent = store.clone(voice_agent_id, body.agentName)
        if agent is None:
            raise HTTPException(404, "Voice agent not found")
        return {"success": True, "message": "success", "data": agent}

    if key_from == "security":

        @app.post(PATH, dependencies=[Depends(api_key)])
        def clone_voice_agent(voice_agent_id: VoiceAgentId, body: CloneRequest) -> dict[str, Any]:
            return clone(voice_agent_id, body)

    else:

        @app.post(PATH)
        def clone_voice_agent_checking_the_key(
            voice_agent_id: VoiceAgentId,
            body: CloneRequest,
            authorization: Annotated[str | None, Header()] = None,
        ) -> dict[str, Any]:
            api_key(authorization)
            return clone(voice_agent_id, body)

    return app


def server() -> StackServer:
    store = MemoryAgents()
    return StackServer("FastAPI", store, by_uvicorn(create_app(store, key_from="security")))


def server_checking_the_key_in_the_handler() -> StackServer:
    store = MemoryAgents()
    return StackServer("FastAPI", store, by_uvicorn(create_app(store, key_from="header")))
