"""Part 4: wall time of `make generate` into a scratch folder (the real target, hooks included)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench.process import run_timed
from bench.report import Figure
from bench.stats import Summary

PART = "generate"


@dataclass(frozen=True)
class Settings:
    repetitions: int


def generate_once(output: Path) -> float:
    """Seconds for one `make generate GENERATED=output`; raises with its output when it fails."""
    finished = run_timed(["make", "--no-print-directory", "generate", f"GENERATED={output}"])
    if finished.returncode != 0:
        raise RuntimeError(f"make generate failed:\n{finished.tail()}")
    if not (output / "models" / "__init__.py").is_file():
        raise RuntimeError(f"make generate wrote no hamsa_client models into {output}")
    return finished.seconds


def run(settings: Settings) -> list[Figure]:
    """Each repetition generates into a fresh empty folder, as a first generation would."""
    samples = []
    with tempfile.TemporaryDirectory(prefix="bench-generate-") as scratch:
        for repetition in range(settings.repetitions):
            samples.append(generate_once(Path(scratch) / f"run-{repetition}"))
    detail = {"command": "make generate GENERATED=<scratch dir>"}
    return [Figure(PART, "make generate wall time", "s", Summary.of(samples), detail)]
