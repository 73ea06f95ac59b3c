"""generated/ is exactly what `make generate` makes from openapi/ (golden-record test)."""

from __future__ import annotations

import difflib
import subprocess
from pathlib import Path

from tests.conftest import REPO_ROOT

GENERATED = REPO_ROOT / "generated"
# Caches that tools may leave beside the sources; none of them is generator output.
IGNORED_PARTS = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}


def tree(root: Path) -> dict[str, bytes]:
    """Relative path -> content of every file below root, caches left out."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not IGNORED_PARTS & set(path.relative_to(root).parts)
    }


def drift_report(committed: dict[str, bytes], fresh: dict[str, bytes]) -> str:
    """A unified diff from the committed tree to the fresh one, with added and removed files."""
    lines: list[str] = []
    for name in sorted(committed.keys() | fresh.keys()):
        old, new = committed.get(name), fresh.get(name)
        if old == new:
            continue
        lines.extend(
            difflib.unified_diff(
                (old or b"").decode("utf-8", "replace").splitlines(),
                (new or b"").decode("utf-8", "replace").splitlines(),
                fromfile=f"generated/{name}" if old is not None else "/dev/null",
                tofile=f"fresh/{name}" if new is not None else "/dev/null",
                lineterm="",
            )
        )
    return "\n".join(lines)


def test_generated_matches_a_fresh_generation(tmp_path: Path) -> None:
    fresh_dir = tmp_path / "generated"
    result = subprocess.run(
        ["make", "--no-print-directory", "generate", f"GENERATED={fresh_dir}"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = drift_report(tree(GENERATED), tree(fresh_dir))
    assert not report, (
        "generated/ differs from a fresh `make generate` (edit openapi/, then regenerate):\n"
        + report
    )
