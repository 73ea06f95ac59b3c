"""Hand-made checks that create nothing get their answers sent for side by side, before they run.

When the first of them needs the `api` fixture, each selected check that takes only `api`,
`suite` and its parameters is called once with a client that records its first request instead
of sending it (the door sends nothing meanwhile, see `transport.recording_only`). The door then
sends the recorded requests that must not create an agent `concurrency` at a time and keeps the
answers (`GuardedTransport.prefetch`). Each check then runs in its turn as usual; when it sends
the same request, the door hands it the kept answer, journaled, settled and judged then, so its
failures read as before. A request the recording did not see is simply sent when it is made.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from typing import Final

import httpx
import pytest

from hamsa_contract import _spec as spec
from hamsa_contract.send._door import GuardedTransport, RequestKey, identity, recording_only

# The fixtures a check may take to be recorded (anything else may send or need a write).
RECORDABLE_FIXTURES: Final = frozenset({"api", "suite"})


NOT_FOUND: Final = 404


def recordable(item: pytest.Item) -> bool:
    """Whether `item` is a plain check whose only fixtures are `api` (needed) and `suite`."""
    function = getattr(item, "obj", None)
    if not callable(function):
        return False
    names = set(inspect.signature(function).parameters)
    params = set(getattr(getattr(item, "callspec", None), "params", {}))
    return "api" in names and names - params <= RECORDABLE_FIXTURES


def record_requests(
    items: Iterable[pytest.Item],
    arguments: Callable[[httpx.Client], dict[str, object]],
    make_client: Callable[[httpx.BaseTransport], httpx.Client],
) -> list[httpx.Request]:
    """The requests each of `items` makes, in their order (a repeat within one check once: the
    property checks answer it from memory), none of them sent.

    `arguments(client)` gives the fixtures (`api` on `client`, `suite`), `make_client(transport)`
    a client configured like the run's own (same headers, so the same request bytes)."""
    recorded: list[httpx.Request] = []
    seen: set[RequestKey] = set()

    def record(request: httpx.Request) -> httpx.Response:
        key = identity(request)
        if key not in seen:
            seen.add(key)
            recorded.append(request)
        return httpx.Response(NOT_FOUND, json=spec.response_example(NOT_FOUND))

    with make_client(httpx.MockTransport(record)) as client, recording_only():
        fixtures = arguments(client)
        for item in items:
            function = getattr(item, "obj")  # noqa: B009 (checked by `recordable`)
            names = inspect.signature(function).parameters
            params = dict(getattr(getattr(item, "callspec", None), "params", {}))
            values = {name: params[name] if name in params else fixtures[name] for name in names}
            seen.clear()
            try:
                function(**values)
            except Exception:  # noqa: S112 (its verdict on a stand-in answer means nothing)
                continue
    return recorded


def prefetch_answers(
    door: GuardedTransport,
    items: Iterable[pytest.Item],
    arguments: Callable[[httpx.Client], dict[str, object]],
    make_client: Callable[[httpx.BaseTransport], httpx.Client],
    concurrency: int,
) -> int:
    """Record the requests of the recordable `items`, have the door send them ahead; how many."""
    requests = record_requests([i for i in items if recordable(i)], arguments, make_client)
    door.prefetch(requests, concurrency)
    return len(requests)
