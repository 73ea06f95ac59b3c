"""The clock tolerance of a clone's `createdAt` comes from the spec (x-hamsa-watch.fresh), also
when HAMSA_SPEC names a copy of the spec that leaves it out."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from hamsa_contract._spec import CLONE_METHOD, CLONE_PATH, SPEC_PATH

READ_TOLERANCE = "from hamsa_contract import _spec; print(_spec.fresh_tolerance_seconds())"


def _tolerance_with(tmp_path: Path, fresh: dict[str, object] | None) -> str:
    spec = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    answer = spec["paths"][CLONE_PATH][CLONE_METHOD]["responses"]["200"]
    if fresh is None:
        del answer["x-hamsa-watch"]
    else:
        answer["x-hamsa-watch"]["fresh"] = fresh
    copy = tmp_path / "spec.yaml"
    copy.write_text(yaml.safe_dump(spec), encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-c", READ_TOLERANCE],
        env={**os.environ, "HAMSA_SPEC": str(copy)},
        capture_output=True,
        text=True,
        check=True,
    )
    return completed.stdout.strip()


def test_a_spec_of_its_own_sets_the_tolerance(tmp_path: Path) -> None:
    assert _tolerance_with(tmp_path, {"data.createdAt": 60}) == "60.0"


def test_a_spec_without_one_gets_the_projects_tolerance(tmp_path: Path) -> None:
    assert _tolerance_with(tmp_path, None) == "300.0"
