"""The clone endpoint on Flask, served by waitress, storing agents in SQLite the way Flask's
tutorial does (one connection per request on `g`, closed at teardown).

Errors: Flask's own (404, 405, the 400 of a body that is not JSON, the 415 of a body that is not
sent as JSON) and any other exception are turned into the contract's error envelope by error
handlers; the 415 becomes 400, the status decision 5 gives a body that is not JSON.

Framework defaults kept: waitress, a WSGI server, joins repeated headers into one
comma-separated value, so a request with two Authorization headers is refused (decision 9);
`jsonify` escapes non-ASCII characters as `\\u` sequences and sorts keys.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from flask import Flask, Response, g, jsonify, request
from werkzeug.exceptions import HTTPException, UnsupportedMediaType

from tests.catalogue.real_stacks.agents import SqliteAgents, token_is_valid
from tests.catalogue.real_stacks.serving import StackServer, by_waitress


def _error(status: int, message: str, key: str) -> tuple[Response, int]:
    return jsonify(success=False, message=message, messageKey=key), status


def create_app(store: SqliteAgents) -> Flask:
    app = Flask(__name__)

    def db() -> sqlite3.Connection:
        if "db" not in g:
            g.db = store.connect()
        connection: sqlite3.Connection = g.db
        return connection

    @app.teardown_appcontext
    def close_db(exc: BaseException | None) -> None:
        connection = g.pop("db", None)
        if connection is not None:
            connection.close()

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> tuple[Response, int]:
        if isinstance(exc, UnsupportedMediaType):
            return _error(400, "the body must be sent as application/json", "VALIDATION_ERROR")
        status = exc.code or 500
        return _error(status, exc.name, f"HTTP_{status}")

    @app.errorhandler(Exception)
    def server_error(exc: Exception) -> tuple[Response, int]:
        return _error(500, "Internal server error", "INTERNAL_ERROR")

    @app.post("/v1/voice-agents/clone")
    def clone_voice_agent() -> tuple[Response, int]:
        if not token_is_valid(request.headers.get("Authorization")):
            return _error(401, "Unauthorized", "UNAUTHORIZED")
        source_id = request.args.get("voiceAgentId")
        if not source_id:
            return _error(400, "voiceAgentId is required", "VALIDATION_ERROR")
        body: Any = request.get_json()
        name = body.get("agentName") if isinstance(body, dict) else None
        if not isinstance(name, str) or not name:
            return _error(400, "agentName must be a non-empty string", "VALIDATION_ERROR")
        clone = store.clone_with(db(), source_id, name)
        if clone is None:
            return _error(404, "Voice agent not found", "VOICE_AGENT_NOT_FOUND")
        return jsonify(success=True, message="success", data=clone), 200

    return app


def server() -> StackServer:
    store = SqliteAgents(Path(tempfile.mkdtemp(prefix="flask-agents-")) / "agents.sqlite3")
    return StackServer("Flask", store, by_waitress(create_app(store)))
