"""The generated parts of src/hamsa_client (api/, models/, types.py) are byte for byte what
`make generate` makes from openapi/ (golden-record test); the package's other modules are
hand-written and never touched by it."""

from __future__ import annotations

import difflib
import subprocess
from pathlib import Path

from tests.conftest import REPO_ROOT

PACKAGE = REPO_ROOT / "src" / "hamsa_client"
# What `make generate` writes (the Makefile's GENERATED_PARTS).
GENERATED_PARTS = ("api", "models", "types.py")
# Caches that tools may leave beside the sources; none of them is generator output.
IGNORED_PARTS = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}


def tree(root: Path) -> dict[str, bytes]:
    """Relative path -> content of every generated file below root, caches left out."""
    files = [root / part for part in GENERATED_PARTS if (root / part).is_file()]
    for part in GENERATED_PARTS:
        files += sorted((root / part).rglob("*"))
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in files
        if path.is_file() and not IGNORED_PARTS & set(path.relative_to(root).parts)
    }


def byte_differences(old: bytes, new: bytes) -> list[str]:
    """What a line diff cannot show: line endings and the final newline."""
    notes = []
    if (b"\r\n" in old) != (b"\r\n" in new):
        notes.append(
            "line endings: "
            + ("CRLF in generated/, LF fresh" if b"\r\n" in old else "LF in generated/, CRLF fresh")
        )
    if old.endswith(b"\n") != new.endswith(b"\n"):
        notes.append(
            "final newline: "
            + ("missing in generated/" if new.endswith(b"\n") else "missing in the fresh one")
        )
    return notes or ["bytes differ (encoding or invisible characters)"]


def describe(name: str, old: bytes | None, new: bytes | None) -> str:
    """One differing file: added, removed, a unified diff of its text, or its byte differences."""
    if old is None:
        return f"generated/{name}: missing (a fresh generation makes it)"
    if new is None:
        return f"generated/{name}: not made by a fresh generation"
    diff = "\n".join(
        difflib.unified_diff(
            old.decode("utf-8", "replace").splitlines(),
            new.decode("utf-8", "replace").splitlines(),
            fromfile=f"generated/{name}",
            tofile=f"fresh/{name}",
            lineterm="",
        )
    )
    return diff or "\n".join(f"generated/{name}: {note}" for note in byte_differences(old, new))


def drift_report(committed: dict[str, bytes], fresh: dict[str, bytes]) -> str:
    """Every file whose bytes differ between the committed tree and the fresh one, described."""
    names = sorted(
        name for name in committed.keys() | fresh.keys() if committed.get(name) != fresh.get(name)
    )
    if not names:
        return ""
    details = [describe(name, committed.get(name), fresh.get(name)) for name in names]
    return "\n".join(["differing files:", *(f"  {name}" for name in names), *details])


def test_generated_matches_a_fresh_generation(tmp_path: Path) -> None:
    fresh_dir = tmp_path / "hamsa_client"
    result = subprocess.run(
        ["make", "--no-print-directory", "generate", f"GENERATED={fresh_dir}"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = drift_report(tree(PACKAGE), tree(fresh_dir))
    assert not report, (
        "src/hamsa_client differs from a fresh `make generate` (edit openapi/, then regenerate):\n"
        + report
    )


def test_the_report_names_files_that_differ_only_in_bytes() -> None:
    lf = b"x = 1\ny = 2\n"
    committed = {
        "crlf.py": lf.replace(b"\n", b"\r\n"),
        "no_newline.py": lf.rstrip(b"\n"),
        "same.py": lf,
        "old.py": lf,
    }
    fresh = {"crlf.py": lf, "no_newline.py": lf, "same.py": lf, "new.py": lf}

    report = drift_report(committed, fresh)

    assert report.splitlines()[:5] == [
        "differing files:",
        "  crlf.py",
        "  new.py",
        "  no_newline.py",
        "  old.py",
    ]
    assert "generated/crlf.py: line endings: CRLF in generated/, LF fresh" in report
    assert "generated/no_newline.py: final newline: missing in generated/" in report
    assert "generated/new.py: missing (a fresh generation makes it)" in report
    assert "generated/old.py: not made by a fresh generation" in report
    assert "same.py" not in report
    assert drift_report(committed, dict(committed)) == ""
