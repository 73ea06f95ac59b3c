"""The mutation plan (tools/mutation/plan.toml) and the results file it yields (results.json).

Pure functions: reading the plan, turning mutmut's per-mutant statuses into per-module counts,
and checking that a results document is consistent. `tools.mutation` runs mutmut; the unit tests
check the committed results with `problems`.
"""

from __future__ import annotations

import hashlib
import io
import re
import tokenize
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

REPO_ROOT: Final = Path(__file__).resolve().parents[2]
PLAN: Final = Path(__file__).with_name("plan.toml")
RESULTS: Final = Path(__file__).with_name("results.json")
MIN_SCORE: Final = 0.9
# Where each package sits in the repository, and so the package its files import as.
PACKAGE_ROOTS: Final = {
    "src/hamsa_client": "hamsa_client",
    "src/hamsa_contract": "hamsa_contract",
}
# mutmut's statuses: a timeout is a kill (the tests noticed the mutant hang); a mutant no test
# runs is a survivor. Anything else (suspicious, segfault, not checked) leaves the run unfinished.
KILLED: Final = frozenset({"killed", "timeout"})
SURVIVED: Final = frozenset({"survived", "no tests"})


@dataclass(frozen=True)
class Equivalent:
    """A survivor judged equivalent: its mutated line, and why behaviour cannot differ."""

    change: str
    reason: str


@dataclass(frozen=True)
class Plan:
    modules: dict[str, list[str]]  # module path -> the tests that guard it
    ignore: list[str]
    equivalent: dict[str, Equivalent]
    # module path -> a dated note: why its results may be missing or older than its code
    pending: dict[str, str] = field(default_factory=dict)

    @property
    def tests(self) -> list[str]:
        """Every test path of every module, once, in order."""
        return list(dict.fromkeys(test for tests in self.modules.values() for test in tests))

    def only(self, paths: Sequence[str]) -> Plan:
        """The plan cut down to `paths` (all of them when empty), in the plan's order."""
        unknown = sorted(set(paths) - set(self.modules))
        if unknown:
            raise ValueError(f"{unknown} are not modules of the plan")
        kept = {path: tests for path, tests in self.modules.items() if not paths or path in paths}
        return Plan(
            modules=kept, ignore=self.ignore, equivalent=self.equivalent, pending=self.pending
        )


def load_plan(path: Path = PLAN) -> Plan:
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    return Plan(
        modules={entry["path"]: list(entry["tests"]) for entry in document["module"]},
        ignore=list(document.get("ignore", [])),
        equivalent={
            name: Equivalent(change=entry["change"], reason=entry["reason"])
            for name, entry in document.get("equivalent", {}).items()
        },
        pending={
            entry["path"]: entry["pending"] for entry in document["module"] if "pending" in entry
        },
    )


def excluded(ignore: Sequence[str]) -> list[str]:
    """pytest's options that leave the plan's `ignore` out: a file (--ignore), or one test by its
    node id, `path::name` (--deselect)."""
    return [f"--{'deselect' if '::' in test else 'ignore'}={test}" for test in ignore]


def workspace_path(path: str) -> str:
    """Where a module sits in the mutation workspace: each package at its top level."""
    for root, package in PACKAGE_ROOTS.items():
        if path.startswith(root + "/"):
            return package + path[len(root) :]
    raise ValueError(f"{path} is in none of {sorted(PACKAGE_ROOTS)}")


def module_of_mutant(name: str) -> str:
    """The dotted module of a mutant name, such as
    `hamsa_contract.judge._leaks.x_key_leaks__mutmut_3`."""
    dotted = name.partition("__mutmut_")[0]
    return dotted.rpartition(".")[0]


def dotted_module(path: str) -> str:
    """The module a path imports as; mutmut names a package's __init__.py mutants after it."""
    return workspace_path(path).removesuffix(".py").replace("/", ".").removesuffix(".__init__")


# A pending note starts with the day it was written, so that an old one shows its age.
DATED: Final = re.compile(r"\d{4}-\d{2}-\d{2}\b")


def source_digest(path: Path) -> str:
    """sha256 of a module's code: its source without comments, trailing spaces and blank lines.

    Results are for the code mutmut mutated; an edit of a comment cannot change a mutant, so it
    leaves them valid, and any other edit makes them stale."""
    source = path.read_text(encoding="utf-8")
    lines = source.split("\n")
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            row, column = token.start
            lines[row - 1] = lines[row - 1][:column]
    code = "\n".join(line.rstrip() for line in lines if line.strip())
    return hashlib.sha256(code.encode("utf-8")).hexdigest()


def mutated_lines(diff: str) -> list[str]:
    return [
        line[1:].strip()
        for line in diff.splitlines()
        if line.startswith("+") and not line.startswith("+++")
    ]


def score(killed: int, survived: int, equivalent: int) -> float:
    """killed / (killed + survived - equivalent): equivalent survivors are not counted."""
    counted = killed + survived - equivalent
    return round(killed / counted, 4) if counted else 1.0


def summarize(
    plan: Plan,
    statuses: Mapping[str, str],
    diffs: Mapping[str, str],
    digests: Mapping[str, str],
) -> list[dict[str, Any]]:
    """Per module: the digest of the code mutated (`digests`, by path), counts, each equivalent
    survivor with its reason, and what is left unexplained (survivors with no matching reason,
    mutants whose run did not finish)."""
    modules = []
    for path in plan.modules:
        dotted = dotted_module(path)
        mine = {
            name: status for name, status in statuses.items() if module_of_mutant(name) == dotted
        }
        survivors = sorted(name for name, status in mine.items() if status in SURVIVED)
        equivalent, unexplained = [], []
        for name in survivors:
            excuse = plan.equivalent.get(name)
            diff = diffs.get(name, "")
            if excuse and excuse.change.strip() in mutated_lines(diff):
                equivalent.append({"mutant": name, "reason": excuse.reason, "diff": diff})
            else:
                unexplained.append({"mutant": name, "status": mine[name], "diff": diff})
        unexplained += [
            {"mutant": name, "status": status, "diff": diffs.get(name, "")}
            for name, status in sorted(mine.items())
            if status not in KILLED | SURVIVED
        ]
        killed = sum(status in KILLED for status in mine.values())
        modules.append(
            {
                "path": path,
                "source_sha256": digests[path],
                "mutants": len(mine),
                "killed": killed,
                "survived": len(survivors),
                "equivalent": equivalent,
                "unexplained": unexplained,
                "score": score(killed, len(survivors), len(equivalent)),
            }
        )
    return modules


# What a run records about itself besides its modules.
RUN_FIELDS: Final = ("tool", "machine", "load_average_at_end", "max_children", "seconds")


def merge(previous: Mapping[str, Any], latest: Mapping[str, Any], plan: Plan) -> dict[str, Any]:
    """`latest` (a run over some of the plan's modules) with `previous`'s entries for the others.

    The top-level run fields are the latest run's, `modules_run` its modules; each earlier run
    whose entries are kept is listed under `earlier_runs` with its fields and the modules still
    taken from it. Modules come in the plan's order; one in neither document is left out
    (`problems` then names it).
    """
    fresh = {module["path"]: module for module in latest["modules"]}
    kept = {
        module["path"]: module
        for module in previous.get("modules", [])
        if module["path"] in plan.modules and module["path"] not in fresh
    }
    # A document written before subset runs has no `modules_run`: its run covered every module.
    runs = [
        {**previous, "modules_run": previous.get("modules_run", list(kept))},
        *previous.get("earlier_runs", []),
    ]
    earlier = []
    for run in runs:
        mine = [path for path in run["modules_run"] if path in kept]
        if mine:
            earlier.append({**{f: run[f] for f in RUN_FIELDS if f in run}, "modules_run": mine})
    entries = {**kept, **fresh}
    return {
        **{field: latest[field] for field in RUN_FIELDS},
        "modules_run": [path for path in plan.modules if path in fresh],
        "earlier_runs": earlier,
        "modules": [entries[path] for path in plan.modules if path in entries],
    }


def stale_plan(plan: Plan, root: Path) -> list[str]:
    """What the plan names that is no longer there: modules, tests, and equivalent mutants of a
    module it does not mutate."""
    found = []
    for path, tests in plan.modules.items():
        if not (root / path).is_file():
            found.append(f"{path}: planned, but there is no such file")
        found += [
            f"{path}: its test {test} does not exist"
            for test in tests
            if not (root / test).exists()
        ]
    found += [
        f"ignored test {test} does not exist" for test in plan.ignore if not _exists(root, test)
    ]
    planned = {dotted_module(path) for path in plan.modules if (root / path).is_file()}
    found += [
        f"equivalent {name}: its module is not planned"
        for name in plan.equivalent
        if module_of_mutant(name) not in planned
    ]
    for path, note in plan.pending.items():
        if path not in plan.modules:
            found.append(f"{path}: pending, but not planned")
        if not DATED.match(note):
            found.append(f"{path}: its pending note does not start with its date (YYYY-MM-DD)")
    return found


def _exists(root: Path, test: str) -> bool:
    """Whether a test file or folder, or a test by its node id (`path::name`), exists."""
    path, _, name = test.partition("::")
    if not name:
        return (root / path).exists()
    function = re.escape(name.rpartition("::")[2].partition("[")[0])
    source = root / path
    return source.is_file() and bool(
        re.search(rf"^\s*(async )?def {function}\(", source.read_text(encoding="utf-8"), re.M)
    )


def stale_results(document: Mapping[str, Any], plan: Plan, root: Path) -> list[str]:
    """Results that no longer describe the plan's code: a module missing or not planned, code
    changed since its run, an equivalent mutant that was not a survivor of that run."""
    found = []
    entries = {module["path"]: module for module in document["modules"]}
    found += [
        f"{path}: results, but it is not planned" for path in entries if path not in plan.modules
    ]
    planned_order = [path for path in plan.modules if path in entries]
    if [path for path in entries if path in plan.modules] != planned_order:
        found.append(f"modules {list(entries)} are not in the plan's order")
    for path in plan.modules:
        pending = path in plan.pending
        entry = entries.get(path)
        if entry is None:
            if not pending:
                found.append(f"{path}: no results: run make mutation MODULES={path}")
            continue
        if not (root / path).is_file():
            continue  # stale_plan names it
        recorded = entry.get("source_sha256")
        fresh = recorded == source_digest(root / path)
        if fresh and pending:
            found.append(f"{path}: its results are fresh: drop its pending note")
        if pending:
            continue
        if not fresh:
            why = "its code changed since its results" if recorded else "its results name no code"
            found.append(f"{path}: {why}: run make mutation MODULES={path}")
            continue
        survivors = {equivalent["mutant"] for equivalent in entry["equivalent"]}
        dotted = dotted_module(path)
        found += [
            f"equivalent {name}: not a survivor of {path}'s last run (killed, renumbered or "
            "gone): drop it from the plan"
            for name in plan.equivalent
            if module_of_mutant(name) == dotted and name not in survivors
        ]
    return found


def problems(document: Mapping[str, Any], plan: Plan, root: Path = REPO_ROOT) -> list[str]:
    """Why a results document cannot be trusted, or is not good enough; empty when it is fine.

    `root` is the checkout whose files the plan names."""
    found = stale_plan(plan, root) + stale_results(document, plan, root)
    for module in document["modules"]:
        path, equivalent = module["path"], module["equivalent"]
        if not module["mutants"]:
            found.append(f"{path}: no mutants")
        if module["killed"] + module["survived"] + len(module["unexplained"]) < module["mutants"]:
            found.append(f"{path}: killed + survived do not account for every mutant")
        if module["score"] != score(module["killed"], module["survived"], len(equivalent)):
            found.append(f"{path}: score is not killed / (killed + survived - equivalent)")
        if module["score"] < MIN_SCORE:
            found.append(f"{path}: score {module['score']} is below {MIN_SCORE}")
        if len(equivalent) > module["survived"]:
            found.append(f"{path}: more equivalent mutants than survivors")
        for entry in equivalent:
            if not entry["reason"].strip():
                found.append(f"{path}: {entry['mutant']} is equivalent without a reason")
        for entry in module["unexplained"]:
            found.append(f"{path}: {entry['mutant']} ({entry['status']}) is not explained")
    return found
