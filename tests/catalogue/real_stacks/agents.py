"""What every real-stack server shares: the seed agents (the mock's templates, as data), the clone
rule of CONTRACT.md decision 7, and two stores a team would write: an in-memory one and one in
SQLite (the standard library's sqlite3, the configuration in a JSON column).

Only data and the domain rule are shared; each server's HTTP layer is its own (one module per
framework), with that framework's defaults.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, Protocol

from hamsa_contract._spec import CLONE_OWN_FIELDS
from hamsa_contract.mock import DEFAULT_API_KEY
from hamsa_contract.mock._templates import TEMPLATES

API_KEY: Final = DEFAULT_API_KEY
SCHEME: Final = "Token"
# Fields a clone gets for itself; the rest is its source's configuration (decision 7).
OWN_FIELDS: Final = CLONE_OWN_FIELDS


def token_is_valid(authorization: str | None) -> bool:
    """Whether one Authorization value is `Token <API_KEY>` (the scheme in any case, RFC 9110
    §11.1). Which of several headers reaches here is the framework's choice (decision 9)."""
    if authorization is None:
        return False
    scheme, _, key = authorization.partition(" ")
    return scheme.lower() == SCHEME.lower() and key == API_KEY


def _timestamp() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def clone_of(source: Mapping[str, Any], agent_name: str) -> dict[str, Any]:
    """A new agent copying `source`'s configuration, with its own id, name and times."""
    created = _timestamp()
    configuration = {key: value for key, value in source.items() if key not in OWN_FIELDS}
    return {
        **configuration,
        "id": str(uuid.uuid4()),
        "agentName": agent_name,
        "isTemplate": False,
        "createdAt": created,
        "updatedAt": created,
    }


class AgentStore(Protocol):
    def clone(self, source_id: str, agent_name: str) -> dict[str, Any] | None:
        """Store and return a clone of `source_id`; None when there is no such agent."""

    def clone_count(self) -> int:
        """How many clones the store holds (the agents a run created)."""


class MemoryAgents:
    """Agents in a dict, one lock around each change (shared by a server's threads)."""

    def __init__(self) -> None:
        self._agents: dict[str, dict[str, Any]] = {
            agent["id"]: json.loads(json.dumps(dict(agent))) for agent in TEMPLATES
        }
        self._templates = frozenset(self._agents)
        self._lock = threading.Lock()

    def clone(self, source_id: str, agent_name: str) -> dict[str, Any] | None:
        with self._lock:
            source = self._agents.get(source_id)
            if source is None:
                return None
            clone = clone_of(source, agent_name)
            self._agents[clone["id"]] = clone
            return json.loads(json.dumps(clone))  # type: ignore[no-any-return]

    def clone_count(self) -> int:
        with self._lock:
            return len(self._agents) - len(self._templates)


_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS agents (
    id TEXT PRIMARY KEY,
    agent_name TEXT NOT NULL,
    is_template INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    configuration TEXT NOT NULL CHECK (json_valid(configuration))
)
"""


class SqliteAgents:
    """Agents in an SQLite file: the own fields as columns, the configuration as a JSON column.

    Each call opens its own connection (sqlite3 connections are not shared between threads);
    `connect()` is there for a web app that keeps one per request.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        with self.connect() as db:
            db.execute(_SCHEMA)
            db.executemany(
                "INSERT OR IGNORE INTO agents VALUES (?, ?, 1, ?, ?, ?)",
                [
                    (
                        agent["id"],
                        agent["agentName"],
                        agent["createdAt"],
                        agent["updatedAt"],
                        json.dumps({k: v for k, v in agent.items() if k not in OWN_FIELDS}),
                    )
                    for agent in TEMPLATES
                ],
            )
        db.close()

    def connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)

    def clone(self, source_id: str, agent_name: str) -> dict[str, Any] | None:
        db = self.connect()
        try:
            return self.clone_with(db, source_id, agent_name)
        finally:
            db.close()

    def clone_with(
        self, db: sqlite3.Connection, source_id: str, agent_name: str
    ) -> dict[str, Any] | None:
        """`clone`, on a connection the caller holds (committed before it returns)."""
        with db:
            row = db.execute(
                "SELECT configuration FROM agents WHERE id = ?", (source_id,)
            ).fetchone()
            if row is None:
                return None
            clone = clone_of(json.loads(row[0]), agent_name)
            db.execute(
                "INSERT INTO agents VALUES (?, ?, 0, ?, ?, ?)",
                (
                    clone["id"],
                    agent_name,
                    clone["createdAt"],
                    clone["updatedAt"],
                    json.dumps({k: v for k, v in clone.items() if k not in OWN_FIELDS}),
                ),
            )
        return clone

    def clone_count(self) -> int:
        db = self.connect()
        try:
            (count,) = db.execute("SELECT COUNT(*) FROM agents WHERE is_template = 0").fetchone()
            return int(count)
        finally:
            db.close()
