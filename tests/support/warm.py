"""Contract runs in processes forked from a warm one: pytest, schemathesis, hypothesis and httpx
already imported: about 1.3 s of the ~5 s a run of the whole suite takes here.

Each run is still a process of its own, as a user's is: its own environment, working folder,
standard output and error, exit status; and the project's own modules are imported afresh in it,
after its environment is set (`hamsa_contract._spec` reads HAMSA_SPEC as it is imported). Only
libraries that read nothing from the environment when imported are preloaded. The forking process
is multiprocessing's forkserver: it starts with no thread, so forking it is safe, whatever threads
the test's own process runs (the catalogue's servers).

This module imports nothing of the project: the forked process imports it to run `run_pytest`.
"""

from __future__ import annotations

import functools
import io
import multiprocessing
import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

# What a contract run imports that reads nothing from its environment when imported.
PRELOADED: Final = (
    "pytest",
    "_pytest.assertion.rewrite",
    "_pytest.junitxml",
    "pytest_asyncio",
    "xdist.plugin",
    "hypothesis",
    "hypothesis.strategies",
    "schemathesis",
    "schemathesis.pytest",
    "schemathesis.specs.openapi.schemas",
    "schemathesis.python.asgi",
    "httpx",
    "attrs",
    "starlette.applications",
    "uvicorn",
)


@dataclass(frozen=True)
class Finished:
    """A run's exit status and what it wrote to its standard output and error."""

    returncode: int
    stdout: str
    stderr: str


@functools.cache
def _context() -> multiprocessing.context.ForkServerContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(PRELOADED))
    return context


def _text_stream(fd: int, errors: str) -> io.TextIOWrapper:
    """A stream on `fd` as Python makes one for a pipe: UTF-8, block-buffered."""
    return io.TextIOWrapper(open(fd, "wb", closefd=False), encoding="utf-8", errors=errors)


def run_pytest(
    arguments: Sequence[str], env: Mapping[str, str], cwd: str, stdout: str, stderr: str
) -> None:
    """In the forked process: `python -m pytest <arguments>` as a process of its own would run it,
    its output in the files `stdout` and `stderr`; its exit status is the process's."""
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    for fd, path in ((1, stdout), (2, stderr)):
        target = os.open(path, os.O_WRONLY | os.O_TRUNC)
        os.dup2(target, fd)
        os.close(target)
    sys.stdout = _text_stream(1, "strict")
    sys.stderr = _text_stream(2, "backslashreplace")
    sys.argv = [sys.executable, *arguments]
    import pytest

    try:
        status = int(pytest.main(list(arguments)))
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    sys.exit(status)


def run(arguments: Sequence[str], *, env: Mapping[str, str], cwd: Path, timeout: float) -> Finished:
    """`python -m pytest <arguments>` in `cwd` with exactly `env`, in a process forked from the warm
    one; subprocess.TimeoutExpired (the process killed) past `timeout` seconds."""
    with tempfile.TemporaryDirectory(prefix="contract-run-") as folder:
        stdout, stderr = Path(folder, "stdout"), Path(folder, "stderr")
        # Made here: a process that fails before it runs pytest leaves them empty, not missing.
        stdout.touch()
        stderr.touch()
        # pytest warns that it cannot rewrite the asserts of plugins already imported (hypothesis,
        # schemathesis): true of the preloaded ones here, never of a user's run.
        arguments = ["-W", "ignore::pytest.PytestAssertRewriteWarning", *arguments]
        process = _context().Process(
            target=run_pytest, args=(arguments, dict(env), str(cwd), str(stdout), str(stderr))
        )
        process.start()
        process.join(timeout)
        if process.exitcode is None:
            process.kill()
            process.join()
            raise subprocess.TimeoutExpired(["pytest", *arguments], timeout)
        return Finished(
            process.exitcode,
            stdout.read_text(encoding="utf-8", errors="replace"),
            stderr.read_text(encoding="utf-8", errors="replace"),
        )
