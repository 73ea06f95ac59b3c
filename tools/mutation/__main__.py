"""`python -m tools.mutation` (`make mutation`): mutmut on the modules in tools/mutation/plan.toml.

mutmut 3 names a mutant after the module it imports as, so it runs in a scratch workspace
(.mutation/, kept for `mutmut browse`) where each package sits at the top level:
src/hamsa_contract/ as hamsa_contract/ and src/hamsa_client/ as hamsa_client/,
beside tests/ and openapi/. It writes tools/mutation/results.json and exits non-zero when a
survivor is unexplained or a module scores below 90 %.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any, Final

from bench import machine
from tools.mutation.results import (
    PACKAGE_ROOTS,
    REPO_ROOT,
    RESULTS,
    Plan,
    excluded,
    load_plan,
    merge,
    problems,
    source_digest,
    summarize,
    workspace_path,
)

WORKSPACE: Final = REPO_ROOT / ".mutation"
MUTMUT: Final = Path(sys.executable).parent / "mutmut"
# What the tests read besides the packages: the spec, the project's pytest configuration, and
# the checkout's bench and tools, which some tests import (an install puts only src/ on sys.path).
ALSO_NEEDED: Final = ["tests", "openapi", "bench", "tools", "pyproject.toml"]


def toml_list(items: Sequence[str]) -> str:
    return "[" + ", ".join(json.dumps(item) for item in items) + "]"


def mutmut_section(plan: Plan) -> str:
    """[tool.mutmut] for the workspace: what to copy and mutate, which tests to run."""
    return "\n".join(
        [
            "",
            "[tool.mutmut]",
            f"source_paths = {toml_list(sorted(PACKAGE_ROOTS.values()))}",
            f"only_mutate = {toml_list([workspace_path(path) for path in plan.modules])}",
            f"also_copy = {toml_list(['openapi/', 'bench/', 'tools/'])}",
            f"pytest_add_cli_args_test_selection = {toml_list(plan.tests)}",
            "pytest_add_cli_args = "
            + toml_list(["-p", "no:cacheprovider", *excluded(plan.ignore)]),
            "use_git_change_detection = false",
            # Tests start servers in threads: a worker forked from the process that ran them can
            # inherit a held lock and hang, so workers fork from a server that never runs a test.
            'process_isolation = "forkserver"',
            "",
        ]
    )


def prepare_workspace(plan: Plan) -> None:
    """A fresh workspace: every run tests every mutant again."""
    shutil.rmtree(WORKSPACE, ignore_errors=True)
    WORKSPACE.mkdir()
    ignored = shutil.ignore_patterns("__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache")
    for root, package in PACKAGE_ROOTS.items():
        shutil.copytree(REPO_ROOT / root, WORKSPACE / package, ignore=ignored)
    for name in ALSO_NEEDED:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, WORKSPACE / name, ignore=ignored)
        else:
            shutil.copy2(source, WORKSPACE / name)
    with (WORKSPACE / "pyproject.toml").open("a", encoding="utf-8") as config:
        config.write(mutmut_section(plan))


def mutmut(*arguments: str, log: Path | None = None) -> str:
    """Run mutmut in the workspace; its output goes to `log` when given, else is returned."""
    environment = {
        name: value for name, value in os.environ.items() if not name.startswith("HAMSA_")
    }
    if log is not None:
        with log.open("w", encoding="utf-8") as output:
            subprocess.run(
                [str(MUTMUT), *arguments],
                cwd=WORKSPACE,
                env=environment,
                stdout=output,
                stderr=subprocess.STDOUT,
                check=True,
            )
        return ""
    return subprocess.run(
        [str(MUTMUT), *arguments],
        cwd=WORKSPACE,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def statuses() -> dict[str, str]:
    """Every mutant's status, from `mutmut results --all true` (lines `    name: status`)."""
    found = {}
    for line in mutmut("results", "--all", "true").splitlines():
        name, separator, status = line.strip().rpartition(": ")
        if separator and "__mutmut_" in name:
            found[name] = status
    return found


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tools.mutation", description=__doc__)
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--module",
        action="append",
        default=[],
        metavar="PATH",
        help="mutate only this module of the plan (repeatable); the other modules' entries in "
        "--output are kept from their earlier run",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    whole_plan = load_plan()
    plan = whole_plan.only(arguments.module)
    described = machine.describe()
    # The code mutated: the workspace copies it next, and the results are for that copy.
    digests = {path: source_digest(REPO_ROOT / path) for path in plan.modules}
    prepare_workspace(plan)
    log = WORKSPACE / "mutmut-run.log"
    print(f"mutmut {version('mutmut')} on {len(plan.modules)} modules; log: {log}", flush=True)
    started = time.monotonic()
    mutmut("run", "--max-children", str(arguments.max_children), log=log)
    seconds = round(time.monotonic() - started, 1)
    found = statuses()
    unkilled = [name for name, status in found.items() if status != "killed"]
    diffs = {name: mutmut("show", name).split("\n", 1)[-1].strip() for name in unkilled}
    latest: dict[str, Any] = {
        "tool": f"mutmut {version('mutmut')}",
        "machine": described,
        "load_average_at_end": machine.load_average(),
        "max_children": arguments.max_children,
        "seconds": seconds,
        "modules": summarize(plan, found, diffs, digests),
    }
    subset = arguments.module and arguments.output.exists()
    previous = json.loads(arguments.output.read_text(encoding="utf-8")) if subset else {}
    document = merge(previous, latest, whole_plan)
    arguments.output.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    for module in latest["modules"]:
        print(
            f"{module['path']:<40} {module['killed']:>4} killed {module['survived']:>3} survived "
            f"{len(module['equivalent']):>3} equivalent  score {module['score']:.1%}"
        )
    print(f"{seconds:.0f} s, load average {described['load_average_at_start']} at start")
    trouble = problems(document, whole_plan)
    for problem in trouble:
        print(f"problem: {problem}", file=sys.stderr)
    return 1 if trouble else 0


if __name__ == "__main__":
    sys.exit(main())
