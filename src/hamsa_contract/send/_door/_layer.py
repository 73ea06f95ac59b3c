"""What every layer of the door is: an httpx transport with one concern, written once as a plan
(`_steps.py`) that runs in a thread or an event loop alike, wrapping the layer below it."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from hamsa_contract.send._door._shapes import Shape
from hamsa_contract.send._door._steps import Plan, arun, run

Classify = Callable[[httpx.Request], Shape | None]


@dataclass
class Call:
    """One request on its way down the layers: in an event loop or not, and its shape (read
    once, when it enters the door)."""

    asynchronous: bool
    shape: Shape | None


class Layer(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """A layer of the door. `plan` is the layer; handle_request and handle_async_request run it
    for a request sent to this layer directly."""

    def __init__(self, classify: Classify, sleep: Callable[[float], None] = time.sleep) -> None:
        self.classify = classify
        self.sleep = sleep

    def plan(self, request: httpx.Request, call: Call) -> Plan[httpx.Response]:
        raise NotImplementedError

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return run(self.plan(request, Call(False, self.classify(request))), self.sleep)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await arun(self.plan(request, Call(True, self.classify(request))))


class Wrapper(Layer):
    """A layer over another one, sharing its classifier and its sleep."""

    def __init__(self, below: Layer) -> None:
        super().__init__(below.classify, below.sleep)
        self.below = below
