"""Figures, the printed table and the JSON results file."""

from __future__ import annotations

import datetime
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.machine import headline
from bench.stats import Summary

RESULTS_DIR = Path(__file__).resolve().parent / "results"
LATEST = RESULTS_DIR / "latest.json"
# Where runs of some parts, or the smoke profile, go unless --output says otherwise.
PARTIAL = RESULTS_DIR / "partial.json"
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Figure:
    """One measured quantity: which part, what, in which unit, and its summary over repetitions."""

    part: str
    name: str
    unit: str
    summary: Summary
    detail: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "part": self.part,
            "name": self.name,
            "unit": self.unit,
            **self.summary.as_json(),
            "detail": self.detail,
        }


@dataclass(frozen=True)
class PairedRatio:
    """Two variants timed in interleaved batches: each one's time per call, and their paired
    ratio (`numerator` / `denominator`, one per repetition) against a target."""

    numerator: str
    denominator: str
    label: str
    target: float

    def figures(
        self, part: str, mode: str, samples: dict[str, list[float]], detail: dict[str, Any]
    ) -> list[Figure]:
        return [
            *(
                Figure(part, f"{mode}: {name}, per call", "µs", Summary.of(s).scaled(1e6), detail)
                for name, s in samples.items()
            ),
            self.ratio_figure(part, mode, samples, detail),
        ]

    def ratio_figure(
        self, part: str, mode: str, samples: dict[str, list[float]], detail: dict[str, Any]
    ) -> Figure:
        """The paired ratio alone, for a second comparison among the same samples."""
        pairs = zip(samples[self.numerator], samples[self.denominator], strict=True)
        ratio = Summary.of([top / bottom for top, bottom in pairs])
        verdict = {"target": self.target, "within_target": ratio.median <= self.target}
        return Figure(part, f"{mode}: {self.label}", "x", ratio, detail | verdict)


@dataclass(frozen=True)
class Skipped:
    """A figure a part could not measure here (a tool missing), and why."""

    part: str
    name: str
    reason: str


def results_document(
    machine: dict[str, Any],
    profile: str,
    figures: list[Figure],
    seconds: float,
    failures: dict[str, str],
    skipped: list[Skipped] | None = None,
) -> dict[str, Any]:
    """The JSON document `make bench` writes: machine, settings, every figure, failed parts,
    and the figures skipped for want of a tool."""
    return {
        "schema": SCHEMA_VERSION,
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "profile": profile,
        "machine": machine,
        "wall_seconds": round(seconds, 1),
        "figures": [figure.as_json() for figure in figures],
        "failed_parts": failures,
        "skipped": [
            {"part": item.part, "name": item.name, "reason": item.reason} for item in skipped or []
        ],
    }


def write_results(document: dict[str, Any], path: Path) -> None:
    """Write atomically (a .tmp beside it, then rename), so a killed run leaves no half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(path.name + ".tmp")
    scratch.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(scratch, path)


def number(value: float) -> str:
    """Three significant digits, without scientific notation for the ranges seen here."""
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude >= 100:
        return f"{value:.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    if magnitude >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def table(document: dict[str, Any]) -> str:
    """A Markdown table of every figure, headed by the machine it ran on."""
    lines = [
        f"Machine: {headline(document['machine'])}.",
        f"Profile `{document['profile']}`, measured {document['created']}, "
        f"total {document['wall_seconds']} s. Median, interquartile range (q1-q3) and "
        "min-max over n repetitions.",
        "",
        "| part | figure | median | q1-q3 | min-max | n |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for item in document["figures"]:
        unit = item["unit"]
        lines.append(
            f"| {item['part']} | {item['name']} | {number(item['median'])} {unit} "
            f"| {number(item['q1'])}-{number(item['q3'])} "
            f"| {number(item['min'])}-{number(item['max'])} | {item['repetitions']} |"
        )
    lines += [
        f"\nSKIPPED {item['part']} | {item['name']}: {item['reason']}"
        for item in document.get("skipped", [])
    ]
    lines += [
        f"\nFAILED {part}: {message}" for part, message in document.get("failed_parts", {}).items()
    ]
    return "\n".join(lines)


def main() -> int:
    """`python -m bench.report [results.json]`: print the table of a results file again."""
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else LATEST
    print(table(json.loads(path.read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
