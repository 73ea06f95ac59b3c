"""A live run with requests side by side sends the same requests as one sent one at a time
(only their order on the wire differs), as many in all, and keeps the verdict.

The suite's own requests (hand-made checks, planned clones, hamsa_client) are compared one by
one. schemathesis' generated cases are compared by number only: two runs with the same seed do
not generate the same cases even one at a time (HAMSA_CONCURRENCY=1 twice differs too).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import httpx
import pytest
from starlette.types import Message, Receive, Scope, Send

from hamsa_contract.mock import create_app
from tests.support.live import run_live

Seen = tuple[str, str, bytes, tuple[tuple[bytes, bytes], ...], bytes]


class Recording:
    """The mock, keeping every request it receives."""

    def __init__(self) -> None:
        self.app = create_app()
        self.store = self.app.store
        self.seen: list[Seen] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        while not messages or messages[-1].get("more_body", False):
            messages.append(await receive())
        body = b"".join(message.get("body", b"") for message in messages)
        # Each run has its own server, on its own port.
        headers = tuple(sorted(item for item in scope["headers"] if item[0] != b"host"))
        self.seen.append((scope["method"], scope["path"], scope["query_string"], headers, body))
        replay = iter(messages)

        async def replayed() -> Message:
            return next(replay, None) or await receive()

        await self.app(scope, replayed, send)

    def requests(self) -> Counter[Seen]:
        """What it received from the suite's own clients (httpx), the ids of the agents it
        created written as `<clone>` (they differ from run to run)."""
        ids = [agent_id.encode() for agent_id in self.store.clone_ids()]

        def anonymous(value: bytes) -> bytes:
            for agent_id in ids:
                value = value.replace(agent_id, b"<clone>")
            return value

        return Counter(
            (method, path, anonymous(query), headers, anonymous(body))
            for method, path, query, headers, body in self.seen
            if (b"user-agent", b"python-httpx/" + httpx.__version__.encode()) in headers
        )


@pytest.mark.slow
def test_side_by_side_sends_the_same_requests_and_keeps_the_verdict(tmp_path: Path) -> None:
    one_at_a_time, side_by_side = Recording(), Recording()
    sequential = run_live(one_at_a_time, tmp_path / "sequential", {"HAMSA_CONCURRENCY": "1"})
    concurrent = run_live(side_by_side, tmp_path / "concurrent", {"HAMSA_CONCURRENCY": "8"})

    for done in (sequential, concurrent):
        assert done.run.returncode == 0, done.run.output
        assert "Verdict:  contract kept" in done.run.output
    assert len(side_by_side.seen) == len(one_at_a_time.seen) > 150
    assert sum(one_at_a_time.requests().values()) > 40
    assert side_by_side.requests() == one_at_a_time.requests()
    assert concurrent.created == sequential.created
