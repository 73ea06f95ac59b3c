"""`--timeout` bounds a whole request at the door: an answer dripped past it is a request without
an answer (its check does not run, so the run cannot be a pass), sync and async alike."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

from hamsa_contract.plan._budget import WriteBudget
from hamsa_contract.report._ledger import Ledger
from hamsa_contract.send._door import GuardedTransport, NoAnswer
from hamsa_contract.send._journal import Journal
from tests.hamsa_contract.send.test_door import AGENT, BODY, CLONE, KEY, VALID

NOT_FOUND = b'{"success": false, "message": "Voice agent not found"}'


class Dripping(httpx.SyncByteStream, httpx.AsyncByteStream):
    """An answer's body, one byte every `seconds` (each read is quick: no read timeout fires)."""

    def __init__(self, body: bytes, seconds: float) -> None:
        self._body = body
        self._seconds = seconds

    def __iter__(self) -> Iterator[bytes]:
        for byte in self._body:
            time.sleep(self._seconds)
            yield bytes([byte])

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for byte in self._body:
            await asyncio.sleep(self._seconds)
            yield bytes([byte])


def dripping(request: httpx.Request) -> httpx.Response:
    # 55 bytes at 0.03 s: 1.65 s in all; the timeout of the door's that must cut it is 0.3 s.
    headers = {"content-type": "application/json"}
    return httpx.Response(404, headers=headers, stream=Dripping(NOT_FOUND, 0.03))


def door(request_timeout: float) -> tuple[GuardedTransport, Journal]:
    journal = Journal()
    mock = httpx.MockTransport(dripping)
    transport = GuardedTransport(
        mock,
        mock,
        budget=WriteBudget(None),
        journal=journal,
        ledger=Ledger(),
        api_key=KEY,
        voice_agent_id=AGENT,
        request_timeout=request_timeout,
    )
    return transport, journal


def request() -> dict[str, object]:
    return {"params": {"voiceAgentId": "unknown-1"}, "headers": VALID, "json": BODY}


def test_a_sync_answer_dripped_past_the_timeout_is_no_answer() -> None:
    transport, journal = door(0.3)
    with (
        httpx.Client(base_url="http://target.test", transport=transport) as http,
        pytest.raises(NoAnswer) as raised,
    ):
        http.post(CLONE, **request())  # type: ignore[arg-type]

    said = "timed out: no complete answer within 0.3 s (--timeout)"
    assert str(raised.value) == f"no answer: POST {CLONE} {said}"
    assert journal.recent(1)[0].unanswered == said
    assert transport.unanswered == 1


def test_an_async_answer_dripped_past_the_timeout_is_no_answer() -> None:
    transport, _ = door(0.3)

    async def send() -> None:
        async with httpx.AsyncClient(base_url="http://target.test", transport=transport) as http:
            await http.post(CLONE, **request())  # type: ignore[arg-type]

    with pytest.raises(NoAnswer, match=r"no complete answer within 0\.3 s"):
        asyncio.run(send())
    assert transport.unanswered == 1


def test_an_answer_within_the_timeout_is_an_answer() -> None:
    transport, journal = door(30.0)
    with httpx.Client(base_url="http://target.test", transport=transport) as http:
        response = http.post(CLONE, **request())  # type: ignore[arg-type]

    assert response.status_code == 404
    assert response.content == NOT_FOUND
    assert journal.total == 1
