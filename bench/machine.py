"""What the figures were measured on: cores, Python, OS, CPU model, load and commit."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo, or the platform's processor string."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def git(*arguments: str) -> str:
    """Output of a read-only git command in the repository; raises when git fails."""
    return subprocess.run(
        ["git", *arguments], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()


def git_commit() -> str:
    """HEAD's short hash, with `+dirty` when tracked code has uncommitted changes."""
    try:
        head = git("rev-parse", "--short", "HEAD")
        # The results file itself changes with every run; it says nothing about the code.
        dirty = git("status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/results")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}+dirty" if dirty else head


def load_average() -> list[float]:
    """1, 5 and 15 minute load averages (how busy the machine was), rounded."""
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:
        return []


def describe() -> dict[str, Any]:
    """The machine and software the benchmarks ran on."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "implementation": sys.implementation.name,
        "os": f"{platform.system()} {platform.release()}",
        "commit": git_commit(),
        "load_average_at_start": load_average(),
    }


def headline(machine: dict[str, Any]) -> str:
    """One line naming the machine, for the top of the printed table."""
    return (
        f"{machine['usable_cores']} cores ({machine['cpu']}), "
        f"{machine['implementation']} {machine['python']}, {machine['os']}, "
        f"commit {machine['commit']}, load {machine['load_average_at_start']}"
    )
