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
from hamsa_contract.mock._validation import MAX_NAME_CHARACTERS
from tests.hamsa_contract.mock.support import AUTH, assert_error, client_for, cloned, post_clone

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


def test_the_oldest_clones_are_evicted_past_the_byte_bound() -> None:
    # Names of one emoji and 4,000 letters: Python holds each in four bytes a character.
    names = [f"\U0001f600{n}" + "x" * 4000 for n in range(6)]
    probe = AgentStore(TEMPLATES)
    probe.clone(SALES, names[0])
    cost = probe.stored_clone_bytes()
    store = AgentStore(TEMPLATES, max_clone_bytes=3 * cost + 1000)
    ids = []
    for name in names:
        clone = store.clone(SALES, name)
        assert clone is not None
        ids.append(clone["id"])
        assert store.stored_clone_bytes() <= store.max_clone_bytes
    assert store.clone_ids() == tuple(ids[3:])
    assert [store.get(kept)["agentName"] for kept in ids[3:]] == names[3:]  # type: ignore[index]


def test_the_newest_clone_is_kept_even_past_the_byte_bound() -> None:
    store = AgentStore(TEMPLATES, max_clone_bytes=1)
    first = store.clone(SALES, "first")
    second = store.clone(SALES, "second")
    assert first is not None
    assert second is not None
    assert store.clone_ids() == (second["id"],)


def test_the_store_stays_within_its_bytes_whatever_names_it_is_sent() -> None:
    app = create_app(max_clone_bytes=1024 * 1024)
    with client_for(app) as http:
        for n in range(100):
            cloned(http, SALES, f"\U0001f600{n}" + "x" * (MAX_NAME_CHARACTERS - 10))
            assert app.store.stored_clone_bytes() <= 1024 * 1024
    assert 0 < len(app.store.clone_ids()) < 100


@pytest.mark.parametrize("max_clone_bytes", [0, -1])
def test_the_byte_bound_must_allow_a_clone(max_clone_bytes: int) -> None:
    with pytest.raises(ValueError, match="max_clone_bytes"):
        create_app(max_clone_bytes=max_clone_bytes)


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
