"""The store's bound (oldest clones evicted, templates never); concurrent clones lose nothing."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from hamsa_contract.mock import (
    IN_PROCESS_BASE_URL,
    TEMPLATE_IDS,
    AgentStore,
    create_app,
    serve_in_thread,
)
from hamsa_contract.mock._request_rules import CLONE_PATH
from hamsa_contract.mock._templates import TEMPLATES
from tests.mock.support import AUTH, assert_error, client_for, cloned, post_clone

SALES = TEMPLATE_IDS["english_sales"]


def test_the_oldest_clones_are_evicted_past_the_cap() -> None:
    app = create_app(max_clones=3)
    with client_for(app) as http:
        ids = [cloned(http, SALES, f"Clone {n}")["id"] for n in range(5)]
        assert app.store.clone_ids() == tuple(ids[2:])
        for evicted in ids[:2]:
            assert_error(post_clone(http, evicted, "Again"), 404, "VOICE_AGENT_NOT_FOUND")
        for kept in ids[2:]:
            assert app.store.get(kept) is not None
        for template_id in TEMPLATE_IDS.values():
            assert cloned(http, template_id, "Template still there")


def test_a_clone_of_a_clone_at_the_cap_evicts_the_oldest_not_the_parent() -> None:
    store = AgentStore(TEMPLATES, max_clones=2)
    first = store.clone(SALES, "first")
    second = store.clone(SALES, "second")
    assert first is not None
    assert second is not None
    third = store.clone(second["id"], "third")
    assert third is not None
    assert store.clone_ids() == (second["id"], third["id"])


@pytest.mark.parametrize("max_clones", [0, -1])
def test_the_cap_must_allow_a_clone(max_clones: int) -> None:
    with pytest.raises(ValueError, match="max_clones"):
        create_app(max_clones=max_clones)


async def test_200_concurrent_clones_lose_nothing() -> None:
    app = create_app()
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url=IN_PROCESS_BASE_URL, headers=AUTH
    ) as http:
        responses = await asyncio.gather(
            *(
                http.post(
                    CLONE_PATH, params={"voiceAgentId": SALES}, json={"agentName": f"Agent {n}"}
                )
                for n in range(200)
            )
        )
    assert [response.status_code for response in responses] == [200] * 200
    ids = {response.json()["data"]["id"] for response in responses}
    names = {response.json()["data"]["agentName"] for response in responses}
    assert len(ids) == 200
    assert names == {f"Agent {n}" for n in range(200)}
    assert set(app.store.clone_ids()) == ids


def test_concurrent_clones_from_threads_over_http_lose_nothing() -> None:
    app = create_app()
    with serve_in_thread(app) as base_url, httpx.Client(base_url=base_url, headers=AUTH) as http:

        def clone(n: int) -> str:
            response = post_clone(http, SALES, f"Threaded {n}")
            assert response.status_code == 200, response.text
            agent_id: str = response.json()["data"]["id"]
            return agent_id

        with ThreadPoolExecutor(max_workers=8) as pool:
            ids = set(pool.map(clone, range(120)))
    assert len(ids) == 120
    assert set(app.store.clone_ids()) == ids
