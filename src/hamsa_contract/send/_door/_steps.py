"""One code path for sync and async requests: each layer of the door is written once, as a plan
(a generator) that yields the steps only I/O tells apart (send, read an answer, sleep); a sync
driver (`run`) and an async one (`arun`) carry them out. httpx itself keeps two copies of each
transport (`HTTPTransport`, `AsyncHTTPTransport`); here what differs is these three steps only.

An error a step raises is thrown back into the plan at its `yield`, so a plan handles it where it
stands, as if it had made the call itself.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx

from hamsa_client.client import aread_bounded, read_bounded

T = TypeVar("T")


@dataclass(frozen=True)
class Sleep:
    """Wait `seconds`: the run's sleep in a thread, asyncio.sleep in an event loop."""

    seconds: float

    def run(self, sleep: Callable[[float], None]) -> None:
        sleep(self.seconds)

    async def arun(self) -> None:
        await asyncio.sleep(self.seconds)


@dataclass(frozen=True)
class Send:
    """Hand `request` to a transport: `sync` in a thread, `asynchronous` in an event loop."""

    sync: httpx.BaseTransport
    asynchronous: httpx.AsyncBaseTransport
    request: httpx.Request

    def run(self, sleep: Callable[[float], None]) -> httpx.Response:
        return self.sync.handle_request(self.request)

    async def arun(self) -> httpx.Response:
        return await self.asynchronous.handle_async_request(self.request)


@dataclass(frozen=True)
class Read:
    """Read an answer whole, within `limit` bytes and its request's deadline."""

    response: httpx.Response
    limit: int

    def run(self, sleep: Callable[[float], None]) -> bytes:
        return read_bounded(self.response, self.limit)

    async def arun(self) -> bytes:
        return await aread_bounded(self.response, self.limit)


Step = Sleep | Send | Read
Plan = Generator[Step, Any, T]


def run(plan: Plan[T], sleep: Callable[[float], None]) -> T:
    """Carry out `plan` in this thread."""
    value: Any = None
    error: BaseException | None = None
    while True:
        try:
            step = plan.send(value) if error is None else plan.throw(error)
        except StopIteration as stop:
            result: T = stop.value
            return result
        value, error = None, None
        try:
            value = step.run(sleep)
        except BaseException as exc:  # thrown back into the plan where the step was, as a call
            error = exc  # raises through its caller (its `finally` blocks run, gates open)


async def arun(plan: Plan[T]) -> T:
    """Carry out `plan` in this event loop."""
    value: Any = None
    error: BaseException | None = None
    while True:
        try:
            step = plan.send(value) if error is None else plan.throw(error)
        except StopIteration as stop:
            result: T = stop.value
            return result
        value, error = None, None
        try:
            value = await step.arun()
        except BaseException as exc:  # thrown back into the plan where the step was, as a call
            error = exc  # raises through its caller (its `finally` blocks run, gates open)
