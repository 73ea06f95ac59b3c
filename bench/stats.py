"""Summaries of repeated measurements: median with its spread (quartiles and extremes)."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Summary:
    """Median, interquartile range and extremes of `repetitions` samples."""

    median: float
    q1: float
    q3: float
    min: float
    max: float
    repetitions: int

    @classmethod
    def of(cls, samples: Sequence[float]) -> Summary:
        """Summarise samples; quartiles use the inclusive method, so they stay within min..max."""
        if not samples:
            raise ValueError("cannot summarise zero samples")
        ordered = sorted(samples)
        if len(ordered) == 1:
            q1 = q3 = ordered[0]
        else:
            q1, _, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
        return cls(
            median=statistics.median(ordered),
            q1=q1,
            q3=q3,
            min=ordered[0],
            max=ordered[-1],
            repetitions=len(ordered),
        )

    def scaled(self, factor: float) -> Summary:
        """The same summary in another unit (e.g. seconds to microseconds)."""
        return Summary(
            median=self.median * factor,
            q1=self.q1 * factor,
            q3=self.q3 * factor,
            min=self.min * factor,
            max=self.max * factor,
            repetitions=self.repetitions,
        )

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The `fraction` quantile (0..1) of samples, interpolating linearly between neighbours."""
    if not samples:
        raise ValueError("cannot take a percentile of zero samples")
    ordered = sorted(samples)
    position = fraction * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
