"""One clone call through the generated client, sync or async, answered in-process by a handler."""

from __future__ import annotations

import asyncio
import copy
import json
from collections.abc import Callable
from typing import Any, Literal

import httpx

from hamsa_client import AuthenticatedClient, RetryPolicy
from hamsa_client.api.voice_agents import clone_voice_agent
from hamsa_client.models import CloneVoiceAgentRequest, CloneVoiceAgentResponse, ErrorResponse
from hamsa_client.types import Response

# Distinctive, so that finding it anywhere in a text is a leak and not a coincidence.
API_KEY = "hk_live_7Qv9ZmX2pL4sT8wB"
SOURCE_ID = "tmpl-ar-support"

Mode = Literal["sync", "async"]
MODES: list[Mode] = ["sync", "async"]
Handler = Callable[[httpx.Request], httpx.Response]
Parsed = CloneVoiceAgentResponse | ErrorResponse
MISSING = object()


def make_client(handler: Handler, **options: Any) -> AuthenticatedClient:
    """A client whose requests `handler` answers; `options` go to AuthenticatedClient."""
    return AuthenticatedClient(
        token=API_KEY, httpx_args={"transport": httpx.MockTransport(handler)}, **options
    )


def clone(mode: Mode, client: AuthenticatedClient) -> Parsed:
    """`sync()` or `asyncio()`, inside the client's context manager: the parsed answer."""
    parsed: Parsed = _call(mode, client, detailed=False)
    return parsed


def clone_detailed(mode: Mode, client: AuthenticatedClient) -> Response[Parsed]:
    """`sync_detailed()` or `asyncio_detailed()`, inside the client's context manager."""
    response: Response[Parsed] = _call(mode, client, detailed=True)
    return response


def _call(mode: Mode, client: AuthenticatedClient, *, detailed: bool) -> Any:
    body = CloneVoiceAgentRequest(agent_name="Acme Support")
    api = clone_voice_agent
    if mode == "sync":
        with client:
            call = api.sync_detailed if detailed else api.sync
            return call(client=client, body=body, voice_agent_id=SOURCE_ID)

    async def run() -> Any:
        async with client:
            call = api.asyncio_detailed if detailed else api.asyncio
            return await call(client=client, body=body, voice_agent_id=SOURCE_ID)

    return asyncio.run(run())


def answer(status: int, body: bytes | Any, headers: dict[str, str] | None = None) -> Handler:
    """A handler that always answers `status` with `body` (bytes as is, anything else as JSON)."""
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    content_type = "text/html" if content.lstrip().startswith(b"<") else "application/json"
    all_headers = {"content-type": content_type, **(headers or {})}

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, content=content, headers=all_headers)

    return handler


def answers(*outcomes: httpx.Response | Exception, seen: list[httpx.Request]) -> Handler:
    """A handler that plays `outcomes` in order (raising the exceptions), recording each request."""
    remaining = list(outcomes)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        outcome = remaining.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    return handler


def with_value(example: dict[str, Any], path: tuple[str, ...], value: Any) -> Any:
    """A copy of `example` with the value at `path` replaced (or removed, for MISSING)."""
    if not path:
        return value
    changed = copy.deepcopy(example)
    parent = changed
    for key in path[:-1]:
        parent = parent[key]
    if value is MISSING:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return changed


class Waits:
    """Injected sleeps: they record how long the client would have waited."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.seconds.append(seconds)

    async def async_sleep(self, seconds: float) -> None:
        self.seconds.append(seconds)

    def policy(self, **options: Any) -> RetryPolicy:
        return RetryPolicy(sleep=self.sleep, async_sleep=self.async_sleep, **options)
