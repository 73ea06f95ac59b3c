"""Running the contract suite against a server as a user would against theirs: the server on
loopback, named by HAMSA_BASE_URL, HAMSA_API_KEY and HAMSA_VOICE_AGENT_ID, default settings
unless `env` says otherwise, the whole suite (no `-m`)."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from starlette.types import Receive, Scope, Send

from hamsa_contract.mock import DEFAULT_API_KEY, TEMPLATE_IDS, serve_in_thread
from hamsa_contract.mock._store import AgentStore
from tests.support.running import SuiteRun, run_contract_suite


class Served(Protocol):
    """An ASGI app with the mock's store at hand (the mock itself, or a wrapped one)."""

    store: AgentStore

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None: ...


@runtime_checkable
class SelfServed(Protocol):
    """A server that serves itself on loopback (a real stack, on its own kind of server) and
    counts the agents it stored."""

    def serve(self) -> AbstractContextManager[str]: ...

    def clone_count(self) -> int: ...


@dataclass(frozen=True)
class LiveRun:
    """One live run: what the suite printed, how many agents the server stored, how long."""

    run: SuiteRun
    created: int
    seconds: float


def live_environment(base_url: str, env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The HAMSA_* variables naming a mock served at `base_url` as a live target."""
    return {
        "HAMSA_BASE_URL": base_url,
        "HAMSA_API_KEY": DEFAULT_API_KEY,
        "HAMSA_VOICE_AGENT_ID": next(iter(TEMPLATE_IDS.values())),
        **(env or {}),
    }


def run_live(
    app: Served | SelfServed,
    tmp_path: Path,
    env: Mapping[str, str] | None = None,
    *,
    deselect: Sequence[str] = (),
) -> LiveRun:
    """Serve `app` on loopback and run the whole suite against it live (but `deselect`)."""
    started = time.monotonic()
    serving = app.serve() if isinstance(app, SelfServed) else serve_in_thread(app)
    with serving as base_url:
        run = run_contract_suite(tmp_path, env=live_environment(base_url, env), deselect=deselect)
    created = app.clone_count() if isinstance(app, SelfServed) else len(app.store.clone_ids())
    return LiveRun(run, created, time.monotonic() - started)
