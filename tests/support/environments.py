"""Fresh virtualenvs outside the checkout, with the wheel installed the way a user installs it.

The wheel is built from the checkout (hatchling from the dev extra, no build isolation: no
network needed for the build). Every install takes its versions from constraints.txt, so pip can
serve them from its cache. The venvs have no pip of their own: the checkout's pip installs into
them (`pip --python`), which saves creating one per venv and installs exactly the same way.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Final

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import REPO_ROOT

CONSTRAINTS: Final = REPO_ROOT / "constraints.txt"
# Generous: a cold pip cache downloads every dependency; this only stops a hung install.
INSTALL_TIMEOUT_SECONDS: Final = 600
RUN_TIMEOUT_SECONDS: Final = 300


@dataclass
class Venv:
    """A virtualenv: where it is, and what setting it up cost (seconds per step, for reports)."""

    root: Path
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def python(self) -> Path:
        return self.root / "bin" / "python"

    def script(self, name: str) -> Path:
        """A console script this venv installed (e.g. `hamsa-mock`)."""
        return self.root / "bin" / name

    def environment(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        """This process's environment as a shell with the venv activated would have it: no
        HAMSA_* or PYTHONPATH from here (nothing of the checkout leaks in), then `extra`."""
        inherited = {
            name: value
            for name, value in os.environ.items()
            if not name.startswith(("HAMSA_", "PYTHON", "PYTEST_", "VIRTUAL_ENV"))
        }
        path = f"{self.root / 'bin'}{os.pathsep}{inherited.get('PATH', '')}"
        return inherited | {"PATH": path, "VIRTUAL_ENV": str(self.root)} | dict(extra or {})

    def run(
        self, command: Sequence[str | Path], cwd: Path, env: Mapping[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run `command` (its first item as given: a path into this venv, usually) to its end."""
        return subprocess.run(
            [str(part) for part in command],
            cwd=cwd,
            env=self.environment(env),
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT_SECONDS,
            check=False,
        )

    def pip_install(self, step: str, *requirements: str) -> None:
        """`pip install -c constraints.txt <requirements>` into this venv, timed as `step`."""
        started = time.monotonic()
        command = [sys.executable, "-m", "pip", "--python", str(self.python), "install"]
        command += ["--quiet", "--no-compile", "--disable-pip-version-check"]
        completed = subprocess.run(
            [*command, "-c", str(CONSTRAINTS), *requirements],
            capture_output=True,
            text=True,
            timeout=INSTALL_TIMEOUT_SECONDS,
            check=False,
        )
        self.timings[step] = time.monotonic() - started
        assert completed.returncode == 0, f"pip install {requirements} failed:\n{completed.stderr}"

    @property
    def site_packages(self) -> Path:
        (site,) = self.root.glob("lib/python*/site-packages")
        return site

    def distributions(self) -> set[str]:
        """Normalised names of every distribution installed in this venv."""
        found = metadata.distributions(path=[str(self.site_packages)])
        return {canonicalize_name(distribution.metadata["Name"]) for distribution in found}

    def requirement_closure(self, roots: set[str]) -> set[str]:
        """`roots` and every distribution they require (no extras, markers evaluated for this
        interpreter: the venv's is the same), transitively, by this venv's metadata."""
        installed = {
            canonicalize_name(distribution.metadata["Name"]): distribution
            for distribution in metadata.distributions(path=[str(self.site_packages)])
        }
        todo, seen = [canonicalize_name(name) for name in roots], set[str]()
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            for line in installed[name].requires or []:
                requirement = Requirement(line)
                if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                    todo.append(canonicalize_name(requirement.name))
        return seen


def create_venv(root: Path) -> Venv:
    """An empty virtualenv (no pip) at `root`."""
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(root)],
        check=True,
        timeout=RUN_TIMEOUT_SECONDS,
    )
    venv = Venv(root)
    venv.timings["venv"] = time.monotonic() - started
    return venv


def build_wheel(out_dir: Path) -> Path:
    """The hamsa-client wheel of the checkout as it is now, built into `out_dir`."""
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"),
            *("--disable-pip-version-check", "--wheel-dir", str(out_dir), str(REPO_ROOT)),
        ],
        check=True,
        capture_output=True,
        timeout=RUN_TIMEOUT_SECONDS,
    )
    (wheel,) = out_dir.glob("hamsa_client-*.whl")
    return wheel
