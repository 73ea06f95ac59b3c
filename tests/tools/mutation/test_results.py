"""tools/mutation/results.json (written by `make mutation`) stays consistent with its plan.

`make mutation` is too slow for `make test`; these checks are not. They fail when the committed
results leave a survivor unexplained, miscount, score below 90 %, or are stale: a module, test or
ignored test the plan names is gone, a module's code changed since its results (a module added to
the plan, or changed, needs a fresh `make mutation`), results for a module no longer planned, an
equivalent mutant its module's last run did not leave surviving. A module being reworked may be
`pending`, with a dated note saying why, until its next run.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tools.mutation.results import (
    MIN_SCORE,
    RESULTS,
    Equivalent,
    Plan,
    dotted_module,
    excluded,
    load_plan,
    merge,
    problems,
    score,
    source_digest,
    summarize,
)

LEAKS = "src/hamsa_contract/judge/_leaks.py"
LEAKS_CODE = "def key_leaks(body: bytes) -> bool:\n    return b'key' in body\n"

DIFF = """--- src/hamsa_contract/judge/_leaks.py
+++ src/hamsa_contract/judge/_leaks.py
@@ -1,3 +1,3 @@
-    forms = {api_key, quote(api_key, safe="")}
+    forms = {api_key, quote(api_key, safe="XXXX")}"""


def test_the_committed_results_cover_the_plan_and_explain_every_survivor() -> None:
    document = json.loads(RESULTS.read_text(encoding="utf-8"))
    assert problems(document, load_plan()) == []
    for run in [document, *document.get("earlier_runs", [])]:
        assert run["seconds"] < 30 * 60, "make mutation must finish within 30 minutes"


def test_every_equivalent_mutant_in_the_results_has_its_change_and_reason() -> None:
    document = json.loads(RESULTS.read_text(encoding="utf-8"))
    plan = load_plan()
    for module in document["modules"]:
        for entry in module["equivalent"]:
            excuse = plan.equivalent[entry["mutant"]]
            assert excuse.reason == entry["reason"]
            assert excuse.change in entry["diff"]


def test_generated_modules_are_named_as_they_import() -> None:
    assert dotted_module("src/hamsa_client/client.py") == "hamsa_client.client"
    assert dotted_module("src/hamsa_contract/mock/_auth.py") == "hamsa_contract.mock._auth"


def test_a_packages_init_is_named_as_the_package_as_mutmut_names_its_mutants() -> None:
    path = "src/hamsa_contract/send/_door/__init__.py"
    assert dotted_module(path) == "hamsa_contract.send._door"
    plan = Plan(modules={path: []}, ignore=[], equivalent={})
    statuses = {
        "hamsa_contract.send._door.xǁDoorǁsend__mutmut_1": "killed",
        "hamsa_contract.send._door._wire.x_send__mutmut_1": "survived",  # a module of the package
    }
    (module,) = summarize(plan, statuses, {}, {path: "digest"})
    assert (module["mutants"], module["killed"], module["survived"]) == (1, 1, 0)


def test_score_leaves_equivalent_survivors_out() -> None:
    assert score(killed=9, survived=1, equivalent=0) == 0.9
    assert score(killed=9, survived=2, equivalent=1) == 0.9
    assert score(killed=0, survived=0, equivalent=0) == 1.0


def plan_for_leaks(equivalent: dict[str, Equivalent]) -> Plan:
    return Plan(modules={LEAKS: ["tests/hamsa_contract"]}, ignore=[], equivalent=equivalent)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A checkout holding what plan_for_leaks names: the module and its tests."""
    module = tmp_path / LEAKS
    module.parent.mkdir(parents=True)
    module.write_text(LEAKS_CODE, encoding="utf-8")
    (tmp_path / "tests/hamsa_contract").mkdir(parents=True)
    (tmp_path / "tests/hamsa_contract/test_leaks.py").write_text(
        "def test_a_key_leaks() -> None:\n    pass\n", encoding="utf-8"
    )
    return tmp_path


def test_a_survivor_is_equivalent_only_when_its_mutated_line_matches() -> None:
    statuses = {
        "hamsa_contract.judge._leaks.x_key_leaks__mutmut_1": "killed",
        "hamsa_contract.judge._leaks.x_key_leaks__mutmut_2": "timeout",
        "hamsa_contract.judge._leaks.x_key_leaks__mutmut_3": "survived",
        "hamsa_contract.judge._leaks.x_key_leaks__mutmut_4": "no tests",
        "hamsa_contract._redaction.x_curl_line__mutmut_1": "survived",  # another module
    }
    diffs = {
        "hamsa_contract.judge._leaks.x_key_leaks__mutmut_3": DIFF,
        "hamsa_contract.judge._leaks.x_key_leaks__mutmut_4": DIFF,
    }
    reason = "quote() ignores safe characters the key does not contain"
    excused = Equivalent(change='forms = {api_key, quote(api_key, safe="XXXX")}', reason=reason)
    renumbered = Equivalent(change="forms = None", reason="stale")
    plan = plan_for_leaks(
        {
            "hamsa_contract.judge._leaks.x_key_leaks__mutmut_3": excused,
            "hamsa_contract.judge._leaks.x_key_leaks__mutmut_4": renumbered,
        }
    )

    (module,) = summarize(plan, statuses, diffs, {LEAKS: "digest of the code mutated"})

    assert module["source_sha256"] == "digest of the code mutated"
    assert (module["mutants"], module["killed"], module["survived"]) == (4, 2, 2)
    assert [entry["mutant"] for entry in module["equivalent"]] == [
        "hamsa_contract.judge._leaks.x_key_leaks__mutmut_3"
    ]
    assert module["equivalent"][0]["reason"] == reason
    assert [entry["mutant"] for entry in module["unexplained"]] == [
        "hamsa_contract.judge._leaks.x_key_leaks__mutmut_4"
    ]
    assert module["score"] == score(2, 2, 1)
    assert any(
        "mutmut_4 (no tests) is not explained" in problem
        for problem in problems({"modules": [module]}, plan)
    )


def good_module(**changes: Any) -> dict[str, Any]:
    module: dict[str, Any] = {
        "path": LEAKS,
        "source_sha256": "digest",
        "mutants": 10,
        "killed": 9,
        "survived": 1,
        "equivalent": [{"mutant": "m", "reason": "same behaviour", "diff": DIFF}],
        "unexplained": [],
        "score": 1.0,
    }
    return module | changes


def fresh_module(checkout: Path, **changes: Any) -> dict[str, Any]:
    """good_module, run on the checkout's code as it is now."""
    return good_module(source_sha256=source_digest(checkout / LEAKS), **changes)


def test_a_consistent_document_has_no_problems(checkout: Path) -> None:
    assert problems({"modules": [fresh_module(checkout)]}, plan_for_leaks({}), checkout) == []


def test_problems_name_each_inconsistency(checkout: Path) -> None:
    plan = plan_for_leaks({})
    cases = {
        "score is not killed": good_module(score=0.95),
        "below 0.9": good_module(killed=8, survived=2, equivalent=[], score=0.8),
        "do not account for every mutant": good_module(mutants=11),
        "without a reason": good_module(equivalent=[{"mutant": "m", "reason": " ", "diff": DIFF}]),
        "more equivalent mutants than survivors": good_module(
            equivalent=[{"mutant": m, "reason": "r", "diff": DIFF} for m in "ab"]
        ),
        "no mutants": good_module(mutants=0, killed=0, survived=0, equivalent=[]),
    }
    for expected, module in cases.items():
        found = problems({"modules": [module]}, plan, checkout)
        assert any(expected in problem for problem in found), (expected, found)
    assert MIN_SCORE == 0.9


def test_a_planned_module_test_or_ignored_test_that_is_gone_is_stale(checkout: Path) -> None:
    gone = "src/hamsa_contract/send/_door.py"
    plan = Plan(
        modules={LEAKS: ["tests/hamsa_contract"], gone: ["tests/hamsa_contract/send/test_door.py"]},
        ignore=[
            "tests/test_gone.py",
            "tests/hamsa_contract/test_leaks.py::test_a_key_leaks",
            "tests/hamsa_contract/test_leaks.py::test_renamed",
            "tests/hamsa_contract/test_gone.py::test_a_key_leaks",
        ],
        equivalent={"hamsa_contract.send._door.x_send__mutmut_1": Equivalent("a", "b")},
    )
    found = problems({"modules": [fresh_module(checkout)]}, plan, checkout)
    assert found == [
        f"{gone}: planned, but there is no such file",
        f"{gone}: its test tests/hamsa_contract/send/test_door.py does not exist",
        "ignored test tests/test_gone.py does not exist",
        "ignored test tests/hamsa_contract/test_leaks.py::test_renamed does not exist",
        "ignored test tests/hamsa_contract/test_gone.py::test_a_key_leaks does not exist",
        "equivalent hamsa_contract.send._door.x_send__mutmut_1: its module is not planned",
        f"{gone}: no results: run make mutation MODULES={gone}",
    ]


def test_tests_never_run_are_left_out_as_files_or_by_node_id() -> None:
    assert excluded(["tests/a/test_b.py", "tests/a/test_c.py::test_d[x]"]) == [
        "--ignore=tests/a/test_b.py",
        "--deselect=tests/a/test_c.py::test_d[x]",
    ]


def test_results_for_a_module_no_longer_planned_are_stale(checkout: Path) -> None:
    unplanned = good_module(path="src/hamsa_contract/send/_door.py")
    found = problems({"modules": [fresh_module(checkout), unplanned]}, plan_for_leaks({}), checkout)
    assert found == ["src/hamsa_contract/send/_door.py: results, but it is not planned"]


def test_results_for_code_changed_since_are_stale_but_not_for_a_comment(checkout: Path) -> None:
    document = {"modules": [fresh_module(checkout)]}
    module = checkout / LEAKS
    commented = LEAKS_CODE.replace("in body\n", "in body  # the raw bytes\n") + "\n# why\n\n"
    module.write_text(commented, encoding="utf-8")
    assert problems(document, plan_for_leaks({}), checkout) == []

    module.write_text(commented.replace("b'key'", "b'KEY'"), encoding="utf-8")
    assert problems(document, plan_for_leaks({}), checkout) == [
        f"{LEAKS}: its code changed since its results: run make mutation MODULES={LEAKS}"
    ]

    unnamed = dict(document["modules"][0])
    del unnamed["source_sha256"]  # results written before they named their code
    assert problems({"modules": [unnamed]}, plan_for_leaks({}), checkout) == [
        f"{LEAKS}: its results name no code: run make mutation MODULES={LEAKS}"
    ]


def test_an_equivalent_mutant_its_modules_last_run_did_not_leave_surviving_is_stale(
    checkout: Path,
) -> None:
    surviving, killed = (f"hamsa_contract.judge._leaks.x_key_leaks__mutmut_{n}" for n in (3, 9))
    module = fresh_module(checkout, equivalent=[{"mutant": surviving, "reason": "r", "diff": DIFF}])
    excuse = Equivalent(change='forms = {api_key, quote(api_key, safe="XXXX")}', reason="r")
    plan = plan_for_leaks({surviving: excuse, killed: excuse})
    assert problems({"modules": [module]}, plan, checkout) == [
        f"equivalent {killed}: not a survivor of {LEAKS}'s last run (killed, renumbered or gone): "
        "drop it from the plan"
    ]


def test_a_pending_module_may_lack_fresh_results_while_its_dated_note_says_why(
    checkout: Path,
) -> None:
    waiting = replace(plan_for_leaks({}), pending={LEAKS: "2026-12-08: being reworked"})
    stale = good_module(source_sha256="a digest of other code")
    assert problems({"modules": []}, waiting, checkout) == []
    assert problems({"modules": [stale]}, waiting, checkout) == []
    assert problems({"modules": [fresh_module(checkout)]}, waiting, checkout) == [
        f"{LEAKS}: its results are fresh: drop its pending note"
    ]
    undated = replace(waiting, pending={LEAKS: "being reworked"})
    assert problems({"modules": []}, undated, checkout) == [
        f"{LEAKS}: its pending note does not start with its date (YYYY-MM-DD)"
    ]
    assert problems({"modules": [stale]}, plan_for_leaks({}), checkout) == [
        f"{LEAKS}: its code changed since its results: run make mutation MODULES={LEAKS}"
    ]


def test_the_plan_file_names_a_modules_pending_note(tmp_path: Path) -> None:
    plan_file = tmp_path / "plan.toml"
    plan_file.write_text(
        '[[module]]\npath = "a.py"\ntests = ["t"]\npending = "2026-12-08: why"\n\n'
        '[[module]]\npath = "b.py"\ntests = ["t"]\n',
        encoding="utf-8",
    )
    plan = load_plan(plan_file)
    assert list(plan.modules) == ["a.py", "b.py"]
    assert plan.pending == {"a.py": "2026-12-08: why"}
    assert plan.only(["b.py"]).pending == plan.pending


def run(seconds: float, *modules: dict[str, Any], **more: Any) -> dict[str, Any]:
    fields = {"tool": "mutmut", "machine": {}, "load_average_at_end": [1.0], "max_children": 2}
    return {**fields, "seconds": seconds, "modules": list(modules), **more}


def test_a_subset_run_replaces_its_modules_and_keeps_the_others_with_their_run() -> None:
    plan = Plan(modules={path: [] for path in ("a.py", "b.py", "c.py")}, ignore=[], equivalent={})
    old = {path: good_module(path=path, killed=1) for path in ("a.py", "b.py", "c.py")}
    full = run(800.0, *old.values())  # written before subset runs: no modules_run

    first = merge(full, run(60.0, good_module(path="b.py", killed=2)), plan)
    assert [m["path"] for m in first["modules"]] == ["a.py", "b.py", "c.py"]
    assert [m["killed"] for m in first["modules"]] == [1, 2, 1]
    assert (first["seconds"], first["modules_run"]) == (60.0, ["b.py"])
    assert [(r["seconds"], r["modules_run"]) for r in first["earlier_runs"]] == [
        (800.0, ["a.py", "c.py"])
    ]

    second = merge(first, run(30.0, good_module(path="a.py", killed=3)), plan)
    assert [m["killed"] for m in second["modules"]] == [3, 2, 1]
    assert second["modules_run"] == ["a.py"]
    assert [(r["seconds"], r["modules_run"]) for r in second["earlier_runs"]] == [
        (60.0, ["b.py"]),
        (800.0, ["c.py"]),
    ]


def test_a_full_run_keeps_nothing_and_a_module_left_out_of_the_plan_is_dropped() -> None:
    plan = Plan(modules={"a.py": [], "b.py": []}, ignore=[], equivalent={})
    previous = run(800.0, good_module(path="a.py"), good_module(path="gone.py"))
    merged = merge(previous, run(5.0, good_module(path="b.py")), plan)
    assert [m["path"] for m in merged["modules"]] == ["a.py", "b.py"]
    assert merged["earlier_runs"][0]["modules_run"] == ["a.py"]
    fresh = merge({}, run(5.0, good_module(path="a.py"), good_module(path="b.py")), plan)
    assert (fresh["modules_run"], fresh["earlier_runs"]) == (["a.py", "b.py"], [])


def test_only_cuts_the_plan_to_known_modules_in_the_plans_order() -> None:
    plan = Plan(modules={"a.py": ["t1"], "b.py": ["t2"], "c.py": ["t1"]}, ignore=[], equivalent={})
    assert list(plan.only(["c.py", "a.py"]).modules) == ["a.py", "c.py"]
    assert plan.only(["c.py", "a.py"]).tests == ["t1"]
    assert plan.only([]) == plan
    with pytest.raises(ValueError, match=r"nope\.py"):
        plan.only(["nope.py"])
