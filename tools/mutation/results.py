"""The mutation plan (tools/mutation/plan.toml) and the results file it yields (results.json).

Pure functions: reading the plan, turning mutmut's per-mutant statuses into per-module counts,
and checking that a results document is consistent. `tools.mutation` runs mutmut; the unit tests
check the committed results with `problems`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
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
        return Plan(modules=kept, ignore=self.ignore, equivalent=self.equivalent)


def load_plan(path: Path = PLAN) -> Plan:
    document = tomllib.loads(path.read_text(encoding="utf-8"))
    return Plan(
        modules={entry["path"]: list(entry["tests"]) for entry in document["module"]},
        ignore=list(document.get("ignore", [])),
        equivalent={
            name: Equivalent(change=entry["change"], reason=entry["reason"])
            for name, entry in document.get("equivalent", {}).items()
        },
    )


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
    return workspace_path(path).removesuffix(".py").replace("/", ".")


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
    plan: Plan, statuses: Mapping[str, str], diffs: Mapping[str, str]
) -> list[dict[str, Any]]:
    """Per module: counts, each equivalent survivor with its reason, and what is left unexplained
    (survivors with no matching reason, mutants whose run did not finish)."""
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


def problems(document: Mapping[str, Any], plan: Plan) -> list[str]:
    """Why a results document cannot be trusted, or is not good enough; empty when it is fine."""
    found = []
    paths = [module["path"] for module in document["modules"]]
    if paths != list(plan.modules):
        found.append(f"modules {paths} are not the plan's {list(plan.modules)}: run make mutation")
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
