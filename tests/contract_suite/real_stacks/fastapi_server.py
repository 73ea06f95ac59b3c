"""The clone endpoint on FastAPI, as its tutorial teaches: a Pydantic body model, a query
parameter with a constraint, the API key as a security dependency, and exception handlers that
turn FastAPI's own errors (422 validation, Starlette's 404/405, any other exception) into the
contract's error envelope (CONTRACT.md decision 5).

Framework defaults kept: the body is parsed and, when it is not JSON, refused before the
security dependency runs (so an invalid body without credentials gets 400: decision 8 allows
it); the first of repeated Authorization headers is the one read (`request.headers.get`,
decision 9); answers are `json.dumps(ensure_ascii=False)`, compact.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyHeader
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from tests.contract_suite.real_stacks.agents import MemoryAgents, token_is_valid
from tests.contract_suite.real_stacks.serving import StackServer, by_uvicorn


class CloneRequest(BaseModel):
    agentName: str = Field(min_length=1)


def _error(status: int, message: str, key: str, headers: Any = None) -> JSONResponse:
    body = {"success": False, "message": message, "messageKey": key}
    return JSONResponse(body, status_code=status, headers=headers)


authorization = APIKeyHeader(name="Authorization", auto_error=False)


def api_key(header: Annotated[str | None, Depends(authorization)]) -> None:
    if not token_is_valid(header):
        raise HTTPException(401, "Unauthorized", headers={"WWW-Authenticate": "Token"})


def create_app(store: MemoryAgents) -> FastAPI:
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

    @app.post("/v1/voice-agents/clone", dependencies=[Depends(api_key)])
    def clone_voice_agent(
        voice_agent_id: Annotated[str, Query(alias="voiceAgentId", min_length=1)],
        body: CloneRequest,
    ) -> dict[str, Any]:
        clone = store.clone(voice_agent_id, body.agentName)
        if clone is None:
            raise HTTPException(404, "Voice agent not found")
        return {"success": True, "message": "success", "data": clone}

    return app


def server() -> StackServer:
    store = MemoryAgents()
    return StackServer("FastAPI", store, by_uvicorn(create_app(store)))
