"""The checkout's virtualenv, built once from constraints.txt (exact versions) and reused after
that: what `make install` and `./contract-test` both run (`python3 -m tools.set_up [VENV]`).

It needs only python3: a fresh machine gets the venv on first use, and again whenever
pyproject.toml or constraints.txt is newer than the venv's stamp (as make would decide).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAMP_NAME = ".installed-stamp"
INPUTS = ("pyproject.toml", "constraints.txt")
OLDEST_PYTHON = (3, 11)


def is_current(venv: Path) -> bool:
    """Whether `venv` was set up after the last change to what it is built from."""
    stamp = venv / STAMP_NAME
    if not stamp.is_file():
        return False
    built = stamp.stat().st_mtime
    return all((ROOT / name).stat().st_mtime <= built for name in INPUTS)


def set_up(venv: Path, *, announce: bool = False) -> str | None:
    """Build `venv` unless current; None when ready, else one line saying what went wrong."""
    if sys.version_info < OLDEST_PYTHON:
        found = ".".join(map(str, sys.version_info[:3]))
        return (
            f"{sys.executable} is Python {found}, older than 3.11: run it with python3.11 or "
            "newer (make: PYTHON=python3.11)"
        )
    if is_current(venv):
        return None
    if announce:
        print(
            f"Setting up {venv} (first use only, about 2 minutes: the project and its pinned "
            "dependencies)...",
            file=sys.stderr,
            flush=True,
        )
    python = venv / "bin" / "python"
    steps = [
        [sys.executable, "-m", "venv", str(venv)],
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-c",
            "constraints.txt",
            "-e",
            ".[dev]",
        ],
    ]
    for step in steps:
        if subprocess.run(step, cwd=ROOT, check=False).returncode != 0:
            return f"could not set up {venv}: `{' '.join(step)}` failed (see above)"
    (venv / STAMP_NAME).touch()
    return None


def main(argv: list[str]) -> int:
    venv = ROOT / (argv[0] if argv else ".venv")
    problem = set_up(venv, announce=True)
    if problem is not None:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
