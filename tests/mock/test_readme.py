"""The README's mock section: its Python example runs, as a user's test module would."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SECTION = "## The mock server"


def _python_blocks() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index(SECTION)
    following = readme.find("\n## ", start + len(SECTION))
    section = readme[start : None if following == -1 else following]
    return re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)


def test_the_section_has_a_python_example() -> None:
    assert _python_blocks()


def test_the_fixture_example_passes_as_a_test_module(tmp_path: Path) -> None:
    for number, block in enumerate(_python_blocks()):
        module = tmp_path / f"test_readme_mock_{number}.py"
        module.write_text(block, encoding="utf-8")
        expected = len(re.findall(r"^(?:async )?def test_", block, flags=re.MULTILINE))
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(module)],
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert f"{expected} passed" in result.stdout
