"""Every Python code block in README.md runs, as written, against the embedded mock.

A block that defines `test_` functions is run as a user's pytest module; any other block is run
as a script, with the environment a user would set (HAMSA_BASE_URL, HAMSA_API_KEY,
HAMSA_VOICE_AGENT_ID) pointing at the mock served over loopback HTTP.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from contract_tests.mock import ARABIC_SUPPORT_TEMPLATE_ID, create_app, serve_in_thread
from tests.conftest import REPO_ROOT

README = REPO_ROOT / "README.md"
API_KEY = "readme-example-key"
BLOCK_TIMEOUT_SECONDS = 120


def python_blocks() -> list[tuple[str, str]]:
    """(the heading above it, code) of each ```python block, in order."""
    heading, blocks = "top", []
    lines = iter(README.read_text(encoding="utf-8").splitlines())
    for line in lines:
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        elif line.strip() == "```python":
            code = []
            for code_line in lines:
                if code_line.strip() == "```":
                    break
                code.append(code_line)
            blocks.append((heading, "\n".join(code) + "\n"))
    return blocks


BLOCKS = python_blocks()


@pytest.fixture(scope="module")
def mock_base_url() -> Iterator[str]:
    with serve_in_thread(create_app(api_key=API_KEY)) as base_url:
        yield base_url


def run(
    command: list[str], cwd: Path, extra_env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), **extra_env}
    return subprocess.run(
        command,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=BLOCK_TIMEOUT_SECONDS,
        check=False,
    )


def test_the_readme_has_sync_and_async_quick_starts() -> None:
    quick_start = [code for heading, code in BLOCKS if heading == "Quick start"]
    assert any("clone_voice_agent.sync(" in code for code in quick_start)
    assert any("await clone_voice_agent.asyncio(" in code for code in quick_start)


@pytest.mark.parametrize(
    ("heading", "code"), BLOCKS, ids=[f"{n}-{h}" for n, (h, _) in enumerate(BLOCKS)]
)
def test_block_runs(heading: str, code: str, tmp_path: Path, mock_base_url: str) -> None:
    env = {
        "HAMSA_BASE_URL": mock_base_url,
        "HAMSA_API_KEY": API_KEY,
        "HAMSA_VOICE_AGENT_ID": ARABIC_SUPPORT_TEMPLATE_ID,
    }
    test_count = len(re.findall(r"^(?:async )?def test_", code, flags=re.MULTILINE))
    if test_count:
        module = tmp_path / "test_readme_block.py"
        module.write_text(code, encoding="utf-8")
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(module)]
    else:
        command = [sys.executable, "-c", code]

    result = run(command, tmp_path, env)

    assert result.returncode == 0, f"README block under '{heading}' failed:\n{code}\n" + (
        result.stdout + result.stderr
    )
    if test_count:
        assert f"{test_count} passed" in result.stdout
