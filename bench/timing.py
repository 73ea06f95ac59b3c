"""Per-call timing of interleaved variants: batches alternate so load drift hits all alike."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

SyncCall = Callable[[], object]
AsyncCall = Callable[[], Awaitable[object]]


@dataclass(frozen=True)
class Settings:
    """Repetitions (one batch of each variant per repetition) and calls per batch."""

    repetitions: int
    calls_per_batch: int
    warmup_batches: int = 2


def per_call(call: SyncCall, calls: int) -> float:
    """Seconds per call, averaged over one batch of `calls` calls."""
    start = time.perf_counter()
    for _ in range(calls):
        call()
    return (time.perf_counter() - start) / calls


async def per_call_async(call: AsyncCall, calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        await call()
    return (time.perf_counter() - start) / calls


def rotation(names: list[str], repetition: int) -> list[str]:
    """The variants' order in one repetition: rotated each time, so none always goes first."""
    shift = repetition % len(names)
    return names[shift:] + names[:shift]


def interleaved(variants: Mapping[str, SyncCall], settings: Settings) -> dict[str, list[float]]:
    """Seconds per call of each variant, one sample per repetition, repetitions paired by index."""
    names = list(variants)
    for _ in range(settings.warmup_batches):
        for name in names:
            per_call(variants[name], settings.calls_per_batch)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for repetition in range(settings.repetitions):
        for name in rotation(names, repetition):
            samples[name].append(per_call(variants[name], settings.calls_per_batch))
    return samples


async def interleaved_async(
    variants: Mapping[str, AsyncCall], settings: Settings
) -> dict[str, list[float]]:
    """As `interleaved`, for coroutine functions, all in the running event loop."""
    names = list(variants)
    for _ in range(settings.warmup_batches):
        for name in names:
            await per_call_async(variants[name], settings.calls_per_batch)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for repetition in range(settings.repetitions):
        for name in rotation(names, repetition):
            samples[name].append(await per_call_async(variants[name], settings.calls_per_batch))
    return samples
