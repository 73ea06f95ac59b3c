"""tools/mutation/results.json (written by `make mutation`) stays consistent with its plan.

`make mutation` is too slow for `make test`; these checks are not. They fail when the committed
results leave a survivor unexplained, miscount, score below 90 %, or no longer cover the modules
tools/mutation/plan.toml lists (a module added to the plan needs a fresh `make mutation`).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tools.mutation.results import (
    MIN_SCORE,
    RESULTS,
    Equivalent,
    Plan,
    dotted_module,
    load_plan,
    merge,
    problems,
    score,
    summarize,
)

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


def test_score_leaves_equivalent_survivors_out() -> None:
    assert score(killed=9, survived=1, equivalent=0) == 0.9
    assert score(killed=9, survived=2, equivalent=1) == 0.9
    assert score(killed=0, survived=0, equivalent=0) == 1.0


def plan_for_leaks(equivalent: dict[str, Equivalent]) -> Plan:
    return Plan(
        modules={"src/hamsa_contract/judge/_leaks.py": ["tests/hamsa_contract"]},
        ignore=[],
        equivalent=equivalent,
    )


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

    (module,) = summarize(plan, statuses, diffs)

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
        "path": "src/hamsa_contract/judge/_leaks.py",
        "mutants": 10,
        "killed": 9,
        "survived": 1,
        "equivalent": [{"mutant": "m", "reason": "same behaviour", "diff": DIFF}],
        "unexplained": [],
        "score": 1.0,
    }
    return module | changes


def test_a_consistent_document_has_no_problems() -> None:
    assert problems({"modules": [good_module()]}, plan_for_leaks({})) == []


def test_problems_name_each_inconsistency() -> None:
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
        found = problems({"modules": [module]}, plan)
        assert any(expected in problem for problem in found), (expected, found)
    assert MIN_SCORE == 0.9
    other_plan = Plan(modules={"src/hamsa_contract/send/_target.py": []}, ignore=[], equivalent={})
    assert any("run make mutation" in p for p in problems({"modules": [good_module()]}, other_plan))


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
