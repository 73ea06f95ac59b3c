"""bench/results/mutation.json (written by `make mutation`) stays consistent with its plan.

`make mutation` is too slow for `make test`; these checks are not. They fail when the committed
results leave a survivor unexplained, miscount, score below 90 %, or no longer cover the modules
bench/mutation.toml lists (a module added to the plan needs a fresh `make mutation`).
"""

from __future__ import annotations

import json
from typing import Any

from bench.mutation_results import (
    MIN_SCORE,
    RESULTS,
    Equivalent,
    Plan,
    dotted_module,
    load_plan,
    problems,
    score,
    summarize,
)

DIFF = """--- contract_tests/leaks.py
+++ contract_tests/leaks.py
@@ -1,3 +1,3 @@
-    forms = {api_key, quote(api_key, safe="")}
+    forms = {api_key, quote(api_key, safe="XXXX")}"""


def test_the_committed_results_cover_the_plan_and_explain_every_survivor() -> None:
    document = json.loads(RESULTS.read_text(encoding="utf-8"))
    assert problems(document, load_plan()) == []
    assert document["seconds"] < 30 * 60, "make mutation must finish within 30 minutes"


def test_every_equivalent_mutant_in_the_results_has_its_change_and_reason() -> None:
    document = json.loads(RESULTS.read_text(encoding="utf-8"))
    plan = load_plan()
    for module in document["modules"]:
        for entry in module["equivalent"]:
            excuse = plan.equivalent[entry["mutant"]]
            assert excuse.reason == entry["reason"]
            assert excuse.change in entry["diff"]


def test_generated_modules_are_named_as_they_import() -> None:
    assert dotted_module("generated/hamsa_client/client.py") == "hamsa_client.client"
    assert dotted_module("contract_tests/mock/auth.py") == "contract_tests.mock.auth"


def test_score_leaves_equivalent_survivors_out() -> None:
    assert score(killed=9, survived=1, equivalent=0) == 0.9
    assert score(killed=9, survived=2, equivalent=1) == 0.9
    assert score(killed=0, survived=0, equivalent=0) == 1.0


def plan_for_leaks(equivalent: dict[str, Equivalent]) -> Plan:
    return Plan(
        modules={"contract_tests/leaks.py": ["tests/contract_suite"]},
        ignore=[],
        equivalent=equivalent,
    )


def test_a_survivor_is_equivalent_only_when_its_mutated_line_matches() -> None:
    statuses = {
        "contract_tests.leaks.x_key_leaks__mutmut_1": "killed",
        "contract_tests.leaks.x_key_leaks__mutmut_2": "timeout",
        "contract_tests.leaks.x_key_leaks__mutmut_3": "survived",
        "contract_tests.leaks.x_key_leaks__mutmut_4": "no tests",
        "contract_tests.redaction.x_curl_line__mutmut_1": "survived",  # another module
    }
    diffs = {
        "contract_tests.leaks.x_key_leaks__mutmut_3": DIFF,
        "contract_tests.leaks.x_key_leaks__mutmut_4": DIFF,
    }
    reason = "quote() ignores safe characters the key does not contain"
    excused = Equivalent(change='forms = {api_key, quote(api_key, safe="XXXX")}', reason=reason)
    renumbered = Equivalent(change="forms = None", reason="stale")
    plan = plan_for_leaks(
        {
            "contract_tests.leaks.x_key_leaks__mutmut_3": excused,
            "contract_tests.leaks.x_key_leaks__mutmut_4": renumbered,
        }
    )

    (module,) = summarize(plan, statuses, diffs)

    assert (module["mutants"], module["killed"], module["survived"]) == (4, 2, 2)
    assert [entry["mutant"] for entry in module["equivalent"]] == [
        "contract_tests.leaks.x_key_leaks__mutmut_3"
    ]
    assert module["equivalent"][0]["reason"] == reason
    assert [entry["mutant"] for entry in module["unexplained"]] == [
        "contract_tests.leaks.x_key_leaks__mutmut_4"
    ]
    assert module["score"] == score(2, 2, 1)
    assert any(
        "mutmut_4 (no tests) is not explained" in problem
        for problem in problems({"modules": [module]}, plan)
    )


def good_module(**changes: Any) -> dict[str, Any]:
    module: dict[str, Any] = {
        "path": "contract_tests/leaks.py",
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
    other_plan = Plan(modules={"contract_tests/target.py": []}, ignore=[], equivalent={})
    assert any("run make mutation" in p for p in problems({"modules": [good_module()]}, other_plan))
