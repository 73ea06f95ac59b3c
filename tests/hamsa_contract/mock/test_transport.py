"""InProcessTransport: one transport serving sync and async httpx clients, no network."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator

import httpx
import pytest

from hamsa_contract.mock import IN_PROCESS_BASE_URL, TEMPLATE_IDS, InProcessTransport, create_app
from hamsa_contract.mock._request_rules import CLONE_PATH
from tests.hamsa_contract.mock.support import AUTH

SALES = TEMPLATE_IDS["english_sales"]


def _portal_threads() -> int:
    return sum(1 for thread in threading.enumerate() if "portal" in thread.name.lower())


def test_sync_request_with_a_streamed_body() -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"agentName": '
        yield json.dumps("Streamed").encode()
        yield b"}"

    transport = InProcessTransport(create_app())
    with httpx.Client(transport=transport, base_url=IN_PROCESS_BASE_URL, headers=AUTH) as http:
        response = http.post(
            CLONE_PATH,
            params={"voiceAgentId": SALES},
            content=chunks(),
            headers={"Content-Type": "application/json"},
        )
    assert response.status_code == 200
    assert response.json()["data"]["agentName"] == "Streamed"


def test_sync_requests_run_on_the_calling_thread_with_no_helper_thread() -> None:
    before = _portal_threads()
    transport = InProcessTransport(create_app())
    http = httpx.Client(transport=transport, base_url=IN_PROCESS_BASE_URL, headers=AUTH)
    assert http.post(CLONE_PATH).status_code == 400
    assert _portal_threads() == before
    transport.close()
    assert http.post(CLONE_PATH).status_code == 400
    http.close()
    assert _portal_threads() == before


def test_sync_requests_from_a_running_loop_use_a_helper_thread_until_closed() -> None:
    before = _portal_threads()
    transport = InProcessTransport(create_app())
    http = httpx.Client(transport=transport, base_url=IN_PROCESS_BASE_URL, headers=AUTH)

    async def sync_call_inside_async_code() -> int:
        # A scenario with a delay needs an event loop (a clone without one runs in one step).
        return http.post(CLONE_PATH, headers={"Prefer": "delay=1"}).status_code

    assert asyncio.run(sync_call_inside_async_code()) == 400
    assert _portal_threads() == before + 1
    transport.close()
    assert _portal_threads() == before
    assert asyncio.run(sync_call_inside_async_code()) == 400
    http.close()
    transport.close()
    assert _portal_threads() == before


def test_sync_requests_from_several_threads_at_once() -> None:
    transport = InProcessTransport(create_app())
    statuses: list[int] = []

    def clone() -> None:
        with httpx.Client(transport=transport, base_url=IN_PROCESS_BASE_URL, headers=AUTH) as http:
            response = http.post(
                CLONE_PATH, params={"voiceAgentId": SALES}, json={"agentName": "Threaded"}
            )
            statuses.append(response.status_code)

    threads = [threading.Thread(target=clone) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    transport.close()
    assert statuses == [200] * 4


async def test_async_requests_need_no_helper_thread() -> None:
    before = _portal_threads()
    transport = InProcessTransport(create_app())
    async with httpx.AsyncClient(
        transport=transport, base_url=IN_PROCESS_BASE_URL, headers=AUTH
    ) as http:
        response = await http.post(
            CLONE_PATH, params={"voiceAgentId": SALES}, json={"agentName": "Async"}
        )
        assert response.status_code == 200
        assert _portal_threads() == before


def test_a_sync_clone_request_runs_in_one_step_and_a_scenario_with_a_delay_on_a_loop() -> None:
    app = create_app()
    transport = InProcessTransport(app)
    body = {"agentName": "At once"}
    with httpx.Client(transport=transport, base_url=IN_PROCESS_BASE_URL, headers=AUTH) as http:
        at_once = http.post(CLONE_PATH, params={"voiceAgentId": SALES}, json=body)
        loops_after_the_first = len(transport._all_loops)
        delayed = http.post(
            CLONE_PATH, params={"voiceAgentId": SALES}, json=body, headers={"Prefer": "delay=10"}
        )
        loops_after_the_second = len(transport._all_loops)
    assert (at_once.status_code, delayed.status_code) == (200, 200)
    assert (loops_after_the_first, loops_after_the_second) == (0, 1)


class Waits:
    """An app that says it answers at once, then sleeps."""

    def answers_at_once(self, scope: dict[str, object]) -> bool:
        return True

    async def __call__(self, scope: object, receive: object, send: object) -> None:
        await asyncio.sleep(0)  # gives the loop a turn: suspends even with no loop running


def test_an_app_that_waits_when_it_said_it_would_not_is_a_loud_error() -> None:
    with (
        httpx.Client(transport=InProcessTransport(Waits()), base_url=IN_PROCESS_BASE_URL) as http,
        pytest.raises(RuntimeError, match="said it answers at once"),
    ):
        http.post(CLONE_PATH)
