"""Every Python code block in README.md and docs/*.md runs, as written, against the embedded mock.

A block that defines `test_` functions is run as a user's pytest module; any other block is run
as a script, with the environment a user would set (HAMSA_BASE_URL, HAMSA_API_KEY,
HAMSA_VOICE_AGENT_ID) pointing at the mock served over loopback HTTP.

No block may be dropped silently: every fence must name a language this file knows (Python ones
run, the others are listed as not code to run), and per file the number of blocks run must equal
the number of fences whose info string so much as mentions Python.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from hamsa_contract.mock import ARABIC_SUPPORT_TEMPLATE_ID, create_app, serve_in_thread
from tests.conftest import REPO_ROOT

DOCUMENTS = [
    REPO_ROOT / "README.md",
    *sorted((REPO_ROOT / "docs").glob("*.md")),
]
API_KEY = "readme-example-key"
BLOCK_TIMEOUT_SECONDS = 120

# Fence languages that hold Python to run; `pycon` (an interactive session) is not runnable as is.
PYTHON_LANGUAGES = frozenset({"python", "py", "python3", "py3"})
# Fence languages that are shown, never run.
SHOWN_LANGUAGES = frozenset({"sh", "bash", "console", "shell", "text", "yaml", "toml", "json"})
# Deliberately loose, independent of the parser below: any fence line whose info string
# mentions py/python in any case or decoration (```Python, ~~~ {.py}, ```pycon...).
LOOKS_LIKE_PYTHON = re.compile(r"^\s*(?:`{3,}|~{3,})[\s{.]*py", re.IGNORECASE | re.MULTILINE)
FENCE = re.compile(r"^(?P<indent>\s*)(?P<marks>`{3,}|~{3,})\s*(?P<info>.*?)\s*$")


@dataclass(frozen=True)
class Block:
    """One fenced block: where it is (file, line, heading above it), its language and code."""

    path: Path
    line: int
    heading: str
    language: str
    code: str

    @property
    def name(self) -> str:
        return f"{self.path.relative_to(REPO_ROOT)}:{self.line} ({self.heading})"


def fenced_blocks(path: Path) -> list[Block]:
    """Every fenced block of a Markdown file, in order. An unclosed fence is an error."""
    heading, blocks = "top", []
    lines = enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
    for number, line in lines:
        opening = FENCE.match(line)
        if opening is None:
            if line.startswith("#"):
                heading = line.lstrip("#").strip()
            continue
        indent, marks = len(opening["indent"]), opening["marks"]
        info = opening["info"].strip("{}. ").split()
        code: list[str] = []
        for _, code_line in lines:
            closing = FENCE.match(code_line)
            if closing and closing["marks"].startswith(marks) and not closing["info"]:
                break
            code.append(code_line[indent:] if code_line[:indent].isspace() else code_line)
        else:
            raise AssertionError(f"{path}:{number}: fence opened here is never closed")
        language = info[0].lower() if info else ""
        blocks.append(Block(path, number, heading, language, "\n".join(code) + "\n"))
    return blocks


def python_blocks(path: Path) -> list[Block]:
    return [block for block in fenced_blocks(path) if block.language in PYTHON_LANGUAGES]


BLOCKS = [block for path in DOCUMENTS for block in python_blocks(path)]


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
    quick_start = [
        block.code
        for block in python_blocks(REPO_ROOT / "README.md")
        if block.heading == "Quick start"
    ]
    assert any("clone_voice_agent.sync(" in code for code in quick_start)
    assert any("await clone_voice_agent.asyncio(" in code for code in quick_start)


def test_the_reference_lives_in_docs() -> None:
    names = {path.name for path in DOCUMENTS}
    expected = {"client.md", "contract-suite.md", "mock.md", "regenerating.md", "benchmarks.md"}
    assert expected <= names


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: path.name)
def test_every_fence_names_a_known_language(path: Path) -> None:
    unknown = [
        f"line {block.line}: ```{block.language}"
        for block in fenced_blocks(path)
        if block.language not in PYTHON_LANGUAGES | SHOWN_LANGUAGES
    ]
    assert not unknown, (
        f"{path.name}: fences in a language this test neither runs nor knows to skip "
        f"(run Python as ```python; add a shown-only language to SHOWN_LANGUAGES): {unknown}"
    )


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: path.name)
def test_no_python_block_is_dropped(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert len(python_blocks(path)) == len(LOOKS_LIKE_PYTHON.findall(text)), (
        f"{path.name}: some fences look like Python but would not run"
    )


@pytest.mark.parametrize("block", BLOCKS, ids=[block.name for block in BLOCKS])
def test_block_runs(block: Block, tmp_path: Path, mock_base_url: str) -> None:
    env = {
        "HAMSA_BASE_URL": mock_base_url,
        "HAMSA_API_KEY": API_KEY,
        "HAMSA_VOICE_AGENT_ID": ARABIC_SUPPORT_TEMPLATE_ID,
    }
    test_count = len(re.findall(r"^(?:async )?def test_", block.code, flags=re.MULTILINE))
    if test_count:
        module = tmp_path / "test_readme_block.py"
        module.write_text(block.code, encoding="utf-8")
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(module)]
    else:
        command = [sys.executable, "-c", block.code]

    result = run(command, tmp_path, env)

    assert result.returncode == 0, f"block at {block.name} failed:\n{block.code}\n" + (
        result.stdout + result.stderr
    )
    if test_count:
        assert f"{test_count} passed" in result.stdout
